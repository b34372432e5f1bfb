/**
 * REST v3 rendering of orders and refunds: money strings padded to `dp`, line `price` as a
 * JSON number, unrounded `taxes[]` strings, `refunds[]` with negative totals.
 *
 * Internal module.
 */
import { formatGmt } from './dates.js';
import { metaToJson } from './meta-data.js';
import { formatMoney, formatUnrounded, type Precise, toUnits } from './money.js';
import { needsPayment, needsProcessing } from './orders.js';
import { currencySymbol } from './product-json.js';
import type {
  FeeLineRecord,
  ItemTax,
  LineItemRecord,
  MetaEntry,
  OrderRecord,
  RefundRecord,
  ShippingLineRecord,
  TaxLineRecord,
} from './store-state.js';
import type { WooStore } from './woo-store.js';

function date(store: WooStore, value: number | null): string | null {
  return value === null ? null : store.tz.formatLocal(value);
}

function dateGmt(value: number | null): string | null {
  return value === null ? null : formatGmt(value);
}

function itemMeta(meta: readonly MetaEntry[]): Record<string, unknown>[] {
  return meta.map((m) => ({
    id: m.id,
    key: m.key,
    value: m.value,
    display_key: m.key,
    display_value: m.value,
  }));
}

function taxes(list: readonly ItemTax[], withSubtotal: boolean): Record<string, unknown>[] {
  return list.map((t) => ({
    id: t.rateId,
    total: formatUnrounded(t.total),
    subtotal: withSubtotal ? formatUnrounded(t.subtotal) : '',
  }));
}

function lineItemJson(store: WooStore, line: LineItemRecord, dp: number): Record<string, unknown> {
  const product = store.state.products.get(line.variationId || line.productId);
  const parent = line.variationId ? store.state.products.get(line.productId) : undefined;
  const image = product?.images[0] ?? parent?.images[0];
  return {
    id: line.id,
    name: line.name,
    product_id: line.productId,
    variation_id: line.variationId,
    quantity: line.quantity,
    tax_class: line.taxClass,
    subtotal: formatMoney(line.subtotal, dp),
    subtotal_tax: formatMoney(line.subtotalTax, dp),
    total: formatMoney(line.total, dp),
    total_tax: formatMoney(line.totalTax, dp),
    taxes: taxes(line.taxes, true),
    meta_data: itemMeta(line.meta),
    sku: product ? product.sku : null,
    global_unique_id: product ? product.globalUniqueId : null,
    price: line.quantity ? toUnits(line.total) / line.quantity : 0,
    image: { id: image ? image.id : '', src: image ? image.src : '' },
    parent_name: line.variationId ? (parent?.name ?? null) : null,
  };
}

function shippingLineJson(line: ShippingLineRecord, dp: number): Record<string, unknown> {
  return {
    id: line.id,
    method_title: line.methodTitle,
    method_id: line.methodId,
    instance_id: line.instanceId,
    total: formatMoney(line.total, dp),
    total_tax: formatMoney(line.totalTax, dp),
    taxes: taxes(line.taxes, false),
    tax_status: line.taxStatus,
    meta_data: itemMeta(line.meta),
  };
}

function feeLineJson(line: FeeLineRecord, dp: number): Record<string, unknown> {
  return {
    id: line.id,
    name: line.name,
    tax_class: line.taxClass,
    tax_status: line.taxStatus,
    amount: formatMoney(line.amount, dp),
    total: formatMoney(line.total, dp),
    total_tax: formatMoney(line.totalTax, dp),
    taxes: taxes(line.taxes, true),
    meta_data: itemMeta(line.meta),
  };
}

function taxLineJson(line: TaxLineRecord, dp: number): Record<string, unknown> {
  return {
    id: line.id,
    rate_code: line.rateCode,
    rate_id: line.rateId,
    label: line.label,
    compound: line.compound,
    tax_total: formatMoney(line.taxTotal, dp),
    shipping_tax_total: formatMoney(line.shippingTaxTotal, dp),
    rate_percent: line.ratePercent,
    meta_data: itemMeta(line.meta),
  };
}

/** An order as `GET /orders/{id}` returns it (money formatted with `dp` decimals). */
export function orderToJson(
  store: WooStore,
  order: OrderRecord,
  dp: number,
): Record<string, unknown> {
  const money = (v: Precise): string => formatMoney(v, dp);
  const { email: _shippingEmail, ...shipping } = order.shipping;
  const links: Record<string, { href: string }[]> = {
    self: [{ href: store.restUrl(`/wc/v3/orders/${order.id}`) }],
    collection: [{ href: store.restUrl('/wc/v3/orders') }],
  };
  if (order.customerId)
    links.customer = [{ href: store.restUrl(`/wc/v3/customers/${order.customerId}`) }];
  return {
    id: order.id,
    parent_id: order.parentId,
    status: order.status,
    currency: order.currency,
    version: order.version,
    prices_include_tax: order.pricesIncludeTax,
    date_created: date(store, order.dateCreated),
    date_modified: date(store, order.dateModified),
    discount_total: money(order.discountTotal),
    discount_tax: money(order.discountTax),
    shipping_total: money(order.shippingTotal),
    shipping_tax: money(order.shippingTax),
    cart_tax: money(order.cartTax),
    total: money(order.total),
    total_tax: money(order.cartTax + order.shippingTax),
    customer_id: order.customerId,
    order_key: order.orderKey,
    billing: { ...order.billing },
    shipping,
    payment_method: order.paymentMethod,
    payment_method_title: order.paymentMethodTitle,
    transaction_id: order.transactionId,
    customer_ip_address: order.customerIpAddress,
    customer_user_agent: order.customerUserAgent,
    created_via: order.createdVia,
    customer_note: order.customerNote,
    date_completed: date(store, order.dateCompleted),
    date_paid: date(store, order.datePaid),
    cart_hash: order.cartHash,
    number: String(order.id),
    meta_data: metaToJson(order.meta),
    line_items: order.lineItems.map((l) => lineItemJson(store, l, dp)),
    tax_lines: order.taxLines.map((t) => taxLineJson(t, dp)),
    shipping_lines: order.shippingLines.map((s) => shippingLineJson(s, dp)),
    fee_lines: order.feeLines.map((f) => feeLineJson(f, dp)),
    coupon_lines: order.couponLines.map((c) => ({
      id: c.id,
      code: c.code,
      discount: money(c.discount),
      discount_tax: money(c.discountTax),
      discount_type: c.discountType,
      nominal_amount: Number(formatUnrounded(c.nominalAmount)),
      free_shipping: false,
      meta_data: itemMeta(c.meta),
    })),
    refunds: store.state.refundsOf(order.id).map((r) => ({
      id: r.id,
      reason: r.reason,
      total: `-${formatMoney(r.amount, dp)}`,
    })),
    payment_url: `${store.siteUrl}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
    is_editable: ['pending', 'on-hold', 'auto-draft', 'checkout-draft'].includes(order.status),
    needs_payment: needsPayment(order),
    needs_processing: needsProcessing(store, order),
    date_created_gmt: dateGmt(order.dateCreated),
    date_modified_gmt: dateGmt(order.dateModified),
    date_completed_gmt: dateGmt(order.dateCompleted),
    date_paid_gmt: dateGmt(order.datePaid),
    currency_symbol: currencySymbol(order.currency),
    _links: links,
  };
}

/**
 * A refund as `GET /orders/{id}/refunds/{rid}` returns it; `withParent` adds `parent_id`
 * (the global `GET /refunds` shape).
 */
export function refundToJson(
  store: WooStore,
  refund: RefundRecord,
  dp: number,
  withParent: boolean,
): Record<string, unknown> {
  const json: Record<string, unknown> = { id: refund.id };
  if (withParent) json.parent_id = refund.parentId;
  Object.assign(json, {
    date_created: date(store, refund.dateCreated),
    date_created_gmt: dateGmt(refund.dateCreated),
    amount: formatMoney(refund.amount, dp),
    reason: refund.reason,
    refunded_by: refund.refundedBy,
    refunded_payment: refund.refundedPayment,
    meta_data: metaToJson(refund.meta),
    line_items: refund.lineItems.map((l) => lineItemJson(store, l, dp)),
    shipping_lines: refund.shippingLines.map((s) => shippingLineJson(s, dp)),
    tax_lines: refund.taxLines.map((t) => taxLineJson(t, dp)),
    fee_lines: refund.feeLines.map((f) => feeLineJson(f, dp)),
    _links: {
      self: [{ href: store.restUrl(`/wc/v3/orders/${refund.parentId}/refunds/${refund.id}`) }],
      collection: [{ href: store.restUrl(`/wc/v3/orders/${refund.parentId}/refunds`) }],
      up: [{ href: store.restUrl(`/wc/v3/orders/${refund.parentId}`) }],
    },
  });
  return json;
}
