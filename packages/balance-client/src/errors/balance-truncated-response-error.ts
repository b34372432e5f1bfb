import type { BalanceRequestInfo } from './balance-error.js';
import { BalanceSchemaError } from './balance-schema-error.js';

/**
 * A 2xx answer to a read whose JSON stops before its end (an array or object that is never
 * closed, a string that never ends): the answer was cut off on the way — a proxy or gateway
 * timing out, a size limit, a dropped connection. Nothing is wrong with the tenant's shape,
 * so this is retryable, and GETs are retried automatically before it is thrown. (Writes cut
 * off this way raise `BalanceUnexpectedWriteResponseError`.)
 *
 * @example
 * ```ts
 * if (error instanceof BalanceTruncatedResponseError) {
 *   console.error(`cut off after ${error.receivedChars} characters`);
 * }
 * ```
 */
export class BalanceTruncatedResponseError extends BalanceSchemaError {
  override name = 'BalanceTruncatedResponseError';
  /** HTTP status of the cut-off answer (a 2xx). */
  readonly status: number;
  /** How many characters of the body arrived. */
  readonly receivedChars: number;
  declare readonly request: BalanceRequestInfo;

  constructor(
    summary: string,
    options: {
      readonly request: BalanceRequestInfo;
      readonly status: number;
      readonly receivedChars: number;
      /** Redacted excerpt of the end of what arrived. */
      readonly sample: string;
    },
  ) {
    super(summary, {
      code: 'BALANCE_TRUNCATED_RESPONSE',
      retryable: true,
      request: options.request,
      issues: [{ path: '', message: `JSON cut off after ${options.receivedChars} characters` }],
      sample: options.sample,
      hint: 'the answer was cut off before its end (a proxy or gateway timeout or size limit, or a dropped connection); reads are retried automatically — if it keeps happening, check the proxy between you and Balance or read smaller packs (`packSize`)',
    });
    this.status = options.status;
    this.receivedChars = options.receivedChars;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), status: this.status, receivedChars: this.receivedChars };
  }
}
