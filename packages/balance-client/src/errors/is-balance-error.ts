import { BalanceError } from './balance-error.js';

/**
 * Whether `value` is an error thrown by this package. Also recognises errors from another
 * copy of the package (duplicate installs) by their `code`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (isBalanceError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export function isBalanceError(value: unknown): value is BalanceError {
  if (value instanceof BalanceError) return true;
  if (!(value instanceof Error)) return false;
  const { code, toJSON } = value as Error & { code?: unknown; toJSON?: unknown };
  return typeof code === 'string' && code.startsWith('BALANCE_') && typeof toJSON === 'function';
}
