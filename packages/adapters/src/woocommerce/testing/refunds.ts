/**
 * Refunds: a port of `wc_create_refund()` (negative line copies, gateway refund, restock,
 * status → `refunded`, `woocommerce_order_refunded`), refund deletion and the
 * `wc_order_fully_refunded` auto-refund.
 *
 * Internal module.
 */
import { WooRestError } from './errors.js';
import { setMeta } from './meta-data.js';
import { type Precise, roundTo } from './money.js';
import { lineProduct, remainingRefundAmount, saveOrder, setOrderStatus } from './orders.js';
import { changeStock } from './product-writes.js';
import type {
  FeeLineRecord,
  ItemTax,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ShippingLineRecord,
  TaxLineRecord,
} from './store-state.js';
import type { WooStore } from './woo-store.js';

/** What to refund on one order item (line, shipping or fee), keyed by the order item id. */
export interface RefundItemArgs {
  /** Quantity to refund (positive). */
  qty: number;
  /** Refunded amount excluding tax (positive). */
  refundTotal: Precise;
  /** Refunded tax per tax rate id (positive). */
  refundTax: Map<number, Precise>;
}

/** Arguments of {@link createRefund} (`wc_create_refund`). */
export interface CreateRefundArgs {
  orderId: number;
  amount: Precise;
  reason: string | null;
  lineItems: Map<number, RefundItemArgs>;
  refundPayment: boolean;
  restockItems: boolean;
}

function fail(message: string): never {
  throw new WooRestError('woocommerce_rest_cannot_create_order_refund', message, 500);
}

function negTaxes(args: RefundItemArgs): ItemTax[] {
  return [...args.refundTax.entries()]
    .filter(([, v]) => v !== 0)
    .map(([rateId, v]) => ({ rateId, total: -v, subtotal: -v }));
}

function roundedTaxSum(taxes: ItemTax[], dp: number, roundAtSubtotal: boolean): Precise {
  return taxes.reduce((s, t) => s + (roundAtSubtotal ? t.total : roundTo(t.total, dp)), 0);
}

/**
 * Creates a refund like `wc_create_refund()`. Failures throw
 * `woocommerce_rest_cannot_create_order_refund` with `data: 500` (HTTP 500) and store
 * nothing (the refund id is used up, as in WooCommerce).
 */
export function createRefund(store: WooStore, args: CreateRefundArgs): RefundRecord {
  const order = store.state.orders.get(args.orderId);
  if (!order) fail('Invalid order ID.');
  const remaining = remainingRefundAmount(store, order);
  if (args.amount < 0 || args.amount > remaining) fail('Invalid refund amount.');
  const dp = store.dp;
  const roundAtSubtotal = store.settings.taxRoundAtSubtotal;
  const now = store.nowSec();
  const refund: RefundRecord = {
    id: store.state.allocatePostId(),
    parentId: order.id,
    amount: args.amount,
    reason: args.reason ?? '',
    refundedBy: 1,
    refundedPayment: false,
    dateCreated: now,
    dateModified: now,
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    taxLines: [],
    meta: [],
  };
  let refundedQty = 0;
  const copyMeta = (itemId: number) => [
    { id: store.state.allocateMetaId(), key: '_refunded_item_id', value: String(itemId) },
  ];
  const wanted = (itemId: number): RefundItemArgs | undefined => {
    const a = args.lineItems.get(itemId);
    if (!a) return undefined;
    const hasTax = [...a.refundTax.values()].some((v) => v !== 0);
    if (!a.qty && !a.refundTotal && !hasTax) return undefined;
    return a;
  };
  for (const item of order.lineItems) {
    const a = wanted(item.id);
    if (!a) continue;
    const taxes = negTaxes(a);
    const line: LineItemRecord = {
      ...structuredClone(item),
      id: store.state.allocateItemId(),
      quantity: -a.qty,
      subtotal: -a.refundTotal,
      total: -a.refundTotal,
      taxes,
      subtotalTax: roundedTaxSum(taxes, dp, roundAtSubtotal),
      totalTax: roundedTaxSum(taxes, dp, roundAtSubtotal),
      meta: copyMeta(item.id),
    };
    refund.lineItems.push(line);
    refundedQty += a.qty;
  }
  for (const item of order.shippingLines) {
    const a = wanted(item.id);
    if (!a) continue;
    const taxes = negTaxes(a);
    const line: ShippingLineRecord = {
      ...structuredClone(item),
      id: store.state.allocateItemId(),
      total: -a.refundTotal,
      taxes,
      totalTax: roundedTaxSum(taxes, dp, roundAtSubtotal),
      meta: copyMeta(item.id),
    };
    refund.shippingLines.push(line);
  }
  for (const item of order.feeLines) {
    const a = wanted(item.id);
    if (!a) continue;
    const taxes = negTaxes(a);
    const line: FeeLineRecord = {
      ...structuredClone(item),
      id: store.state.allocateItemId(),
      amount: -a.refundTotal,
      total: -a.refundTotal,
      taxes,
      totalTax: roundedTaxSum(taxes, dp, roundAtSubtotal),
      meta: copyMeta(item.id),
    };
    refund.feeLines.push(line);
  }
  refund.taxLines = refundTaxLines(store, order, refund);
  store.state.putRefund(refund);

  if (args.refundPayment) {
    const gateway = store.settings.gateways[order.paymentMethod];
    let error: string | null = null;
    if (!gateway) error = 'The payment gateway for this order does not exist.';
    else if (!gateway.supportsRefunds)
      error = 'The payment gateway for this order does not support automatic refunds.';
    if (error !== null) {
      store.state.deleteRefund(refund.id);
      fail(error);
    }
    refund.refundedPayment = true;
  }
  if (args.restockItems) restockRefundedItems(store, order, args.lineItems);
  store.emit('woocommerce_create_refund', refund.id, 'shop_order_refund');
  if (remaining - args.amount <= 0 && !(hasFreeItem(order) && refundedQty < totalQty(order))) {
    if (order.status !== 'refunded') setOrderStatus(store, order, 'refunded');
  }
  saveOrder(store, order, null, false);
  store.emit('woocommerce_refund_created', refund.id, 'shop_order_refund');
  store.emit('woocommerce_order_refunded', order.id, 'shop_order');
  return refund;
}

function hasFreeItem(order: OrderRecord): boolean {
  return order.lineItems.some((l) => l.total === 0);
}

function totalQty(order: OrderRecord): number {
  return order.lineItems.reduce((s, l) => s + l.quantity, 0);
}

function refundTaxLines(
  store: WooStore,
  order: OrderRecord,
  refund: RefundRecord,
): TaxLineRecord[] {
  const dp = store.dp;
  const round = (v: Precise): Precise => (store.settings.taxRoundAtSubtotal ? v : roundTo(v, dp));
  const cart = new Map<number, Precise>();
  const shipping = new Map<number, Precise>();
  for (const l of [...refund.lineItems, ...refund.feeLines]) {
    for (const t of l.taxes) cart.set(t.rateId, (cart.get(t.rateId) ?? 0) + round(t.total));
  }
  for (const l of refund.shippingLines) {
    for (const t of l.taxes) shipping.set(t.rateId, (shipping.get(t.rateId) ?? 0) + round(t.total));
  }
  const ids = new Set([...cart.keys(), ...shipping.keys()]);
  return [...ids].map((rateId) => {
    const template = order.taxLines.find((t) => t.rateId === rateId);
    return {
      id: store.state.allocateItemId(),
      rateCode: template?.rateCode ?? '',
      rateId,
      label: template?.label ?? '',
      compound: false,
      taxTotal: cart.get(rateId) ?? 0,
      shippingTaxTotal: shipping.get(rateId) ?? 0,
      ratePercent: template?.ratePercent ?? 0,
      meta: [],
    };
  });
}

/** `wc_restock_refunded_items`. */
function restockRefundedItems(
  store: WooStore,
  order: OrderRecord,
  items: Map<number, RefundItemArgs>,
): void {
  for (const line of order.lineItems) {
    const a = items.get(line.id);
    if (!a?.qty) continue;
    const reduced = line.meta.find((m) => m.key === '_reduced_stock');
    const product = lineProduct(store, line);
    if (!reduced || !Number(reduced.value) || !product?.manageStock) continue;
    changeStock(store, product.id, a.qty);
    reduced.value = String(Number(reduced.value) - a.qty);
    const restocked = line.meta.find((m) => m.key === '_restock_refunded_items');
    setMeta(
      store.state,
      line.meta,
      '_restock_refunded_items',
      String(Number(restocked?.value ?? 0) + a.qty),
    );
  }
}

/**
 * `wc_order_fully_refunded`: when an order is set to `refunded` with money left to refund,
 * records a refund of the remainder ("Order fully refunded.", no items, no gateway call).
 */
export function orderFullyRefunded(store: WooStore, orderId: number): void {
  const order = store.state.orders.get(orderId);
  if (!order) return;
  const remaining = remainingRefundAmount(store, order);
  if (remaining <= 0) return;
  createRefund(store, {
    orderId,
    amount: remaining,
    reason: 'Order fully refunded.',
    lineItems: new Map(),
    refundPayment: false,
    restockItems: false,
  });
}

/** Deletes a refund; fires `woocommerce_delete_order_refund` (→ `order.updated`). */
export function deleteRefund(store: WooStore, refund: RefundRecord): void {
  store.state.deleteRefund(refund.id);
  store.emit('woocommerce_delete_order_refund', refund.parentId, 'shop_order');
}
