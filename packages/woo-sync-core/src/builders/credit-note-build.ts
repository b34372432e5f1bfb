import type { MinorUnits } from '../money/minor-units.js';
import type { SalesCreditDocument } from './balance-documents.js';
import type { BuildFailure } from './build-issue.js';
import type { CreditPart } from './credited-totals.js';

/**
 * What kind of credit note was built: `return` (goods come back; header `OperationType` =
 * `credits.returnOperationType`) or `price-correction` (money only;
 * `credits.priceCorrectionOperationType`).
 */
export type CreditKind = 'return' | 'price-correction';

/**
 * A built credit note (from a refund or a return request).
 *
 * @example
 * ```ts
 * const result = buildCreditNote(input);
 * if (result.ok) credited = addCreditedTotals(credited, result);
 * ```
 */
export interface CreditNoteBuild {
  readonly ok: true;
  /** Ledger key: `credit:<refundId>` or `return:<orderId>:<requestId>`. */
  readonly key: string;
  readonly uid: string;
  readonly document: SalesCreditDocument;
  /** SHA-256 of the canonical JSON of `document`. */
  readonly payloadHash: string;
  readonly kind: CreditKind;
  /** Σ `Amount` of the lines, in the Sale's basis. */
  readonly totalMinor: MinorUnits;
  /**
   * The credit including VAT: the refund `amount` for refunds; equal to `totalMinor` when
   * amounts include VAT; for a net return request, estimated at the ratio of what the Sale
   * still has uncredited.
   */
  readonly grossTotalMinor: MinorUnits;
  /** `document.AmountIncludesVAT` (always the Sale's). */
  readonly amountsIncludeVat: boolean;
  /** What this credit note takes from each Sale part, in Sale order. */
  readonly parts: readonly CreditPart[];
  /** What went on the configured amount-only item. */
  readonly unallocatedMinor: MinorUnits;
}

/**
 * The outcome of {@link buildCreditNote} and {@link buildReturnRequest}.
 *
 * @example
 * ```ts
 * const result: CreditNoteBuildResult = buildReturnRequest(input);
 * ```
 */
export type CreditNoteBuildResult = CreditNoteBuild | BuildFailure;

/**
 * The uids of the Sale's lines as Balance assigned them, in document order (index `i` is
 * `document.Items[i]`), from {@link saleLineUidsFromReadBack}. Credit note lines reference
 * them as `BaseDocument`; where one is missing, the Sale uid is used.
 *
 * @example
 * ```ts
 * const uids: SaleLineUids = ['5b1f…', '5b20…', undefined];
 * ```
 */
export type SaleLineUids = readonly (string | undefined)[];
