import { createManualClock } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startReceiver, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function orderWithEverything(s: Sim, paymentMethod = 'card') {
  if (s.state.findProductIdsBySku('A').length === 0) {
    s.seed.product({
      name: 'A',
      sku: 'A',
      regular_price: '10.00',
      manage_stock: true,
      stock_quantity: 10,
    });
  }
  return s.shopper.placeOrder({
    lines: [{ sku: 'A', quantity: 2 }],
    shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
    fees: [{ name: 'Gift wrap', total: '2.00' }],
    paymentMethod,
    paid: true,
  });
}

describe('refunds', () => {
  it('#39 POST refunds → 201; negative line copies with _refunded_item_id; shipping/fee refunds; amount-only refunds', async () => {
    sim = await startSim();
    const order = await orderWithEverything(sim);
    expect(order.total).toBe('31.86');
    const line = order.line_items[0]!;
    const ship = order.shipping_lines[0]!;
    const fee = order.fee_lines[0]!;
    const res = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      reason: 'Returned',
      api_refund: false,
      line_items: [
        { id: line.id, quantity: 1, refund_total: 10, refund_tax: [{ id: 1, refund_total: 1.8 }] },
        { id: ship.id, refund_total: '5.00', refund_tax: [{ id: 1, refund_total: '0.90' }] },
        { id: fee.id, refund_total: 2, refund_tax: [{ id: 1, refund_total: 0.36 }] },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(
      `${sim.restUrl}/orders/${order.id}/refunds/${res.json.id}`,
    );
    expect(res.json).toMatchObject({
      amount: '20.06',
      reason: 'Returned',
      refunded_payment: false,
      refunded_by: 1,
    });
    expect(res.json.line_items).toHaveLength(1);
    expect(res.json.line_items[0]).toMatchObject({
      product_id: line.product_id,
      quantity: -1,
      subtotal: '-10.00',
      total: '-10.00',
      total_tax: '-1.80',
      taxes: [{ id: 1, total: '-1.8', subtotal: '-1.8' }],
      price: 10,
    });
    expect(res.json.line_items[0].meta_data).toEqual([
      expect.objectContaining({ key: '_refunded_item_id', value: String(line.id) }),
    ]);
    expect(res.json.shipping_lines[0]).toMatchObject({
      total: '-5.00',
      total_tax: '-0.90',
      method_id: 'flat_rate',
    });
    expect(res.json.shipping_lines[0].meta_data[0]).toMatchObject({
      key: '_refunded_item_id',
      value: String(ship.id),
    });
    expect(res.json.fee_lines[0]).toMatchObject({
      name: 'Gift wrap',
      total: '-2.00',
      total_tax: '-0.36',
    });
    expect(res.json.tax_lines[0]).toMatchObject({
      rate_id: 1,
      tax_total: '-2.16',
      shipping_tax_total: '-0.90',
    });
    const amountOnly = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      amount: '1',
      api_refund: false,
    });
    expect(amountOnly.json).toMatchObject({
      amount: '1.00',
      line_items: [],
      shipping_lines: [],
      fee_lines: [],
      tax_lines: [],
    });
    const lineAmountOnly = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      api_refund: false,
      line_items: [{ id: line.id, refund_total: '0.50' }],
    });
    expect(lineAmountOnly.json.line_items[0]).toMatchObject({
      quantity: 0,
      total: '-0.50',
      price: 0,
    });
  });

  it('#40 api_refund defaults to true: a gateway without refunds → HTTP 500 and nothing stored; api_refund:false records a manual refund', async () => {
    sim = await startSim();
    const order = await orderWithEverything(sim, 'bacs');
    const res = await api(sim, 'POST', `/orders/${order.id}/refunds`, { amount: '5' });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({
      code: 'woocommerce_rest_cannot_create_order_refund',
      message: 'The payment gateway for this order does not support automatic refunds.',
      data: 500,
    });
    expect(sim.state.refunds.size).toBe(0);
    expect(sim.read.order(order.id).refunds).toEqual([]);
    const manual = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      amount: '5',
      api_refund: false,
    });
    expect(manual.status).toBe(201);
    expect(manual.json.refunded_payment).toBe(false);
    const card = await orderWithEverything(sim, 'card');
    const viaGateway = await api(sim, 'POST', `/orders/${card.id}/refunds`, { amount: '5' });
    expect(viaGateway.json.refunded_payment).toBe(true);
  });

  it('#41 amount above the remainder, negative amounts and unknown orders all answer HTTP 500', async () => {
    sim = await startSim();
    const order = await orderWithEverything(sim);
    await api(sim, 'POST', `/orders/${order.id}/refunds`, { amount: '30', api_refund: false });
    const tooMuch = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      amount: '1.87',
      api_refund: false,
    });
    expect(tooMuch.status).toBe(500);
    expect(tooMuch.json).toEqual({
      code: 'woocommerce_rest_cannot_create_order_refund',
      message: 'Invalid refund amount.',
      data: 500,
    });
    const negative = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      amount: '-1',
      api_refund: false,
    });
    expect(negative.status).toBe(500);
    expect(negative.json).toEqual({
      code: 'woocommerce_rest_invalid_order_refund',
      message: 'Refund amount must be greater than zero.',
      data: 400,
    });
    const unknown = await api(sim, 'POST', '/orders/424242/refunds', {
      amount: '1',
      api_refund: false,
    });
    expect(unknown.status).toBe(500);
    expect(unknown.json).toMatchObject({ code: 'woocommerce_rest_invalid_order_id', data: 404 });
    expect(sim.state.refunds.size).toBe(1);
  });

  it('#42 without amount, the amount is the sum of refund_total and refund_tax of the lines', async () => {
    sim = await startSim();
    const order = await orderWithEverything(sim);
    const line = order.line_items[0]!;
    const res = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      api_refund: false,
      line_items: [
        {
          id: line.id,
          quantity: 2,
          refund_total: '20.00',
          refund_tax: [{ id: 1, refund_total: '3.60' }],
        },
      ],
    });
    expect(res.json.amount).toBe('23.60');
  });

  it('#43 full refund → refunded; partial keeps the status; restock; date_modified bumped; order.updated fired', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const receiver = await startReceiver();
    try {
      const order = await orderWithEverything(sim);
      await sim.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url, secret: 's' });
      expect(sim.read.product(order.line_items[0]!.product_id).stock_quantity).toBe(8);
      clock.advance({ minutes: 5 });
      const line = order.line_items[0]!;
      const partial = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
        api_refund: false,
        line_items: [
          {
            id: line.id,
            quantity: 1,
            refund_total: '10',
            refund_tax: [{ id: 1, refund_total: '1.80' }],
          },
        ],
      });
      expect(partial.status).toBe(201);
      const afterPartial = sim.read.order(order.id);
      expect(afterPartial.status).toBe('processing');
      expect(afterPartial.date_modified_gmt).toBe('2026-03-01T08:05:00');
      expect(sim.read.product(line.product_id).stock_quantity).toBe(9);
      await sim.flushWebhooks();
      expect(receiver.calls).toHaveLength(1);
      expect(receiver.calls[0]!.headers['x-wc-webhook-topic']).toBe('order.updated');
      const noRestock = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
        amount: '20.06',
        api_refund: false,
        api_restock: false,
        line_items: [
          {
            id: line.id,
            quantity: 1,
            refund_total: '10',
            refund_tax: [{ id: 1, refund_total: '1.80' }],
          },
        ],
      });
      expect(noRestock.status).toBe(201);
      expect(sim.read.order(order.id).status).toBe('refunded');
      expect(sim.read.product(line.product_id).stock_quantity).toBe(9);
      await sim.flushWebhooks();
      expect(receiver.calls).toHaveLength(2);
      expect(JSON.parse(receiver.calls[1]!.body).status).toBe('refunded');
    } finally {
      await receiver.close();
    }
  });

  it('#44 GET /refunds lists all refunds with parent_id, date filters and pagination; DELETE frees the amount', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const o1 = await orderWithEverything(sim);
    sim.seed.product({ name: 'B', sku: 'B', regular_price: '100' });
    const o2 = await sim.shopper.placeOrder({
      lines: [{ sku: 'B' }],
      paymentMethod: 'card',
      paid: true,
    });
    const r1 = await sim.admin.refund(o1.id, { amount: '1' });
    clock.advance({ hours: 1 });
    const r2 = await sim.admin.refund(o2.id, { amount: '2' });
    clock.advance({ hours: 1 });
    const r3 = await sim.admin.refund(o2.id, { amount: '3' });
    const all = await api(sim, 'GET', '/refunds');
    expect(all.headers.get('x-wp-total')).toBe('3');
    expect(all.json.map((r: { id: number; parent_id: number }) => [r.id, r.parent_id])).toEqual([
      [r3.id, o2.id],
      [r2.id, o2.id],
      [r1.id, o1.id],
    ]);
    const after = await api(
      sim,
      'GET',
      '/refunds?after=2026-03-01T08:00:00&dates_are_gmt=true&order=asc',
    );
    expect(after.json.map((r: { id: number }) => r.id)).toEqual([r2.id, r3.id]);
    const local = await api(sim, 'GET', '/refunds?before=2026-03-01T13:00:00');
    expect(local.json.map((r: { id: number }) => r.id)).toEqual([r1.id]);
    const paged = await api(sim, 'GET', '/refunds?per_page=2&page=2');
    expect(paged.json.map((r: { id: number }) => r.id)).toEqual([r1.id]);
    expect(paged.headers.get('x-wp-totalpages')).toBe('2');
    const byParent = await api(sim, 'GET', `/refunds?parent=${o1.id}`);
    expect(byParent.json.map((r: { id: number }) => r.id)).toEqual([r1.id]);
    // Deleting needs force (default true on this route) and frees the refunded amount.
    const noForce = await api(sim, 'DELETE', `/orders/${o2.id}/refunds/${r3.id}?force=false`);
    expect(noForce.status).toBe(501);
    const tooMuch = await api(sim, 'POST', `/orders/${o2.id}/refunds`, {
      amount: '114',
      api_refund: false,
    });
    expect(tooMuch.status).toBe(500);
    const del = await api(sim, 'DELETE', `/orders/${o2.id}/refunds/${r3.id}`);
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ id: r3.id, amount: '3.00' });
    const ok = await api(sim, 'POST', `/orders/${o2.id}/refunds`, {
      amount: '116',
      api_refund: false,
    });
    expect(ok.status).toBe(201);
    const mismatch = await api(sim, 'GET', `/orders/${o1.id}/refunds/${r2.id}`);
    expect(mismatch.status).toBe(500);
    expect(mismatch.json).toMatchObject({
      code: 'woocommerce_rest_invalid_order_refund_id',
      data: 404,
    });
  });
});
