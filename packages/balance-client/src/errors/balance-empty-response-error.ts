import type { BalanceRequestInfo } from './balance-error.js';
import { BalanceSchemaError } from './balance-schema-error.js';

/**
 * Balance (or, in practice, a proxy or WAF in front of it) answered a read with a 2xx status
 * and no body at all (zero-length or whitespace only). Real Balance answers an empty list with
 * `[]` (or a wrapper holding an empty array), so an empty body is never read as "no rows":
 * taking it for an empty catalog would zero stock or unpublish products. Retryable like any
 * proxy glitch; GETs are retried automatically before this is thrown.
 *
 * Earlier versions of this client returned `[]` (or `undefined` for a lookup by uid) for
 * such an answer; that was a silent data-loss risk, and throwing is an intended behaviour
 * change.
 *
 * @example
 * ```ts
 * try {
 *   await balance.stocks.list();
 * } catch (error) {
 *   if (error instanceof BalanceEmptyResponseError) console.error(error.status, error.hint);
 * }
 * ```
 */
export class BalanceEmptyResponseError extends BalanceSchemaError {
  override name = 'BalanceEmptyResponseError';
  /** HTTP status of the empty answer (a 2xx). */
  readonly status: number;
  declare readonly request: BalanceRequestInfo;

  constructor(summary: string, options: { readonly request: BalanceRequestInfo; status: number }) {
    super(summary, {
      code: 'BALANCE_EMPTY_RESPONSE',
      retryable: true,
      request: options.request,
      issues: [{ path: '', message: 'empty body' }],
      sample: '',
      hint: 'Balance (or a proxy in front of it) answered 200 with no body; real Balance answers [] for an empty list — check the proxy/WAF; reads are retried automatically',
    });
    this.status = options.status;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), status: this.status };
  }
}
