import type { ComponentChildren } from 'preact';

/** How a badge reads at a glance. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

/** A short coloured label; the text itself always says the state (colour is never the only cue). */
export function Badge({ tone, children }: { tone: Tone; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}
