import { WooCommerceError } from './woocommerce-error.js';

/**
 * Whether `value` is an error thrown by the WooCommerce adapter. Also recognises errors from
 * another copy of the package (duplicate installs) by their `code`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (isWooCommerceError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export function isWooCommerceError(value: unknown): value is WooCommerceError {
  if (value instanceof WooCommerceError) return true;
  if (!(value instanceof Error)) return false;
  const { code, toJSON } = value as Error & { code?: unknown; toJSON?: unknown };
  return (
    typeof code === 'string' && code.startsWith('WOOCOMMERCE_') && typeof toJSON === 'function'
  );
}
