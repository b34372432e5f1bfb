import {
  BalanceAuthError,
  BalanceConfigurationError,
  type BalanceError,
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
 *   429), a read came back empty or cut off, or a PUT was answered 2xx with something that
 *   is not Balance's JSON (an HTML page from a proxy, an empty or cut-off body: the outcome
 *   is unknown) — the document is tried again with backoff (an attempt first reads a `sent`
 *   document back by uid), then `dead`.
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
   * `balance_unavailable`, `balance_outcome_unknown` (a PUT answered 2xx without Balance's
   * JSON), `balance_unexpected_response` (transient for an empty or cut-off read, a rejection
   * for a shape the client does not understand) or `unexpected_error`.
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
  const status = http?.status ?? successStatusOf(error);
  const base = {
    message: error.message,
    messages: http ? [...http.messages] : [],
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  // A PUT answered 2xx with an HTML page, an empty or a cut-off body may or may not have
  // been applied, and nothing refused it: never `rejected`. Every PUT of the pipeline is
  // keyed by the document uid, so the next attempt reads the document back by uid and
  // confirms it or sends it again (and the final attempt makes it `dead`, not `failed`).
  if (error.code === 'BALANCE_UNEXPECTED_WRITE_RESPONSE') {
    return { kind: 'transient', code: 'balance_outcome_unknown', ...base };
  }
  if (error.retryable) {
    // An empty or cut-off 2xx read is a proxy glitch, not an outage.
    const code = BAD_SUCCESS_BODY.has(error.code)
      ? 'balance_unexpected_response'
      : 'balance_unavailable';
    return { kind: 'transient', code, ...base };
  }
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

/** Codes of the errors for a 2xx answer whose body was not Balance's JSON. */
const BAD_SUCCESS_BODY: ReadonlySet<string> = new Set([
  'BALANCE_EMPTY_RESPONSE',
  'BALANCE_TRUNCATED_RESPONSE',
  'BALANCE_UNEXPECTED_WRITE_RESPONSE',
]);

/** The 2xx status of an error raised for a success answer with a bad body. */
function successStatusOf(error: BalanceError): number | undefined {
  if (!BAD_SUCCESS_BODY.has(error.code)) return undefined;
  const { status } = error as BalanceError & { status?: unknown };
  return typeof status === 'number' ? status : undefined;
}
