import { EventEmitter } from 'eventemitter3';
import type { EngineContext } from '../engine/engine-context.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { UtcDateTime } from '../ports/woocommerce-port.js';
import { DocumentExporter } from './document-exporter.js';
import { DocumentLedger } from './document-ledger.js';
import { OrderDocuments } from './order-documents.js';
import type { OrderExportEventMap } from './order-events.js';
import { OrderExportError } from './order-export-error.js';

/**
 * Options of the order export service (`engine.orders`).
 *
 * @example
 * ```ts
 * const orders = createOrderExportService(context, { queue, waitForSaleMs: 30_000 });
 * ```
 */
export interface OrderExportOptions {
  /**
   * The job queue the sweep and operator retries enqueue into (the worker's queue). Without
   * one, `sweepOrders` refuses and `retryDocument` exports inline.
   */
  queue?: JobQueue | undefined;
  /**
   * How long a refund (or return request) waits before it is tried again when its order's
   * Sale is not exported yet.
   * @default 60000
   */
  waitForSaleMs?: number;
  /**
   * How long product mappings are cached between exports (a line that is not mapped
   * reloads them at once).
   * @default 60000
   */
  mappingCacheMs?: number;
}

/**
 * Everything the order export's parts share (internal).
 *
 * @example
 * ```ts
 * const context: OrdersContext = createOrdersContext(engineContext, { queue });
 * ```
 */
export interface OrdersContext {
  readonly engine: EngineContext;
  readonly queue: JobQueue | undefined;
  readonly events: EventEmitter<OrderExportEventMap>;
  readonly ledger: DocumentLedger;
  readonly documents: OrderDocuments;
  readonly exporter: DocumentExporter;
  readonly waitForSaleMs: number;
  now(): UtcDateTime;
  requireQueue(operation: string): JobQueue;
}

/**
 * Assembles the {@link OrdersContext} from the engine's context.
 *
 * @example
 * ```ts
 * const context = createOrdersContext(createEngineContext({ config, balance, woo, store }), { queue });
 * ```
 */
export function createOrdersContext(
  engine: EngineContext,
  options: OrderExportOptions = {},
): OrdersContext {
  const events = new EventEmitter<OrderExportEventMap>();
  const ledger = new DocumentLedger(engine.store, engine.clock);
  const queue = options.queue;
  return {
    engine,
    queue,
    events,
    ledger,
    documents: new OrderDocuments(engine, options.mappingCacheMs ?? 60_000),
    exporter: new DocumentExporter({ ledger, events, clock: engine.clock, logger: engine.logger }),
    waitForSaleMs: options.waitForSaleMs ?? 60_000,
    now: () => engine.clock.now().toISOString(),
    requireQueue(operation) {
      if (queue) return queue;
      throw new OrderExportError(
        'queue_required',
        `${operation} enqueues jobs, but the engine was created without a queue: pass "queue" to createSyncEngine (the worker's JobQueue)`,
      );
    },
  };
}
