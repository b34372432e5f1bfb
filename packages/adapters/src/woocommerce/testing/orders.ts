/**
 * Orders: lifecycle (status transitions, `payment_complete`, `date_paid`, stock) and the REST
 * write path (`prepare_object_for_database` of the v3 orders controller).
 *
 * Internal module.
 */
import { WooRestError } from './errors.js';
import { setMeta, upsertMeta } from './meta-data.js';
import { formatMoney, type Precise, parsePrecise, roundTo } from './money.js';
import {
  calcTax,
  distributeCouponDiscounts,
  priceExcludingTax,
  recalculateOrderTotals,
  taxRatesFor,
} from './order-totals.js';
import { phpEmpty, phpToInt, phpToString, wcClean } from './php.js';
import { changeStock } from './product-writes.js';
import type {
  FeeLineRecord,
  LineItemRecord,
  OrderAddress,
  OrderRecord,
  ProductRecord,
  ShippingLineRecord,
} from './store-state.js';
import { emptyAddress } from './store-state.js';
import type { WooStore } from './woo-store.js';

/** Order statuses registered by WooCommerce core (without `wc-`). */
export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

/** A fresh order with WooCommerce's defaults. */
export function newOrderRecord(store: WooStore): OrderRecord {
  const now = store.nowSec();
  return {
    id: 0,
    parentId: 0,
    status: 'pending',
    currency: store.settings.currency,
    version: store.settings.version,
    pricesIncludeTax: store.settings.pricesIncludeTax,
    createdVia: 'rest-api',
    orderKey: `wc_order_${store.random.password(13, false)}`,
    customerId: 0,
    customerIpAddress: '',
    customerUserAgent: '',
    customerNote: '',
    billing: emptyAddress(),
    shipping: emptyAddress(),
    paymentMethod: '',
    paymentMethodTitle: '',
    transactionId: '',
    cartHash: '',
    dateCreated: now,
    dateModified: now,
    datePaid: null,
    dateCompleted: null,
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    couponLines: [],
    taxLines: [],
    discountTotal: 0,
    discountTax: 0,
    shippingTotal: 0,
    shippingTax: 0,
    cartTax: 0,
    total: 0,
    meta: [],
    stockReduced: false,
    recordedSales: false,
    trashedFromStatus: null,
  };
}

/** The product record behind a line (variation first). */
export function lineProduct(store: WooStore, line: LineItemRecord): ProductRecord | undefined {
  return store.state.products.get(line.variationId || line.productId);
}

/** `WC_Order::needs_processing()`: false only when every product is virtual and downloadable. */
export function needsProcessing(store: WooStore, order: OrderRecord): boolean {
  if (order.lineItems.length === 0) return true;
  return order.lineItems.some((line) => {
    const p = lineProduct(store, line);
    return !p || !(p.virtual && p.downloadable);
  });
}

/** `WC_Order::needs_payment()`. */
export function needsPayment(order: OrderRecord): boolean {
  return (order.status === 'pending' || order.status === 'failed') && order.total > 0;
}

/** Σ refund amounts of an order. */
export function totalRefunded(store: WooStore, orderId: number): Precise {
  return store.state.refundsOf(orderId).reduce((s, r) => s + r.amount, 0);
}

/** `get_remaining_refund_amount()`: total − refunded, rounded to the price decimals. */
export function remainingRefundAmount(store: WooStore, order: OrderRecord): Precise {
  return roundTo(order.total - totalRefunded(store, order.id), store.dp);
}

function maybeSetDates(store: WooStore, order: OrderRecord, previousStatus: string | null): void {
  const now = store.nowSec();
  if (order.datePaid === null) {
    const completeStatus = needsProcessing(store, order) ? 'processing' : 'completed';
    if (order.status === completeStatus) order.datePaid = now;
    else if (completeStatus === 'processing' && order.status === 'completed') order.datePaid = now;
  }
  if (order.status === 'completed' && previousStatus !== 'completed') order.dateCompleted = now;
}

/** `wc_reduce_stock_levels`: reduces managed stock once per line and records `_reduced_stock`. */
export function reduceOrderStock(store: WooStore, order: OrderRecord): void {
  if (order.stockReduced) return;
  if (!store.settings.manageStock) return;
  for (const line of order.lineItems) {
    if (line.meta.some((m) => m.key === '_reduced_stock')) continue;
    const product = lineProduct(store, line);
    if (!product?.manageStock || line.quantity <= 0) continue;
    changeStock(store, product.id, -line.quantity);
    setMeta(store.state, line.meta, '_reduced_stock', String(line.quantity));
  }
  order.stockReduced = true;
}

/** `wc_increase_stock_levels`: gives back what `_reduced_stock` recorded. */
export function increaseOrderStock(store: WooStore, order: OrderRecord): void {
  if (!order.stockReduced) return;
  for (const line of order.lineItems) {
    const meta = line.meta.find((m) => m.key === '_reduced_stock');
    if (!meta) continue;
    const product = lineProduct(store, line);
    if (product?.manageStock) changeStock(store, product.id, phpToInt(meta.value));
    line.meta = line.meta.filter((m) => m !== meta);
  }
  order.stockReduced = false;
}

function recordSales(store: WooStore, order: OrderRecord): void {
  if (order.recordedSales) return;
  for (const line of order.lineItems) {
    for (const id of [line.productId, line.variationId]) {
      const p = id ? store.state.products.get(id) : undefined;
      if (p) p.totalSales += line.quantity;
    }
  }
  store.state.touchCatalog();
  order.recordedSales = true;
}

/**
 * Saves an order like `WC_Order::save()`: sets `date_paid`/`date_completed` when due, bumps
 * `date_modified`, fires `woocommerce_new_order` or `woocommerce_update_order`, then runs the
 * status transition (stock, sales counts, `woocommerce_order_status_<to>`, which for
 * `refunded` triggers the auto-refund registered by the refunds module).
 */
export function saveOrder(
  store: WooStore,
  order: OrderRecord,
  previousStatus: string | null,
  creating: boolean,
): void {
  if (order.id === 0) order.id = store.state.allocatePostId();
  maybeSetDates(store, order, previousStatus);
  order.dateModified = store.nowSec();
  if (creating) order.dateCreated = order.dateCreated || store.nowSec();
  store.state.orders.set(order.id, order);
  store.emit(
    creating ? 'woocommerce_new_order' : 'woocommerce_update_order',
    order.id,
    'shop_order',
  );
  if (previousStatus !== null && previousStatus !== order.status) {
    statusTransition(store, order);
  }
}

function statusTransition(store: WooStore, order: OrderRecord): void {
  const to = order.status;
  if (to === 'processing' || to === 'completed' || to === 'on-hold') {
    const before = order.stockReduced;
    reduceOrderStock(store, order);
    recordSales(store, order);
    if (!before && order.stockReduced) store.state.orders.set(order.id, order);
  }
  if (to === 'cancelled' || to === 'pending') increaseOrderStock(store, order);
  store.emit(`woocommerce_order_status_${to}`, order.id, 'shop_order');
  store.emit('woocommerce_order_status_changed', order.id, 'shop_order');
}

/**
 * `WC_Order::payment_complete($transactionId)`: for `on-hold`, `pending`, `failed` and
 * `cancelled` orders sets the transaction id and `date_paid` and moves the order to
 * `processing` (or `completed` when nothing needs processing), reducing stock.
 */
export function paymentComplete(store: WooStore, order: OrderRecord, transactionId = ''): boolean {
  if (!['on-hold', 'pending', 'failed', 'cancelled'].includes(order.status)) return false;
  const previous = order.status;
  if (transactionId !== '') order.transactionId = transactionId;
  if (order.datePaid === null) order.datePaid = store.nowSec();
  order.status = needsProcessing(store, order) ? 'processing' : 'completed';
  saveOrder(store, order, previous, false);
  store.emit('woocommerce_payment_complete', order.id, 'shop_order');
  reduceOrderStock(store, order);
  return true;
}

/** Changes the status and saves (admin action or REST `status`). */
export function setOrderStatus(store: WooStore, order: OrderRecord, status: string): void {
  const previous = order.status;
  order.status = status;
  saveOrder(store, order, previous, false);
}

/** Moves an order to the trash: fires `order.deleted`. */
export function trashOrder(store: WooStore, order: OrderRecord): void {
  order.trashedFromStatus = order.status;
  order.status = 'trash';
  order.dateModified = store.nowSec();
  store.state.orders.set(order.id, order);
  store.emit('woocommerce_trash_order', order.id, 'shop_order');
}

/** Deletes an order permanently with its refunds (no webhook). */
export function deleteOrderPermanently(store: WooStore, order: OrderRecord): void {
  for (const refund of store.state.refundsOf(order.id)) store.state.deleteRefund(refund.id);
  store.state.orders.delete(order.id);
}

function mergeAddress(target: OrderAddress, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key in target && v !== null && v !== undefined) {
      (target as unknown as Record<string, string>)[key] = phpToString(v);
    }
  }
}

function isTaxableProduct(store: WooStore, productId: number): boolean {
  const p = store.state.products.get(productId);
  if (!p) return true;
  if (p.type === 'variation') {
    const parent = store.state.products.get(p.parentId);
    return (parent?.taxStatus ?? p.taxStatus) === 'taxable' && p.taxStatus === 'taxable';
  }
  return p.taxStatus === 'taxable';
}

/** A tax class of a product as order items store it (`parent` resolved). */
export function productTaxClass(store: WooStore, p: ProductRecord): string {
  if (p.taxClass === 'parent' || (p.type === 'variation' && p.taxClass === '')) {
    return store.state.products.get(p.parentId)?.taxClass ?? '';
  }
  return p.taxClass;
}

function itemIsNullOrZero(item: Record<string, unknown>): boolean {
  for (const key of ['product_id', 'method_id', 'method_title', 'name', 'code']) {
    if (Object.hasOwn(item, key) && item[key] === null) return true;
  }
  if (Object.hasOwn(item, 'quantity') && Math.abs(phpToInt(item.quantity)) === 0) return true;
  return false;
}

function productIdFor(store: WooStore, posted: Record<string, unknown>, creating: boolean): number {
  if (!phpEmpty(posted.sku)) {
    const sku = wcClean(posted.sku);
    for (const id of store.state.findProductIdsBySku(sku)) {
      const p = store.state.products.get(id);
      if (p && p.status !== 'trash') return id;
    }
    return 0;
  }
  if (!phpEmpty(posted.variation_id)) return phpToInt(posted.variation_id);
  if (!phpEmpty(posted.product_id)) return phpToInt(posted.product_id);
  if (!creating) return 0;
  throw new WooRestError(
    'woocommerce_rest_required_product_reference',
    'Product ID or SKU is required.',
    {
      status: 400,
    },
  );
}

function setLineItem(store: WooStore, order: OrderRecord, posted: Record<string, unknown>): void {
  const itemId = Math.abs(phpToInt(posted.id));
  let item: LineItemRecord | undefined;
  if (itemId) {
    item = order.lineItems.find((l) => l.id === itemId);
    if (!item) {
      throw new WooRestError(
        'woocommerce_rest_invalid_item_id',
        'Order item ID provided is not associated with order.',
        { status: 400 },
      );
    }
  }
  const creating = item === undefined;
  const line: LineItemRecord = item ?? {
    id: 0,
    name: '',
    productId: 0,
    variationId: 0,
    quantity: 1,
    taxClass: '',
    subtotal: 0,
    subtotalTax: 0,
    total: 0,
    totalTax: 0,
    taxes: [],
    meta: [],
  };
  const productId = productIdFor(store, posted, creating);
  const product = productId ? store.state.products.get(productId) : undefined;
  if (product) {
    line.productId = product.type === 'variation' ? product.parentId : product.id;
    line.variationId = product.type === 'variation' ? product.id : 0;
    line.name = product.name;
    line.taxClass = productTaxClass(store, product);
    if (creating) {
      const quantity = posted.quantity === undefined ? 1 : phpToInt(posted.quantity);
      const total = priceExcludingTax(
        parsePrecise(product.price),
        quantity,
        isTaxableProduct(store, product.id),
        line.taxClass,
        store.settings,
      );
      line.total = roundTo(total, 6);
      line.subtotal = line.total;
    }
  }
  if (posted.name !== undefined && posted.name !== null) line.name = phpToString(posted.name);
  if (posted.quantity !== undefined && posted.quantity !== null)
    line.quantity = phpToInt(posted.quantity);
  if (posted.total !== undefined && posted.total !== null) line.total = parsePrecise(posted.total);
  if (posted.subtotal !== undefined && posted.subtotal !== null)
    line.subtotal = parsePrecise(posted.subtotal);
  if (posted.tax_class !== undefined && posted.tax_class !== null)
    line.taxClass = phpToString(posted.tax_class);
  if (Array.isArray(posted.meta_data))
    line.meta = upsertMeta(store.state, line.meta, posted.meta_data);
  if (creating) {
    line.id = store.state.allocateItemId();
    order.lineItems.push(line);
  }
}

function setShippingLine(
  store: WooStore,
  order: OrderRecord,
  posted: Record<string, unknown>,
): void {
  const itemId = Math.abs(phpToInt(posted.id));
  let line: ShippingLineRecord | undefined;
  if (itemId) {
    line = order.shippingLines.find((l) => l.id === itemId);
    if (!line) {
      throw new WooRestError(
        'woocommerce_rest_invalid_item_id',
        'Order item ID provided is not associated with order.',
        { status: 400 },
      );
    }
  } else if (phpEmpty(posted.method_id)) {
    throw new WooRestError(
      'woocommerce_rest_invalid_shipping_item',
      'Shipping method ID is required.',
      {
        status: 400,
      },
    );
  }
  const creating = line === undefined;
  const s: ShippingLineRecord = line ?? {
    id: 0,
    methodTitle: '',
    methodId: '',
    instanceId: '',
    total: 0,
    totalTax: 0,
    taxes: [],
    taxStatus: 'taxable',
    meta: [],
  };
  if (posted.method_id !== undefined && posted.method_id !== null)
    s.methodId = phpToString(posted.method_id);
  if (posted.method_title !== undefined && posted.method_title !== null)
    s.methodTitle = phpToString(posted.method_title);
  if (posted.instance_id !== undefined && posted.instance_id !== null)
    s.instanceId = phpToString(posted.instance_id);
  if (posted.total !== undefined && posted.total !== null) s.total = parsePrecise(posted.total);
  if (Array.isArray(posted.meta_data)) s.meta = upsertMeta(store.state, s.meta, posted.meta_data);
  if (creating) {
    s.id = store.state.allocateItemId();
    order.shippingLines.push(s);
  }
}

function setFeeLine(store: WooStore, order: OrderRecord, posted: Record<string, unknown>): void {
  const itemId = Math.abs(phpToInt(posted.id));
  let line: FeeLineRecord | undefined;
  if (itemId) {
    line = order.feeLines.find((l) => l.id === itemId);
    if (!line) {
      throw new WooRestError(
        'woocommerce_rest_invalid_item_id',
        'Order item ID provided is not associated with order.',
        { status: 400 },
      );
    }
  } else if (phpEmpty(posted.name)) {
    throw new WooRestError('woocommerce_rest_invalid_fee_item', 'Fee name is required.', {
      status: 400,
    });
  }
  const creating = line === undefined;
  const f: FeeLineRecord = line ?? {
    id: 0,
    name: '',
    taxClass: '',
    taxStatus: 'taxable',
    amount: 0,
    total: 0,
    totalTax: 0,
    taxes: [],
    meta: [],
  };
  if (posted.name !== undefined && posted.name !== null) f.name = phpToString(posted.name);
  if (posted.tax_class !== undefined && posted.tax_class !== null)
    f.taxClass = phpToString(posted.tax_class);
  if (posted.tax_status !== undefined && posted.tax_status !== null)
    f.taxStatus = phpToString(posted.tax_status);
  if (posted.total !== undefined && posted.total !== null) {
    f.total = parsePrecise(posted.total);
    f.amount = f.total;
  }
  if (Array.isArray(posted.meta_data)) f.meta = upsertMeta(store.state, f.meta, posted.meta_data);
  if (creating) {
    f.id = store.state.allocateItemId();
    order.feeLines.push(f);
  }
}

function removeItem(order: OrderRecord, id: number): void {
  order.lineItems = order.lineItems.filter((l) => l.id !== id);
  order.shippingLines = order.shippingLines.filter((l) => l.id !== id);
  order.feeLines = order.feeLines.filter((l) => l.id !== id);
  order.couponLines = order.couponLines.filter((l) => l.id !== id);
}

function applyCouponLines(store: WooStore, order: OrderRecord, value: unknown): void {
  if (!Array.isArray(value)) return;
  for (const raw of value) {
    if (raw === null || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    if (item.code === null && item.id !== undefined) {
      removeItem(order, phpToInt(item.id));
      continue;
    }
    const code = wcClean(item.code).toLowerCase();
    if (code === '') continue;
    const coupon = store.state.coupons.get(code);
    if (!coupon) {
      throw new WooRestError(
        'woocommerce_rest_invalid_coupon',
        `Coupon "${code}" cannot be applied because it does not exist.`,
        { status: 400 },
      );
    }
    if (order.couponLines.some((c) => c.code === code)) continue;
    order.couponLines.push({
      id: store.state.allocateItemId(),
      code,
      discount: 0,
      discountTax: 0,
      discountType: coupon.type,
      nominalAmount: parsePrecise(coupon.amount),
      meta: [],
    });
  }
}

/** Re-applies coupon lines to line totals (`WC_Order::recalculate_coupons`). */
function recalculateCoupons(store: WooStore, order: OrderRecord): void {
  if (order.couponLines.length === 0) return;
  const dp = store.dp;
  const inclusive = order.pricesIncludeTax;
  const items = order.lineItems.map((l) => ({
    price: l.subtotal + (inclusive ? l.subtotalTax : 0),
    quantity: l.quantity,
  }));
  const coupons = order.couponLines.map((c) => ({
    code: c.code,
    type: (c.discountType === 'percent' ? 'percent' : 'fixed_cart') as 'percent' | 'fixed_cart',
    amount: c.nominalAmount,
  }));
  const perCoupon = distributeCouponDiscounts(items, coupons, dp);
  const itemDiscount = order.lineItems.map(() => 0);
  order.couponLines.forEach((coupon, c) => {
    let discount = 0;
    let discountTax = 0;
    (perCoupon[c] ?? []).forEach((amount, i) => {
      const line = order.lineItems[i];
      if (!line || amount === 0) return;
      const productId = line.variationId || line.productId;
      const rates = isTaxableProduct(store, productId)
        ? taxRatesFor(store.settings, line.taxClass)
        : [];
      const taxes = [...calcTax(amount, rates, inclusive, 6).values()].reduce((s, v) => s + v, 0);
      const net = inclusive ? amount - taxes : amount;
      itemDiscount[i] = (itemDiscount[i] ?? 0) + net;
      discount += net;
      discountTax += inclusive
        ? taxes
        : [...calcTax(amount, rates, false, 6).values()].reduce((s, v) => s + v, 0);
    });
    coupon.discount = roundTo(discount, dp);
    coupon.discountTax = roundTo(discountTax, dp);
  });
  order.lineItems.forEach((line, i) => {
    line.total = Math.max(0, line.subtotal - (itemDiscount[i] ?? 0));
  });
}

/** Recomputes taxes and totals of an order from its lines (`calculate_totals`). */
export function calculateOrderTotals(store: WooStore, order: OrderRecord): void {
  recalculateCoupons(store, order);
  recalculateOrderTotals(order, store.settings, (id) => isTaxableProduct(store, id));
  for (const tax of order.taxLines) if (tax.id === 0) tax.id = store.state.allocateItemId();
}

/**
 * Applies REST order parameters to a (cloned) order. Status and `set_paid` are left to the
 * caller (they run after the save, as in WooCommerce).
 */
export function applyOrderParams(
  store: WooStore,
  order: OrderRecord,
  params: Record<string, unknown>,
): void {
  const set = (key: string): boolean => params[key] !== undefined && params[key] !== null;
  if (set('parent_id')) order.parentId = phpToInt(params.parent_id);
  if (set('currency')) order.currency = phpToString(params.currency);
  if (set('customer_id')) order.customerId = phpToInt(params.customer_id);
  if (set('customer_note')) order.customerNote = phpToString(params.customer_note);
  if (set('payment_method')) order.paymentMethod = phpToString(params.payment_method);
  if (set('payment_method_title'))
    order.paymentMethodTitle = phpToString(params.payment_method_title);
  if (set('transaction_id')) order.transactionId = phpToString(params.transaction_id);
  if (set('created_via')) order.createdVia = phpToString(params.created_via);
  if (set('billing')) mergeAddress(order.billing, params.billing);
  if (set('shipping')) mergeAddress(order.shipping, params.shipping);
  const items: [string, (posted: Record<string, unknown>) => void][] = [
    ['line_items', (p) => setLineItem(store, order, p)],
    ['shipping_lines', (p) => setShippingLine(store, order, p)],
    ['fee_lines', (p) => setFeeLine(store, order, p)],
  ];
  for (const [key, setter] of items) {
    const value = params[key];
    if (!Array.isArray(value)) continue;
    for (const raw of value) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const item = raw as Record<string, unknown>;
      if (itemIsNullOrZero(item)) removeItem(order, phpToInt(item.id));
      else setter(item);
    }
  }
  if (set('meta_data')) order.meta = upsertMeta(store.state, order.meta, params.meta_data);
  if (set('coupon_lines')) applyCouponLines(store, order, params.coupon_lines);
}

/** Money formatted for an order response. */
export function money(value: Precise, dp: number): string {
  return formatMoney(value, dp);
}
