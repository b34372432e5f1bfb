/**
 * Stable codes of {@link JobQueueError}:
 * - `queue_closed`: the queue was closed; open a new one;
 * - `queue_already_started`: `start()` was called twice on one queue;
 * - `invalid_job`: the job input or a queue option is invalid (message says which field);
 * - `queue_misconfigured`: the backend holds a queue set up differently (e.g. a pg-boss queue
 *   with another policy);
 * - `queue_contended`: a short-lived lock of the backend could not be taken in time;
 * - `queue_unavailable`: the backend could not be reached, or refused the credentials, when
 *   the queue was opened (the message names the server, never its password).
 */
export type JobQueueErrorCode =
  | 'queue_closed'
  | 'queue_already_started'
  | 'invalid_job'
  | 'queue_misconfigured'
  | 'queue_contended'
  | 'queue_unavailable';

/**
 * An error of a job queue itself (not of a job's handler). Messages never contain connection
 * strings or passwords.
 *
 * @example
 * ```ts
 * try {
 *   await queue.enqueue(input);
 * } catch (error) {
 *   if (error instanceof JobQueueError && error.code === 'queue_closed') return;
 *   throw error;
 * }
 * ```
 */
export class JobQueueError extends Error {
  override readonly name = 'JobQueueError';
  /** Stable code, see {@link JobQueueErrorCode}. */
  readonly code: JobQueueErrorCode;

  constructor(message: string, options: { code: JobQueueErrorCode; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}
