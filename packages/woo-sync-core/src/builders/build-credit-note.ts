import { creditKey, documentUid } from '../identity/document-keys.js';
import { storeNamespace } from '../identity/store-namespace.js';
import { allocateProportionally } from '../money/allocate-proportionally.js';
import {
  divideRoundHalfAwayFromZero,
  type ExactDecimal,
  exactFromMinor,
  sumExactDecimals,
} from '../money/exact-decimal.js';
import { formatMoney } from '../money/format-money.js';
import type { MinorUnits } from '../money/minor-units.js';
import { exactToMinorRounded } from '../money/parse-money.js';
import { roundPreservingTotal } from '../money/round-preserving-total.js';
import type { WooOrder, WooRefund, WooRefundLine } from '../ports/woocommerce-port.js';
import { assembleCreditNote, type PartAllocation } from './assemble-credit-note.js';
import { toBalanceDateTime } from './balance-date-time.js';
import type { SaleBuild, SalePart, SalePartKind } from './build-sale.js';
import type { CreditNoteBuildResult, SaleLineUids } from './credit-note-build.js';
import { type CreditedTotals, creditedTotalMinor, NO_CREDITS } from './credited-totals.js';
import { fillTemplate } from './fill-template.js';
import { describeLine, IssueCollector, readLineTax, readMoneyField } from './issue-scope.js';
import type { OrderExportConfig } from './order-export-config.js';

/**
 * Input of {@link buildCreditNote}.
 *
 * @example
 * ```ts
 * const input: CreditNoteBuildInput = { order, refund, sale, credited, saleLineUids, config };
 * ```
 */
export interface CreditNoteBuildInput {
  readonly order: WooOrder;
  readonly refund: WooRefund;
  /** The order's Sale, as {@link buildSale} builds it (rebuild it; it is deterministic). */
  readonly sale: SaleBuild;
  /**
   * What earlier credit notes of this Sale (refunds exported before this one, and return
   * requests) already credited. Default: nothing.
   */
  readonly credited?: CreditedTotals;
  /** Sale line uids read back from Balance; the Sale uid is used where one is missing. */
  readonly saleLineUids?: SaleLineUids;
  readonly config: OrderExportConfig;
}

interface RefundEntry {
  readonly line: WooRefundLine;
  readonly part: SalePart;
  /** Units returned (products only; 0 for amount-only lines, shipping and fees). */
  readonly quantity: number;
  readonly netMinor: MinorUnits;
  readonly grossExact: ExactDecimal;
}

/**
 * Builds the Sales Credit Note of one WooCommerce refund — a pure function. Each refund is
 * its own document (`credit:<refundId>`); the Sale is never modified.
 *
 * - **Header**: `BaseDocument` = the Sale uid; `Date` = the refund's `date_created` in the
 *   store's time zone; client, warehouse and `AmountIncludesVAT` as on the Sale.
 * - **Return** (`credits.returnOperationType`) when any product line comes back with a
 *   quantity: refund lines are matched to the Sale through `_refunded_item_id`
 *   (`refundedItemId`) and become lines with positive quantities and amounts (refund
 *   `total` + taxes, or `total` for a net Sale), expressed with `orders.rounding`. Returned
 *   units go against the Sale lines they were sold on (a split line's units fill its first
 *   line, then its second), each line's `BaseDocument` being that Sale line's uid from
 *   `saleLineUids`, else the Sale uid. Shipping and fee refunds are service lines returning
 *   their one unit; money a return refunds beyond its lines (a second shipping refund, an
 *   amount on a line without quantity, an `amount` above the lines) goes onto the goods the
 *   same refund returns, up to what they sold for, else `mixed_refund`.
 * - **Price correction** (`credits.priceCorrectionOperationType`) otherwise: lines refunded
 *   with quantity 0 become corrections of their Sale line (same quantity as sold, corrected
 *   amount); an amount not tied to lines (a refund without lines, or more than its lines) is
 *   spread over the Sale parts in proportion to what is still uncredited (largest
 *   remainder), or put on `credits.amountOnly.item` (quantity 1).
 * - **Exact total**: the lines add up to the refund `amount` exactly (net basis: the amount
 *   minus the refund's tax); unrounded line taxes are reconciled like the Sale's.
 * - **Never beyond the Sale**: quantities and amounts are checked against the Sale parts
 *   minus `credited`; a credit that would exceed is refused with a typed issue.
 *
 * @example
 * ```ts
 * let credited = NO_CREDITS;
 * for (const refund of refunds) {
 *   const result = buildCreditNote({ order, refund, sale, credited, config });
 *   if (!result.ok) break;
 *   await balance.salesCredits.upsert(result.document);
 *   credited = addCreditedTotals(credited, result);
 * }
 * ```
 */
export function buildCreditNote(input: CreditNoteBuildInput): CreditNoteBuildResult {
  const { order, refund, sale, config } = input;
  const credited = input.credited ?? NO_CREDITS;
  const decimals = sale.decimals;
  const issues = IssueCollector.forOrder(order, { refundId: refund.id });
  const money = (minor: MinorUnits) => formatMoney(minor, decimals);

  if (refund.orderId !== order.id) {
    issues.add(
      'refund_order_mismatch',
      `${issues.subject}: the refund belongs to order id ${refund.orderId}, not ${order.id}; build it with its own order`,
    );
    return issues.failure();
  }
  const amountMinor = readMoneyField(refund.amount, decimals, issues, { field: 'amount' });
  if (amountMinor !== undefined && amountMinor < 0) {
    issues.add(
      'invalid_amount',
      `${issues.subject}: amount ${refund.amount} is negative; WooCommerce refund amounts are positive — check the WooCommerce adapter`,
      { field: 'amount' },
    );
  }
  const date = toBalanceDateTime(refund.dateCreated, config.store.timezone);
  if (date === undefined) {
    issues.add(
      'invalid_date',
      `${issues.subject}: date_created "${refund.dateCreated}" is not a UTC date-time; the WooCommerce adapter must deliver dates with a zone`,
      { field: 'date_created' },
    );
  }

  const entries = collectRefundEntries(refund, sale, decimals, issues);
  if (issues.failed || amountMinor === undefined || date === undefined) return issues.failure();

  // 1. Gross amounts of the refund lines, reconciled with the refund amount. Without lines
  //    (an amount-only refund) this fails for any non-zero amount, which is all leftover.
  let grossMinor = roundPreservingTotal(
    entries.map((entry) => entry.grossExact),
    amountMinor,
    decimals,
  );
  let leftoverGross = 0;
  if (!grossMinor) {
    const rounded = entries.map((entry) => exactToMinorRounded(entry.grossExact, decimals) ?? 0);
    const linesMinor = rounded.reduce((sum, value) => sum + value, 0);
    if (amountMinor < linesMinor) {
      issues.add(
        'refund_lines_exceed_amount',
        `${issues.subject}: its lines add up to ${money(linesMinor)} but the refund amount is ${money(amountMinor)}; correct the refund in WooCommerce (delete it and refund again) and export again`,
        { field: 'amount' },
      );
      return issues.failure();
    }
    grossMinor = rounded;
    leftoverGross = amountMinor - linesMinor;
  }

  // 2. In the Sale's basis.
  const lineAmounts = sale.amountsIncludeVat ? grossMinor : entries.map((entry) => entry.netMinor);
  let leftover = sale.amountsIncludeVat
    ? leftoverGross
    : netShare(leftoverGross, sale, credited, {
        netMinor: lineAmounts.reduce((sum, value) => sum + value, 0),
        grossMinor: grossMinor.reduce((sum, value) => sum + value, 0),
      });
  const kind = entries.some((entry) => entry.part.kind === 'product' && entry.quantity > 0)
    ? 'return'
    : 'price-correction';

  const allocations = new Map<string, PartAllocation>();
  const allocate = (part: SalePart, quantity: number, amount: MinorUnits, spread: boolean) => {
    const current = allocations.get(part.key) ?? { quantity: 0, amountMinor: 0, spreadMinor: 0 };
    allocations.set(part.key, {
      quantity: current.quantity + quantity,
      amountMinor: current.amountMinor + amount,
      spreadMinor: current.spreadMinor + (spread ? amount : 0),
    });
  };
  entries.forEach((entry, index) => {
    const amount = lineAmounts[index] ?? 0;
    if (kind === 'return' && entry.part.kind !== 'product') {
      // A shipping or fee line in a return goes back once, as its one unit; a later refund of
      // the same service is money without goods.
      const taken =
        (credited.parts[entry.part.key]?.quantity ?? 0) +
        (allocations.get(entry.part.key)?.quantity ?? 0);
      if (taken < entry.part.quantity) allocate(entry.part, 1, amount, false);
      else leftover += amount;
      return;
    }
    if (kind === 'return' && entry.quantity === 0) {
      leftover += amount; // money without goods inside a return: an extra amount, see below
      return;
    }
    allocate(entry.part, entry.quantity, amount, false);
  });

  // A net Sale fully credited can still see a tetri of VAT refunded (WooCommerce rounds each
  // partial refund's tax on its own); a credit note of net amounts cannot carry VAT alone.
  const onlyVat = leftoverGross > 0 && leftover === 0 && lineAmounts.every((a) => a === 0);
  if (!sale.amountsIncludeVat && onlyVat) {
    issues.add(
      'vat_only_refund',
      `${issues.subject} refunds ${money(amountMinor)} that is only VAT (WooCommerce's rounding of earlier refunds; the Sale's net amounts are fully credited), and a credit note with net amounts cannot carry VAT alone; record it in Balance by hand and mark it as skipped, or use orders.vat.amounts "gross"`,
      { field: 'amount' },
    );
    return issues.failure();
  }

  // 3. The amount not tied to lines.
  let unallocatedMinor = 0;
  if (leftover > 0 && kind === 'return') {
    // A return document can only hold returned goods: the extra money goes onto the goods
    // this refund returns, up to what each part sold for.
    const extra = spreadOverReturnedGoods(leftover, sale, credited, allocations);
    if (!extra) {
      issues.add(
        'mixed_refund',
        `${issues.subject} returns goods and also refunds ${money(leftover)} more than those goods sold for, which a return credit note cannot carry; record the extra amount as a separate refund (without items) in WooCommerce`,
      );
      return issues.failure();
    }
    extra.forEach((share, partKey) => {
      const part = sale.parts.find((candidate) => candidate.key === partKey);
      if (part) allocate(part, 0, share, false);
    });
  } else if (leftover > 0) {
    const amountOnly = config.orders.credits.amountOnly;
    if (amountOnly.mode === 'item') {
      unallocatedMinor = leftover;
    } else {
      const spread = spreadOverSale(leftover, sale, credited, allocations);
      if (!spread) {
        issues.add(
          'credit_exceeds_sale',
          `${issues.subject}: ${money(leftover)} cannot be spread over the Sale, whose uncredited remainder is smaller; check the refunds of the order in WooCommerce`,
        );
        return issues.failure();
      }
      spread.forEach((share, partKey) => {
        const part = sale.parts.find((candidate) => candidate.key === partKey);
        if (part) allocate(part, 0, share, true);
      });
    }
  }

  const namespace = storeNamespace(config.store);
  const key = creditKey(refund.id);
  const templateValues = { number: order.number, id: order.id };
  const reason = refund.reason.trim();
  return assembleCreditNote({
    kind,
    key,
    uid: documentUid(namespace, key),
    date,
    sale,
    config,
    allocations,
    unallocatedMinor,
    credited,
    saleLineUids: input.saleLineUids,
    comments: `WooCommerce refund #${refund.id} of order #${order.number}${reason ? `: ${reason}` : ''}`,
    primaryDocument: fillTemplate(config.orders.primaryDocument, templateValues).trim(),
    grossTotalMinor: amountMinor,
    issues,
  });
}

/**
 * The net part of a gross amount not tied to lines, at the ratio of what the Sale still has
 * uncredited (net over gross) after earlier credits and this note's own lines, half away
 * from zero and never more than the net that is left. A refund of everything that is left
 * gets exactly the net that is left (earlier per-unit refunds may have rounded a tetri of
 * VAT either way; this is where it evens out).
 */
function netShare(
  grossMinor: MinorUnits,
  sale: SaleBuild,
  credited: CreditedTotals,
  thisNote: { netMinor: MinorUnits; grossMinor: MinorUnits },
): MinorUnits {
  const netLeft = sale.totalMinor - creditedTotalMinor(credited) - thisNote.netMinor;
  const grossLeft = sale.orderTotalMinor - credited.grossMinor - thisNote.grossMinor;
  if (grossMinor <= 0 || netLeft <= 0) return 0;
  if (grossLeft <= 0 || grossMinor >= grossLeft) return netLeft;
  const share = divideRoundHalfAwayFromZero(
    BigInt(grossMinor) * BigInt(netLeft),
    BigInt(grossLeft),
  );
  return Math.min(netLeft, Number(share));
}

/**
 * Spreads an extra amount over the product parts this return gives back, in proportion to
 * what each can still take (what it sold for, minus everything credited on it). `undefined`
 * when they cannot take it all.
 */
function spreadOverReturnedGoods(
  amountMinor: MinorUnits,
  sale: SaleBuild,
  credited: CreditedTotals,
  allocations: ReadonlyMap<string, PartAllocation>,
): Map<string, MinorUnits> | undefined {
  const returned = sale.parts.filter(
    (part) => part.kind === 'product' && (allocations.get(part.key)?.quantity ?? 0) > 0,
  );
  const room = returned.map((part) =>
    Math.max(
      0,
      Math.max(part.amountMinor, part.wooAmountMinor) -
        (credited.parts[part.key]?.amountMinor ?? 0) -
        (allocations.get(part.key)?.amountMinor ?? 0),
    ),
  );
  if (room.reduce((sum, value) => sum + value, 0) < amountMinor) return undefined;
  const shares = allocateProportionally(amountMinor, room);
  return new Map(returned.map((part, index) => [part.key, shares[index] ?? 0]));
}

/**
 * Spreads `amountMinor` over the Sale parts in proportion to what each has left after
 * earlier credits and this note's own lines. `undefined` when there is not enough left.
 */
function spreadOverSale(
  amountMinor: MinorUnits,
  sale: SaleBuild,
  credited: CreditedTotals,
  allocations: ReadonlyMap<string, PartAllocation>,
): Map<string, MinorUnits> | undefined {
  const remaining = sale.parts.map((part) =>
    Math.max(
      0,
      part.amountMinor -
        (credited.parts[part.key]?.amountMinor ?? 0) -
        (allocations.get(part.key)?.amountMinor ?? 0),
    ),
  );
  const available = remaining.reduce((sum, value) => sum + value, 0);
  if (available < amountMinor) return undefined;
  const shares = allocateProportionally(amountMinor, remaining);
  const result = new Map<string, MinorUnits>();
  sale.parts.forEach((part, index) => {
    const share = shares[index] ?? 0;
    if (share !== 0) result.set(part.key, share);
  });
  return result;
}

function collectRefundEntries(
  refund: WooRefund,
  sale: SaleBuild,
  decimals: number,
  issues: IssueCollector,
): RefundEntry[] {
  const partsByKey = new Map(sale.parts.map((part) => [part.key, part]));
  const entries: RefundEntry[] = [];
  const groups: [SalePartKind, string, readonly WooRefundLine[]][] = [
    ['product', 'line_items', refund.lineItems],
    ['shipping', 'shipping_lines', refund.shippingLines],
    ['fee', 'fee_lines', refund.feeLines],
  ];
  for (const [kind, fieldName, lines] of groups) {
    lines.forEach((line, position) => {
      const field = `${fieldName}[${position}]`;
      const location = { lineId: line.id, lineName: line.name, sku: line.sku };
      const label = describeLine(
        location,
        kind === 'product' ? 'refunded line' : `refunded ${kind}`,
      );
      const quantity = kind === 'product' ? -line.quantity : 0;
      if (kind === 'product' && (!Number.isSafeInteger(line.quantity) || line.quantity > 0)) {
        issues.add(
          'invalid_refund_quantity',
          `${issues.subject}: ${label} has quantity ${line.quantity}; refunded quantities are zero or negative whole numbers — check the WooCommerce adapter`,
          { ...location, field: `${field}.quantity` },
        );
        return;
      }
      const total = readMoneyField(line.total, decimals, issues, {
        ...location,
        field: `${field}.total`,
      });
      const tax = readLineTax(line.taxes, line.totalTax, decimals, issues, { ...location, field });
      if (total === undefined || tax === undefined) return;
      const netMinor = total === 0 ? 0 : -total;
      const grossExact = sumExactDecimals([
        exactFromMinor(netMinor, decimals),
        { coefficient: -tax.coefficient, scale: tax.scale },
      ]);
      if (quantity === 0 && netMinor === 0 && grossExact.coefficient === 0n) return;
      const part =
        line.refundedItemId === null ? undefined : partsByKey.get(`${kind}:${line.refundedItemId}`);
      if (!part) {
        issues.add(
          'refund_line_unmatched',
          line.refundedItemId === null
            ? `${issues.subject}: ${label} does not say which order line it refunds (WooCommerce lost _refunded_item_id); delete the refund in WooCommerce and refund the line again, or refund the amount without lines`
            : `${issues.subject}: ${label} refunds order item ${line.refundedItemId}, which is not a ${kind} line of the Sale (a negative fee spread over the products, a zero-amount line, or another order's item); refund the amount without lines instead`,
          { ...location, field: `${field}.refunded_item_id` },
        );
        return;
      }
      if (netMinor < 0 || grossExact.coefficient < 0n) {
        issues.add(
          'unsupported_refund_line',
          `${issues.subject}: ${label} would credit a negative amount (a refund of a negative fee or discount); refund the net amount without lines instead`,
          { ...location, field: `${field}.total` },
        );
        return;
      }
      entries.push({ line, part, quantity, netMinor, grossExact });
    });
  }
  return entries;
}
