/**
 * Thrown by a job handler when retrying cannot help (Balance rejected the document, an order
 * line maps to no Balance item). The queue marks the job `failed` at once, with this message,
 * until an operator retries it.
 *
 * @example
 * ```ts
 * throw new PermanentJobError('Order #1042 line 2 (SKU "X-1") maps to no Balance item', {
 *   code: 'unmapped_line',
 * });
 * ```
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  /** Stable code of the reason. */
  readonly code: string;
  /** Always `false`: the queue does not retry this job on its own. */
  readonly retryable = false;

  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}
