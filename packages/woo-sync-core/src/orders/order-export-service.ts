import type { EventEmitter } from 'eventemitter3';
import type { EngineContext } from '../engine/engine-context.js';
import type { DocumentAttemptOptions } from './document-exporter.js';
import {
  type RetryDocumentRequest,
  type RetryDocumentResult,
  retryDocument,
} from './document-retry.js';
import { type DryRunRequest, type DryRunResult, dryRunOrders } from './order-dry-run.js';
import type { OrderExportEventMap } from './order-events.js';
import {
  OrderExporter,
  type OrderExportRequest,
  type OrderExportResult,
  type RefundExportRequest,
  type ReturnRequestExportRequest,
} from './order-exporter.js';
import { type ReconcileRequest, reconcileOrders } from './order-reconciler.js';
import { type SweepRequest, type SweepResult, sweepOrders } from './order-sweep.js';
import { createOrdersContext, type OrderExportOptions } from './orders-context.js';
import type { ReconciliationReport } from './reconciliation-report.js';

/**
 * The order export of the engine (`engine.orders`): WooCommerce orders and refunds to Balance
 * Sales and Sales Credit Notes, exactly once, through the document ledger.
 *
 * Failures: methods that export throw what the queue needs — a `RetryLaterError`
 * (`waiting_for_sale`, or Balance's `Retry-After`), the transient error itself (Balance or
 * the store unreachable; the queue backs off), or an {@link OrderExportError} (a
 * configuration problem). Documents Balance refuses are not thrown: they come back as
 * `failed` outcomes (and `failed` events), and the job handler turns them into a
 * `PermanentJobError`.
 *
 * @example
 * ```ts
 * const engine = createSyncEngine({ config, balance, woo, store, queue });
 * engine.orders.events.on('exported', ({ key, uid }) => console.log(key, '→', uid));
 * await engine.orders.exportOrder({ storeId: 'main', orderId: 1042 });
 * const report = await engine.orders.reconcile({ storeId: 'main', from, to });
 * console.log(report.text);
 * ```
 */
export interface OrderExportService {
  /** pending / sent / exported / failed / retrying / dead / drift / dry-run / waiting / swept / reconciled. */
  readonly events: EventEmitter<OrderExportEventMap>;
  /**
   * The `export-order` job: reads the order fresh; not paid → nothing; paid → builds the
   * Sale, records it, PUTs it, marks it exported, writes `_balance_sale_uid` to the order,
   * then exports each refund's credit note.
   */
  exportOrder(
    request: OrderExportRequest,
    options?: DocumentAttemptOptions,
  ): Promise<OrderExportResult>;
  /** The `export-refund` job: one refund's credit note; waits for the Sale (`RetryLaterError`). */
  exportRefund(
    request: RefundExportRequest,
    options?: DocumentAttemptOptions,
  ): Promise<OrderExportResult>;
  /** The `push-return-request` job: a return credit note for lines of an exported order. */
  pushReturnRequest(
    request: ReturnRequestExportRequest,
    options?: DocumentAttemptOptions,
  ): Promise<OrderExportResult>;
  /** The `sweep-orders` job: enqueues `export-order` for orders changed since the cursor. */
  sweepOrders(request: SweepRequest): Promise<SweepResult>;
  /** Builds and validates documents through the dry-run client; sends and records nothing. */
  dryRun(request: DryRunRequest): Promise<DryRunResult>;
  /** Store vs ledger vs Balance for a range, to the tetri, with the fix for each problem. */
  reconcile(request: ReconcileRequest): Promise<ReconciliationReport>;
  /** An operator's retry of a `failed` / `dead` document (or a resend of an exported one). */
  retryDocument(request: RetryDocumentRequest): Promise<RetryDocumentResult>;
}

/**
 * Builds the order export service from the engine's shared context (`createSyncEngine` does
 * this for `engine.orders`). Pure engine: Balance through `context.balance`, stores through
 * `context.woo`, storage through `context.store`, jobs through `options.queue`, time from
 * `context.clock`.
 *
 * @example
 * ```ts
 * const orders = createOrderExportService(createEngineContext({ config, balance, woo, store }), { queue });
 * await orders.sweepOrders({ storeId: 'main' });
 * ```
 */
export function createOrderExportService(
  context: EngineContext,
  options: OrderExportOptions = {},
): OrderExportService {
  const orders = createOrdersContext(context, options);
  const exporter = new OrderExporter(orders);
  return {
    events: orders.events,
    exportOrder: (request, attempt) => exporter.exportOrder(request, attempt),
    exportRefund: (request, attempt) => exporter.exportRefund(request, attempt),
    pushReturnRequest: (request, attempt) => exporter.pushReturnRequest(request, attempt),
    sweepOrders: (request) => sweepOrders(orders, request),
    dryRun: (request) => dryRunOrders(orders, request),
    reconcile: (request) => reconcileOrders(orders, request),
    retryDocument: (request) => retryDocument(orders, exporter, request),
  };
}
