import { WooCommerceError, type WooCommerceRequestInfo } from './woocommerce-error.js';

/**
 * The store did not answer within `timeoutMs` on the last attempt. For a batch with creates
 * the adapter has already looked the SKUs up before giving up, so nothing was created twice.
 *
 * @example
 * ```ts
 * const woo = createWooCommerceRest({ ...options, timeoutMs: 120_000 });
 * ```
 */
export class WooCommerceTimeoutError extends WooCommerceError {
  override name = 'WooCommerceTimeoutError';
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  declare readonly request: WooCommerceRequestInfo;

  constructor(summary: string, options: { request: WooCommerceRequestInfo; timeoutMs: number }) {
    super(summary, {
      code: 'WOOCOMMERCE_TIMEOUT',
      request: options.request,
      retryable: true,
      hint: 'raise `timeoutMs`, lower `batchLimit`, or check the store’s PHP max_execution_time',
    });
    this.timeoutMs = options.timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs };
  }
}
