import { createManualClock } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('orders', () => {
  it('#32 money strings padded to dp (?dp= overrides), line price a number, unrounded tax strings, no wc- prefix', async () => {
    sim = await startSim({ clock: createManualClock('2026-03-01T08:00:00Z') });
    const a = sim.seed.product({ name: 'A', sku: 'A', regular_price: '3.33' });
    const b = sim.seed.product({ name: 'B', sku: 'B', regular_price: '4' });
    const res = await api(sim, 'POST', '/orders', {
      line_items: [
        { product_id: a.id, quantity: 1 },
        { sku: 'B', quantity: 3, total: '10.00', subtotal: '10.00' },
      ],
      set_paid: true,
    });
    expect(res.status).toBe(201);
    const o = res.json;
    expect(o.status).toBe('processing');
    expect(o.line_items[0]).toMatchObject({
      product_id: a.id,
      quantity: 1,
      subtotal: '3.33',
      total: '3.33',
      total_tax: '0.60',
      price: 3.33,
      taxes: [{ id: 1, total: '0.5994', subtotal: '0.5994' }],
      sku: 'A',
    });
    expect(o.line_items[1]).toMatchObject({
      product_id: b.id,
      total: '10.00',
      total_tax: '1.80',
      price: 10 / 3,
    });
    expect(o.line_items[1].price).toBe(3.3333333333333335);
    expect(o).toMatchObject({
      total: '15.73',
      total_tax: '2.40',
      cart_tax: '2.40',
      shipping_total: '0.00',
      discount_total: '0.00',
    });
    expect(o.date_created).toBe('2026-03-01T12:00:00');
    expect(o.date_created_gmt).toBe('2026-03-01T08:00:00');
    const dp3 = await api(sim, 'GET', `/orders/${o.id}?dp=3`);
    expect(dp3.json).toMatchObject({ total: '15.730', cart_tax: '2.400' });
    expect(dp3.json.line_items[0].total_tax).toBe('0.600');
    expect(dp3.json.line_items[0].taxes[0].total).toBe('0.5994');
    const dp0 = await api(sim, 'GET', `/orders/${o.id}?dp=0`);
    expect(dp0.json.total).toBe('16');
  });

  it('#33 refunds[] on the order are {id, reason, total:"-x.xx"}, newest first', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    sim.seed.product({ name: 'A', sku: 'A', regular_price: '100' });
    const order = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'bacs',
      paid: true,
    });
    const r1 = await sim.admin.refund(order.id, { amount: '10', reason: 'first' });
    clock.advance({ seconds: 1 });
    const r2 = await sim.admin.refund(order.id, { amount: '2.5' });
    const res = await api(sim, 'GET', `/orders/${order.id}`);
    expect(res.json.refunds).toEqual([
      { id: r2.id, reason: '', total: '-2.50' },
      { id: r1.id, reason: 'first', total: '-10.00' },
    ]);
    expect(res.json.total).toBe('118.00');
  });

  it('#34 missing order: GET/DELETE → 404, PUT → 400, woocommerce_rest_shop_order_invalid_id', async () => {
    sim = await startSim();
    const get = await api(sim, 'GET', '/orders/999');
    expect(get.status).toBe(404);
    expect(get.json).toEqual({
      code: 'woocommerce_rest_shop_order_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
    expect((await api(sim, 'DELETE', '/orders/999')).status).toBe(404);
    const put = await api(sim, 'PUT', '/orders/999', { status: 'completed' });
    expect(put.status).toBe(400);
    expect(put.json.code).toBe('woocommerce_rest_shop_order_invalid_id');
  });

  it('#35 set_paid sets date_paid and transaction_id, moves to processing (completed when nothing to process) and reduces stock; on-hold keeps date_paid null', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const p = sim.seed.product({
      name: 'P',
      sku: 'P',
      regular_price: '10',
      manage_stock: true,
      stock_quantity: 10,
    });
    const ebook = sim.seed.product({
      name: 'E',
      sku: 'E',
      regular_price: '5',
      virtual: true,
      downloadable: true,
    });
    const paid = await api(sim, 'POST', '/orders', {
      line_items: [{ product_id: p.id, quantity: 2 }],
      set_paid: true,
      transaction_id: 'ch_123',
    });
    expect(paid.json).toMatchObject({
      status: 'processing',
      date_paid_gmt: '2026-03-01T08:00:00',
      transaction_id: 'ch_123',
    });
    expect(sim.read.product(p.id).stock_quantity).toBe(8);
    expect(paid.json.line_items[0].meta_data).toContainEqual(
      expect.objectContaining({ key: '_reduced_stock', value: '2' }),
    );
    const digital = await api(sim, 'POST', '/orders', {
      line_items: [{ product_id: ebook.id }],
      set_paid: true,
    });
    expect(digital.json.status).toBe('completed');
    const held = await api(sim, 'POST', '/orders', {
      line_items: [{ product_id: p.id }],
      status: 'on-hold',
    });
    expect(held.json).toMatchObject({ status: 'on-hold', date_paid: null });
    expect(sim.read.product(p.id).stock_quantity).toBe(7);
    clock.advance({ hours: 1 });
    const processing = await api(sim, 'PUT', `/orders/${held.json.id}`, { status: 'processing' });
    expect(processing.json.date_paid_gmt).toBe('2026-03-01T09:00:00');
    expect(sim.read.product(p.id).stock_quantity).toBe(7);
    const pending = await api(sim, 'POST', '/orders', { line_items: [{ product_id: p.id }] });
    expect(pending.json).toMatchObject({ status: 'pending', date_paid: null, needs_payment: true });
    const later = await api(sim, 'PUT', `/orders/${pending.json.id}`, { set_paid: true });
    expect(later.json).toMatchObject({
      status: 'processing',
      date_paid_gmt: '2026-03-01T09:00:00',
    });
    const cancelled = await api(sim, 'PUT', `/orders/${later.json.id}`, { status: 'cancelled' });
    expect(cancelled.json.status).toBe('cancelled');
    expect(sim.read.product(p.id).stock_quantity).toBe(7);
  });

  it('#36 PUT status=refunded refunds the remainder: "Order fully refunded.", no items, refunded_payment false', async () => {
    sim = await startSim();
    sim.seed.product({ name: 'A', sku: 'A', regular_price: '50' });
    const order = await sim.shopper.placeOrder({
      lines: [{ sku: 'A', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });
    await sim.admin.refund(order.id, { amount: '18', reason: 'partial' });
    const res = await api(sim, 'PUT', `/orders/${order.id}`, { status: 'refunded' });
    expect(res.json.status).toBe('refunded');
    expect(res.json.refunds).toHaveLength(2);
    const auto = await api(sim, 'GET', `/orders/${order.id}/refunds/${res.json.refunds[0].id}`);
    expect(auto.json).toMatchObject({
      amount: '100.00',
      reason: 'Order fully refunded.',
      refunded_payment: false,
      line_items: [],
      shipping_lines: [],
      fee_lines: [],
    });
  });

  it('#37 created_via rest-api, prices_include_tax from settings; totals recalculated on create and only when items or addresses change', async () => {
    sim = await startSim({ settings: { pricesIncludeTax: true } });
    const p = sim.seed.product({ name: 'A', sku: 'A', regular_price: '118' });
    const res = await api(sim, 'POST', '/orders', { line_items: [{ product_id: p.id }] });
    expect(res.json).toMatchObject({
      created_via: 'rest-api',
      prices_include_tax: true,
      total: '118.00',
      total_tax: '18.00',
    });
    expect(res.json.line_items[0]).toMatchObject({ total: '100.00', total_tax: '18.00' });
    sim.settings.standardTaxRate = 20;
    const note = await api(sim, 'PUT', `/orders/${res.json.id}`, { customer_note: 'hi' });
    expect(note.json.total).toBe('118.00');
    const addr = await api(sim, 'PUT', `/orders/${res.json.id}`, { billing: { city: 'Batumi' } });
    expect(addr.json).toMatchObject({ total: '120.00', total_tax: '20.00' });
    expect(addr.json.billing.city).toBe('Batumi');
  });

  it('#38 the order status filter accepts only registered statuses', async () => {
    sim = await startSim();
    for (const status of [
      'any',
      'pending',
      'processing',
      'on-hold',
      'completed',
      'cancelled',
      'refunded',
      'failed',
      'checkout-draft',
      'trash',
      'auto-draft',
    ]) {
      expect((await api(sim, 'GET', `/orders?status=${status}`)).status, status).toBe(200);
    }
    const bad = await api(sim, 'GET', '/orders?status=processing,shipped');
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('rest_invalid_param');
    expect(bad.json.data.params.status).toBe(
      'status[1] is not one of any, trash, auto-draft, pending, processing, on-hold, completed, cancelled, refunded, failed, checkout-draft.',
    );
  });
});
