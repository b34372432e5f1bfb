import type { Clock } from '../clock.js';
import type {
  LedgerDrift,
  LedgerEntry,
  LedgerError,
  LedgerKind,
  LedgerPatch,
  SyncStore,
} from '../ports/sync-store.js';
import { canTransition, LEDGER_TRANSITIONS, type LedgerTransition } from './ledger-transitions.js';

/**
 * A document ready for the ledger: identity, the payload to send and its hash.
 *
 * @example
 * ```ts
 * const draft: DocumentDraft = {
 *   storeId: 'main', key: 'sale:1042', uid, kind: 'sale', orderId: 1042, refundId: null,
 *   template: 'Sale', payload: sale.document, payloadHash: sale.payloadHash,
 *   totalMinor: sale.totalMinor, currency: 'GEL',
 * };
 * ```
 */
export interface DocumentDraft {
  storeId: string;
  key: string;
  uid: string;
  kind: LedgerKind;
  orderId: number;
  refundId: number | null;
  template: string;
  /** The document as it will be sent; `null` when it could not be built. */
  payload: unknown;
  /** `''` when there is no payload. */
  payloadHash: string;
  totalMinor: number;
  currency: string;
}

/**
 * The document ledger's transitions as compare-and-set writes on `SyncStore.ledger`. Every
 * method takes the row as last read and returns the updated row, or `undefined` when another
 * writer moved the row first (the caller then stops quietly: the other writer owns it).
 * A transition the state machine ({@link LEDGER_TRANSITIONS}) does not allow from the row's
 * state also returns `undefined` without writing.
 *
 * @example
 * ```ts
 * const ledger = new DocumentLedger(store, clock);
 * const { entry } = await ledger.record(draft);
 * const sent = await ledger.send(entry, draft);
 * if (!sent) return; // another worker is on it
 * await balance.sales.upsert(draft.payload as SaleDocument);
 * await ledger.confirm(sent);
 * ```
 */
export class DocumentLedger {
  readonly #store: SyncStore;
  readonly #clock: Clock;

  constructor(store: SyncStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  /** The row with this key, if any. */
  get(storeId: string, key: string): Promise<LedgerEntry | undefined> {
    return this.#store.ledger.get(storeId, key);
  }

  /**
   * Inserts the row if absent: `pending` with the draft's payload, or `failed` with `error`
   * when the document could not be built. Returns the stored row either way.
   */
  async record(
    draft: DocumentDraft,
    error?: LedgerError,
  ): Promise<{ entry: LedgerEntry; inserted: boolean }> {
    const now = this.#now();
    return this.#store.ledger.insert({
      ...draft,
      state: error ? 'failed' : (LEDGER_TRANSITIONS.record.to ?? 'pending'),
      attempts: 0,
      lastError: error ?? null,
      drift: null,
      createdAt: now,
      updatedAt: now,
      exportedAt: null,
    });
  }

  /**
   * `→ sent` with `attempts + 1` and the latest build (payload, hash, total). Any drift
   * recorded before (a reopened, exported row) is cleared: what is sent now is what Balance
   * will have.
   */
  send(row: LedgerEntry, draft: DocumentDraft): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'send', {
      attempts: row.attempts + 1,
      payload: draft.payload,
      payloadHash: draft.payloadHash,
      totalMinor: draft.totalMinor,
      drift: null,
    });
  }

  /** `sent → exported`. */
  confirm(row: LedgerEntry): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'confirm', { lastError: null, exportedAt: this.#now() });
  }

  /**
   * `→ failed` with the error; with `draft`, the payload that was refused (or `null` when
   * the document could not be built) replaces the stored one.
   */
  reject(
    row: LedgerEntry,
    error: LedgerError,
    draft?: DocumentDraft,
  ): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'reject', {
      lastError: error,
      ...(draft
        ? { payload: draft.payload, payloadHash: draft.payloadHash, totalMinor: draft.totalMinor }
        : {}),
    });
  }

  /** Records a transient failure; the state stays. */
  noteRetry(row: LedgerEntry, error: LedgerError): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'note-retry', { lastError: error });
  }

  /** `→ dead` after the queue's last attempt. */
  giveUp(row: LedgerEntry, error: LedgerError): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'give-up', { lastError: error });
  }

  /** Operator retry: `failed` / `dead` / `exported` → `pending`. */
  reopen(row: LedgerEntry): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'reopen', {});
  }

  /** Records (or, with `null`, clears) drift on an exported row. */
  noteDrift(row: LedgerEntry, drift: LedgerDrift | null): Promise<LedgerEntry | undefined> {
    return this.#move(row, 'note-drift', { drift });
  }

  async #move(
    row: LedgerEntry,
    transition: LedgerTransition,
    patch: Omit<LedgerPatch, 'updatedAt' | 'state'>,
  ): Promise<LedgerEntry | undefined> {
    if (!canTransition(row.state, transition)) return undefined;
    const to = LEDGER_TRANSITIONS[transition].to;
    return this.#store.ledger.update(row.storeId, row.key, row.version, {
      ...patch,
      ...(to === undefined ? {} : { state: to }),
      updatedAt: this.#now(),
    });
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}
