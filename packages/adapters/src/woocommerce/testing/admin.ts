/**
 * The admin helper: what a shop manager does in wp-admin (mark paid, change status, refund,
 * edit products, trash). Every action fires the same hooks (and so webhooks) as WooCommerce.
 */
import { WooRestError } from './errors.js';
import { mulDivRound, type Precise, parsePrecise, roundTo } from './money.js';
import { refundToJson } from './order-json.js';
import { paymentComplete, setOrderStatus, trashOrder } from './orders.js';
import { productToJson } from './product-json.js';
import {
  deleteProductPermanently,
  type ProductParams,
  trashProduct,
  untrashProduct,
  updateProduct,
  updateVariation,
} from './product-writes.js';
import { createRefund, deleteRefund, type RefundItemArgs } from './refunds.js';
import type { WooOrder, WooProduct, WooRefund } from './rest-types.js';
import type { ItemTax, OrderRecord } from './store-state.js';
import type { WooStore } from './woo-store.js';

/**
 * A refund as entered on the order screen.
 *
 * - `lines`: order line items to refund; `quantity` defaults to the whole line when `total` is
 *   not given; `total` (excluding tax) defaults to the line total × quantity / line quantity;
 *   `tax` defaults to the line tax in the same proportion.
 * - `shipping`: `true` refunds every shipping line in full; an amount refunds that much
 *   (excluding tax, tax in proportion).
 * - `fees`: `true` refunds every fee line; or a list of fee items.
 * - `amount`: the refund amount; default = Σ refunded totals and taxes, rounded to the price
 *   decimals. An amount-only refund gives just this.
 * - `apiRefund`: refund through the gateway ("Refund via …" button). Default `false` (manual).
 * - `restock`: "Restock refunded items" (default `true`).
 *
 * @example
 * await sim.admin.refund(order.id, { lines: [{ itemId: order.line_items[0]!.id, quantity: 1 }], reason: 'Returned' });
 * await sim.admin.refund(order.id, { shipping: true });
 * await sim.admin.refund(order.id, { amount: '3.50', reason: 'Goodwill' });
 */
export interface AdminRefundInput {
  lines?: readonly {
    itemId: number;
    quantity?: number;
    total?: string | number;
    tax?: string | number;
  }[];
  shipping?: boolean | string | number;
  fees?: boolean | readonly { itemId: number; total?: string | number; tax?: string | number }[];
  amount?: string | number;
  reason?: string;
  apiRefund?: boolean;
  restock?: boolean;
}

/**
 * The admin helper, available as `sim.admin`.
 *
 * @example
 * await sim.admin.markPaid(order.id);
 * await sim.admin.setStatus(order.id, 'completed');
 * await sim.admin.editProduct(productId, { regular_price: '12.00' });
 */
export interface StoreAdmin {
  /** `payment_complete()`: `processing` (or `completed`), `date_paid`, stock reduced. */
  markPaid(orderId: number, options?: { transactionId?: string }): Promise<WooOrder>;
  /** Changes an order's status (stock, `date_paid`, `refunded` auto-refund all follow). */
  setStatus(orderId: number, status: string): Promise<WooOrder>;
  /** Creates a refund; throws {@link WooRestError} like the REST API would (HTTP-500 codes). */
  refund(orderId: number, input: AdminRefundInput): Promise<WooRefund>;
  /** Deletes a refund (fires `order.updated`). */
  deleteRefund(orderId: number, refundId: number): Promise<void>;
  /** Moves an order to the trash (fires `order.deleted`). */
  trashOrder(orderId: number): Promise<void>;
  /** A manual product (or variation) edit with REST-shaped fields; bumps `date_modified`. */
  editProduct(productId: number, patch: ProductParams): Promise<WooProduct>;
  /** Moves a product to the trash (fires `product.deleted`). */
  trashProduct(productId: number): Promise<void>;
  /** Restores a trashed product (fires `product.restored`). */
  restoreProduct(productId: number): Promise<WooProduct>;
  /** Deletes a product permanently (no webhook). */
  deleteProduct(productId: number): Promise<void>;
}

function orderOf(store: WooStore, id: number): OrderRecord {
  const order = store.state.orders.get(id);
  if (!order)
    throw new WooRestError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', {
      status: 404,
    });
  return order;
}

function proportional(value: Precise, part: number, whole: number): Precise {
  if (whole === 0) return 0;
  return roundTo(mulDivRound(value, part, whole), 6);
}

function scaleTaxes(taxes: readonly ItemTax[], part: number, whole: number): Map<number, Precise> {
  return new Map(taxes.map((t) => [t.rateId, proportional(t.total, part, whole)]));
}

function refundItem(
  item: { total: Precise; quantity?: number; taxes: readonly ItemTax[] },
  quantity: number,
  total: string | number | undefined,
  tax: string | number | undefined,
): RefundItemArgs {
  const lineQty = item.quantity ?? 1;
  let refundTotal: Precise;
  let refundTax: Map<number, Precise>;
  if (total !== undefined) {
    refundTotal = parsePrecise(total);
    refundTax = scaleTaxes(item.taxes, refundTotal, item.total);
  } else {
    refundTotal = proportional(item.total, quantity, lineQty);
    refundTax = scaleTaxes(item.taxes, quantity, lineQty);
  }
  if (tax !== undefined) {
    const firstRate = item.taxes[0]?.rateId ?? 1;
    refundTax = new Map([[firstRate, parsePrecise(tax)]]);
  }
  return { qty: quantity, refundTotal, refundTax };
}

/** Creates the admin helper of a store. */
export function createAdmin(store: WooStore, read: { order(id: number): WooOrder }): StoreAdmin {
  return {
    async markPaid(orderId, options = {}) {
      const order = orderOf(store, orderId);
      if (!paymentComplete(store, order, options.transactionId ?? '')) {
        throw new Error(`Order ${orderId} is ${order.status}; payment_complete() does nothing.`);
      }
      return read.order(orderId);
    },
    async setStatus(orderId, status) {
      setOrderStatus(store, orderOf(store, orderId), status.replace(/^wc-/, ''));
      return read.order(orderId);
    },
    async refund(orderId, input) {
      const order = orderOf(store, orderId);
      const items = new Map<number, RefundItemArgs>();
      for (const line of input.lines ?? []) {
        const item = order.lineItems.find((l) => l.id === line.itemId);
        if (!item) throw new Error(`Order ${orderId} has no line item ${line.itemId}.`);
        const quantity = line.quantity ?? (line.total !== undefined ? 0 : item.quantity);
        items.set(item.id, refundItem(item, quantity, line.total, line.tax));
      }
      if (input.shipping !== undefined && input.shipping !== false) {
        const shipping = input.shipping;
        for (const s of order.shippingLines) {
          items.set(
            s.id,
            shipping === true
              ? {
                  qty: 0,
                  refundTotal: s.total,
                  refundTax: new Map(s.taxes.map((t) => [t.rateId, t.total])),
                }
              : refundItem({ total: s.total, taxes: s.taxes }, 0, shipping, undefined),
          );
        }
      }
      if (input.fees !== undefined && input.fees !== false) {
        const wanted =
          input.fees === true
            ? order.feeLines.map((f) => ({ itemId: f.id, total: undefined, tax: undefined }))
            : input.fees;
        for (const f of wanted) {
          const fee = order.feeLines.find((l) => l.id === f.itemId);
          if (!fee) throw new Error(`Order ${orderId} has no fee line ${f.itemId}.`);
          if (f.total === undefined) {
            items.set(fee.id, {
              qty: 0,
              refundTotal: fee.total,
              refundTax: new Map(fee.taxes.map((t) => [t.rateId, t.total])),
            });
          } else {
            items.set(
              fee.id,
              refundItem({ total: fee.total, taxes: fee.taxes }, 0, f.total, f.tax),
            );
          }
        }
      }
      let amount: Precise;
      if (input.amount !== undefined) {
        amount = parsePrecise(input.amount);
      } else {
        let sum = 0;
        for (const a of items.values()) {
          sum += a.refundTotal;
          for (const t of a.refundTax.values()) sum += t;
        }
        amount = roundTo(sum, store.dp);
      }
      const refund = createRefund(store, {
        orderId,
        amount,
        reason: input.reason ?? '',
        lineItems: items,
        refundPayment: input.apiRefund ?? false,
        restockItems: input.restock ?? true,
      });
      return refundToJson(store, refund, store.dp, false) as unknown as WooRefund;
    },
    async deleteRefund(orderId, refundId) {
      const refund = store.state.refunds.get(refundId);
      if (!refund || refund.parentId !== orderId)
        throw new Error(`Order ${orderId} has no refund ${refundId}.`);
      deleteRefund(store, refund);
    },
    async trashOrder(orderId) {
      trashOrder(store, orderOf(store, orderId));
    },
    async editProduct(productId, patch) {
      const existing = store.state.products.get(productId);
      if (!existing)
        throw new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', {
          status: 404,
        });
      const updated =
        existing.type === 'variation'
          ? updateVariation(store, existing, patch)
          : updateProduct(store, existing, patch);
      return productToJson(store, updated, 'edit') as WooProduct;
    },
    async trashProduct(productId) {
      const p = store.state.products.get(productId);
      if (!p)
        throw new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', {
          status: 404,
        });
      trashProduct(store, p);
    },
    async restoreProduct(productId) {
      const p = store.state.products.get(productId);
      if (p?.status !== 'trash') throw new Error(`Product ${productId} is not in the trash.`);
      return productToJson(store, untrashProduct(store, p), 'edit') as WooProduct;
    },
    async deleteProduct(productId) {
      const p = store.state.products.get(productId);
      if (!p)
        throw new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', {
          status: 404,
        });
      deleteProductPermanently(store, p);
    },
  };
}
