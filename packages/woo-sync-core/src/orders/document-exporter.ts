import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock.js';
import { RetryLaterError } from '../jobs/retry-later-error.js';
import type { Logger } from '../logger.js';
import type { LedgerEntry, LedgerError, LedgerState } from '../ports/sync-store.js';
import { type BalanceFailure, classifyBalanceFailure } from './balance-failure.js';
import { describeDrift } from './document-drift.js';
import type { DocumentDraft, DocumentLedger } from './document-ledger.js';
import { UNEXPORTED_STATES } from './ledger-transitions.js';
import type { DocumentEventBase, OrderExportEventMap } from './order-events.js';
import { type ReadBackDocument, readBackMatches } from './read-back.js';

/**
 * What an export did with one document:
 * - `exported`: sent now and confirmed by Balance;
 * - `confirmed`: a previous PUT had reached Balance (found by reading it back), nothing sent;
 * - `unchanged`: already exported and still the same;
 * - `drift`: already exported, but the store changed since (recorded, not re-sent);
 * - `failed`: Balance or the builder refused it; the row is `failed`;
 * - `superseded`: another worker moved the row first; it owns the document now.
 *
 * @example
 * ```ts
 * const sent = result.documents.filter((doc) => doc.action === 'exported' || doc.action === 'confirmed');
 * ```
 */
export type DocumentAction =
  | 'exported'
  | 'confirmed'
  | 'unchanged'
  | 'drift'
  | 'failed'
  | 'superseded';

/**
 * The outcome of exporting one document.
 *
 * @example
 * ```ts
 * const { documents } = await engine.orders.exportOrder({ storeId: 'main', orderId: 1042 });
 * for (const doc of documents) console.log(doc.key, doc.action, doc.state);
 * ```
 */
export interface DocumentOutcome {
  key: string;
  uid: string;
  kind: LedgerEntry['kind'];
  orderId: number;
  refundId: number | null;
  action: DocumentAction;
  /** The row's state after the export (as last seen, for `superseded`). */
  state: LedgerState;
  /** For `failed`: why. */
  error?: LedgerError;
}

/**
 * Options of one export attempt.
 *
 * @example
 * ```ts
 * await engine.orders.exportOrder({ storeId: 'main', orderId: 1042 }, { finalAttempt: context.attempt >= job.maxAttempts });
 * ```
 */
export interface DocumentAttemptOptions {
  /**
   * This is the last attempt the queue will make: a transient failure then moves the
   * document to `dead` (instead of leaving it `sent` for the next attempt).
   * @default false
   */
  finalAttempt?: boolean;
}

/**
 * How to send and read back one document.
 *
 * @example
 * ```ts
 * const spec: DocumentSendSpec = {
 *   draft, decimals: 2, checkDrift: true,
 *   put: () => balance.sales.upsert(sale.document),
 *   readBack: () => balance.sales.get(sale.uid),
 * };
 * ```
 */
export interface DocumentSendSpec {
  draft: DocumentDraft;
  decimals: number;
  /** The uid-keyed PUT. */
  put(): Promise<unknown>;
  /** `GET <template>?uid=`; `undefined` when Balance does not have it. */
  readBack(): Promise<ReadBackDocument | undefined>;
  /** Whether an exported row is compared with the draft to detect drift. */
  checkDrift: boolean;
}

/**
 * What {@link DocumentExporter} needs.
 *
 * @example
 * ```ts
 * const exporter = new DocumentExporter({ ledger, events, clock, logger } satisfies DocumentExporterDeps);
 * ```
 */
export interface DocumentExporterDeps {
  ledger: DocumentLedger;
  events: EventEmitter<OrderExportEventMap>;
  clock: Clock;
  logger: Logger;
}

/**
 * The {@link DocumentOutcome} of a ledger row.
 *
 * @example
 * ```ts
 * documentOutcome(row, 'unchanged'); // { key: 'sale:1042', …, action: 'unchanged', state: 'exported' }
 * ```
 */
export function documentOutcome(
  row: LedgerEntry,
  action: DocumentAction,
  error?: LedgerError,
): DocumentOutcome {
  return {
    key: row.key,
    uid: row.uid,
    kind: row.kind,
    orderId: row.orderId,
    refundId: row.refundId,
    action,
    state: row.state,
    ...(error ? { error } : {}),
  };
}

/**
 * The fields every document event carries, for a ledger row.
 *
 * @example
 * ```ts
 * events.emit('sent', documentEventBase(row, clock.now().toISOString()));
 * ```
 */
export function documentEventBase(row: LedgerEntry, at: string): DocumentEventBase {
  return {
    storeId: row.storeId,
    key: row.key,
    uid: row.uid,
    kind: row.kind,
    orderId: row.orderId,
    refundId: row.refundId,
    template: row.template,
    attempts: row.attempts,
    at,
  };
}

/**
 * The ledger protocol for one document (DESIGN invariant 1):
 *
 * 1. insert `pending` if absent (deterministic key and uid, payload and its hash);
 * 2. an `exported` row is never sent again — a different rebuilt hash is recorded as drift;
 * 3. a `sent` row whose payload is unchanged is first read back by uid: when Balance already
 *    has it (same client, date, and items, quantities and amounts line for line), it is
 *    confirmed without a second PUT;
 * 4. CAS to `sent` (`attempts + 1`, latest payload) → PUT (an upsert by uid) → CAS to
 *    `exported`;
 * 5. a rejection (4xx with `Error` messages, posting failure, invalid input) → `failed` at
 *    once; a transient failure (network, timeout, 5xx, 429) keeps the row `sent` and is
 *    thrown for the queue to retry with backoff (a `RetryLaterError` when Balance sent
 *    `Retry-After`), or moves it to `dead` on the queue's final attempt.
 *
 * When a compare-and-set loses (another worker moved the row), the exporter stops quietly
 * with `superseded`.
 *
 * @example
 * ```ts
 * const outcome = await exporter.export(spec, { finalAttempt: false });
 * if (outcome.action === 'failed') console.error(outcome.error?.messages);
 * ```
 */
export class DocumentExporter {
  readonly #deps: DocumentExporterDeps;

  constructor(deps: DocumentExporterDeps) {
    this.#deps = deps;
  }

  /** Runs the protocol for one built document. */
  async export(
    spec: DocumentSendSpec,
    options: DocumentAttemptOptions = {},
  ): Promise<DocumentOutcome> {
    const { ledger, events } = this.#deps;
    const { draft } = spec;
    const { entry, inserted } = await ledger.record(draft);
    if (inserted) {
      events.emit('pending', {
        ...this.#base(entry),
        payloadHash: entry.payloadHash,
        totalMinor: entry.totalMinor,
      });
    }
    if (entry.state === 'exported') return this.#alreadyExported(entry, spec);

    let row = entry;
    if (!inserted && row.state === 'sent' && row.payloadHash === draft.payloadHash) {
      try {
        const found = await spec.readBack();
        if (found && readBackMatches(found, draft.payload)) {
          const confirmed = await ledger.confirm(row);
          if (!confirmed) return this.#superseded(row);
          events.emit('exported', {
            ...this.#base(confirmed),
            via: 'read-back',
            totalMinor: confirmed.totalMinor,
          });
          return this.#outcome(confirmed, 'confirmed');
        }
      } catch (error) {
        return this.#failure(row, error, draft, options);
      }
    }

    const sent = await ledger.send(row, draft);
    if (!sent) return this.#superseded(row);
    row = sent;
    events.emit('sent', this.#base(sent));
    try {
      await spec.put();
    } catch (error) {
      return this.#failure(sent, error, draft, options);
    }
    const exported = await ledger.confirm(sent);
    if (!exported) return this.#superseded(sent);
    events.emit('exported', {
      ...this.#base(exported),
      via: 'put',
      totalMinor: exported.totalMinor,
    });
    return this.#outcome(exported, 'exported');
  }

  /**
   * Records a document that could not be built (unmapped line, bad amounts, invalid
   * customer ID): a new row is inserted `failed`; an unexported row becomes `failed` (its
   * last payload kept); an exported row is left alone (`unchanged`).
   */
  async recordBuildFailure(draft: DocumentDraft, error: LedgerError): Promise<DocumentOutcome> {
    const { ledger, events } = this.#deps;
    const { entry, inserted } = await ledger.record(draft, error);
    if (inserted) {
      events.emit('failed', { ...this.#base(entry), error });
      return this.#outcome(entry, 'failed', error);
    }
    if (entry.state === 'exported') return this.#outcome(entry, 'unchanged');
    const failed = await ledger.reject(entry, error);
    if (!failed) return this.#superseded(entry);
    events.emit('failed', { ...this.#base(failed), error });
    return this.#outcome(failed, 'failed', error);
  }

  /**
   * Handles a transient failure that happened around a document (reading the order,
   * resolving the customer, a read-back): records it on the row (or moves it to `dead` on
   * the final attempt) and throws for the queue. Never returns.
   */
  async transient(
    row: LedgerEntry | undefined,
    error: unknown,
    options: DocumentAttemptOptions,
    failure: BalanceFailure = classifyBalanceFailure(error),
  ): Promise<never> {
    const { ledger, events } = this.#deps;
    if (row && UNEXPORTED_STATES.includes(row.state)) {
      const ledgerError = this.#ledgerError(failure);
      if (options.finalAttempt) {
        const dead = await ledger.giveUp(row, ledgerError);
        if (dead) events.emit('dead', { ...this.#base(dead), error: ledgerError });
      } else {
        const noted = await ledger.noteRetry(row, ledgerError);
        if (noted) {
          events.emit('retrying', {
            ...this.#base(noted),
            error: ledgerError,
            ...(failure.retryAfterMs === undefined ? {} : { delayMs: failure.retryAfterMs }),
          });
        }
      }
    }
    this.#deps.logger.warn(
      { key: row?.key, code: failure.code, status: failure.status },
      `Balance export will be retried: ${failure.message}`,
    );
    if (failure.retryAfterMs !== undefined && !options.finalAttempt) {
      throw new RetryLaterError(failure.message, {
        code: 'balance_rate_limited',
        delayMs: failure.retryAfterMs,
        cause: error,
      });
    }
    throw error;
  }

  async #failure(
    row: LedgerEntry,
    error: unknown,
    draft: DocumentDraft,
    options: DocumentAttemptOptions,
  ): Promise<DocumentOutcome> {
    const failure = classifyBalanceFailure(error);
    if (failure.kind === 'transient') return this.transient(row, error, options, failure);
    const ledgerError = this.#ledgerError(failure);
    const failed = await this.#deps.ledger.reject(row, ledgerError, draft);
    if (!failed) return this.#superseded(row);
    this.#deps.events.emit('failed', { ...this.#base(failed), error: ledgerError });
    return this.#outcome(failed, 'failed', ledgerError);
  }

  async #alreadyExported(row: LedgerEntry, spec: DocumentSendSpec): Promise<DocumentOutcome> {
    const { draft } = spec;
    if (!spec.checkDrift || row.payloadHash === '') return this.#outcome(row, 'unchanged');
    if (row.payloadHash === draft.payloadHash) {
      if (!row.drift) return this.#outcome(row, 'unchanged');
      const cleared = await this.#deps.ledger.noteDrift(row, null);
      if (!cleared) return this.#superseded(row);
      this.#deps.events.emit('drift', {
        ...this.#base(cleared),
        drift: null,
        exportedHash: row.payloadHash,
      });
      return this.#outcome(cleared, 'unchanged');
    }
    if (row.drift?.payloadHash === draft.payloadHash) return this.#outcome(row, 'drift');
    const drift = {
      detectedAt: this.#now(),
      payloadHash: draft.payloadHash,
      summary: describeDrift({
        exportedPayload: row.payload,
        exportedTotalMinor: row.totalMinor,
        currentPayload: draft.payload,
        currentTotalMinor: draft.totalMinor,
        decimals: spec.decimals,
      }),
    };
    const noted = await this.#deps.ledger.noteDrift(row, drift);
    if (!noted) return this.#superseded(row);
    this.#deps.events.emit('drift', { ...this.#base(noted), drift, exportedHash: row.payloadHash });
    this.#deps.logger.warn(
      { key: row.key, uid: row.uid },
      `Exported document ${row.key} differs from the store now (${drift.summary}); it is not re-sent`,
    );
    return this.#outcome(noted, 'drift');
  }

  #ledgerError(failure: BalanceFailure): LedgerError {
    return {
      code: failure.code,
      message: failure.message,
      messages: failure.messages,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      at: this.#now(),
    };
  }

  #superseded(row: LedgerEntry): DocumentOutcome {
    this.#deps.logger.debug(
      { key: row.key },
      `Ledger row ${row.key} was moved by another worker; leaving it to that worker`,
    );
    return this.#outcome(row, 'superseded');
  }

  #outcome(row: LedgerEntry, action: DocumentAction, error?: LedgerError): DocumentOutcome {
    return documentOutcome(row, action, error);
  }

  #base(row: LedgerEntry): DocumentEventBase {
    return documentEventBase(row, this.#now());
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}
