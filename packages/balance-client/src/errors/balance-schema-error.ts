import { BalanceError, type BalanceRequestInfo } from './balance-error.js';

/** One problem found while validating a Balance response. */
export interface BalanceSchemaIssue {
  /** Where in the response, e.g. `[12].uid` (relative to the list of rows). */
  readonly path: string;
  /** What was wrong. Never contains the offending value. */
  readonly message: string;
}

/**
 * A successful Balance response did not have the expected shape (or was not JSON). Carries
 * the failing paths and a short, redacted sample of the offending row, so the tenant's real
 * shape can be seen without dumping the whole response.
 *
 * @example
 * ```ts
 * if (error instanceof BalanceSchemaError) {
 *   console.error(error.issues.map((issue) => `${issue.path}: ${issue.message}`), error.sample);
 * }
 * ```
 */
export class BalanceSchemaError extends BalanceError {
  override name = 'BalanceSchemaError';
  /** Every validation problem (at most 20). */
  readonly issues: readonly BalanceSchemaIssue[];
  /** Short redacted JSON excerpt of the offending value (at most 300 characters). */
  readonly sample: string;

  constructor(
    summary: string,
    options: {
      readonly request: BalanceRequestInfo | undefined;
      readonly issues: readonly BalanceSchemaIssue[];
      readonly sample: string;
      readonly hint?: string;
    },
  ) {
    super(summary, {
      code: 'BALANCE_SCHEMA_ERROR',
      request: options.request,
      retryable: false,
      hint:
        options.hint ??
        'the tenant returns a shape this client does not expect; compare the sample with the web-service description in Balance and report it',
    });
    this.issues = Object.freeze([...options.issues]);
    this.sample = options.sample;
  }

  protected override details(): Record<string, unknown> {
    return { issues: [...this.issues], sample: this.sample };
  }
}
