import { BalanceError, type BalanceErrorCode, type BalanceRequestInfo } from './balance-error.js';

/** One problem found while validating a Balance response. */
export interface BalanceSchemaIssue {
  /** Where in the response, e.g. `[12].uid` (relative to the list of rows). */
  readonly path: string;
  /** What was wrong. Never contains the offending value. */
  readonly message: string;
}

/** Options accepted by the {@link BalanceSchemaError} constructor. */
export interface BalanceSchemaErrorOptions {
  /** The call whose response it was. */
  readonly request: BalanceRequestInfo | undefined;
  /** Every validation problem (at most 20 are kept by the client). */
  readonly issues: readonly BalanceSchemaIssue[];
  /** Short redacted excerpt of the offending value. */
  readonly sample: string;
  /** What to do next; a default that points at the tenant's shape otherwise. */
  readonly hint?: string | undefined;
  /** Overrides the code (used by subclasses). */
  readonly code?: BalanceErrorCode;
  /**
   * Whether repeating the call may succeed (subclasses for empty and cut-off answers).
   * @default false
   */
  readonly retryable?: boolean;
}

/**
 * A successful Balance response did not have the expected shape (or was not JSON). Carries
 * the failing paths and a short, redacted sample of the offending row, so the tenant's real
 * shape can be seen without dumping the whole response. Not retryable: the same answer comes
 * again. Its subclasses are the 2xx answers that are a transport glitch rather than a shape:
 * `BalanceEmptyResponseError`, `BalanceTruncatedResponseError` and
 * `BalanceUnexpectedWriteResponseError`.
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

  constructor(summary: string, options: BalanceSchemaErrorOptions) {
    super(summary, {
      code: options.code ?? 'BALANCE_SCHEMA_ERROR',
      request: options.request,
      retryable: options.retryable ?? false,
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
