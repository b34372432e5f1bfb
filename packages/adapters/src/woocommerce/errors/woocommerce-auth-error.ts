import {
  WooCommerceHttpError,
  type WooCommerceHttpErrorOptions,
} from './woocommerce-http-error.js';

/**
 * The store refused the credentials (401) or the key's permissions (403). The hint says what
 * to check: a read-only key used for writes, a wrong secret, `basic` auth over plain HTTP or
 * behind a proxy that hides HTTPS from WordPress (use `oauth1`), or a host that strips the
 * `Authorization` header (use `query`).
 *
 * @example
 * ```ts
 * try { await woo.orders.get(1); } catch (error) {
 *   if (error instanceof WooCommerceAuthError) console.error(error.hint);
 * }
 * ```
 */
export class WooCommerceAuthError extends WooCommerceHttpError {
  override name = 'WooCommerceAuthError';

  constructor(summary: string, options: Omit<WooCommerceHttpErrorOptions, 'code' | 'retryable'>) {
    super(summary, { ...options, code: 'WOOCOMMERCE_AUTH_ERROR', retryable: false });
  }
}
