import type { WooAddress, WooOrder, WooOrderStatus } from '@balance-sync/woo-sync-core';
import type { OrderWire } from '../schemas/order-wire.js';

type AddressWire = OrderWire['billing'];

function fromWireAddress(wire: AddressWire): WooAddress {
  return {
    firstName: wire.first_name,
    lastName: wire.last_name,
    company: wire.company,
    address1: wire.address_1,
    address2: wire.address_2,
    city: wire.city,
    state: wire.state,
    postcode: wire.postcode,
    country: wire.country,
    email: wire.email,
    phone: wire.phone,
  };
}

/** WooCommerce JSON → port order. */
export function fromWireOrder(wire: OrderWire): WooOrder {
  return {
    id: wire.id,
    number: wire.number || String(wire.id),
    status: wire.status as WooOrderStatus,
    currency: wire.currency,
    pricesIncludeTax: wire.prices_include_tax,
    dateCreated: wire.date_created_gmt,
    dateModified: wire.date_modified_gmt,
    datePaid: wire.date_paid_gmt,
    dateCompleted: wire.date_completed_gmt,
    total: wire.total,
    totalTax: wire.total_tax,
    shippingTotal: wire.shipping_total,
    shippingTax: wire.shipping_tax,
    discountTotal: wire.discount_total,
    discountTax: wire.discount_tax,
    cartTax: wire.cart_tax,
    customerId: wire.customer_id,
    customerNote: wire.customer_note,
    billing: fromWireAddress(wire.billing),
    shipping: { ...fromWireAddress(wire.shipping), email: '' },
    paymentMethod: wire.payment_method,
    paymentMethodTitle: wire.payment_method_title,
    transactionId: wire.transaction_id,
    meta: wire.meta_data,
    lineItems: wire.line_items.map((line) => ({
      id: line.id,
      name: line.name,
      productId: line.product_id,
      variationId: line.variation_id,
      sku: line.sku,
      quantity: line.quantity,
      subtotal: line.subtotal,
      subtotalTax: line.subtotal_tax,
      total: line.total,
      totalTax: line.total_tax,
      taxes: line.taxes,
      meta: line.meta_data,
    })),
    shippingLines: wire.shipping_lines.map((line) => ({
      id: line.id,
      methodId: line.method_id,
      methodTitle: line.method_title,
      total: line.total,
      totalTax: line.total_tax,
      taxes: line.taxes,
    })),
    feeLines: wire.fee_lines.map((line) => ({
      id: line.id,
      name: line.name,
      taxStatus: line.tax_status,
      total: line.total,
      totalTax: line.total_tax,
      taxes: line.taxes,
    })),
    couponLines: wire.coupon_lines.map((line) => ({
      id: line.id,
      code: line.code,
      discount: line.discount,
      discountTax: line.discount_tax,
    })),
    taxLines: wire.tax_lines.map((line) => ({
      id: line.id,
      rateId: line.rate_id,
      rateCode: line.rate_code,
      label: line.label,
      compound: line.compound,
      ratePercent: line.rate_percent,
      taxTotal: line.tax_total,
      shippingTaxTotal: line.shipping_tax_total,
    })),
    refunds: wire.refunds.map((refund) => ({
      id: refund.id,
      reason: refund.reason,
      total: refund.total,
    })),
  };
}
