import { StructuredError, type StructuredErrorOptions } from '@balance-sync/balance-client';

/**
 * Stable machine-readable codes of {@link WooCommerceError} and its subclasses. Branch on these
 * (or on `instanceof`), never on message text.
 */
export type WooCommerceErrorCode =
  | 'WOOCOMMERCE_HTTP_ERROR'
  | 'WOOCOMMERCE_AUTH_ERROR'
  | 'WOOCOMMERCE_NETWORK_ERROR'
  | 'WOOCOMMERCE_TIMEOUT'
  | 'WOOCOMMERCE_SCHEMA_ERROR'
  | 'WOOCOMMERCE_WEBHOOK_INVALID';

/**
 * What a failed call was doing. The URL is redacted: query-string credentials
 * (`consumer_key`, `consumer_secret`) and OAuth parameters read `[REDACTED]`.
 */
export interface WooCommerceRequestInfo {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Redacted request URL including the query string. */
  readonly url: string;
  /** Adapter-generated id shared by every attempt and event of one call. */
  readonly requestId: string;
  /** HTTP attempts made (1 when nothing was retried). */
  readonly attempts: number;
}

/** Options accepted by the {@link WooCommerceError} constructor. */
export interface WooCommerceErrorOptions
  extends StructuredErrorOptions<WooCommerceErrorCode, WooCommerceRequestInfo> {}

/**
 * Base class of every error the WooCommerce adapter throws. Messages, fields, `toJSON()` and
 * `util.inspect()` never contain the consumer secret, an OAuth signature or the
 * `Authorization` header: URLs are redacted before an error is built and credentials are
 * never stored on one. `code`, `hint`, `request`, `retryable`, `toJSON()` and
 * `util.inspect()` come from the Balance client's `StructuredError`, shared by the SDK's
 * error families.
 *
 * @example
 * ```ts
 * try {
 *   await woo.orders.get(42);
 * } catch (error) {
 *   if (isWooCommerceError(error)) logger.warn({ err: error.toJSON() }, 'store call failed');
 *   throw error;
 * }
 * ```
 */
export class WooCommerceError extends StructuredError<
  WooCommerceErrorCode,
  WooCommerceRequestInfo
> {
  override name = 'WooCommerceError';
}
