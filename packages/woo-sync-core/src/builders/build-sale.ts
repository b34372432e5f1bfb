import { documentUid, saleKey } from '../identity/document-keys.js';
import { payloadHash } from '../identity/payload-hash.js';
import { storeNamespace } from '../identity/store-namespace.js';
import { allocateProportionally } from '../money/allocate-proportionally.js';
import { type ExactDecimal, exactFromMinor, sumExactDecimals } from '../money/exact-decimal.js';
import { formatMoney } from '../money/format-money.js';
import { DEFAULT_MONEY_DECIMALS, type MinorUnits } from '../money/minor-units.js';
import { formatQuantity, isWholeQuantity } from '../money/quantity.js';
import { roundPreservingTotal } from '../money/round-preserving-total.js';
import type { WooLineTax, WooOrder } from '../ports/woocommerce-port.js';
import { toBalanceDateTime } from './balance-date-time.js';
import type { SaleDocument, SaleDocumentLine, SaleDocumentPayment } from './balance-documents.js';
import type { BuildFailure } from './build-issue.js';
import { expressLineAmount } from './express-line-amount.js';
import { fillTemplate } from './fill-template.js';
import {
  describeLine,
  IssueCollector,
  type IssueLocation,
  readLineTax,
  readMoneyField,
} from './issue-scope.js';
import type { ItemResolver } from './item-resolver.js';
import type { OrderExportConfig } from './order-export-config.js';

/** What a Sale line stands for in WooCommerce. */
export type SalePartKind = 'product' | 'shipping' | 'fee';

/**
 * One WooCommerce order line (product, shipping or fee) as it went into the Sale: which
 * Balance item, how many, and for how much. Credit notes and return requests are built
 * against these, so what is credited can never exceed what was sold.
 *
 * @example
 * ```ts
 * const tea = sale.parts.find((part) => part.key === 'product:12');
 * tea?.amountMinor; // 3000 (30.00 on the Sale)
 * ```
 */
export interface SalePart {
  /** `product:<item id>`, `shipping:<item id>` or `fee:<item id>`. */
  readonly key: string;
  readonly kind: SalePartKind;
  /** The WooCommerce order item id (what refund lines point to). */
  readonly wooItemId: number;
  readonly name: string;
  /** The line's SKU (`null` for shipping and fees, and for deleted products). */
  readonly sku: string | null;
  /** Balance item of the line. */
  readonly item: string;
  readonly stringCode?: string;
  readonly unit?: string;
  /** Units sold (`1` for shipping and fees). */
  readonly quantity: number;
  /** What the Sale charges for the line, in the Sale's basis (gross or net). */
  readonly amountMinor: MinorUnits;
  /**
   * What WooCommerce's rounded fields say (`total + total_tax`, or `total` for net), before
   * rounding reconciliation and negative-fee spreading.
   */
  readonly wooAmountMinor: MinorUnits;
  /** Whether WooCommerce charged tax on the line (decides whether `VATRate` is sent). */
  readonly taxed: boolean;
  /** Indexes of the Balance lines (`document.Items`) built from this part. */
  readonly lineIndexes: readonly number[];
}

/**
 * A built Sale: the document and what it was built from.
 *
 * @example
 * ```ts
 * const result = buildSale(input);
 * if (result.ok) await store.ledger.insert({ key: result.key, uid: result.uid, payloadHash: result.payloadHash, … });
 * ```
 */
export interface SaleBuild {
  readonly ok: true;
  /** Ledger key, `sale:<orderId>`. */
  readonly key: string;
  /** The document uid (also `document.uid`). */
  readonly uid: string;
  readonly document: SaleDocument;
  /** SHA-256 of the canonical JSON of `document`. */
  readonly payloadHash: string;
  /** Σ `Amount` of the lines: the order total (gross basis) or the order total minus its tax. */
  readonly totalMinor: MinorUnits;
  /** The order's `total` (including tax). */
  readonly orderTotalMinor: MinorUnits;
  /** `document.AmountIncludesVAT`. */
  readonly amountsIncludeVat: boolean;
  /** Money decimals used. */
  readonly decimals: number;
  /** Order lines in document order. */
  readonly parts: readonly SalePart[];
}

/**
 * The outcome of {@link buildSale}.
 *
 * @example
 * ```ts
 * const result: SaleBuildResult = buildSale(input);
 * ```
 */
export type SaleBuildResult = SaleBuild | BuildFailure;

/**
 * Input of {@link buildSale}.
 *
 * @example
 * ```ts
 * const input: SaleBuildInput = { order, client: clientUid, resolveItem, config: { store, orders } };
 * ```
 */
export interface SaleBuildInput {
  readonly order: WooOrder;
  /** The Balance client (see {@link resolveCustomer}). */
  readonly client: string;
  readonly resolveItem: ItemResolver;
  readonly config: OrderExportConfig;
}

interface DraftPart {
  kind: SalePartKind;
  wooItemId: number;
  name: string;
  sku: string | null;
  item: string;
  stringCode?: string;
  unit?: string;
  quantity: number;
  /** Exact value in the document basis (net + unrounded tax, or net). */
  exact: ExactDecimal;
  wooAmountMinor: MinorUnits;
  taxed: boolean;
  /** A negative fee to be spread over the product lines. */
  spread: boolean;
}

interface MoneyLine {
  id: number;
  total: string;
  totalTax: string;
  taxes: WooLineTax[];
}

function byId<T extends { id: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.id - b.id);
}

/**
 * Builds the Balance Sale of a paid WooCommerce order — a pure function: same order, same
 * inputs, same document, byte for byte.
 *
 * - **Lines**: one per product line (sorted by WooCommerce item id), then shipping lines,
 *   then fee lines, each at its amount **after discounts**. A line whose amount is not a
 *   multiple of its quantity follows `orders.rounding` (split into two lines, or one line
 *   with a `Discount`); see {@link expressLineAmount}.
 * - **VAT**: with `orders.vat.amounts: 'gross'` (default) every amount includes VAT and
 *   `AmountIncludesVAT` is `true`; with `'follow-order'` it follows the order's
 *   `prices_include_tax`, and orders priced without tax carry net amounts (Balance adds the
 *   VAT). `VATTaxable`, `OperationType`, `VATArticle` come from `orders.vat`; `VATRate` only
 *   on lines WooCommerce taxed.
 * - **Exact total**: the lines add up to the order `total` (gross basis) or
 *   `total − total_tax` (net basis) exactly; rounding differences between WooCommerce's
 *   per-line fields and its total are absorbed by {@link roundPreservingTotal}, at most one
 *   tetri per line; anything larger is an `order_total_mismatch` issue.
 * - **Shipping and fees** go on the configured service items `orders.shippingItem` /
 *   `orders.feeItem` (zero amounts are left out). Negative fees follow
 *   `orders.negativeFees`: `spread-discount` lowers the product lines proportionally
 *   (largest remainder), `negative-line` sends a line with a negative amount.
 * - **Header**: `Date` / `PaymentDate` = `date_paid` (else `date_completed`, else
 *   `date_created`) in the store's time zone; `PrimaryDocument` and `Comments` from their
 *   templates; accounts and warehouse from config; an inline `Payment` row when
 *   `orders.payments` maps the order's payment method.
 *
 * Business problems (unmapped products, missing service items, totals that do not add up,
 * …) come back as issues naming the order, line and SKU; nothing is thrown for them.
 *
 * @example
 * ```ts
 * const result = buildSale({ order, client: clientUid, resolveItem, config: { store, orders } });
 * if (!result.ok) return markFailed(result.issues);
 * await balance.sales.upsert(result.document);
 * ```
 */
export function buildSale(input: SaleBuildInput): SaleBuildResult {
  const { order, config } = input;
  const orders = config.orders;
  const decimals = config.decimals ?? DEFAULT_MONEY_DECIMALS;
  const issues = IssueCollector.forOrder(order);

  if (order.currency.toUpperCase() !== config.store.currency.toUpperCase()) {
    issues.add(
      'currency_mismatch',
      `${issues.subject} is in ${order.currency} but store "${config.store.id}" is configured for ${config.store.currency}; set stores[].currency to match, or export this order by hand`,
      { field: 'currency' },
    );
  }
  const amountsIncludeVat = orders.vat.amounts === 'gross' || order.pricesIncludeTax;
  const orderTotalMinor = readMoneyField(order.total, decimals, issues, { field: 'total' });
  const orderTaxMinor = amountsIncludeVat
    ? 0
    : readMoneyField(order.totalTax, decimals, issues, { field: 'total_tax' });
  const paidAt = order.datePaid ?? order.dateCompleted ?? order.dateCreated;
  const date = toBalanceDateTime(paidAt, config.store.timezone);
  if (date === undefined) {
    issues.add(
      'invalid_date',
      `${issues.subject}: date_paid "${paidAt}" is not a UTC date-time; the WooCommerce adapter must deliver dates with a zone (e.g. "2026-03-01T10:00:00Z")`,
      { field: 'date_paid' },
    );
  }

  const drafts = collectParts(input, decimals, amountsIncludeVat, issues);
  if (issues.failed || orderTotalMinor === undefined || orderTaxMinor === undefined || !date) {
    return issues.failure();
  }

  // 1. Make the parts add up to the order total exactly.
  const targetMinor = orderTotalMinor - orderTaxMinor;
  const reconciled = roundPreservingTotal(
    drafts.map((draft) => draft.exact),
    targetMinor,
    decimals,
  );
  if (!reconciled) {
    const sum = sumExactDecimals(drafts.map((draft) => draft.exact));
    const woo = drafts.reduce((total, draft) => total + draft.wooAmountMinor, 0);
    issues.add(
      'order_total_mismatch',
      `${issues.subject}: its lines add up to ${formatMoney(woo, decimals)} (exactly ${exactText(sum)}) but its ${amountsIncludeVat ? 'total' : 'total without tax'} is ${formatMoney(targetMinor, decimals)}, more than rounding explains; recalculate the order in WooCommerce ("Recalculate") and export it again`,
      { field: 'total' },
    );
    return issues.failure();
  }
  const amounts = [...reconciled];

  // 2. Spread negative fees over the product lines (spread-discount).
  const spreadIndexes = drafts.flatMap((draft, index) => (draft.spread ? [index] : []));
  if (spreadIndexes.length > 0) {
    const discountMinor = -spreadIndexes.reduce((sum, index) => sum + (amounts[index] ?? 0), 0);
    const productIndexes = drafts.flatMap((draft, index) =>
      draft.kind === 'product' && (amounts[index] ?? 0) > 0 ? [index] : [],
    );
    const available = productIndexes.reduce((sum, index) => sum + (amounts[index] ?? 0), 0);
    if (discountMinor > available) {
      issues.add(
        'negative_fee_exceeds_lines',
        `${issues.subject}: negative fees of ${formatMoney(discountMinor, decimals)} exceed the product lines (${formatMoney(available, decimals)}) they would be spread over; set orders.negativeFees to "negative-line" (with orders.feeItem) or correct the order`,
        { field: 'fee_lines' },
      );
      return issues.failure();
    }
    const shares = allocateProportionally(
      discountMinor,
      productIndexes.map((index) => amounts[index] ?? 0),
    );
    productIndexes.forEach((index, position) => {
      amounts[index] = (amounts[index] ?? 0) - (shares[position] ?? 0);
    });
  }

  // 3. Lines.
  const items: SaleDocumentLine[] = [];
  const parts: SalePart[] = [];
  drafts.forEach((draft, index) => {
    if (draft.spread) return;
    const amountMinor = amounts[index] ?? 0;
    const lineIndexes: number[] = [];
    for (const expression of expressLineAmount(draft.quantity, amountMinor, orders.rounding)) {
      lineIndexes.push(items.length);
      items.push(
        saleLine(
          draft,
          expression.quantity,
          expression.priceMinor,
          expression.discountMinor,
          expression.amountMinor,
          config,
          decimals,
        ),
      );
    }
    parts.push({
      key: `${draft.kind}:${draft.wooItemId}`,
      kind: draft.kind,
      wooItemId: draft.wooItemId,
      name: draft.name,
      sku: draft.sku,
      item: draft.item,
      ...(draft.stringCode !== undefined ? { stringCode: draft.stringCode } : {}),
      ...(draft.unit !== undefined ? { unit: draft.unit } : {}),
      quantity: draft.quantity,
      amountMinor,
      wooAmountMinor: draft.wooAmountMinor,
      taxed: draft.taxed,
      lineIndexes,
    });
  });

  const namespace = storeNamespace(config.store);
  const key = saleKey(order.id);
  const uid = documentUid(namespace, key);
  const templateValues = { number: order.number, id: order.id };
  const comments = fillTemplate(orders.comments, templateValues).trim();
  const primaryDocument = fillTemplate(orders.primaryDocument, templateValues).trim();
  const payment = paymentRows(order, config, orderTotalMinor, decimals);
  const accounts = orders.accounts;

  const document: SaleDocument = {
    uid,
    Date: date,
    VATTaxable: orders.vat.taxable,
    OperationType: orders.vat.operationType,
    PaymentDate: date,
    Warehouse: orders.warehouse,
    Client: input.client,
    AmountIncludesVAT: amountsIncludeVat,
    ...(accounts.receivables ? { ReceivablesAccount: accounts.receivables } : {}),
    ...(accounts.revenue ? { RevenueAccount: accounts.revenue } : {}),
    ...(comments ? { Comments: comments } : {}),
    ...(orders.vat.vatArticle ? { VATArticle: orders.vat.vatArticle } : {}),
    ...(primaryDocument ? { PrimaryDocument: primaryDocument } : {}),
    ...(payment.length > 0 ? { Payment: payment } : {}),
    Items: items,
  };

  const totalMinor = parts.reduce((sum, part) => sum + part.amountMinor, 0);
  if (totalMinor !== targetMinor) {
    throw new Error(
      `buildSale invariant broken for order ${order.id}: lines total ${totalMinor}, expected ${targetMinor}`,
    );
  }
  return {
    ok: true,
    key,
    uid,
    document,
    payloadHash: payloadHash(document),
    totalMinor,
    orderTotalMinor,
    amountsIncludeVat,
    decimals,
    parts,
  };
}

function exactText(value: ExactDecimal): string {
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient)
    .toString()
    .padStart(value.scale + 1, '0');
  const body =
    value.scale === 0 ? digits : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
  return `${negative ? '-' : ''}${body}`;
}

function saleLine(
  draft: DraftPart,
  quantity: number,
  priceMinor: MinorUnits,
  discountMinor: MinorUnits,
  amountMinor: MinorUnits,
  config: OrderExportConfig,
  decimals: number,
): SaleDocumentLine {
  const { accounts, vat } = config.orders;
  return {
    Item: draft.item,
    ...(draft.stringCode ? { StringCode: draft.stringCode } : {}),
    Quantity: formatQuantity(quantity),
    Price: formatMoney(priceMinor, decimals),
    ...(discountMinor !== 0 ? { Discount: formatMoney(discountMinor, decimals) } : {}),
    Amount: formatMoney(amountMinor, decimals),
    ...(draft.unit ? { Unit: draft.unit } : {}),
    ...(vat.vatRate && draft.taxed ? { VATRate: vat.vatRate } : {}),
    ...(accounts.income ? { IncomeAccount: accounts.income } : {}),
    ...(accounts.vatPayable ? { VATPayableAccount: accounts.vatPayable } : {}),
    ...(accounts.expenses ? { ExpensesAccount: accounts.expenses } : {}),
  };
}

function paymentRows(
  order: WooOrder,
  config: OrderExportConfig,
  orderTotalMinor: MinorUnits,
  decimals: number,
): SaleDocumentPayment[] {
  const { payments } = config.orders;
  if (!payments.enabled || orderTotalMinor === 0) return [];
  const mapping = Object.hasOwn(payments.methods, order.paymentMethod)
    ? payments.methods[order.paymentMethod]
    : undefined;
  if (!mapping) return [];
  return [
    {
      PaymentType: mapping.paymentType,
      PaymentAccount: mapping.paymentAccount,
      Amount: formatMoney(orderTotalMinor, decimals),
    },
  ];
}

/** Reads the order's product, shipping and fee lines into draft parts (document order). */
function collectParts(
  input: SaleBuildInput,
  decimals: number,
  amountsIncludeVat: boolean,
  issues: IssueCollector,
): DraftPart[] {
  const { order, config } = input;
  const orders = config.orders;
  const drafts: DraftPart[] = [];

  const readAmounts = (line: MoneyLine, field: string, location: IssueLocation) => {
    const net = readMoneyField(line.total, decimals, issues, {
      ...location,
      field: `${field}.total`,
    });
    const tax = readLineTax(line.taxes, line.totalTax, decimals, issues, { ...location, field });
    const taxRounded = readMoneyField(line.totalTax, decimals, issues, {
      ...location,
      field: `${field}.total_tax`,
    });
    if (net === undefined || tax === undefined || taxRounded === undefined) return undefined;
    const exact = amountsIncludeVat
      ? sumExactDecimals([exactFromMinor(net, decimals), tax])
      : exactFromMinor(net, decimals);
    const wooAmountMinor = amountsIncludeVat ? net + taxRounded : net;
    return { net, exact, wooAmountMinor, taxed: tax.coefficient !== 0n };
  };

  byId(order.lineItems).forEach((line, position) => {
    const field = `line_items[${position}]`;
    const location = { lineId: line.id, lineName: line.name, sku: line.sku };
    const label = describeLine(location);
    if (!isWholeQuantity(line.quantity)) {
      issues.add(
        'invalid_quantity',
        `${issues.subject}: ${label} has quantity ${line.quantity}; only positive whole quantities can be sold — correct the order in WooCommerce`,
        { ...location, field: `${field}.quantity` },
      );
    }
    const resolved = input.resolveItem(line);
    if (!resolved) {
      issues.add(
        'unmapped_line',
        `${issues.subject}: ${label} has no Balance item; link the product to a Balance item (catalog import, or a product mapping) or give it the SKU of a Balance item, then export again`,
        location,
      );
    }
    const amounts = readAmounts(line, field, location);
    if (amounts && amounts.exact.coefficient < 0n) {
      issues.add(
        'negative_line_amount',
        `${issues.subject}: ${label} has a negative amount (${line.total} + ${line.totalTax}); correct the order in WooCommerce`,
        { ...location, field: `${field}.total` },
      );
    }
    if (!resolved || !amounts || !isWholeQuantity(line.quantity)) return;
    const stringCode = resolved.stringCode ?? (line.sku?.trim() || undefined);
    drafts.push({
      kind: 'product',
      wooItemId: line.id,
      name: line.name,
      sku: line.sku,
      item: resolved.item,
      ...(stringCode ? { stringCode } : {}),
      ...(resolved.unit ? { unit: resolved.unit } : {}),
      quantity: line.quantity,
      exact: amounts.exact,
      wooAmountMinor: amounts.wooAmountMinor,
      taxed: amounts.taxed,
      spread: false,
    });
  });

  byId(order.shippingLines).forEach((line, position) => {
    const field = `shipping_lines[${position}]`;
    const location = { lineId: line.id, lineName: line.methodTitle, sku: null };
    const amounts = readAmounts(line, field, location);
    if (!amounts || amounts.exact.coefficient === 0n) return;
    if (!orders.shippingItem) {
      issues.add(
        'shipping_item_missing',
        `${issues.subject}: ${describeLine(location, 'shipping')} costs ${line.total} but orders.shippingItem is not configured; set it to the uid of a Balance service item for delivery (e.g. DELIVERY) and export again`,
        location,
      );
      return;
    }
    drafts.push({
      kind: 'shipping',
      wooItemId: line.id,
      name: line.methodTitle,
      sku: null,
      item: orders.shippingItem,
      quantity: 1,
      exact: amounts.exact,
      wooAmountMinor: amounts.wooAmountMinor,
      taxed: amounts.taxed,
      spread: false,
    });
  });

  byId(order.feeLines).forEach((line, position) => {
    const field = `fee_lines[${position}]`;
    const location = { lineId: line.id, lineName: line.name, sku: null };
    const amounts = readAmounts(line, field, location);
    if (!amounts || amounts.exact.coefficient === 0n) return;
    const negative = amounts.exact.coefficient < 0n;
    const spread = negative && orders.negativeFees === 'spread-discount';
    if (!spread && !orders.feeItem) {
      issues.add(
        'fee_item_missing',
        `${issues.subject}: ${describeLine(location, 'fee')} of ${line.total} needs orders.feeItem, which is not configured; set it to the uid of a Balance service item for fees${negative ? ' (or set orders.negativeFees to "spread-discount")' : ''} and export again`,
        location,
      );
      return;
    }
    drafts.push({
      kind: 'fee',
      wooItemId: line.id,
      name: line.name,
      sku: null,
      item: spread ? '' : (orders.feeItem ?? ''),
      quantity: 1,
      exact: amounts.exact,
      wooAmountMinor: amounts.wooAmountMinor,
      taxed: amounts.taxed,
      spread,
    });
  });

  return drafts;
}
