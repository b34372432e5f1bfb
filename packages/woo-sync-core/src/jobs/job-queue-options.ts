import type { JobConsumerOptions } from '../ports/job-queue.js';
import { JobQueueError } from './job-queue-error.js';

/** Attempts of a job when neither its input nor the queue's options set them. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** Handlers a consumer runs at once when `start()` is given no `concurrency`. */
export const DEFAULT_CONSUMER_CONCURRENCY = 4;

/**
 * A queue's `maxAttempts` option, checked the same way by every adapter: `undefined` gives
 * {@link DEFAULT_MAX_ATTEMPTS}; anything but an integer ≥ 1 throws a {@link JobQueueError}
 * with code `invalid_job`.
 *
 * @example
 * ```ts
 * queueMaxAttempts(undefined); // 10
 * queueMaxAttempts(3); // 3
 * queueMaxAttempts(0); // throws JobQueueError { code: 'invalid_job' }
 * ```
 */
export function queueMaxAttempts(maxAttempts: number | undefined): number {
  const value = maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(value) || value < 1)
    throw new JobQueueError('Option "maxAttempts" must be an integer ≥ 1', {
      code: 'invalid_job',
    });
  return value;
}

/**
 * The `concurrency` of `JobQueue.start()`, checked the same way by every adapter: missing
 * gives {@link DEFAULT_CONSUMER_CONCURRENCY}; anything but an integer ≥ 1 throws a
 * {@link JobQueueError} with code `invalid_job`.
 *
 * @example
 * ```ts
 * consumerConcurrency({}); // 4
 * consumerConcurrency({ concurrency: 8 }); // 8
 * consumerConcurrency({ concurrency: 1.5 }); // throws JobQueueError { code: 'invalid_job' }
 * ```
 */
export function consumerConcurrency(options: JobConsumerOptions): number {
  const concurrency = options.concurrency ?? DEFAULT_CONSUMER_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new JobQueueError('Option "concurrency" must be an integer ≥ 1', {
      code: 'invalid_job',
    });
  return concurrency;
}
