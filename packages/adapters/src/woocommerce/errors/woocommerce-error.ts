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
export interface WooCommerceErrorOptions {
  /** Stable code, see {@link WooCommerceErrorCode}. */
  readonly code: WooCommerceErrorCode;
  /** What to do next, appended to the message. */
  readonly hint?: string | undefined;
  /** The call that failed, when there was one. */
  readonly request?: WooCommerceRequestInfo | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable?: boolean | undefined;
  /** Underlying error; must already be free of secrets. */
  readonly cause?: unknown;
}

/**
 * Base class of every error the WooCommerce adapter throws. Messages, fields, `toJSON()` and
 * `util.inspect()` never contain the consumer secret, an OAuth signature or the
 * `Authorization` header: URLs are redacted before an error is built and credentials are
 * never stored on one.
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
export class WooCommerceError extends Error {
  override name = 'WooCommerceError';
  /** Stable machine-readable code. */
  readonly code: WooCommerceErrorCode;
  /** What to do next, when known (also part of `message`). */
  readonly hint: string | undefined;
  /** The call that failed, when there was one. */
  readonly request: WooCommerceRequestInfo | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;

  constructor(summary: string, options: WooCommerceErrorOptions) {
    super(options.hint ? `${summary} — ${options.hint}` : summary, { cause: options.cause });
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
   * logger.error({ err: error.toJSON() }, 'WooCommerce call failed');
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
  if (cause instanceof WooCommerceError) return cause.toJSON();
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
