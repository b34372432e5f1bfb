import type { LedgerState } from '../ports/sync-store.js';

/**
 * Why a ledger row moves, one name per arrow of the state machine:
 * - `record`: a row is inserted (`pending` with its payload, or `failed` when the document
 *   could not be built — the only arrow that may end elsewhere than its `to`);
 * - `send`: a PUT is about to be made (`attempts + 1`, latest payload);
 * - `confirm`: Balance confirmed the document (the PUT succeeded, or a read-back found it);
 * - `reject`: Balance (or the builder) refused the document — waits for a person or a change;
 * - `note-retry`: a transient failure; the row keeps its state and records the error;
 * - `give-up`: the queue's last attempt failed transiently;
 * - `reopen`: an operator retry (`failed`/`dead` → `pending`, or `exported` → `pending` with
 *   `resend`);
 * - `note-drift`: the store changed after export; the row records (or clears) the drift.
 *
 * @example
 * ```ts
 * const transition: LedgerTransition = 'send';
 * canTransition(row.state, transition);
 * ```
 */
export type LedgerTransition =
  | 'record'
  | 'send'
  | 'confirm'
  | 'reject'
  | 'note-retry'
  | 'give-up'
  | 'reopen'
  | 'note-drift';

/**
 * The document ledger's state machine: for each transition, the states it may start from and
 * the state it ends in (`undefined` = the state does not change). `record` starts from no row.
 *
 * ```text
 *            record                send                 confirm
 *   (none) ─────────▶ pending ─────────────▶ sent ───────────────▶ exported ─┐ note-drift
 *      │                 │  ▲                │ ▲ note-retry / send    ▲  └─────┘
 *      │ record          │  │ reopen         │ └────┘                 │
 *      ▼                 ▼  │                ├── reject ──▶ failed ───┤ send
 *    failed ◀─ reject ───┘  └── failed/dead ─┤                        │
 *                                            └── give-up ─▶ dead ─────┘ send
 * ```
 *
 * An `exported` row is never sent again: only `note-drift` and an operator's `reopen`
 * (`resend`, for a document deleted in Balance) apply to it.
 *
 * @example
 * ```ts
 * LEDGER_TRANSITIONS.send.from; // ['pending', 'sent', 'failed', 'dead']
 * ```
 */
export const LEDGER_TRANSITIONS: Readonly<
  Record<LedgerTransition, { readonly from: readonly LedgerState[]; readonly to?: LedgerState }>
> = Object.freeze({
  record: { from: [], to: 'pending' },
  send: { from: ['pending', 'sent', 'failed', 'dead'], to: 'sent' },
  confirm: { from: ['sent'], to: 'exported' },
  reject: { from: ['pending', 'sent', 'failed', 'dead'], to: 'failed' },
  'note-retry': { from: ['pending', 'sent'] },
  'give-up': { from: ['pending', 'sent', 'dead'], to: 'dead' },
  reopen: { from: ['failed', 'dead', 'exported'], to: 'pending' },
  'note-drift': { from: ['exported'] },
});

/**
 * Whether `transition` may start from `state`.
 *
 * @example
 * ```ts
 * canTransition('exported', 'send'); // false — an exported document is never re-sent
 * canTransition('dead', 'send');     // true
 * ```
 */
export function canTransition(state: LedgerState, transition: LedgerTransition): boolean {
  return LEDGER_TRANSITIONS[transition].from.includes(state);
}

/**
 * The states in which a document still has to reach Balance (everything but `exported`).
 *
 * @example
 * ```ts
 * UNEXPORTED_STATES.includes(row.state); // the row is re-sent with the latest build
 * ```
 */
export const UNEXPORTED_STATES: readonly LedgerState[] = Object.freeze([
  'pending',
  'sent',
  'failed',
  'dead',
]);
