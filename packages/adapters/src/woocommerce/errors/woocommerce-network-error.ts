import { WooCommerceError, type WooCommerceRequestInfo } from './woocommerce-error.js';

/**
 * The store could not be reached or the connection broke before a full response arrived:
 * DNS failure, refused or reset connection (a batch cut off mid-way), TLS failure. The `cause`
 * is a secret-free copy of the runtime's error.
 *
 * @example
 * ```ts
 * if (error instanceof WooCommerceNetworkError) console.error(error.systemCode); // 'ECONNRESET'
 * ```
 */
export class WooCommerceNetworkError extends WooCommerceError {
  override name = 'WooCommerceNetworkError';
  /** Low-level error code from the runtime, when there was one (e.g. `ECONNRESET`). */
  readonly systemCode: string | undefined;
  declare readonly request: WooCommerceRequestInfo;

  constructor(
    summary: string,
    options: {
      readonly request: WooCommerceRequestInfo;
      readonly systemCode: string | undefined;
      readonly cause: unknown;
    },
  ) {
    super(summary, {
      code: 'WOOCOMMERCE_NETWORK_ERROR',
      request: options.request,
      retryable: true,
      cause: options.cause,
      hint: 'check that the store URL is reachable from this host',
    });
    this.systemCode = options.systemCode;
  }

  protected override details(): Record<string, unknown> {
    return this.systemCode === undefined ? {} : { systemCode: this.systemCode };
  }
}
