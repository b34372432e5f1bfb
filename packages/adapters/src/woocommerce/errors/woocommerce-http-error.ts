import {
  WooCommerceError,
  type WooCommerceErrorCode,
  type WooCommerceRequestInfo,
} from './woocommerce-error.js';

/** Options accepted by the {@link WooCommerceHttpError} constructor. */
export interface WooCommerceHttpErrorOptions {
  /** HTTP status code. */
  readonly status: number;
  /** WooCommerce's error code from the body (`woocommerce_rest_…`, `rest_no_route`), if any. */
  readonly wooCode: string | undefined;
  /** WooCommerce's `data` from the body, redacted; `undefined` for non-JSON bodies. */
  readonly data: unknown;
  /** Readable, redacted, truncated excerpt of the body (HTML tags stripped). */
  readonly bodyExcerpt: string;
  /** The call that failed. */
  readonly request: WooCommerceRequestInfo;
  /** What to do next. */
  readonly hint?: string | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Overrides the code (used by subclasses). */
  readonly code?: WooCommerceErrorCode;
}

/**
 * The store answered with a non-2xx status. WooCommerce errors come as
 * `{"code","message","data":{"status",…}}` and end up in {@link WooCommerceHttpError.wooCode}
 * and {@link WooCommerceHttpError.data}; HTML pages from a host or a WAF, empty bodies and
 * PHP notices still produce a readable message and {@link WooCommerceHttpError.bodyExcerpt}.
 *
 * @example
 * ```ts
 * try {
 *   await woo.orders.updateMeta(42, [{ key: '_balance_sale_uid', value: uid }]);
 * } catch (error) {
 *   if (error instanceof WooCommerceHttpError && error.wooCode === 'woocommerce_rest_shop_order_invalid_id') {
 *     console.error('order 42 is gone');
 *   }
 * }
 * ```
 */
export class WooCommerceHttpError extends WooCommerceError {
  override name = 'WooCommerceHttpError';
  /** HTTP status code. */
  readonly status: number;
  /** WooCommerce's own error code, when the body carried one. */
  readonly wooCode: string | undefined;
  /** WooCommerce's `data` (redacted). */
  readonly data: unknown;
  /** Readable excerpt of the body (tags stripped, redacted, at most 500 characters). */
  readonly bodyExcerpt: string;
  /** Redacted URL of the request. */
  readonly url: string;
  declare readonly request: WooCommerceRequestInfo;

  constructor(summary: string, options: WooCommerceHttpErrorOptions) {
    super(summary, {
      code: options.code ?? 'WOOCOMMERCE_HTTP_ERROR',
      hint: options.hint,
      request: options.request,
      retryable: options.retryable,
    });
    this.status = options.status;
    this.wooCode = options.wooCode;
    this.data = options.data;
    this.bodyExcerpt = options.bodyExcerpt;
    this.url = options.request.url;
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      ...(this.wooCode === undefined ? {} : { wooCode: this.wooCode }),
      ...(this.data === undefined ? {} : { data: this.data }),
      bodyExcerpt: this.bodyExcerpt,
    };
  }
}
