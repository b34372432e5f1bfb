import type { JobError } from '../ports/job-queue.js';

/** Code of the error a job records when its worker stopped before the job finished. */
export const LEASE_EXPIRED_ERROR_CODE = 'lease_expired';

/**
 * The last error of a job whose worker stopped (crashed, was killed, or gave up on close)
 * while it was `active`: every queue adapter records this one when it puts such a job back
 * once its lease (lock, heartbeat) has run out, or marks it `dead` when that was its last
 * attempt.
 *
 * @param now - when the lease was found expired, in epoch milliseconds
 * @example
 * ```ts
 * leaseExpiredJobError(Date.parse('2025-03-01T10:00:00Z'));
 * // { message: 'The worker running this job stopped before it finished (lease expired)',
 * //   code: 'lease_expired', at: '2025-03-01T10:00:00.000Z' }
 * ```
 */
export function leaseExpiredJobError(now: number): JobError {
  return {
    message: 'The worker running this job stopped before it finished (lease expired)',
    code: LEASE_EXPIRED_ERROR_CODE,
    at: new Date(now).toISOString(),
  };
}
