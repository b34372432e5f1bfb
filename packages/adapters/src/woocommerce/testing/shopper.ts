/**
 * The shopper helper: places orders the way the storefront checkout does.
 */
import { setMeta } from './meta-data.js';
import { type Precise, parsePrecise } from './money.js';
import { allTaxRates, type CheckoutLineInput, calculateCheckoutTotals } from './order-totals.js';
import {
  newOrderRecord,
  paymentComplete,
  productTaxClass,
  saveOrder,
  setOrderStatus,
} from './orders.js';
import { md5, phpToString } from './php.js';
import type { WooOrder } from './rest-types.js';
import type { ItemTax, LineItemRecord, OrderAddress, ProductRecord } from './store-state.js';
import type { WooStore } from './woo-store.js';

/**
 * A cart line: a product (or variation) by id or SKU.
 *
 * @example
 * const line: CartLine = { sku: 'BAL-000042', quantity: 2 };
 */
export type CartLine = ({ productId: number; sku?: never } | { sku: string; productId?: never }) & {
  /** Default 1. */
  quantity?: number;
};

/**
 * The customer placing the order.
 *
 * @example
 * const customer: ShopperCustomer = {
 *   billing: { first_name: 'Nino', last_name: 'Beridze', email: 'nino@example.ge' },
 *   meta: { _billing_personal_id: '01001012345' },
 * };
 */
export interface ShopperCustomer {
  /** Existing customer account (see `sim.seed.customer`); default guest (0). */
  customerId?: number;
  billing?: Partial<OrderAddress>;
  /** Default: same as billing (without email). */
  shipping?: Partial<OrderAddress>;
  /** Order meta written at checkout (e.g. a personal-id field). */
  meta?: Record<string, unknown>;
  /** `customer_note`. */
  note?: string;
}

/**
 * What the shopper buys and how they pay.
 *
 * @example
 * await sim.shopper.placeOrder({
 *   lines: [{ sku: 'A-1', quantity: 3 }],
 *   coupon: { code: 'spring10', type: 'percent', amount: 10 },
 *   shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
 *   fees: [{ name: 'Loyalty discount', total: '-2.00' }],
 *   paymentMethod: 'card',
 *   paid: true,
 * });
 */
export interface PlaceOrderInput {
  lines: readonly CartLine[];
  /** One coupon (registered in the store if new). */
  coupon?: { code: string; type: 'percent' | 'fixed_cart'; amount: string | number };
  /** Several coupons, applied in order. */
  coupons?: readonly { code: string; type: 'percent' | 'fixed_cart'; amount: string | number }[];
  /** A shipping rate; `total` excludes tax (taxed at the standard rate when shipping is taxable). */
  shipping?: { methodId: string; title: string; total: string | number; instanceId?: string };
  /** Fees excluding tax; negative fees are discounts (taxed proportionally, as WooCommerce does). */
  fees?: readonly { name: string; total: string | number; taxable?: boolean; taxClass?: string }[];
  /** Override of the store's "prices include tax" setting for this order. */
  pricesIncludeTax?: boolean;
  /** Gateway id (`bacs`, `cod`, `cheque`, `card`, or any id in `settings.gateways`). */
  paymentMethod: string;
  /**
   * `true`: the payment completes at checkout (`payment_complete`: `processing`, `date_paid`,
   * stock reduced). `false`: what the gateway does for an unpaid order — `bacs`/`cheque` →
   * `on-hold`, `cod` → `processing` (WooCommerce sets `date_paid` then), others → `pending`.
   */
  paid: boolean;
  /** Gateway transaction id (default: generated for paid orders of refund-capable gateways). */
  transactionId?: string;
  customer?: ShopperCustomer;
}

/**
 * The shopper helper, available as `sim.shopper`.
 *
 * @example
 * const order = await sim.shopper.placeOrder({ lines: [{ productId: 42 }], paymentMethod: 'cod', paid: false });
 */
export interface Shopper {
  /** Runs a checkout and returns the order as `GET /orders/{id}` would. */
  placeOrder(input: PlaceOrderInput): Promise<WooOrder>;
}

/**
 * Why a checkout was refused (unknown product, not purchasable, out of stock).
 *
 * @example
 * await expect(sim.shopper.placeOrder(input)).rejects.toBeInstanceOf(CheckoutError);
 */
export class CheckoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckoutError';
  }
}

function resolveProduct(store: WooStore, line: CartLine): ProductRecord {
  let product: ProductRecord | undefined;
  if (line.productId !== undefined) {
    product = store.state.products.get(line.productId);
  } else if (line.sku !== undefined) {
    for (const id of store.state.findProductIdsBySku(line.sku)) {
      const p = store.state.products.get(id);
      if (p && p.status !== 'trash') product = p;
    }
  }
  const label = line.productId !== undefined ? `#${line.productId}` : `SKU "${line.sku ?? ''}"`;
  if (!product || product.status === 'trash')
    throw new CheckoutError(`Product ${label} does not exist.`);
  if (product.type === 'variable' || product.type === 'grouped') {
    throw new CheckoutError(`Please choose product options for ${product.name}.`);
  }
  const visible =
    product.type === 'variation'
      ? store.state.products.get(product.parentId)?.status === 'publish' &&
        product.status === 'publish'
      : product.status === 'publish';
  if (!visible || product.price === '') {
    throw new CheckoutError(`Sorry, "${product.name}" cannot be purchased.`);
  }
  return product;
}

function taxable(store: WooStore, p: ProductRecord): boolean {
  if (p.type === 'variation') {
    const parent = store.state.products.get(p.parentId);
    return (parent?.taxStatus ?? 'taxable') === 'taxable' && p.taxStatus === 'taxable';
  }
  return p.taxStatus === 'taxable';
}

function assertStock(product: ProductRecord, quantity: number): void {
  if (product.stockStatus === 'outofstock') {
    throw new CheckoutError(`Sorry, "${product.name}" is not in stock.`);
  }
  if (
    product.manageStock &&
    product.backorders === 'no' &&
    (product.stockQuantity ?? 0) < quantity
  ) {
    throw new CheckoutError(
      `Sorry, we do not have enough "${product.name}" in stock to fulfill your order (${product.stockQuantity ?? 0} available).`,
    );
  }
}

function itemTaxes(taxes: ItemTax[]): ItemTax[] {
  return taxes.map((t) => ({ ...t }));
}

/** Creates the shopper helper of a store. */
export function createShopper(store: WooStore, read: (orderId: number) => WooOrder): Shopper {
  return {
    async placeOrder(input) {
      const products = input.lines.map((line) => {
        const product = resolveProduct(store, line);
        const quantity = line.quantity ?? 1;
        if (!Number.isInteger(quantity) || quantity < 1)
          throw new CheckoutError('Quantity must be a positive integer.');
        assertStock(product, quantity);
        return { product, quantity };
      });
      const coupons = [...(input.coupon ? [input.coupon] : []), ...(input.coupons ?? [])].map(
        (c) => {
          const code = c.code.trim().toLowerCase();
          store.state.coupons.set(code, { code, type: c.type, amount: String(c.amount) });
          return { code, type: c.type, amount: parsePrecise(c.amount) as Precise };
        },
      );
      const pricesIncludeTax = input.pricesIncludeTax ?? store.settings.pricesIncludeTax;
      const lines: CheckoutLineInput[] = products.map(({ product, quantity }) => ({
        unitPrice: parsePrecise(product.price),
        quantity,
        taxable: taxable(store, product),
        taxClass: productTaxClass(store, product),
      }));
      const totals = calculateCheckoutTotals({
        lines,
        coupons,
        shipping: input.shipping ? { total: parsePrecise(input.shipping.total) } : null,
        fees: (input.fees ?? []).map((f) => ({
          total: parsePrecise(f.total),
          taxable: f.taxable ?? true,
          taxClass: f.taxClass ?? '',
        })),
        pricesIncludeTax,
        settings: store.settings,
      });

      const order = newOrderRecord(store);
      order.createdVia = 'checkout';
      order.pricesIncludeTax = pricesIncludeTax;
      order.customerId = input.customer?.customerId ?? 0;
      order.customerIpAddress = '127.0.0.1';
      order.customerUserAgent = 'Mozilla/5.0 (X11; Linux x86_64) WooCommerceSimulator/1.0';
      order.customerNote = input.customer?.note ?? '';
      Object.assign(order.billing, input.customer?.billing ?? {});
      const { email: _email, ...billingWithoutEmail } = order.billing;
      Object.assign(order.shipping, input.customer?.shipping ?? billingWithoutEmail);
      order.paymentMethod = input.paymentMethod;
      order.paymentMethodTitle =
        store.settings.gateways[input.paymentMethod]?.title ?? input.paymentMethod;
      order.cartHash = md5(JSON.stringify(input.lines));
      order.lineItems = products.map(({ product, quantity }, i): LineItemRecord => {
        const money = totals.lines[i];
        return {
          id: store.state.allocateItemId(),
          name: product.name,
          productId: product.type === 'variation' ? product.parentId : product.id,
          variationId: product.type === 'variation' ? product.id : 0,
          quantity,
          taxClass: productTaxClass(store, product),
          subtotal: money?.subtotal ?? 0,
          subtotalTax: money?.subtotalTax ?? 0,
          total: money?.total ?? 0,
          totalTax: money?.totalTax ?? 0,
          taxes: itemTaxes(money?.taxes ?? []),
          meta: [],
        };
      });
      if (input.shipping && totals.shipping) {
        order.shippingLines = [
          {
            id: store.state.allocateItemId(),
            methodTitle: input.shipping.title,
            methodId: input.shipping.methodId,
            instanceId: input.shipping.instanceId ?? '1',
            total: totals.shipping.total,
            totalTax: totals.shipping.totalTax,
            taxes: itemTaxes(totals.shipping.taxes),
            taxStatus: 'taxable',
            meta: [],
          },
        ];
      }
      order.feeLines = (input.fees ?? []).map((fee, i) => {
        const money = totals.fees[i];
        return {
          id: store.state.allocateItemId(),
          name: fee.name,
          taxClass: fee.taxClass ?? '',
          taxStatus: (fee.taxable ?? true) ? 'taxable' : 'none',
          amount: parsePrecise(fee.total),
          total: money?.total ?? 0,
          totalTax: money?.totalTax ?? 0,
          taxes: itemTaxes(money?.taxes ?? []),
          meta: [],
        };
      });
      order.couponLines = totals.coupons.map((c, i) => ({
        id: store.state.allocateItemId(),
        code: c.code,
        discount: c.discount,
        discountTax: c.discountTax,
        discountType: coupons[i]?.type ?? 'percent',
        nominalAmount: coupons[i]?.amount ?? 0,
        meta: [],
      }));
      const rates = allTaxRates(store.settings);
      order.taxLines = totals.taxLines.map((t) => {
        const rate = rates.find((r) => r.id === t.rateId);
        return {
          id: store.state.allocateItemId(),
          rateCode: rate?.code ?? '',
          rateId: t.rateId,
          label: rate?.label ?? '',
          compound: false,
          taxTotal: t.taxTotal,
          shippingTaxTotal: t.shippingTaxTotal,
          ratePercent: rate?.percent ?? 0,
          meta: [],
        };
      });
      order.discountTotal = totals.discountTotal;
      order.discountTax = totals.discountTax;
      order.shippingTotal = totals.shippingTotal;
      order.shippingTax = totals.shippingTax;
      order.cartTax = totals.cartTax;
      order.total = totals.total;
      for (const [key, value] of Object.entries(input.customer?.meta ?? {})) {
        setMeta(store.state, order.meta, key, value);
      }
      saveOrder(store, order, null, true);

      const gateway = store.settings.gateways[input.paymentMethod];
      if (input.paid) {
        const transactionId =
          input.transactionId ?? (gateway?.supportsRefunds ? `txn_${store.random.hex(24)}` : '');
        paymentComplete(store, order, transactionId);
      } else if (input.paymentMethod === 'bacs' || input.paymentMethod === 'cheque') {
        setOrderStatus(store, order, 'on-hold');
      } else if (input.paymentMethod === 'cod') {
        setOrderStatus(store, order, 'processing');
      }
      if (input.transactionId && !input.paid)
        order.transactionId = phpToString(input.transactionId);
      return read(order.id);
    },
  };
}
