import type { WooRefund, WooRefundLine } from '@balance-sync/woo-sync-core';
import type { RefundLineWire, RefundWire } from '../schemas/refund-wire.js';

function refundedItemId(line: RefundLineWire): number | null {
  const entry = line.meta_data.find((meta) => meta.key === '_refunded_item_id');
  const id = Number(entry?.value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

function fromWireRefundLine(line: RefundLineWire): WooRefundLine {
  return {
    id: line.id,
    refundedItemId: refundedItemId(line),
    name: line.name || line.method_title || '',
    productId: line.product_id,
    variationId: line.variation_id,
    sku: line.sku,
    quantity: line.quantity,
    subtotal: line.subtotal ?? line.total,
    total: line.total,
    totalTax: line.total_tax,
    taxes: line.taxes,
  };
}

/**
 * WooCommerce JSON → port refund.
 *
 * @param orderId - The order, when read through `/orders/<id>/refunds` (which has no
 *   `parent_id`).
 */
export function fromWireRefund(wire: RefundWire, orderId?: number): WooRefund {
  return {
    id: wire.id,
    orderId: wire.parent_id || orderId || 0,
    dateCreated: wire.date_created_gmt,
    amount: wire.amount,
    reason: wire.reason,
    refundedPayment: wire.refunded_payment,
    lineItems: wire.line_items.map(fromWireRefundLine),
    shippingLines: wire.shipping_lines.map(fromWireRefundLine),
    feeLines: wire.fee_lines.map(fromWireRefundLine),
    meta: wire.meta_data,
  };
}
