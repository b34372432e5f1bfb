import type { CatalogService } from '../catalog/catalog-service.js';
import { ConfigError } from '../config/config-error.js';
import { PermanentJobError } from '../jobs/permanent-job-error.js';
import type { Job, JobContext, JobHandler, JobName, JobPayloads } from '../ports/job-queue.js';
import { OrderExportError } from './order-export-error.js';
import type { OrderExportService } from './order-export-service.js';
import type { OrderExportResult } from './order-exporter.js';

/**
 * What the job handler runs jobs on: the engine (`createSyncEngine(...)` fits as it is).
 *
 * @example
 * ```ts
 * const target: JobHandlerTarget = engine;
 * ```
 */
export interface JobHandlerTarget {
  readonly orders: OrderExportService;
  /** Needed for `catalog-import` jobs only. */
  readonly catalog?: Pick<CatalogService, 'plan' | 'apply'>;
}

/**
 * Whether this is the queue's last attempt at a job: the queue counts attempts from 1
 * (`context.attempt`) up to `job.maxAttempts`, and after a failed last attempt the job is
 * `dead`. The export then moves an unconfirmed document to `dead` too, so no ledger row is
 * left `sent` behind a dead job.
 *
 * @example
 * ```ts
 * isFinalAttempt(job, { attempt: 10, signal }); // true when job.maxAttempts is 10
 * ```
 */
export function isFinalAttempt(
  job: Pick<Job, 'maxAttempts'>,
  context: Pick<JobContext, 'attempt'>,
): boolean {
  return context.attempt >= job.maxAttempts;
}

function payloadOf<N extends JobName>(job: Job, _name: N): JobPayloads[N] {
  return job.payload as JobPayloads[N];
}

/** Throws a `PermanentJobError` when a document of the result was refused. */
function settle(result: OrderExportResult): void {
  const failed = result.documents.filter((doc) => doc.action === 'failed');
  const first = failed[0];
  if (!first) return;
  const messages = failed.map((doc) => `${doc.key}: ${doc.error?.message ?? 'refused'}`).join('; ');
  throw new PermanentJobError(
    `${failed.length} document(s) of order ${result.orderId} refused — ${messages}. Fix the cause, then retry the document (balance-woo retry-document <key>)`,
    { code: first.error?.code ?? 'document_failed' },
  );
}

/**
 * The worker's {@link JobHandler}: maps every job name to the engine.
 *
 * | job | runs |
 * |---|---|
 * | `export-order` | `engine.orders.exportOrder` |
 * | `export-refund` | `engine.orders.exportRefund` |
 * | `push-return-request` | `engine.orders.pushReturnRequest` |
 * | `sweep-orders` | `engine.orders.sweepOrders` |
 * | `reconcile` | `engine.orders.reconcile` |
 * | `catalog-import` | `engine.catalog.plan` then `apply` |
 *
 * Error mapping for the queue: a refused document (`failed` outcome), an
 * `OrderExportError` or a `ConfigError` becomes a `PermanentJobError` (the job is `failed`
 * at once, no retry storm); `RetryLaterError` (`waiting_for_sale`, Balance's `Retry-After`)
 * and transient errors pass through, so the queue retries with backoff. On the last attempt
 * ({@link isFinalAttempt}) the export moves the document to `dead` before the error reaches
 * the queue.
 *
 * @example
 * ```ts
 * const engine = createSyncEngine({ config, balance, woo, store, queue });
 * await queue.start(createJobHandler(engine), { concurrency: config.queue.concurrency });
 * ```
 */
export function createJobHandler(target: JobHandlerTarget): JobHandler {
  return async (job, context) => {
    const attempt = { finalAttempt: isFinalAttempt(job, context) };
    const { storeId } = job;
    try {
      switch (job.name) {
        case 'export-order': {
          const { orderId } = payloadOf(job, 'export-order');
          settle(await target.orders.exportOrder({ storeId, orderId }, attempt));
          return;
        }
        case 'export-refund': {
          const { orderId, refundId } = payloadOf(job, 'export-refund');
          settle(await target.orders.exportRefund({ storeId, orderId, refundId }, attempt));
          return;
        }
        case 'push-return-request': {
          const payload = payloadOf(job, 'push-return-request');
          settle(await target.orders.pushReturnRequest({ storeId, ...payload }, attempt));
          return;
        }
        case 'sweep-orders':
          await target.orders.sweepOrders({ storeId });
          return;
        case 'reconcile': {
          const { from, to } = payloadOf(job, 'reconcile');
          await target.orders.reconcile({ storeId, from, to });
          return;
        }
        case 'catalog-import': {
          if (!target.catalog) {
            throw new PermanentJobError(
              'This worker has no catalog service; run catalog imports on a worker created with createSyncEngine',
              { code: 'job_not_supported' },
            );
          }
          const { scope } = payloadOf(job, 'catalog-import');
          await target.catalog.apply(await target.catalog.plan({ storeId, scope }));
          return;
        }
        default: {
          const name: never = job.name;
          throw new PermanentJobError(`Unknown job "${String(name)}"; upgrade the worker`, {
            code: 'job_not_supported',
          });
        }
      }
    } catch (error) {
      if (error instanceof OrderExportError || error instanceof ConfigError) {
        throw new PermanentJobError(error.message, { code: error.code, cause: error });
      }
      throw error;
    }
  };
}
