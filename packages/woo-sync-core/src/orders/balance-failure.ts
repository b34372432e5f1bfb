import {
  BalanceAuthError,
  BalanceConfigurationError,
  BalanceHttpError,
  BalanceInvalidInputError,
  isBalanceError,
} from '@balance-sync/balance-client';

/**
 * What a failed Balance call means for a document:
 * - `rejected`: Balance refused this document (a 4xx with `{"Error": [...]}` messages, a
 *   posting failure, or the client's own validation) — sending it again unchanged fails
 *   the same way, so the row becomes `failed` at once;
 * - `transient`: Balance could not be reached or was overloaded (network, timeout, 5xx,
 *   429) — the document is tried again with backoff, then `dead`.
 *
 * Errors that are not Balance errors (a WooCommerce read, the storage, a bug) count as
 * `transient`: the outcome of a write is then unknown, and a retry is safe because every
 * PUT is keyed by the document uid.
 *
 * @example
 * ```ts
 * if (classifyBalanceFailure(error).kind === 'rejected') await ledger.reject(row, error);
 * ```
 */
export type BalanceFailureKind = 'rejected' | 'transient';

/**
 * A failed call, classified with the Balance client's error classes.
 *
 * @example
 * ```ts
 * const failure: BalanceFailure = classifyBalanceFailure(error);
 * if (failure.kind === 'rejected') console.error(failure.messages);
 * ```
 */
export interface BalanceFailure {
  kind: BalanceFailureKind;
  /**
   * Stable code for the ledger and the job:
   * `balance_rejected`, `balance_auth`, `balance_invalid_input`, `balance_configuration`,
   * `balance_unavailable`, `balance_unexpected_response` or `unexpected_error`.
   */
  code: string;
  message: string;
  /** Balance's `{"Error": [...]}` messages, verbatim (empty when there were none). */
  messages: string[];
  /** HTTP status, when Balance answered. */
  status?: number;
  /** Balance's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/**
 * Classifies a failed Balance call (see {@link BalanceFailureKind}) using the client's error
 * classes and its `retryable` flag, never the message text.
 *
 * @example
 * ```ts
 * try {
 *   await balance.sales.upsert(sale);
 * } catch (error) {
 *   const failure = classifyBalanceFailure(error);
 *   if (failure.kind === 'rejected') await ledger.reject(row, failure);
 *   else throw error; // the queue retries with backoff
 * }
 * ```
 */
export function classifyBalanceFailure(error: unknown): BalanceFailure {
  if (!isBalanceError(error)) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    return { kind: 'transient', code: 'unexpected_error', message, messages: [] };
  }
  const http = error instanceof BalanceHttpError ? error : undefined;
  const retryAfterMs = http?.retryAfterMs;
  const base = {
    message: error.message,
    messages: http ? [...http.messages] : [],
    ...(http ? { status: http.status } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (error.retryable) return { kind: 'transient', code: 'balance_unavailable', ...base };
  const code =
    error instanceof BalanceAuthError
      ? 'balance_auth'
      : error instanceof BalanceInvalidInputError
        ? 'balance_invalid_input'
        : error instanceof BalanceConfigurationError
          ? 'balance_configuration'
          : http
            ? 'balance_rejected'
            : 'balance_unexpected_response';
  return { kind: 'rejected', code, ...base };
}
