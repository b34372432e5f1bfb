import { BalanceHttpError, type BalanceHttpErrorOptions } from './balance-http-error.js';

/**
 * Balance refused the credentials (401) or the user's rights (403). The message says what
 * to check: the Balance user name and password for 401; for 403 the user's rights on the
 * object, the cloud segment (`sm/o` vs `sm/a`, which the client already tried both of) and
 * a WAF in front of an on-prem server.
 *
 * @example
 * ```ts
 * const report = await balance.testConnection();
 * // or, on any call:
 * try { await balance.warehouses.list(); } catch (error) {
 *   if (error instanceof BalanceAuthError) console.error(error.hint);
 * }
 * ```
 */
export class BalanceAuthError extends BalanceHttpError {
  override name = 'BalanceAuthError';

  constructor(summary: string, options: Omit<BalanceHttpErrorOptions, 'code' | 'retryable'>) {
    super(summary, { ...options, code: 'BALANCE_AUTH_ERROR', retryable: false });
  }
}
