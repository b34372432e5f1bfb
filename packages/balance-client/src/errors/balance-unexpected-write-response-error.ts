import type { BalanceRequestInfo } from './balance-error.js';
import { BalanceSchemaError } from './balance-schema-error.js';

/**
 * Why a write's 2xx answer was not Balance's: `empty` (no body), `truncated` (JSON cut off
 * mid-way) or `not-json` (an HTML error or login page, plain text).
 */
export type UnexpectedWriteResponseReason = 'empty' | 'truncated' | 'not-json';

/**
 * A write (PUT) got a 2xx answer that is not the JSON Balance sends (the saved documents):
 * an empty body, JSON cut off mid-way, or an HTML page from a proxy, IIS or a login form. Such
 * an answer proves nothing — the write may never have reached Balance, or it may have been
 * applied and its answer replaced — so it is never taken as success: the **outcome is
 * unknown** (`outcome: 'unknown'`).
 *
 * Retryable when the request may be repeated safely (a PUT whose every document has a
 * `uid`: an upsert rewrites the same document), and then retried automatically before this
 * is thrown; a caller that keeps a ledger should leave the document "sent" and confirm it by
 * reading it back by uid (`sales.get(uid)`) or send it again. A write without uids is not
 * retryable: look the record up in Balance before sending it again.
 *
 * @example
 * ```ts
 * try {
 *   await balance.sales.upsert(sale);
 * } catch (error) {
 *   if (error instanceof BalanceUnexpectedWriteResponseError) {
 *     const found = await balance.sales.get(sale.uid); // confirms, or send it again
 *   }
 * }
 * ```
 */
export class BalanceUnexpectedWriteResponseError extends BalanceSchemaError {
  override name = 'BalanceUnexpectedWriteResponseError';
  /** Whether the write was applied is not known. */
  readonly outcome = 'unknown' as const;
  /** HTTP status of the answer (a 2xx). */
  readonly status: number;
  /** What was wrong with the answer. */
  readonly reason: UnexpectedWriteResponseReason;
  declare readonly request: BalanceRequestInfo;

  constructor(
    summary: string,
    options: {
      readonly request: BalanceRequestInfo;
      readonly status: number;
      readonly reason: UnexpectedWriteResponseReason;
      /** Redacted, readable excerpt of the answer (HTML stripped). */
      readonly sample: string;
      /** Whether the request may be repeated safely (uid-keyed PUT). */
      readonly retryable: boolean;
    },
  ) {
    super(summary, {
      code: 'BALANCE_UNEXPECTED_WRITE_RESPONSE',
      retryable: options.retryable,
      request: options.request,
      issues: [{ path: '', message: REASON_TEXT[options.reason] }],
      sample: options.sample,
      hint: options.retryable
        ? 'the write may or may not have reached Balance: a proxy, login or error page (or a cut-off or empty answer) came back instead of the Exchange web service; PUTs with uids are retried automatically and are safe to repeat — read the document back by uid to confirm it, and if this persists check the base URL, the proxy/WAF and the publication'
        : 'the write may or may not have reached Balance: a proxy, login or error page (or a cut-off or empty answer) came back instead of the Exchange web service; this write has no uid, so it is not repeated — look the record up in Balance before sending it again, and check the base URL, the proxy/WAF and the publication',
    });
    this.status = options.status;
    this.reason = options.reason;
  }

  protected override details(): Record<string, unknown> {
    return {
      ...super.details(),
      outcome: this.outcome,
      status: this.status,
      reason: this.reason,
    };
  }
}

const REASON_TEXT: Record<UnexpectedWriteResponseReason, string> = {
  empty: 'empty body',
  truncated: 'JSON cut off',
  'not-json': 'not JSON',
};
