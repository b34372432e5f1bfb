import type { EnqueueResult, JobQueue } from '../ports/job-queue.js';

/**
 * The dedupe id of an order's `export-order` job, shared by webhooks, the sweep, refunds
 * waiting for their Sale and operator retries: `order:<storeId>:<orderId>`.
 *
 * @example
 * ```ts
 * orderJobDedupeId('main', 1042); // 'order:main:1042'
 * ```
 */
export function orderJobDedupeId(storeId: string, orderId: number): string {
  return `order:${storeId}:${orderId}`;
}

/**
 * Enqueues the `export-order` job of an order (merged into a waiting one, if any).
 *
 * @example
 * ```ts
 * await enqueueOrderExport(queue, 'main', 1042);
 * ```
 */
export function enqueueOrderExport(
  queue: JobQueue,
  storeId: string,
  orderId: number,
): Promise<EnqueueResult> {
  return queue.enqueue({
    name: 'export-order',
    storeId,
    payload: { orderId },
    dedupeId: orderJobDedupeId(storeId, orderId),
  });
}
