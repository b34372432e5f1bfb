import type { RunReport } from '../ports/sync-store.js';
import type { ChangeCursor, WooOrder } from '../ports/woocommerce-port.js';
import { toUtcIso } from '../time/utc-instant.js';
import { enqueueOrderExport } from './order-jobs.js';
import type { OrdersContext } from './orders-context.js';
import { isPaidOrder } from './paid-order.js';

/**
 * Name of the order sweep's cursor in `SyncStore.cursors`.
 *
 * @example
 * ```ts
 * await store.cursors.get('main', ORDER_SWEEP_CURSOR); // { timestamp, id } of the last order seen
 * ```
 */
export const ORDER_SWEEP_CURSOR = 'orders:sweep';

/** How many enqueues are made durable before the cursor moves past them. */
const CURSOR_CHECKPOINT = 100;

/**
 * Which store to sweep.
 *
 * @example
 * ```ts
 * await engine.orders.sweepOrders({ storeId: 'main' } satisfies SweepRequest);
 * ```
 */
export interface SweepRequest {
  storeId: string;
}

/**
 * What a sweep did.
 *
 * @example
 * ```ts
 * const result: SweepResult = await engine.orders.sweepOrders({ storeId: 'main' });
 * console.log(`${result.enqueued} of ${result.scanned} changed orders enqueued`);
 * ```
 */
export interface SweepResult {
  storeId: string;
  /** Orders read from the change feed (including the safety window). */
  scanned: number;
  /** `export-order` jobs enqueued (new or merged into a waiting one). */
  enqueued: number;
  /** Of those, how many merged into a job that was already waiting. */
  deduplicated: number;
  /** The cursor before the sweep, `undefined` on the first sweep. */
  from: ChangeCursor | undefined;
  /** The cursor after the sweep. */
  to: ChangeCursor | undefined;
  report: RunReport;
}

function compareCursors(a: ChangeCursor, b: ChangeCursor): number {
  const at = Date.parse(a.timestamp);
  const bt = Date.parse(b.timestamp);
  return at !== bt ? at - bt : a.id - b.id;
}

/**
 * The polling sweep: reads the orders changed since the cursor `(date_modified_gmt, id)`,
 * re-reading `orders.sweepSafetyWindowSeconds` before it (WooCommerce dates have one-second
 * resolution and a write can become visible after a later one), and enqueues `export-order`
 * with the dedupe id `order:<storeId>:<orderId>` for each order that is, or was, paid
 * (refunds bump their order's `date_modified`, so they are caught too). The cursor is saved
 * only after the enqueues before it resolved (durable), every 100 orders and at the end, and
 * never moves backwards. Saves a `sweep` run report.
 *
 * @example
 * ```ts
 * const { enqueued } = await sweepOrders(context, { storeId: 'main' });
 * ```
 */
export async function sweepOrders(
  context: OrdersContext,
  request: SweepRequest,
): Promise<SweepResult> {
  const { storeId } = request;
  const { engine, documents } = context;
  const config = documents.exportConfig(storeId);
  const queue = context.requireQueue('The order sweep');
  const startedAt = context.now();
  const from = await engine.store.cursors.get(storeId, ORDER_SWEEP_CURSOR);
  const windowMs = config.orders.sweepSafetyWindowSeconds * 1000;
  const after = from
    ? { timestamp: toUtcIso(Date.parse(from.timestamp) - windowMs), id: 0 }
    : undefined;

  let cursor = from;
  let scanned = 0;
  let enqueued = 0;
  let deduplicated = 0;
  let sinceCheckpoint = 0;
  const advance = (order: WooOrder) => {
    const seen = { timestamp: order.dateModified, id: order.id };
    if (!cursor || compareCursors(seen, cursor) > 0) cursor = seen;
  };
  const checkpoint = async () => {
    if (cursor && (!from || compareCursors(cursor, from) > 0)) {
      await engine.store.cursors.set(storeId, ORDER_SWEEP_CURSOR, cursor);
    }
    sinceCheckpoint = 0;
  };

  for await (const order of engine.woo(storeId).orders.listChanged(after ? { after } : {})) {
    scanned += 1;
    if (order.datePaid !== null || isPaidOrder(order, config.orders.paidStatuses)) {
      const result = await enqueueOrderExport(queue, storeId, order.id);
      enqueued += 1;
      if (result.deduplicated) deduplicated += 1;
    }
    advance(order);
    sinceCheckpoint += 1;
    if (sinceCheckpoint >= CURSOR_CHECKPOINT) await checkpoint();
  }
  await checkpoint();

  const report: RunReport = {
    id: `sweep:${startedAt}`,
    storeId,
    kind: 'sweep',
    status: 'succeeded',
    startedAt,
    finishedAt: context.now(),
    summary: { scanned, enqueued, deduplicated },
    details: { from: from ?? null, to: cursor ?? null, safetyWindowSeconds: windowMs / 1000 },
  };
  await engine.store.runs.save(report);
  const result: SweepResult = {
    storeId,
    scanned,
    enqueued,
    deduplicated,
    from,
    to: cursor,
    report,
  };
  context.events.emit('swept', { storeId, scanned, enqueued, report });
  return result;
}
