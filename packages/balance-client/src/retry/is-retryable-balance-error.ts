import { isBalanceError } from '../errors/is-balance-error.js';

/**
 * Whether a failure may succeed when the same call is made again later — the classification
 * an export pipeline needs to choose between "retry later" and "needs a person":
 *
 * - retryable: network errors (except TLS certificate problems), timeouts, HTTP 408, 429,
 *   500, 502, 503, 504, a 2xx read with an empty or cut-off body
 *   (`BalanceEmptyResponseError`, `BalanceTruncatedResponseError`), and a uid-keyed PUT
 *   answered 2xx with something that is not JSON (`BalanceUnexpectedWriteResponseError`:
 *   the outcome is unknown, and repeating the upsert is safe);
 * - not retryable: business errors (4xx, typically with `{"Error": [...]}` messages), 401/403,
 *   other schema errors (a login page, a wrong shape), invalid-input and configuration
 *   errors, and anything that is not a Balance error.
 *
 * This is about the *error*. Whether the *request* may be repeated safely (uid-keyed PUT vs
 * POST) is {@link isRetryableRequest}.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (isRetryableBalanceError(error)) await queue.retryLater(job);
 *   else await ledger.markFailed(job, error);
 * }
 * ```
 */
export function isRetryableBalanceError(error: unknown): boolean {
  return isBalanceError(error) && error.retryable;
}
