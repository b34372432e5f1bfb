import { WooCommerceError, type WooCommerceRequestInfo } from './woocommerce-error.js';

/** One problem found while validating a WooCommerce response. */
export interface WooCommerceSchemaIssue {
  /** Where in the response, e.g. `[3].date_modified_gmt`. */
  readonly path: string;
  /** What was wrong. Never contains the offending value. */
  readonly message: string;
}

/**
 * A successful response did not have the shape the adapter needs (a required field such as
 * `id` or `date_modified_gmt` missing, or a body that is not JSON at all).
 *
 * @example
 * ```ts
 * if (error instanceof WooCommerceSchemaError) {
 *   console.error(error.issues.map((issue) => `${issue.path}: ${issue.message}`));
 * }
 * ```
 */
export class WooCommerceSchemaError extends WooCommerceError {
  override name = 'WooCommerceSchemaError';
  /** Every validation problem (at most 20). */
  readonly issues: readonly WooCommerceSchemaIssue[];

  constructor(
    summary: string,
    options: {
      readonly request: WooCommerceRequestInfo | undefined;
      readonly issues: readonly WooCommerceSchemaIssue[];
    },
  ) {
    super(summary, {
      code: 'WOOCOMMERCE_SCHEMA_ERROR',
      request: options.request,
      retryable: false,
      hint: 'a plugin may be changing REST responses; compare with GET /wp-json/wc/v3 output and report it',
    });
    this.issues = Object.freeze([...options.issues]);
  }

  protected override details(): Record<string, unknown> {
    return { issues: [...this.issues] };
  }
}
