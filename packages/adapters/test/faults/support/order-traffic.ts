// What shoppers and the merchant do in the store during a fault run: orders paid at checkout,
// orders paid later, orders never paid, partial / amount-only / full refunds. Choices come
// from a seeded generator so a run's traffic repeats with its seed.
import type { WooCommerceSimulator, WooOrder } from '@balance-sync/adapters/woocommerce/testing';

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
} {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    shuffle: <T>(items: readonly T[]) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}

type Random = ReturnType<typeof seededRandom>;

const NAMES = [
  ['ნინო', 'ბერიძე'],
  ['გიორგი', 'მაისურაძე'],
  ['თამარ', 'ლომიძე'],
  ['Luka', 'Kapanadze'],
] as const;

/** Places orders and refunds in the WooCommerce simulator and remembers what it did. */
export class OrderTraffic {
  /** Ids of the orders placed. */
  readonly orders = new Set<number>();
  /** Orders placed unpaid that will be paid later. */
  readonly awaitingPayment: number[] = [];
  readonly checkoutRefusals: string[] = [];
  #skus: string[] = [];

  constructor(
    private readonly woo: WooCommerceSimulator,
    private readonly random: Random,
  ) {}

  /** Products shoppers can buy: published, with a SKU and enough stock. */
  refreshCatalog(): void {
    this.#skus = [...this.woo.state.products.values()]
      .filter(
        (p) =>
          p.type === 'simple' &&
          p.status === 'publish' &&
          p.sku !== '' &&
          p.stockStatus !== 'outofstock' &&
          (!p.manageStock || (p.stockQuantity ?? 0) >= 10),
      )
      .map((p) => p.sku);
    if (this.#skus.length === 0) throw new Error('no purchasable product in the store');
  }

  /**
   * One checkout: 50 % paid by card, 15 % cash on delivery (`processing` at once, which the
   * export counts as paid), 25 % bank transfer paid later by the merchant, 10 % bank transfer
   * never paid. Some orders get shipping, a coupon or several lines.
   */
  async placeOrder(): Promise<WooOrder | undefined> {
    const r = this.random;
    const roll = r.next();
    const paid = roll < 0.5;
    const method = paid ? 'card' : roll < 0.65 ? 'cod' : 'bacs';
    const willPay = roll < 0.9;
    const lineCount = r.int(1, 3);
    const skus = new Set<string>();
    while (skus.size < lineCount) skus.add(r.pick(this.#skus));
    const [first, last] = r.pick(NAMES);
    try {
      const order = await this.woo.shopper.placeOrder({
        lines: [...skus].map((sku) => ({ sku, quantity: r.int(1, 3) })),
        paymentMethod: method,
        paid,
        ...(r.next() < 0.5
          ? { shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' } }
          : {}),
        ...(r.next() < 0.25 ? { coupon: { code: 'SAVE7', type: 'percent', amount: 7 } } : {}),
        customer: {
          billing: { first_name: first, last_name: last, email: `${r.int(1, 1e6)}@example.ge` },
        },
      });
      this.orders.add(order.id);
      if (method === 'bacs' && willPay) this.awaitingPayment.push(order.id);
      return order;
    } catch (error) {
      // out of stock after earlier orders: the storefront refuses, nothing to export
      this.checkoutRefusals.push(error instanceof Error ? error.message : String(error));
      this.refreshCatalog();
      return undefined;
    }
  }

  /** Marks the oldest unpaid (to-be-paid) order paid, if any. */
  async payOne(): Promise<number | undefined> {
    const id = this.awaitingPayment.shift();
    if (id === undefined) return undefined;
    await this.woo.admin.markPaid(id);
    return id;
  }

  /**
   * Orders the export must treat as paid: `processing` / `completed` (the default paid
   * statuses), or paid once (`date_paid` set) and refunded since.
   */
  paidOrderIds(): number[] {
    return [...this.orders].filter((id) => {
      const order = this.woo.state.orders.get(id);
      return (
        order !== undefined &&
        (['processing', 'completed'].includes(order.status) || order.datePaid != null)
      );
    });
  }

  /**
   * Refunds a random paid order: one unit of a line, an amount only, or everything left.
   * Returns the refund id, or `undefined` when the order has nothing left to refund.
   */
  async refundOne(): Promise<number | undefined> {
    const r = this.random;
    // only orders with a payment (cash on delivery is not refunded before it is paid)
    const candidates = [...this.orders].filter((id) => {
      const order = this.woo.state.orders.get(id);
      return order?.datePaid != null && order.status !== 'refunded';
    });
    if (candidates.length === 0) return undefined;
    const order = this.woo.read.order(r.pick(candidates));
    const kind = r.next();
    try {
      const refundable = order.line_items.filter(
        (line) => line.quantity > this.refundedQuantity(order, line.id),
      );
      if (kind < 0.4 && refundable.length > 0) {
        // one unit of a line that still has units left (WooCommerce's REST API would accept
        // more, but that is a merchant's mistake the export rightly refuses, not a fault)
        const line = r.pick(refundable);
        const refund = await this.woo.admin.refund(order.id, {
          lines: [{ itemId: line.id, quantity: 1 }],
          reason: 'ერთი ერთეული დაზიანდა',
        });
        return refund.id;
      }
      if (kind < 0.7) {
        const refund = await this.woo.admin.refund(order.id, {
          amount: '1.37',
          reason: 'Goodwill',
        });
        return refund.id;
      }
      if (order.refunds.length > 0) {
        // a second refund of a partly refunded order: a small amount on top
        const refund = await this.woo.admin.refund(order.id, { amount: '0.50', reason: 'Late' });
        return refund.id;
      }
      const refund = await this.woo.admin.refund(order.id, {
        lines: order.line_items.map((line) => ({ itemId: line.id, quantity: line.quantity })),
        shipping: order.shipping_lines.length > 0,
        reason: 'Order returned',
      });
      return refund.id;
    } catch {
      // more than is left to refund: WooCommerce refuses it, so there is nothing to export
      return undefined;
    }
  }

  /** Units of an order line refunded so far. */
  private refundedQuantity(order: WooOrder, itemId: number): number {
    let quantity = 0;
    for (const summary of order.refunds) {
      for (const line of this.woo.read.refund(summary.id).line_items) {
        const refunded = line.meta_data.find((m) => m.key === '_refunded_item_id')?.value;
        if (Number(refunded) === itemId) quantity += Math.abs(line.quantity);
      }
    }
    return quantity;
  }
}
