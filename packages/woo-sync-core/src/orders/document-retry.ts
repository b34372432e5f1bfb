import type { LedgerState } from '../ports/sync-store.js';
import { documentEventBase } from './document-exporter.js';
import type { StoredReturnRequest } from './order-documents.js';
import { returnRequestSettingKey } from './order-documents.js';
import { OrderExportError } from './order-export-error.js';
import type { OrderExporter, OrderExportResult } from './order-exporter.js';
import { enqueueOrderExport } from './order-jobs.js';
import type { OrdersContext } from './orders-context.js';

/**
 * An operator's retry of one document.
 *
 * @example
 * ```ts
 * await engine.orders.retryDocument({ storeId: 'main', key: 'sale:1042' });                 // failed / dead
 * await engine.orders.retryDocument({ storeId: 'main', key: 'sale:1042', resend: true });   // deleted in Balance
 * ```
 */
export interface RetryDocumentRequest {
  storeId: string;
  /** Ledger key: `sale:<orderId>`, `credit:<refundId>`, `return:<orderId>:<requestId>`. */
  key: string;
  /**
   * Also send an **exported** document again, with the same uid (it is rewritten, never
   * duplicated) and the payload the store gives now — for a document an accountant deleted
   * in Balance, or drift a person reviewed.
   * @default false
   */
  resend?: boolean;
}

/**
 * What an operator retry did: the row was reopened (`pending`) and its export enqueued
 * (`jobId`), or — without a queue — run at once (`result`).
 *
 * @example
 * ```ts
 * const { previousState, jobId } = await engine.orders.retryDocument({ storeId: 'main', key: 'credit:1077' });
 * ```
 */
export interface RetryDocumentResult {
  key: string;
  previousState: LedgerState;
  /** The job enqueued (or merged into a waiting one), when the engine has a queue. */
  jobId?: string;
  /** The export's result, when it ran inline (no queue). */
  result?: OrderExportResult;
}

/**
 * Reopens a `failed`, `dead` (or, with `resend`, `exported`) document as `pending` and
 * exports it again: the order's `export-order` job (Sale and credit notes) or the
 * `push-return-request` job, through the queue when there is one, else inline. Rows that are
 * `pending` / `sent` are just exported again.
 *
 * @example
 * ```ts
 * await retryDocument(context, exporter, { storeId: 'main', key: 'sale:1042' });
 * ```
 */
export async function retryDocument(
  context: OrdersContext,
  exporter: OrderExporter,
  request: RetryDocumentRequest,
): Promise<RetryDocumentResult> {
  const { storeId, key } = request;
  const { ledger, engine, queue, events } = context;
  const row = await ledger.get(storeId, key);
  if (!row) {
    throw new OrderExportError(
      'document_not_found',
      `No ledger row "${key}" in store "${storeId}"; to export an order that was never recorded, push the order (balance-woo push-order <orderId>)`,
    );
  }
  if (row.state === 'exported' && !request.resend) {
    throw new OrderExportError(
      'document_not_retryable',
      `${key} is already exported; pass resend: true (balance-woo resend-document ${key}) to send it to Balance again`,
    );
  }
  if (row.state === 'failed' || row.state === 'dead' || row.state === 'exported') {
    const reopened = await ledger.reopen(row);
    if (!reopened) {
      throw new OrderExportError(
        'document_not_retryable',
        `${key} was changed by a worker while it was being reopened; look at it again and retry`,
      );
    }
    events.emit('pending', {
      ...documentEventBase(reopened, context.now()),
      payloadHash: reopened.payloadHash,
      totalMinor: reopened.totalMinor,
    });
  }
  const done = { key, previousState: row.state };

  if (row.kind === 'return') {
    const requestId = key.slice(`return:${row.orderId}:`.length);
    const stored = (await engine.store.settings.get(
      storeId,
      returnRequestSettingKey(row.orderId, requestId),
    )) as StoredReturnRequest | undefined;
    if (!stored) {
      throw new OrderExportError(
        'document_not_found',
        `The return request behind ${key} is not recorded any more; push it again with its lines`,
      );
    }
    const payload = {
      orderId: row.orderId,
      requestId: stored.requestId,
      lines: stored.lines,
      requestedAt: stored.requestedAt,
    };
    if (queue) {
      const job = await queue.enqueue({
        name: 'push-return-request',
        storeId,
        payload,
        dedupeId: `return:${storeId}:${row.orderId}:${stored.requestId}`,
      });
      return { ...done, jobId: job.id };
    }
    return { ...done, result: await exporter.pushReturnRequest({ storeId, ...payload }) };
  }

  if (queue) {
    const job = await enqueueOrderExport(queue, storeId, row.orderId);
    return { ...done, jobId: job.id };
  }
  return { ...done, result: await exporter.exportOrder({ storeId, orderId: row.orderId }) };
}
