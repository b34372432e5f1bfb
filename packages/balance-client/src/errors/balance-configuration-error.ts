import { BalanceError } from './balance-error.js';
import type { BalanceSchemaIssue } from './balance-schema-error.js';

/**
 * The client options are invalid or incomplete for the call (for example `exchangeUid` is
 * missing and Stocks needs it). Thrown by `createBalanceClient()` or before a request is
 * made; never retryable.
 *
 * @example
 * ```ts
 * try {
 *   createBalanceClient({ connection: { mode: 'cloud', applicationId: '' }, username, password });
 * } catch (error) {
 *   if (error instanceof BalanceConfigurationError) console.error(error.issues);
 * }
 * ```
 */
export class BalanceConfigurationError extends BalanceError {
  override name = 'BalanceConfigurationError';
  /** Every problem, with the option path (e.g. `connection.applicationId`). */
  readonly issues: readonly BalanceSchemaIssue[];

  constructor(
    summary: string,
    options: { issues?: readonly BalanceSchemaIssue[]; hint?: string } = {},
  ) {
    super(summary, { code: 'BALANCE_CONFIGURATION_ERROR', retryable: false, hint: options.hint });
    this.issues = Object.freeze([...(options.issues ?? [])]);
  }

  protected override details(): Record<string, unknown> {
    return this.issues.length > 0 ? { issues: [...this.issues] } : {};
  }
}
