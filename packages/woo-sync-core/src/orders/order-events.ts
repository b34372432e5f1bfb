import type { LedgerDrift, LedgerError, LedgerKind, RunReport } from '../ports/sync-store.js';
import type { UtcDateTime } from '../ports/woocommerce-port.js';
import type { ReconciliationReport } from './reconciliation-report.js';

/**
 * What every document event says about the document: which ledger row, which Balance
 * document, which WooCommerce order (and refund).
 *
 * @example
 * ```ts
 * engine.orders.events.on('exported', (e: DocumentEventBase) => console.log(e.key, e.uid));
 * ```
 */
export interface DocumentEventBase {
  storeId: string;
  /** Ledger key: `sale:<orderId>`, `credit:<refundId>`, `return:<orderId>:<requestId>`. */
  key: string;
  /** The Balance document uid. */
  uid: string;
  kind: LedgerKind;
  orderId: number;
  refundId: number | null;
  /** Balance URL template (`Sale`, `SalesCredit`). */
  template: string;
  /** Send attempts so far. */
  attempts: number;
  at: UtcDateTime;
}

/**
 * A document was recorded in the ledger (`pending`), with the payload that will be sent.
 *
 * @example
 * ```ts
 * engine.orders.events.on('pending', (e: DocumentPendingEvent) => metrics.increment('documents.recorded'));
 * ```
 */
export interface DocumentPendingEvent extends DocumentEventBase {
  payloadHash: string;
  /** Document total in minor units (tetri). */
  totalMinor: number;
}

/**
 * A PUT is being made (the row is `sent`).
 *
 * @example
 * ```ts
 * engine.orders.events.on('sent', (e: DocumentSentEvent) => log.debug({ key: e.key, attempt: e.attempts }));
 * ```
 */
export type DocumentSentEvent = DocumentEventBase;

/**
 * Balance confirmed the document (the row is `exported`). `via: 'read-back'` means a previous
 * PUT had been applied although its response was lost, so nothing was sent this time.
 *
 * @example
 * ```ts
 * engine.orders.events.on('exported', (e: DocumentExportedEvent) => log.info({ key: e.key, via: e.via }));
 * ```
 */
export interface DocumentExportedEvent extends DocumentEventBase {
  via: 'put' | 'read-back';
  totalMinor: number;
}

/**
 * Balance (or the builder) refused the document: the row is `failed` and waits for a person
 * (fix what the messages say, then retry) or for a change of the order.
 *
 * @example
 * ```ts
 * engine.orders.events.on('failed', (e: DocumentFailedEvent) => alert(e.key, e.error.messages));
 * ```
 */
export interface DocumentFailedEvent extends DocumentEventBase {
  error: LedgerError;
}

/**
 * A transient failure (Balance down, 5xx, 429, timeout): the document will be tried again.
 *
 * @example
 * ```ts
 * engine.orders.events.on('retrying', (e: DocumentRetryingEvent) => log.warn({ key: e.key, in: e.delayMs }));
 * ```
 */
export interface DocumentRetryingEvent extends DocumentEventBase {
  error: LedgerError;
  /** The wait Balance asked for (`Retry-After`), when it did; otherwise the queue's backoff. */
  delayMs?: number;
}

/**
 * The queue's last attempt failed transiently: the row is `dead` and waits for an operator's
 * retry.
 *
 * @example
 * ```ts
 * engine.orders.events.on('dead', (e: DocumentDeadEvent) => pager.notify(`${e.key}: ${e.error.message}`));
 * ```
 */
export interface DocumentDeadEvent extends DocumentEventBase {
  error: LedgerError;
}

/**
 * An exported document would be different if built now (the order changed after export). It
 * is **not** re-sent; the drift is recorded on the row (and cleared when the change is undone).
 *
 * @example
 * ```ts
 * engine.orders.events.on('drift', (e: DocumentDriftEvent) => log.warn({ key: e.key }, e.drift?.summary));
 * ```
 */
export interface DocumentDriftEvent extends DocumentEventBase {
  /** The drift now recorded, or `null` when it was cleared. */
  drift: LedgerDrift | null;
  /** Hash of the payload that was exported. */
  exportedHash: string;
}

/**
 * A document was built and validated by a dry run; nothing was sent or recorded in the
 * ledger.
 *
 * @example
 * ```ts
 * engine.orders.events.on('dry-run', (e: DocumentDryRunEvent) => console.log(e.key, JSON.stringify(e.body)));
 * ```
 */
export interface DocumentDryRunEvent {
  storeId: string;
  key: string;
  uid: string;
  kind: LedgerKind;
  orderId: number;
  refundId: number | null;
  template: string;
  /** The JSON array body that would have been sent. */
  body: readonly unknown[];
  totalMinor: number;
}

/**
 * A refund could not be exported yet because its order's Sale is not exported.
 *
 * @example
 * ```ts
 * engine.orders.events.on('waiting', (e: RefundWaitingEvent) => log.info(e));
 * ```
 */
export interface RefundWaitingEvent {
  storeId: string;
  orderId: number;
  refundId: number;
  reason: 'waiting_for_sale';
  /** When the refund is tried again. */
  retryInMs: number;
}

/**
 * The order sweep finished.
 *
 * @example
 * ```ts
 * engine.orders.events.on('swept', (e: OrdersSweptEvent) => log.info({ enqueued: e.enqueued }));
 * ```
 */
export interface OrdersSweptEvent {
  storeId: string;
  scanned: number;
  enqueued: number;
  report: RunReport;
}

/**
 * A reconciliation finished.
 *
 * @example
 * ```ts
 * engine.orders.events.on('reconciled', (e: OrdersReconciledEvent) => e.report.summary.ok);
 * ```
 */
export interface OrdersReconciledEvent {
  storeId: string;
  report: ReconciliationReport;
}

/**
 * The order export's typed events (eventemitter3), on `engine.orders.events`. One event per
 * ledger transition (`pending`, `sent`, `exported`, `failed`, `retrying`, `dead`, `drift`),
 * plus dry runs, refunds waiting for their Sale, sweeps and reconciliations. Events carry ids,
 * states and Balance's messages — never credentials.
 *
 * @example
 * ```ts
 * engine.orders.events.on('failed', ({ key, error }) => console.error(key, error.messages));
 * engine.orders.events.on('drift', ({ key, drift }) => console.warn(key, drift?.summary));
 * ```
 */
export interface OrderExportEventMap {
  pending: [DocumentPendingEvent];
  sent: [DocumentSentEvent];
  exported: [DocumentExportedEvent];
  failed: [DocumentFailedEvent];
  retrying: [DocumentRetryingEvent];
  dead: [DocumentDeadEvent];
  drift: [DocumentDriftEvent];
  'dry-run': [DocumentDryRunEvent];
  waiting: [RefundWaitingEvent];
  swept: [OrdersSweptEvent];
  reconciled: [OrdersReconciledEvent];
}
