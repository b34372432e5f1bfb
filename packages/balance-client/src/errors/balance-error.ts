import { StructuredError, type StructuredErrorOptions } from './structured-error.js';

/**
 * Stable machine-readable codes of {@link BalanceError} and its subclasses. Branch on these
 * (or on `instanceof`), never on message text.
 */
export type BalanceErrorCode =
  | 'BALANCE_HTTP_ERROR'
  | 'BALANCE_AUTH_ERROR'
  | 'BALANCE_NETWORK_ERROR'
  | 'BALANCE_TIMEOUT'
  | 'BALANCE_SCHEMA_ERROR'
  | 'BALANCE_EMPTY_RESPONSE'
  | 'BALANCE_TRUNCATED_RESPONSE'
  | 'BALANCE_UNEXPECTED_WRITE_RESPONSE'
  | 'BALANCE_INVALID_INPUT'
  | 'BALANCE_CONFIGURATION_ERROR';

/**
 * What a failed call was doing. URLs never carry credentials (this client sends them only in
 * the `Authorization` header, which no error or event contains).
 */
export interface BalanceRequestInfo {
  /** HTTP method, upper case. */
  readonly method: string;
  /** URL template (object name), e.g. `Sale` or `Items`. */
  readonly template: string;
  /** Full request URL including the query string. */
  readonly url: string;
  /** Client-generated id shared by every attempt and event of one call. */
  readonly requestId: string;
  /** How many HTTP attempts were made (1 when nothing was retried). */
  readonly attempts: number;
}

/** Options accepted by the {@link BalanceError} constructor. */
export interface BalanceErrorOptions
  extends StructuredErrorOptions<BalanceErrorCode, BalanceRequestInfo> {}

/**
 * Base class of every error this package throws. Messages, fields, `toJSON()` and
 * `util.inspect()` output never contain the password or the `Authorization` header: the
 * client redacts text before building an error and keeps credentials out of error fields.
 * `code`, `hint`, `request`, `retryable`, `toJSON()` and `util.inspect()` come from
 * {@link StructuredError}.
 *
 * @example
 * ```ts
 * try {
 *   await balance.sales.upsert(sale);
 * } catch (error) {
 *   if (isBalanceError(error)) logger.warn(error.toJSON());
 *   throw error;
 * }
 * ```
 */
export class BalanceError extends StructuredError<BalanceErrorCode, BalanceRequestInfo> {
  override name = 'BalanceError';
}
