import type { JobError } from '../ports/job-queue.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { describeJobFailure, type JobFailure, jobErrorOf } from './job-failure.js';

/**
 * Where a job goes after an attempt whose handler threw:
 * - `retry`: back to waiting, to run again after `delayMs`;
 * - `failed`: the handler threw a `PermanentJobError`; the job waits for an operator's retry;
 * - `dead`: its attempts ran out; it waits for an operator's retry too.
 */
export type FailedAttemptNext = 'retry' | 'failed' | 'dead';

/** What {@link failedAttemptOutcome} decided for a failed attempt. */
export interface FailedAttemptOutcome {
  next: FailedAttemptNext;
  /** For `retry`: milliseconds until the next attempt may start; 0 otherwise. */
  delayMs: number;
  /** The handler's error, read by `describeJobFailure`. */
  failure: JobFailure;
  /** The job's new last error (`failure` at `now`). */
  lastError: JobError;
}

/** The failed attempt {@link failedAttemptOutcome} decides about. */
export interface FailedAttempt {
  /** Attempts started so far, this one included (1 after the first attempt). */
  attempts: number;
  /** The job's attempts. */
  maxAttempts: number;
  /** When the attempt failed, in epoch milliseconds. */
  now: number;
  /** The queue's backoff (see `backoffDelay`). */
  backoff?: BackoffOptions | undefined;
  /**
   * Uniform numbers in [0, 1) for the backoff jitter.
   * @default Math.random
   */
  random?: (() => number) | undefined;
}

/**
 * The engine's policy for a failed attempt, the same in every queue adapter:
 * a `PermanentJobError` makes the job `failed` at once (whatever attempts remain); otherwise a
 * job whose attempts ran out is `dead`; otherwise it is retried — after the
 * `RetryLaterError`'s delay when it threw one, else after `backoffDelay(attempts)` (exponential
 * with full jitter). The adapter only stores the outcome.
 *
 * @param error - what the handler threw
 * @example
 * ```ts
 * const outcome = failedAttemptOutcome(error, {
 *   attempts: job.attempts, maxAttempts: job.maxAttempts, now: Date.now(), backoff,
 * });
 * if (outcome.next === 'retry') scheduleAt(Date.now() + outcome.delayMs, outcome.lastError);
 * else markFinished(outcome.next, outcome.lastError); // 'failed' | 'dead'
 * ```
 */
export function failedAttemptOutcome(error: unknown, attempt: FailedAttempt): FailedAttemptOutcome {
  const failure = describeJobFailure(error);
  const lastError = jobErrorOf(failure, attempt.now);
  if (failure.kind === 'permanent') return { next: 'failed', delayMs: 0, failure, lastError };
  if (attempt.attempts >= attempt.maxAttempts)
    return { next: 'dead', delayMs: 0, failure, lastError };
  const delayMs =
    failure.kind === 'retry-later'
      ? (failure.delayMs ?? 0)
      : backoffDelay(attempt.attempts, attempt.backoff, attempt.random);
  return { next: 'retry', delayMs, failure, lastError };
}
