/**
 * How failed calls are retried. Used as the client-wide `retry` option and per call
 * (`{ retry: { limit: 0 } }` or `{ retry: false }`); per-call values override the client's
 * field by field.
 *
 * Which calls may be retried at all is fixed, not configurable: GET always; PUT only when
 * every document in the body carries a non-empty `uid` (PUT is an upsert by `uid`, so
 * repeating it rewrites the same record); POST, PATCH and DELETE never.
 *
 * @example
 * ```ts
 * createBalanceClient({ ...options, retry: { limit: 5, backoffMs: 1_000, maxDelayMs: 60_000 } });
 * await balance.items.get(uid, { retry: false });
 * ```
 */
export interface BalanceRetryOptions {
  /**
   * Retries after the first attempt (so `limit: 3` means at most 4 attempts).
   * @default 3
   */
  readonly limit?: number;
  /**
   * Base of the exponential backoff: retry *n* (from 0) waits a random time between 0 and
   * `min(maxDelayMs, backoffMs * 2^n)` ("full jitter").
   * @default 500
   */
  readonly backoffMs?: number;
  /**
   * Upper bound of one backoff delay.
   * @default 30000
   */
  readonly maxDelayMs?: number;
  /**
   * Upper bound applied to a server's `Retry-After` (seconds or HTTP date). A longer
   * `Retry-After` is shortened to this value.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * HTTP statuses that are retried (network errors and timeouts always are).
   * @default [408, 429, 500, 502, 503, 504]
   */
  readonly statusCodes?: readonly number[];
  /**
   * Messages that mark a failure as a business error even when it comes with a retryable
   * status: 1C answers 500 when a document cannot be posted (`ОбработкаПроведения`), and
   * sending the same document again will fail the same way. Such errors are neither retried
   * nor `retryable`. Matched against the `{"Error": [...]}` messages and the body text.
   * @default [/ОбработкаПроведения/i, /Не удалось провести/i]
   */
  readonly businessErrorPatterns?: readonly RegExp[];
}

/** {@link BalanceRetryOptions} with every field filled in. */
export type ResolvedRetryOptions = Required<BalanceRetryOptions>;

/** Defaults of {@link BalanceRetryOptions}. */
export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = Object.freeze({
  limit: 3,
  backoffMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  statusCodes: Object.freeze([408, 429, 500, 502, 503, 504]),
  businessErrorPatterns: Object.freeze([/ОбработкаПроведения/i, /Не удалось провести/i]),
});

/** Merges client-level and call-level retry options; `false` at either level disables retries. */
export function resolveRetryOptions(
  clientLevel: BalanceRetryOptions | false | undefined,
  callLevel: BalanceRetryOptions | false | undefined,
): ResolvedRetryOptions {
  if (callLevel === false || (clientLevel === false && callLevel === undefined)) {
    return { ...DEFAULT_RETRY_OPTIONS, limit: 0 };
  }
  return {
    ...DEFAULT_RETRY_OPTIONS,
    ...withoutUndefined(clientLevel || {}),
    ...withoutUndefined(callLevel ?? {}),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
