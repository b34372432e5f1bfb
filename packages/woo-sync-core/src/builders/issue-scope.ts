import {
  type ExactDecimal,
  exactFromMinor,
  parseExactDecimal,
  sumExactDecimals,
} from '../money/exact-decimal.js';
import { parseMoney } from '../money/parse-money.js';
import type { WooLineTax, WooOrder } from '../ports/woocommerce-port.js';
import type { BuildFailure, BuildIssue, BuildIssueCode } from './build-issue.js';

/*
 * Internal helpers shared by the builders: where a problem is (order, refund, line) and
 * reading WooCommerce money fields into issues instead of exceptions.
 */

/** The document being built, for issue messages. */
export interface IssueScope {
  readonly orderId: number;
  readonly orderNumber: string;
  readonly refundId?: number;
  readonly requestId?: string;
}

/** Where inside the document a problem is. */
export interface IssueLocation {
  readonly lineId?: number;
  readonly lineName?: string;
  readonly sku?: string | null;
  readonly field?: string;
}

/** Collects issues for one build. */
export class IssueCollector {
  readonly issues: BuildIssue[] = [];

  constructor(readonly scope: IssueScope) {}

  static forOrder(order: WooOrder, extra: Omit<IssueScope, 'orderId' | 'orderNumber'> = {}) {
    return new IssueCollector({ orderId: order.id, orderNumber: order.number, ...extra });
  }

  /** `order #1234` / `refund #77 of order #1234` / `return request rma-7 of order #1234`. */
  get subject(): string {
    const order = `order #${this.scope.orderNumber}`;
    if (this.scope.refundId !== undefined) return `refund #${this.scope.refundId} of ${order}`;
    if (this.scope.requestId !== undefined)
      return `return request "${this.scope.requestId}" of ${order}`;
    return order;
  }

  add(code: BuildIssueCode, message: string, location: IssueLocation = {}): void {
    this.issues.push({ code, message, ...this.scope, ...location });
  }

  get failed(): boolean {
    return this.issues.length > 0;
  }

  failure(): BuildFailure {
    return { ok: false, issues: [...this.issues] };
  }
}

/** `line "Tea 250 g" (item 12, SKU TEA-250)`. */
export function describeLine(location: IssueLocation, kind = 'line'): string {
  const details: string[] = [];
  if (location.lineId !== undefined) details.push(`item ${location.lineId}`);
  details.push(location.sku ? `SKU ${location.sku}` : 'no SKU');
  const name = location.lineName ? ` "${location.lineName}"` : '';
  return `${kind}${name} (${details.join(', ')})`;
}

/**
 * Reads a `dp`-formatted money field; `""` counts as zero (WooCommerce's "not set").
 * Records an `invalid_amount` issue and returns `undefined` when unreadable.
 */
export function readMoneyField(
  text: string,
  decimals: number,
  issues: IssueCollector,
  location: IssueLocation & { field: string },
): number | undefined {
  if (text.trim() === '') return 0;
  const parsed = parseMoney(text, decimals);
  if (parsed.ok) return parsed.minor;
  issues.add(
    'invalid_amount',
    `${issues.subject}: ${location.field} = ${parsed.message}; fix the value in WooCommerce (or the store's decimals setting) and export again`,
    location,
  );
  return undefined;
}

/**
 * The exact tax of a line: the sum of its unrounded `taxes[].total` when WooCommerce sent
 * them, else its `dp`-formatted `total_tax`. Records an `invalid_amount` issue when
 * unreadable.
 */
export function readLineTax(
  taxes: readonly WooLineTax[],
  totalTax: string,
  decimals: number,
  issues: IssueCollector,
  location: IssueLocation & { field: string },
): ExactDecimal | undefined {
  if (taxes.length === 0) {
    const minor = readMoneyField(totalTax, decimals, issues, {
      ...location,
      field: `${location.field}.total_tax`,
    });
    return minor === undefined ? undefined : exactFromMinor(minor, decimals);
  }
  const values: ExactDecimal[] = [];
  for (const [index, tax] of taxes.entries()) {
    if (tax.total.trim() === '') continue;
    const value = parseExactDecimal(tax.total);
    if (!value) {
      issues.add(
        'invalid_amount',
        `${issues.subject}: ${location.field}.taxes[${index}].total = "${tax.total}" is not a decimal amount; fix the tax in WooCommerce and export again`,
        { ...location, field: `${location.field}.taxes[${index}].total` },
      );
      return undefined;
    }
    values.push(value);
  }
  return sumExactDecimals(values);
}
