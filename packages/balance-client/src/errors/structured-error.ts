/**
 * Options accepted by the {@link StructuredError} constructor.
 *
 * @typeParam Code - the stable codes of the error family
 * @typeParam Request - what the family records about the failed call
 */
export interface StructuredErrorOptions<Code extends string, Request extends object> {
  /** Stable machine-readable code. */
  readonly code: Code;
  /** What to do next, appended to the message. */
  readonly hint?: string | undefined;
  /** The call that failed, when there was one. */
  readonly request?: Request | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable?: boolean | undefined;
  /** Underlying error; must already be free of secrets. */
  readonly cause?: unknown;
}

/**
 * The common base of the SDK's error families ({@link BalanceError}, and the WooCommerce
 * adapter's `WooCommerceError`): a stable `code`, an optional `hint` appended to the
 * message, the failed `request`, a `retryable` flag, a plain `toJSON()` for structured logs
 * and a `util.inspect()` that shows the stack with those fields.
 *
 * It redacts nothing itself: a family keeps secrets out of the summary, hint, request and
 * cause it passes in (and out of its `details()`), so that none of
 * these outputs can contain them.
 *
 * @typeParam Code - the stable codes of the family
 * @typeParam Request - what the family records about the failed call
 *
 * @example
 * ```ts
 * class ShopError extends StructuredError<'SHOP_DOWN', { url: string }> {
 *   override name = 'ShopError';
 * }
 * new ShopError('Shop is down', { code: 'SHOP_DOWN', hint: 'try later', retryable: true }).toJSON();
 * // { name: 'ShopError', code: 'SHOP_DOWN', message: 'Shop is down — try later', retryable: true }
 * ```
 */
export abstract class StructuredError<Code extends string, Request extends object> extends Error {
  /** Stable machine-readable code. */
  readonly code: Code;
  /** What to do next, when known (also part of `message`). */
  readonly hint: string | undefined;
  /** The call that failed, when there was one. */
  readonly request: Request | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;

  constructor(summary: string, options: StructuredErrorOptions<Code, Request>) {
    super(options.hint ? `${summary} — ${options.hint}` : summary, { cause: options.cause });
    this.code = options.code;
    this.hint = options.hint;
    this.request = options.request;
    this.retryable = options.retryable ?? false;
  }

  /**
   * A plain, secret-free object for structured logs: name, code, message, retryable, the
   * request, the subclass `details()` and the cause (described).
   *
   * @example
   * ```ts
   * logger.error({ err: error.toJSON() }, 'call failed');
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

/** A cause for `toJSON()`: an SDK error as its own JSON, any other error as name, message and string code. */
function describeCause(cause: unknown): unknown {
  if (cause instanceof StructuredError) return cause.toJSON();
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
