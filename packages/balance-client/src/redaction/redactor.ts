/** Replacement text for anything secret. */
export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY = /pass(word)?|secret|token|authori[sz]ation|cookie|api[-_]?key/i;
const BASIC_CREDENTIALS = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi;
const URL_USERINFO = /\/\/[^/\s:@]+:[^/\s@]+@/g;

/**
 * Removes secrets from text and values before they reach an error, an event or a log.
 * Created once per client with that client's credentials.
 */
export interface Redactor {
  /** Replaces every known secret, `Basic …`/`Bearer …` credential and URL user-info in `text`. */
  text(text: string): string;
  /**
   * Deep copy of `value` with secret-looking keys (`password`, `authorization`, `token`, …)
   * replaced and every string passed through {@link Redactor.text}.
   */
  value(value: unknown): unknown;
}

/** Builds a {@link Redactor} that knows the given secrets (empty strings are ignored). */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another one is replaced whole.
  const known = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (input: string): string => {
    let output = input.replace(BASIC_CREDENTIALS, `$1 ${REDACTED}`).replace(URL_USERINFO, '//');
    for (const secret of known) output = output.split(secret).join(REDACTED);
    return output;
  };
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth > 20) return '[…]';
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const output: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) {
      output[key] = SENSITIVE_KEY.test(key) ? REDACTED : value(item, depth + 1);
    }
    return output;
  };
  return { text, value: (input) => value(input) };
}

/**
 * Cuts `text` to at most `max` characters, marking the cut with `…`.
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
