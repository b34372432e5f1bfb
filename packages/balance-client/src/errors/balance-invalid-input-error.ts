import { BalanceError } from './balance-error.js';
import type { BalanceSchemaIssue } from './balance-schema-error.js';

/**
 * A document or query passed to the client failed validation before anything was sent (also
 * in dry run). Fix the named fields; nothing reached Balance.
 *
 * @example
 * ```ts
 * try {
 *   await balance.sales.upsert({ uid: 'not-a-guid', Date: '2025-03-01', Client: c, Items: [] });
 * } catch (error) {
 *   if (error instanceof BalanceInvalidInputError) console.error(error.issues);
 * }
 * ```
 */
export class BalanceInvalidInputError extends BalanceError {
  override name = 'BalanceInvalidInputError';
  /** Every problem, with the path inside the input (e.g. `Items[0].Price`). */
  readonly issues: readonly BalanceSchemaIssue[];
  /** The URL template the input was meant for. */
  readonly template: string;

  constructor(
    summary: string,
    options: { template: string; issues: readonly BalanceSchemaIssue[] },
  ) {
    super(summary, {
      code: 'BALANCE_INVALID_INPUT',
      retryable: false,
      hint: 'fix the listed fields; nothing was sent to Balance',
    });
    this.issues = Object.freeze([...options.issues]);
    this.template = options.template;
  }

  protected override details(): Record<string, unknown> {
    return { template: this.template, issues: [...this.issues] };
  }
}
