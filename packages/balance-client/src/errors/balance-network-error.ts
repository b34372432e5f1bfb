import { BalanceError, type BalanceRequestInfo } from './balance-error.js';

/**
 * Balance could not be reached: DNS failure, refused or reset connection, TLS failure. The
 * `cause` is a secret-free copy of the runtime's error (with its `code`, e.g.
 * `ECONNREFUSED` or `SELF_SIGNED_CERT_IN_CHAIN`). Retryable except for certificate
 * problems, which do not go away by themselves.
 *
 * @example
 * ```ts
 * if (error instanceof BalanceNetworkError && error.retryable) scheduleRetryLater();
 * ```
 */
export class BalanceNetworkError extends BalanceError {
  override name = 'BalanceNetworkError';
  /** Low-level error code from the runtime, when there was one (e.g. `ECONNREFUSED`). */
  readonly systemCode: string | undefined;
  declare readonly request: BalanceRequestInfo;

  constructor(
    summary: string,
    options: {
      readonly request: BalanceRequestInfo;
      readonly systemCode: string | undefined;
      readonly hint: string;
      readonly retryable: boolean;
      readonly cause: unknown;
    },
  ) {
    super(summary, { code: 'BALANCE_NETWORK_ERROR', ...options });
    this.systemCode = options.systemCode;
  }

  protected override details(): Record<string, unknown> {
    return this.systemCode === undefined ? {} : { systemCode: this.systemCode };
  }
}
