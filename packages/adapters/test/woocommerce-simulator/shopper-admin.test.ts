import {
  CheckoutError,
  createManualClock,
  WooRestError,
} from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startReceiver, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

function seedAB(s: Sim, a: string, b: string) {
  s.seed.product({
    name: 'Alpha',
    sku: 'A',
    regular_price: a,
    manage_stock: true,
    stock_quantity: 50,
  });
  s.seed.product({ name: 'Beta', sku: 'B', regular_price: b });
}

describe('shopper.placeOrder totals (18% VAT)', () => {
  it('tax-exclusive store: line taxes rounded per line, shipping taxed, totals to the cent', async () => {
    sim = await startSim();
    seedAB(sim, '10.00', '4.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A', quantity: 3 }, { sku: 'B' }],
      shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
      paymentMethod: 'card',
      paid: true,
    });
    expect(o).toMatchObject({
      prices_include_tax: false,
      total: '47.19',
      cart_tax: '6.30',
      shipping_total: '5.00',
      shipping_tax: '0.90',
      total_tax: '7.20',
      discount_total: '0.00',
      created_via: 'checkout',
    });
    expect(o.line_items[0]).toMatchObject({
      subtotal: '30.00',
      total: '30.00',
      total_tax: '5.40',
      price: 10,
    });
    expect(o.line_items[1]).toMatchObject({
      total: '4.99',
      total_tax: '0.90',
      taxes: [{ id: 1, total: '0.8982', subtotal: '0.8982' }],
    });
    expect(o.shipping_lines[0]).toMatchObject({
      method_id: 'flat_rate',
      method_title: 'Courier',
      total: '5.00',
      total_tax: '0.90',
    });
    expect(o.tax_lines).toEqual([
      expect.objectContaining({
        rate_id: 1,
        label: 'VAT',
        tax_total: '6.30',
        shipping_tax_total: '0.90',
        rate_percent: 18,
      }),
    ]);
  });

  it('tax-inclusive store: prices include VAT, unrounded line taxes, total equals the shelf prices', async () => {
    sim = await startSim({ settings: { pricesIncludeTax: true } });
    seedAB(sim, '100.00', '9.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }, { sku: 'B', quantity: 3 }],
      paymentMethod: 'card',
      paid: true,
    });
    expect(o).toMatchObject({
      prices_include_tax: true,
      total: '129.97',
      cart_tax: '19.82',
      total_tax: '19.82',
    });
    expect(o.line_items[0]).toMatchObject({
      subtotal: '84.75',
      total: '84.75',
      total_tax: '15.25',
      taxes: [{ id: 1, total: '15.25423729', subtotal: '15.25423729' }],
      price: 84.74576271,
    });
    expect(o.line_items[1]).toMatchObject({
      total: '25.40',
      total_tax: '4.57',
      price: 25.39830508 / 3,
    });
    const exclusiveOverride = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      pricesIncludeTax: false,
      paymentMethod: 'card',
      paid: true,
    });
    expect(exclusiveOverride).toMatchObject({ prices_include_tax: false, total: '118.00' });
  });

  it('percent coupon: floor per line, leftover cents to the most expensive line', async () => {
    sim = await startSim();
    seedAB(sim, '10.00', '4.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A', quantity: 3 }, { sku: 'B' }],
      coupon: { code: 'SPRING10', type: 'percent', amount: 10 },
      paymentMethod: 'card',
      paid: true,
    });
    expect(o.line_items[0]).toMatchObject({ subtotal: '30.00', total: '26.99', total_tax: '4.86' });
    expect(o.line_items[1]).toMatchObject({ subtotal: '4.99', total: '4.50', total_tax: '0.81' });
    expect(o).toMatchObject({
      discount_total: '3.50',
      discount_tax: '0.63',
      cart_tax: '5.67',
      total: '37.16',
    });
    expect(o.coupon_lines[0]).toMatchObject({
      code: 'spring10',
      discount: '3.50',
      discount_tax: '0.63',
    });
  });

  it('fixed-cart coupon on a tax-inclusive store: whole cents per unit, tax taken out of the discount', async () => {
    sim = await startSim({ settings: { pricesIncludeTax: true } });
    seedAB(sim, '100.00', '9.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }, { sku: 'B', quantity: 3 }],
      coupon: { code: 'five', type: 'fixed_cart', amount: '5.00' },
      paymentMethod: 'card',
      paid: true,
    });
    expect(o.line_items[0]).toMatchObject({ total: '83.69', total_tax: '15.06' });
    expect(o.line_items[1]).toMatchObject({ total: '22.22', total_tax: '4.00' });
    expect(o).toMatchObject({ total: '124.97', discount_total: '4.24', discount_tax: '0.76' });
  });

  it('negative fees are discounts taxed in proportion; totals stay consistent', async () => {
    sim = await startSim();
    seedAB(sim, '10.00', '1');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A', quantity: 2 }],
      shipping: { methodId: 'flat_rate', title: 'Courier', total: 5 },
      fees: [{ name: 'Loyalty', total: '-2.00' }],
      paymentMethod: 'cod',
      paid: false,
    });
    expect(o.fee_lines[0]).toMatchObject({ name: 'Loyalty', total: '-2.00', total_tax: '-0.36' });
    expect(o).toMatchObject({
      cart_tax: '3.24',
      shipping_tax: '0.90',
      total: '27.14',
      status: 'processing',
    });
  });

  it('uses active sale prices, checks stock, reduces it when paid, and fires order webhooks', async () => {
    sim = await startSim();
    const receiver = await startReceiver();
    try {
      sim.seed.product({
        name: 'S',
        sku: 'S',
        regular_price: '50',
        sale_price: '40',
        manage_stock: true,
        stock_quantity: 2,
      });
      sim.seed.product({
        name: 'Gone',
        sku: 'G',
        regular_price: '5',
        manage_stock: true,
        stock_quantity: 0,
      });
      await sim.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url, secret: 's' });
      await sim.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url, secret: 's' });
      await expect(
        sim.shopper.placeOrder({ lines: [{ sku: 'G' }], paymentMethod: 'card', paid: true }),
      ).rejects.toBeInstanceOf(CheckoutError);
      await expect(
        sim.shopper.placeOrder({
          lines: [{ sku: 'S', quantity: 3 }],
          paymentMethod: 'card',
          paid: true,
        }),
      ).rejects.toThrow(/enough/);
      const o = await sim.shopper.placeOrder({
        lines: [{ sku: 'S' }],
        paymentMethod: 'card',
        paid: true,
        customer: {
          billing: {
            first_name: 'Nino',
            last_name: 'Beridze',
            email: 'nino@example.ge',
            city: 'Tbilisi',
            country: 'GE',
          },
          meta: { _billing_personal_id: '01001012345' },
        },
      });
      expect(o).toMatchObject({
        total: '47.20',
        status: 'processing',
        payment_method_title: 'Credit Card',
      });
      expect(o.transaction_id).toMatch(/^txn_/);
      expect(o.billing).toMatchObject({ first_name: 'Nino', email: 'nino@example.ge' });
      expect(o.shipping).toMatchObject({ first_name: 'Nino', city: 'Tbilisi' });
      expect(o.meta_data).toEqual([
        expect.objectContaining({ key: '_billing_personal_id', value: '01001012345' }),
      ]);
      expect(sim.read.product(sim.state.findProductIdsBySku('S')[0]!).stock_quantity).toBe(1);
      await sim.flushWebhooks();
      expect(receiver.calls.map((c) => c.headers['x-wc-webhook-topic']).sort()).toEqual([
        'order.created',
        'order.updated',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('unpaid orders follow the gateway: bacs → on-hold (stock reduced), cod → processing (date_paid), card → pending', async () => {
    sim = await startSim();
    seedAB(sim, '10', '1');
    const stock = () => sim!.read.product(sim!.state.findProductIdsBySku('A')[0]!).stock_quantity;
    const bacs = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'bacs',
      paid: false,
    });
    expect(bacs).toMatchObject({
      status: 'on-hold',
      date_paid: null,
      payment_method_title: 'Direct bank transfer',
    });
    expect(stock()).toBe(49);
    const cod = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'cod',
      paid: false,
    });
    expect(cod.status).toBe('processing');
    expect(cod.date_paid).not.toBeNull();
    const card = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'card',
      paid: false,
    });
    expect(card).toMatchObject({ status: 'pending', date_paid: null, needs_payment: true });
    expect(stock()).toBe(48);
    const paid = await sim.admin.markPaid(bacs.id, { transactionId: 'BANK-1' });
    expect(paid).toMatchObject({ status: 'processing', transaction_id: 'BANK-1' });
    expect(paid.date_paid).not.toBeNull();
    expect(stock()).toBe(48);
    const done = await sim.admin.setStatus(paid.id, 'completed');
    expect(done.status).toBe('completed');
    expect(done.date_completed).not.toBeNull();
  });
});

describe('admin helpers', () => {
  it('refunds lines (proportional tax), shipping and plain amounts; gateway refunds; full refund → refunded', async () => {
    sim = await startSim();
    seedAB(sim, '10.00', '4.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'A', quantity: 3 }, { sku: 'B' }],
      shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
      paymentMethod: 'card',
      paid: true,
    });
    const lineA = o.line_items[0]!;
    const r1 = await sim.admin.refund(o.id, {
      lines: [{ itemId: lineA.id, quantity: 1 }],
      reason: 'Returned',
    });
    expect(r1).toMatchObject({ amount: '11.80', reason: 'Returned', refunded_payment: false });
    expect(r1.line_items[0]).toMatchObject({ quantity: -1, total: '-10.00', total_tax: '-1.80' });
    expect(sim.read.product(lineA.product_id).stock_quantity).toBe(48);
    const r2 = await sim.admin.refund(o.id, { shipping: true });
    expect(r2).toMatchObject({ amount: '5.90' });
    expect(r2.shipping_lines[0]).toMatchObject({ total: '-5.00', total_tax: '-0.90' });
    const r3 = await sim.admin.refund(o.id, {
      amount: '3.33',
      reason: 'Goodwill',
      apiRefund: true,
    });
    expect(r3).toMatchObject({ amount: '3.33', refunded_payment: true, line_items: [] });
    expect(sim.read.order(o.id).status).toBe('processing');
    const err = await sim.admin.refund(o.id, { amount: '100' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WooRestError);
    expect((err as WooRestError).message).toBe('Invalid refund amount.');
    const rest = await sim.admin.refund(o.id, { amount: '26.16' });
    expect(rest.amount).toBe('26.16');
    expect(sim.read.order(o.id).status).toBe('refunded');
    await sim.admin.deleteRefund(o.id, r3.id);
    expect(sim.read.order(o.id).refunds).toHaveLength(3);
  });

  it('inclusive line refunds keep the amount equal to the shelf price', async () => {
    sim = await startSim({ settings: { pricesIncludeTax: true } });
    seedAB(sim, '100.00', '9.99');
    const o = await sim.shopper.placeOrder({
      lines: [{ sku: 'B', quantity: 3 }],
      paymentMethod: 'card',
      paid: true,
    });
    const r = await sim.admin.refund(o.id, {
      lines: [{ itemId: o.line_items[0]!.id, quantity: 1 }],
    });
    expect(r.amount).toBe('9.99');
    expect(r.line_items[0]).toMatchObject({
      total: '-8.47',
      total_tax: '-1.52',
      taxes: [{ id: 1, total: '-1.523898', subtotal: '-1.523898' }],
    });
    const bacs = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'bacs',
      paid: true,
    });
    await expect(sim.admin.refund(bacs.id, { amount: '1', apiRefund: true })).rejects.toThrow(
      'The payment gateway for this order does not support automatic refunds.',
    );
  });

  it('editProduct bumps date_modified and fires product.updated; trash/restore/delete', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const receiver = await startReceiver();
    try {
      const p = sim.seed.product({ name: 'P', sku: 'P', regular_price: '10' });
      await sim.webhooks.create({
        topic: 'product.updated',
        deliveryUrl: receiver.url,
        secret: 's',
      });
      clock.advance({ minutes: 3 });
      const edited = await sim.admin.editProduct(p.id, { regular_price: '12', name: 'P2' });
      expect(edited).toMatchObject({
        regular_price: '12',
        price: '12',
        name: 'P2',
        date_modified_gmt: '2026-03-01T08:03:00',
      });
      await sim.flushWebhooks();
      expect(receiver.calls).toHaveLength(1);
      await sim.admin.trashProduct(p.id);
      expect((await api(sim, 'GET', '/products')).json).toEqual([]);
      const restored = await sim.admin.restoreProduct(p.id);
      expect(restored.status).toBe('publish');
      await sim.admin.deleteProduct(p.id);
      expect(sim.state.products.has(p.id)).toBe(false);
      const o = await sim.shopper.placeOrder({
        lines: [{ productId: sim.seed.product({ name: 'Q', regular_price: '1' }).id }],
        paymentMethod: 'card',
        paid: true,
      });
      await sim.admin.trashOrder(o.id);
      expect(sim.read.order(o.id).status).toBe('trash');
    } finally {
      await receiver.close();
    }
  });
});
