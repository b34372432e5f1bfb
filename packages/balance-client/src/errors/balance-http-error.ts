import { BalanceError, type BalanceErrorCode, type BalanceRequestInfo } from './balance-error.js';

/** Options accepted by the {@link BalanceHttpError} constructor. */
export interface BalanceHttpErrorOptions {
  /** HTTP status code. */
  readonly status: number;
  /** HTTP reason phrase, e.g. `Not Found`. */
  readonly statusText: string;
  /** Messages from a `{"Error": [...]}` body; empty when the body had none. */
  readonly messages: readonly string[];
  /** Readable, redacted, truncated excerpt of the response body (tags stripped). */
  readonly bodyExcerpt: string;
  /** The call that failed. */
  readonly request: BalanceRequestInfo;
  /** What to do next. */
  readonly hint?: string | undefined;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Overrides the code (used by subclasses). */
  readonly code?: BalanceErrorCode;
  /** The response's `Retry-After`, in milliseconds, when it had a readable one. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * Balance answered with a non-2xx status. Business errors come as `{"Error": ["…"]}` and
 * end up in {@link BalanceHttpError.messages}; HTML pages from a gateway, empty bodies and
 * raw 1C (often Russian) text still produce a readable message and
 * {@link BalanceHttpError.bodyExcerpt}.
 *
 * @example
 * ```ts
 * try {
 *   await balance.salesCredits.upsert(credit);
 * } catch (error) {
 *   if (error instanceof BalanceHttpError && error.status === 400) {
 *     console.error('Balance refused the credit note:', error.messages.join('; '));
 *   }
 * }
 * ```
 */
export class BalanceHttpError extends BalanceError {
  override name = 'BalanceHttpError';
  /** HTTP status code. */
  readonly status: number;
  /** HTTP reason phrase. */
  readonly statusText: string;
  /** Messages Balance returned in `{"Error": [...]}`, in order; empty when there were none. */
  readonly messages: readonly string[];
  /** Readable excerpt of the body (HTML tags stripped, redacted, at most 500 characters). */
  readonly bodyExcerpt: string;
  /**
   * How long Balance asked to wait (`Retry-After`, e.g. with a 429), in milliseconds;
   * `undefined` when the response had no readable `Retry-After`. A job queue can schedule its
   * next attempt with it.
   */
  readonly retryAfterMs: number | undefined;
  declare readonly request: BalanceRequestInfo;

  constructor(summary: string, options: BalanceHttpErrorOptions) {
    super(summary, {
      code: options.code ?? 'BALANCE_HTTP_ERROR',
      hint: options.hint,
      request: options.request,
      retryable: options.retryable,
    });
    this.status = options.status;
    this.statusText = options.statusText;
    this.messages = Object.freeze([...options.messages]);
    this.bodyExcerpt = options.bodyExcerpt;
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      statusText: this.statusText,
      messages: [...this.messages],
      bodyExcerpt: this.bodyExcerpt,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}
