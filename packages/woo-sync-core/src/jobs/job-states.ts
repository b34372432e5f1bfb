import type { JobState } from '../ports/job-queue.js';

/**
 * Every {@link JobState}, in the order a job usually passes through them. Queue adapters use
 * it to list "all states" and to report a count for each.
 *
 * @example
 * ```ts
 * await queue.list({ states: JOB_STATES.filter((state) => state !== 'completed') });
 * ```
 */
export const JOB_STATES: readonly JobState[] = [
  'waiting',
  'delayed',
  'active',
  'completed',
  'failed',
  'dead',
];

/**
 * A zero for every {@link JobState}: what `JobQueue.counts()` reports for an empty queue, and
 * what adapters add their counts to (a state without jobs is still reported, as 0).
 *
 * @example
 * ```ts
 * const counts = emptyJobCounts();
 * for (const job of jobs) counts[job.state] += 1;
 * ```
 */
export function emptyJobCounts(): Record<JobState, number> {
  return { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0, dead: 0 };
}
