import { payloadHash } from '../identity/payload-hash.js';
import { allocateProportionally } from '../money/allocate-proportionally.js';
import { formatMoney } from '../money/format-money.js';
import type { MinorUnits } from '../money/minor-units.js';
import { formatQuantity } from '../money/quantity.js';
import type { SalesCreditDocument, SalesCreditDocumentLine } from './balance-documents.js';
import type { SaleBuild, SalePart } from './build-sale.js';
import type { CreditKind, CreditNoteBuildResult, SaleLineUids } from './credit-note-build.js';
import { type CreditedTotals, type CreditPart, creditedTotalMinor } from './credited-totals.js';
import { expressLineAmount } from './express-line-amount.js';
import { describeLine, type IssueCollector } from './issue-scope.js';
import type { OrderExportConfig } from './order-export-config.js';
import { representativeLine, saleLineSegments } from './sale-unit-value.js';

/*
 * Internal: turns "this much of these Sale parts" into a credit note, after checking that
 * nothing is credited beyond what the Sale sold. Shared by the refund and return-request
 * builders.
 */

/** Quantity and amount credited on one Sale part by the note being built. */
export interface PartAllocation {
  quantity: number;
  /** Everything this note credits on the part. */
  amountMinor: MinorUnits;
  /** The share of `amountMinor` spread from an amount-only refund. */
  spreadMinor: MinorUnits;
}

export interface AssembleCreditNoteInput {
  readonly kind: CreditKind;
  readonly key: string;
  readonly uid: string;
  readonly date: string;
  readonly sale: SaleBuild;
  readonly config: OrderExportConfig;
  /** By Sale part key. */
  readonly allocations: ReadonlyMap<string, PartAllocation>;
  readonly unallocatedMinor: MinorUnits;
  readonly credited: CreditedTotals;
  readonly saleLineUids: SaleLineUids | undefined;
  readonly comments: string;
  readonly primaryDocument: string;
  /** The credit including VAT (refund amount), or `undefined` to use the line total. */
  readonly grossTotalMinor: MinorUnits | undefined;
  readonly issues: IssueCollector;
}

function partLocation(part: SalePart) {
  return { lineId: part.wooItemId, lineName: part.name, sku: part.sku };
}

/** Capacity checks, then the document. */
export function assembleCreditNote(input: AssembleCreditNoteInput): CreditNoteBuildResult {
  const { sale, config, issues, credited, allocations } = input;
  const decimals = sale.decimals;
  const money = (minor: MinorUnits) => formatMoney(minor, decimals);

  let noteTotal = input.unallocatedMinor;
  for (const part of sale.parts) {
    const allocation = allocations.get(part.key);
    if (!allocation) continue;
    noteTotal += allocation.amountMinor;
    const before = credited.parts[part.key] ?? { quantity: 0, amountMinor: 0, spreadMinor: 0 };
    const label = describeLine(partLocation(part), part.kind === 'product' ? 'line' : part.kind);
    if (before.quantity + allocation.quantity > part.quantity) {
      issues.add(
        'credit_quantity_exceeds_sale',
        `${issues.subject}: ${label} would bring the returned quantity to ${before.quantity + allocation.quantity} but the Sale sold ${part.quantity} (${before.quantity} already credited); check the refund in WooCommerce for a duplicate and, if it is one, mark this credit as skipped`,
        partLocation(part),
      );
    }
    // What refund lines ask for on a line may reach what the Sale charged for it or what
    // WooCommerce's own rounded fields say, whichever is larger (they differ by rounding or a
    // spread negative fee), plus one minor unit per unit sold: WooCommerce rounds each
    // partial refund's unit price × quantity on its own. Spread amounts are not counted here
    // (they were spread over what was left); the Sale total below is checked strictly.
    const explicitBefore = before.amountMinor - before.spreadMinor;
    const explicitNow = allocation.amountMinor - allocation.spreadMinor;
    const limit = Math.max(part.amountMinor, part.wooAmountMinor) + part.quantity;
    if (explicitNow > 0 && explicitBefore + explicitNow > limit) {
      issues.add(
        'credit_exceeds_sale',
        `${issues.subject}: ${label} would be credited ${money(explicitBefore + explicitNow)} in total but the Sale charged ${money(part.amountMinor)} for it (${money(explicitBefore)} already credited by earlier refunds); check the refund in WooCommerce and correct or delete it`,
        partLocation(part),
      );
    }
  }
  const already = creditedTotalMinor(credited);
  if (already + noteTotal > sale.totalMinor) {
    issues.add(
      'credit_exceeds_sale',
      `${issues.subject}: credits would total ${money(already + noteTotal)} but the Sale is ${money(sale.totalMinor)} (${money(already)} already credited); check the refunds of the order in WooCommerce`,
    );
  }
  if (issues.failed) return issues.failure();

  const orders = config.orders;
  const accounts = orders.accounts;
  const revenueAccount = accounts.income ?? accounts.revenue;
  const lineFields = (part: SalePart | undefined, amountMinor: MinorUnits) => ({
    ...(sale.amountsIncludeVat ? { AmountIncludingVAT: money(amountMinor) } : {}),
    ...(part?.unit ? { Unit: part.unit } : {}),
    ...(part && orders.vat.vatRate && part.taxed ? { VATRate: orders.vat.vatRate } : {}),
    ...(revenueAccount ? { RevenueAccount: revenueAccount } : {}),
    ...(accounts.vatPayable ? { VATAccount: accounts.vatPayable } : {}),
    ...(accounts.expenses ? { ExpensesAccount: accounts.expenses } : {}),
  });

  const items: SalesCreditDocumentLine[] = [];
  const parts: CreditPart[] = [];
  const lineUid = (lineIndex: number | undefined) =>
    (lineIndex === undefined ? undefined : input.saleLineUids?.[lineIndex]) ?? sale.uid;
  const pushLines = (
    part: SalePart,
    units: number,
    amountMinor: MinorUnits,
    baseDocument: string,
  ) => {
    let expressions = expressLineAmount(units, amountMinor, orders.rounding);
    if (input.kind === 'price-correction') {
      expressions = expressions.filter((expression) => expression.amountMinor !== 0);
    }
    for (const expression of expressions) {
      items.push({
        Item: part.item,
        BaseDocument: baseDocument,
        ...(part.stringCode ? { StringCode: part.stringCode } : {}),
        Quantity: formatQuantity(expression.quantity),
        Price: money(expression.priceMinor),
        ...(expression.discountMinor !== 0 ? { Discount: money(expression.discountMinor) } : {}),
        Amount: money(expression.amountMinor),
        ...lineFields(part, expression.amountMinor),
      });
    }
  };
  for (const part of sale.parts) {
    const allocation = allocations.get(part.key);
    if (!allocation || (allocation.quantity === 0 && allocation.amountMinor === 0)) continue;
    parts.push({
      partKey: part.key,
      quantity: allocation.quantity,
      amountMinor: allocation.amountMinor,
      spreadMinor: allocation.spreadMinor,
    });
    if (input.kind === 'return' && part.kind === 'product') {
      // Returned units go back against the Sale lines they were sold on, so Balance's
      // per-line quantity check holds when a part was split over two lines.
      const from = credited.parts[part.key]?.quantity ?? 0;
      const segments = saleLineSegments(sale, part, from, allocation.quantity);
      const known = segments.some((segment) => input.saleLineUids?.[segment.lineIndex]);
      if (segments.length > 1 && known) {
        const values = segments.map((segment) => segment.valueMinor);
        const weights = values.some((value) => value > 0)
          ? values
          : segments.map((segment) => segment.quantity);
        const amounts = allocateProportionally(allocation.amountMinor, weights);
        segments.forEach((segment, index) => {
          pushLines(part, segment.quantity, amounts[index] ?? 0, lineUid(segment.lineIndex));
        });
      } else {
        pushLines(
          part,
          allocation.quantity,
          allocation.amountMinor,
          lineUid(segments[0]?.lineIndex),
        );
      }
      continue;
    }
    const units = part.kind === 'product' ? part.quantity : 1;
    pushLines(part, units, allocation.amountMinor, lineUid(representativeLine(sale, part)));
  }
  if (input.unallocatedMinor > 0) {
    const amountOnly = orders.credits.amountOnly;
    if (amountOnly.mode !== 'item') {
      throw new Error('assembleCreditNote: unallocated amount without credits.amountOnly.item');
    }
    items.push({
      Item: amountOnly.item,
      BaseDocument: sale.uid,
      Quantity: '1',
      Price: money(input.unallocatedMinor),
      Amount: money(input.unallocatedMinor),
      ...lineFields(undefined, input.unallocatedMinor),
    });
  }
  if (items.length === 0) {
    issues.add(
      'empty_refund',
      `${issues.subject} credits nothing (no amount, no returned quantity); there is no credit note to write — mark it as skipped`,
    );
    return issues.failure();
  }

  const document: SalesCreditDocument = {
    uid: input.uid,
    BaseDocument: sale.uid,
    Date: input.date,
    OperationType:
      input.kind === 'return'
        ? orders.credits.returnOperationType
        : orders.credits.priceCorrectionOperationType,
    Client: sale.document.Client,
    Warehouse: sale.document.Warehouse,
    AmountIncludesVAT: sale.amountsIncludeVat,
    VATTaxable: orders.vat.taxable,
    ...(orders.vat.vatArticle ? { VATArticle: orders.vat.vatArticle } : {}),
    ...(accounts.receivables ? { CustomersAccount: accounts.receivables } : {}),
    ...(input.comments ? { Comments: input.comments } : {}),
    ...(input.primaryDocument ? { PrimaryDocument: input.primaryDocument } : {}),
    Items: items,
  };
  const totalMinor = parts.reduce((sum, part) => sum + part.amountMinor, input.unallocatedMinor);
  if (totalMinor !== noteTotal) {
    throw new Error(`assembleCreditNote invariant broken: ${totalMinor} ≠ ${noteTotal}`);
  }
  return {
    ok: true,
    key: input.key,
    uid: input.uid,
    document,
    payloadHash: payloadHash(document),
    kind: input.kind,
    totalMinor,
    grossTotalMinor: input.grossTotalMinor ?? totalMinor,
    amountsIncludeVat: sale.amountsIncludeVat,
    parts,
    unallocatedMinor: input.unallocatedMinor,
  };
}
