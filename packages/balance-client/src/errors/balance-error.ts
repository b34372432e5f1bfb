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
export interface BalanceErrorOptions {
  /** Stable code, see {@link BalanceErrorCode}. */
  readonly code: BalanceErrorCode;
  /** What to do next, appended to the message. */
  readonly hint?: string | undefined;
  /** The call that failed, when there was one. */
  readonly request?: BalanceRequestInfo | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable?: boolean | undefined;
  /** Underlying error; must already be free of secrets. */
  readonly cause?: unknown;
}

/**
 * Base class of every error this package throws. Messages, fields, `toJSON()` and
 * `util.inspect()` output never contain the password or the `Authorization` header: the
 * client redacts text before building an error and keeps credentials out of error fields.
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
export class BalanceError extends Error {
  override name = 'BalanceError';
  /** Stable machine-readable code. */
  readonly code: BalanceErrorCode;
  /** What to do next, when known (also part of `message`). */
  readonly hint: string | undefined;
  /** The call that failed, when there was one. */
  readonly request: BalanceRequestInfo | undefined;
  /** Whether repeating the same call may succeed (see `isRetryableBalanceError`). */
  readonly retryable: boolean;

  constructor(summary: string, options: BalanceErrorOptions) {
    super(options.hint ? `${summary} — ${options.hint}` : summary, {
      cause: options.cause,
    });
    this.code = options.code;
    this.hint = options.hint;
    this.request = options.request;
    this.retryable = options.retryable ?? false;
  }

  /**
   * A plain, secret-free object for structured logs.
   *
   * @example
   * ```ts
   * logger.error({ err: error.toJSON() }, 'Balance call failed');
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.request ? { request: { ...this.request } } : {}),
      ...this.details(),
      ...(this.cause === undefined ? {} : { cause: describeCause(this.cause) }),
    };
  }

  /** Subclass-specific fields for `toJSON()` and `util.inspect()`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  /** `util.inspect()` shows the stack and the `toJSON()` fields, never raw request objects. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(fields, options)}`;
  }
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof BalanceError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return {
      name: cause.name,
      message: cause.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return String(cause);
}
