/**
 * Stable codes of the business problems a builder reports instead of throwing:
 *
 * - `unmapped_line`: no Balance item for a product line (map the product or fix its SKU);
 * - `invalid_amount`, `invalid_quantity`, `invalid_date`: WooCommerce sent a value the
 *   builder cannot read;
 * - `negative_line_amount`: a product line with a negative amount;
 * - `shipping_item_missing`, `fee_item_missing`: the order has shipping / a fee but
 *   `orders.shippingItem` / `orders.feeItem` is not configured;
 * - `negative_fee_exceeds_lines`: a negative fee larger than the product lines it should be
 *   spread over;
 * - `order_total_mismatch`: the order's lines do not add up to its total within rounding;
 * - `currency_mismatch`: the order's currency is not the store's;
 * - `invalid_personal_id`, `invalid_company_id`: the customer's ID in the order meta is
 *   not valid;
 * - `refund_order_mismatch`: the refund belongs to another order;
 * - `refund_line_unmatched`: a refunded line does not point to a line of the Sale;
 * - `invalid_refund_quantity`, `unsupported_refund_line`: a refund line the builder cannot
 *   express (positive quantity, refund of a negative fee);
 * - `refund_lines_exceed_amount`: the refund's lines add up to more than its amount;
 * - `credit_exceeds_sale`, `credit_quantity_exceeds_sale`: the credit would take a Sale line
 *   (or the Sale) beyond what was sold;
 * - `mixed_refund`: a refund returns goods and also refunds an extra amount, with no
 *   `credits.amountOnly` item to carry the extra;
 * - `vat_only_refund`: with net amounts (`orders.vat.amounts: 'follow-order'`), a refund
 *   that is only VAT left over by WooCommerce's rounding, which a net credit note cannot carry;
 * - `empty_refund`, `empty_return_request`: nothing to credit;
 * - `return_sku_not_in_order`, `return_quantity_exceeds_sale`, `invalid_return_line`:
 *   problems with a return request's lines.
 */
export type BuildIssueCode =
  | 'unmapped_line'
  | 'invalid_amount'
  | 'invalid_quantity'
  | 'invalid_date'
  | 'negative_line_amount'
  | 'shipping_item_missing'
  | 'fee_item_missing'
  | 'negative_fee_exceeds_lines'
  | 'order_total_mismatch'
  | 'currency_mismatch'
  | 'invalid_personal_id'
  | 'invalid_company_id'
  | 'refund_order_mismatch'
  | 'refund_line_unmatched'
  | 'invalid_refund_quantity'
  | 'unsupported_refund_line'
  | 'refund_lines_exceed_amount'
  | 'credit_exceeds_sale'
  | 'credit_quantity_exceeds_sale'
  | 'mixed_refund'
  | 'vat_only_refund'
  | 'empty_refund'
  | 'empty_return_request'
  | 'return_sku_not_in_order'
  | 'return_quantity_exceeds_sale'
  | 'invalid_return_line';

/**
 * One business problem found while building a document: a stable `code`, a message that
 * says what to do next, and where it is (order, refund, line, SKU).
 *
 * @example
 * ```ts
 * const result = buildSale(input);
 * if (!result.ok) for (const issue of result.issues) log.warn(issue.message, { code: issue.code });
 * ```
 */
export interface BuildIssue {
  readonly code: BuildIssueCode;
  /** Human message naming the order, line and SKU, ending with what to do. */
  readonly message: string;
  readonly orderId: number;
  /** The human order number (`WooOrder.number`). */
  readonly orderNumber: string;
  readonly refundId?: number;
  readonly requestId?: string;
  /** WooCommerce item id of the line (order line, or refund line for refunds). */
  readonly lineId?: number;
  readonly lineName?: string;
  readonly sku?: string | null;
  /** The WooCommerce field at fault, e.g. `line_items[2].total`. */
  readonly field?: string;
}

/**
 * A builder's failure: every problem found, not just the first.
 *
 * @example
 * ```ts
 * if (!result.ok) console.error(result.issues.map((issue) => issue.message).join('\n'));
 * ```
 */
export interface BuildFailure {
  readonly ok: false;
  readonly issues: readonly BuildIssue[];
}
