/**
 * Thrown by a job handler to be retried after a given delay instead of the queue's backoff
 * (Balance asked to wait with `Retry-After`, or a refund waits for its Sale). It still counts
 * as an attempt.
 *
 * @example
 * ```ts
 * throw new RetryLaterError('Sale of order #1042 is not exported yet', {
 *   code: 'waiting_for_sale', delayMs: 30_000,
 * });
 * ```
 */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  /** Stable code of the reason. */
  readonly code: string;
  /** Wait at least this long before the next attempt. */
  readonly delayMs: number;
  /** Always `true`. */
  readonly retryable = true;

  constructor(message: string, options: { code: string; delayMs: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.delayMs = options.delayMs;
  }
}
