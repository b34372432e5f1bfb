// Orders and refunds of the in-memory store (reference: woocommerce-rest-api.md §6, §7).

import type {
  UtcDateTime,
  WooAddress,
  WooMeta,
  WooOrder,
  WooOrderLine,
  WooOrderStatus,
  WooRefund,
  WooRefundLine,
  WooShippingLine,
} from '../ports/woocommerce-port.js';
import type { InMemoryWooCatalog } from './in-memory-woo-catalog.js';
import { compareDecimals, negateDecimal, sumDecimals } from './woo-decimal-math.js';
import type { SeedOrderInput, SeedRefundInput } from './woocommerce-seed.js';

const PAID_STATUSES: readonly WooOrderStatus[] = ['processing', 'completed'];

/** An error shaped like the WooCommerce REST error the same request would get. */
export class InMemoryWooError extends Error {
  override name = 'InMemoryWooError';
  constructor(
    /** WooCommerce's error code. */
    readonly code: string,
    message: string,
    /** The HTTP status WooCommerce would answer with. */
    readonly status: number,
  ) {
    super(`${message} (${code})`);
  }
}

function emptyAddress(): WooAddress {
  return {
    firstName: '',
    lastName: '',
    company: '',
    address1: '',
    address2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    email: '',
    phone: '',
  };
}

function copyOrder(order: WooOrder): WooOrder {
  return structuredClone(order);
}

/** The order half of the in-memory store. Every method returns copies. */
export class InMemoryWooOrders {
  readonly #orders = new Map<number, WooOrder>();
  readonly #refunds = new Map<number, WooRefund>();
  readonly #nextId: () => number;
  readonly #now: () => UtcDateTime;
  readonly #catalog: InMemoryWooCatalog;

  constructor(nextId: () => number, now: () => UtcDateTime, catalog: InMemoryWooCatalog) {
    this.#nextId = nextId;
    this.#now = now;
    this.#catalog = catalog;
  }

  all(): WooOrder[] {
    return [...this.#orders.values()].map(copyOrder);
  }

  get(id: number): WooOrder | undefined {
    const order = this.#orders.get(id);
    return order && copyOrder(order);
  }

  allRefunds(): WooRefund[] {
    return [...this.#refunds.values()].map((refund) => structuredClone(refund));
  }

  place(input: SeedOrderInput): WooOrder {
    const now = this.#now();
    const status = input.status ?? 'processing';
    const lineItems: WooOrderLine[] = input.lines.map((line) => {
      const product = this.#catalog.product(line.variationId || line.productId);
      if (!product) {
        throw new InMemoryWooError('woocommerce_rest_invalid_product_id', 'Invalid product.', 400);
      }
      return {
        id: this.#nextId(),
        name: product.name,
        productId: line.productId,
        variationId: line.variationId ?? 0,
        sku: product.sku,
        quantity: line.quantity ?? 1,
        subtotal: sumDecimals([line.total]),
        subtotalTax: '0.00',
        total: sumDecimals([line.total]),
        totalTax: '0.00',
        taxes: [],
        meta: [],
      };
    });
    const shippingTotal = sumDecimals([input.shippingTotal ?? '0']);
    // One flat-rate line, as the WooCommerce seed of the REST conformance suite creates; the
    // in-memory store charges no tax, so the line's tax is zero like the order's.
    const shippingLines: WooShippingLine[] =
      input.shippingTotal === undefined
        ? []
        : [
            {
              id: this.#nextId(),
              methodId: 'flat_rate',
              methodTitle: 'Flat rate',
              total: shippingTotal,
              totalTax: '0.00',
              taxes: [],
            },
          ];
    const id = this.#nextId();
    const paid = PAID_STATUSES.includes(status);
    const order: WooOrder = {
      id,
      number: String(id),
      status,
      currency: input.currency ?? 'GEL',
      pricesIncludeTax: false,
      dateCreated: now,
      dateModified: now,
      datePaid: paid ? now : null,
      dateCompleted: status === 'completed' ? now : null,
      total: sumDecimals([...lineItems.map((line) => line.total), shippingTotal]),
      totalTax: '0.00',
      shippingTotal,
      shippingTax: '0.00',
      discountTotal: '0.00',
      discountTax: '0.00',
      cartTax: '0.00',
      customerId: 0,
      customerNote: '',
      billing: emptyAddress(),
      shipping: emptyAddress(),
      paymentMethod: 'cod',
      paymentMethodTitle: 'Cash on delivery',
      transactionId: '',
      meta: (input.meta ?? []).map((entry) => ({ ...entry })),
      lineItems,
      shippingLines,
      feeLines: [],
      couponLines: [],
      taxLines: [],
      refunds: [],
    };
    this.#orders.set(id, order);
    if (paid) this.#reduceStock(order);
    return copyOrder(order);
  }

  setStatus(orderId: number, status: WooOrderStatus): WooOrder {
    const order = this.#require(orderId, 400);
    const wasPaid = order.datePaid !== null;
    order.status = status;
    const now = this.#now();
    if (PAID_STATUSES.includes(status) && order.datePaid === null) order.datePaid = now;
    if (status === 'completed' && order.dateCompleted === null) order.dateCompleted = now;
    order.dateModified = now;
    if (!wasPaid && order.datePaid !== null) this.#reduceStock(order);
    return copyOrder(order);
  }

  updateMeta(orderId: number, meta: readonly WooMeta[]): void {
    const order = this.#require(orderId, 400);
    for (const change of meta) {
      const existing = order.meta.find((entry) => entry.key === change.key);
      if (existing) existing.value = change.value;
      else order.meta.push({ key: change.key, value: change.value });
    }
    order.dateModified = this.#now();
  }

  refund(orderId: number, input: SeedRefundInput): WooRefund {
    const order = this.#orders.get(orderId);
    if (!order)
      throw new InMemoryWooError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 500);
    const lines: WooRefundLine[] = (input.lines ?? []).map((line) => {
      const sold = order.lineItems.find((item) => item.id === line.lineId);
      if (!sold) {
        throw new InMemoryWooError('woocommerce_rest_invalid_item_id', 'Invalid line item.', 400);
      }
      return {
        id: this.#nextId(),
        refundedItemId: sold.id,
        name: sold.name,
        productId: sold.productId,
        variationId: sold.variationId,
        sku: sold.sku,
        quantity: -line.quantity,
        subtotal: negateDecimal(line.total),
        total: negateDecimal(line.total),
        totalTax: '0.00',
        taxes: [],
      };
    });
    const amount = sumDecimals([
      input.amount ?? sumDecimals((input.lines ?? []).map((line) => line.total)),
    ]);
    const alreadyRefunded = sumDecimals(order.refunds.map((ref) => negateDecimal(ref.total)));
    const remaining = sumDecimals([order.total, negateDecimal(alreadyRefunded)]);
    if (compareDecimals(amount, '0') < 0) {
      throw new InMemoryWooError(
        'woocommerce_rest_invalid_order_refund',
        'Refund amount must be greater than zero.',
        500,
      );
    }
    if (compareDecimals(amount, remaining) > 0) {
      throw new InMemoryWooError(
        'woocommerce_rest_cannot_create_order_refund',
        'Invalid refund amount.',
        500,
      );
    }
    const now = this.#now();
    const refund: WooRefund = {
      id: this.#nextId(),
      orderId,
      dateCreated: now,
      amount,
      reason: input.reason ?? '',
      refundedPayment: false,
      lineItems: lines,
      shippingLines: [],
      feeLines: [],
      meta: [],
    };
    this.#refunds.set(refund.id, refund);
    // Newest first, as WooCommerce lists an order's refunds.
    order.refunds.unshift({ id: refund.id, reason: refund.reason, total: negateDecimal(amount) });
    if (compareDecimals(amount, remaining) === 0) order.status = 'refunded';
    for (const line of lines) {
      if (line.quantity < 0)
        this.#catalog.adjustStock(line.variationId || line.productId, -line.quantity);
    }
    order.dateModified = now;
    return structuredClone(refund);
  }

  #require(orderId: number, status: number): WooOrder {
    const order = this.#orders.get(orderId);
    if (!order)
      throw new InMemoryWooError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', status);
    return order;
  }

  #reduceStock(order: WooOrder): void {
    for (const line of order.lineItems) {
      this.#catalog.adjustStock(line.variationId || line.productId, -line.quantity);
    }
  }
}
