import { BalanceError, type BalanceRequestInfo } from './balance-error.js';

/**
 * Balance did not answer (headers and body) within `timeoutMs` on the last attempt.
 * Retryable: safe methods are retried automatically before this is thrown.
 *
 * @example
 * ```ts
 * const balance = createBalanceClient({ ...options, timeoutMs: 120_000 });
 * ```
 */
export class BalanceTimeoutError extends BalanceError {
  override name = 'BalanceTimeoutError';
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  declare readonly request: BalanceRequestInfo;

  constructor(summary: string, options: { request: BalanceRequestInfo; timeoutMs: number }) {
    super(summary, {
      code: 'BALANCE_TIMEOUT',
      request: options.request,
      retryable: true,
      hint: 'raise `timeoutMs` for large lists, use a smaller pack size, or check the Balance server load',
    });
    this.timeoutMs = options.timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs };
  }
}
