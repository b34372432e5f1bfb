import { createHmac } from 'node:crypto';
import { webhookSignature } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startReceiver, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let sim: Sim | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await sim?.stop();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
});

describe('webhooks', () => {
  it('#45 REST creation validates the topic and URL and sends a form-encoded ping without X-WC headers (result ignored)', async () => {
    sim = await startSim();
    receiver = await startReceiver(() => 500);
    const missing = await api(sim, 'POST', '/webhooks', { name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): topic, delivery_url',
      data: { status: 400, params: ['topic', 'delivery_url'] },
    });
    const badTopic = await api(sim, 'POST', '/webhooks', {
      topic: 'order.shipped',
      delivery_url: receiver.url,
    });
    expect(badTopic.status).toBe(400);
    expect(badTopic.json.code).toBe('woocommerce_rest_shop_webhook_invalid_topic');
    const badUrl = await api(sim, 'POST', '/webhooks', {
      topic: 'order.updated',
      delivery_url: 'ftp://x',
    });
    expect(badUrl.json.code).toBe('woocommerce_rest_shop_webhook_invalid_delivery_url');
    const created = await api(sim, 'POST', '/webhooks', {
      topic: 'order.updated',
      delivery_url: receiver.url,
      secret: 'abc',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      topic: 'order.updated',
      resource: 'order',
      event: 'updated',
      status: 'active',
      secret: 'abc',
      hooks: [
        'woocommerce_update_order',
        'woocommerce_order_refunded',
        'woocommerce_delete_order_refund',
      ],
    });
    expect(receiver.calls).toHaveLength(1);
    const ping = receiver.calls[0]!;
    expect(ping.method).toBe('POST');
    expect(ping.body).toBe(`webhook_id=${created.json.id}`);
    expect(ping.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.keys(ping.headers).filter((h) => h.startsWith('x-wc-'))).toEqual([]);
    expect((await api(sim, 'GET', `/webhooks/${created.json.id}`)).json.secret).toBeUndefined();
    const generated = await api(sim, 'POST', '/webhooks', {
      topic: 'action.woocommerce_order_refunded',
      delivery_url: receiver.url,
    });
    expect(generated.json.secret).toHaveLength(50);
    const viaHelper = await sim.webhooks.create({
      topic: 'product.updated',
      deliveryUrl: receiver.url,
    });
    expect(viaHelper.status).toBe('active');
    expect(receiver.calls).toHaveLength(2);
    expect((await api(sim, 'GET', '/webhooks')).json).toHaveLength(3);
  });

  it('#46 deliveries are async, signed base64(HMAC-SHA256(raw body)) with the exact headers, payload = current GET representation', async () => {
    sim = await startSim();
    receiver = await startReceiver();
    sim.seed.product({ name: 'Ünï', sku: 'U', regular_price: '10' });
    const hook = await sim.webhooks.create({
      topic: 'order.created',
      deliveryUrl: receiver.url,
      secret: 'sec&amp;ret',
    });
    sim.webhooks.pause();
    const created = await api(sim, 'POST', '/orders', {
      line_items: [{ sku: 'U' }],
      billing: { first_name: 'ნინო' },
    });
    expect(created.status).toBe(201);
    expect(receiver.calls).toHaveLength(0);
    expect(sim.webhooks.pendingCount).toBe(1);
    await api(sim, 'PUT', `/orders/${created.json.id}`, { status: 'completed' });
    sim.webhooks.resume();
    await sim.flushWebhooks();
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0]!;
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['user-agent']).toMatch(
      /^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/,
    );
    expect(call.headers['x-wc-webhook-source']).toBe(`${sim.url}/`);
    expect(call.headers['x-wc-webhook-topic']).toBe('order.created');
    expect(call.headers['x-wc-webhook-resource']).toBe('order');
    expect(call.headers['x-wc-webhook-event']).toBe('created');
    expect(call.headers['x-wc-webhook-id']).toBe(String(hook.id));
    expect(call.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
    const expectedSignature = createHmac('sha256', 'sec&ret').update(call.body).digest('base64');
    expect(call.headers['x-wc-webhook-signature']).toBe(expectedSignature);
    expect(webhookSignature(call.body, 'sec&amp;ret')).toBe(expectedSignature);
    expect(call.body).toContain('\\u10dc\\u10d8\\u10dc\\u10dd');
    const payload = JSON.parse(call.body);
    const { _links, ...current } = (await api(sim, 'GET', `/orders/${created.json.id}`)).json;
    expect(payload).toEqual(current);
    expect(payload.status).toBe('completed');
    const log = sim.webhooks.deliveries.filter((d) => d.kind === 'delivery');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      outcome: 'delivered',
      responseStatus: 200,
      failureCount: 0,
      topic: 'order.created',
    });
  });

  it('#47 coalescing: at most one pending delivery per (webhook, resource)', async () => {
    sim = await startSim();
    receiver = await startReceiver();
    sim.seed.product({ name: 'A', sku: 'A', regular_price: '10' });
    await sim.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url, secret: 's' });
    const o1 = await api(sim, 'POST', '/orders', { line_items: [{ sku: 'A' }] });
    const o2 = await api(sim, 'POST', '/orders', { line_items: [{ sku: 'A' }] });
    await sim.flushWebhooks();
    receiver.calls.length = 0;
    sim.webhooks.pause();
    for (const note of ['a', 'b', 'c'])
      await api(sim, 'PUT', `/orders/${o1.json.id}`, { customer_note: note });
    await api(sim, 'PUT', `/orders/${o2.json.id}`, { customer_note: 'z' });
    expect(sim.webhooks.pendingCount).toBe(2);
    sim.webhooks.resume();
    await sim.flushWebhooks();
    expect(receiver.calls).toHaveLength(2);
    expect(JSON.parse(receiver.calls[0]!.body)).toMatchObject({
      id: o1.json.id,
      customer_note: 'c',
    });
    expect(JSON.parse(receiver.calls[1]!.body)).toMatchObject({
      id: o2.json.id,
      customer_note: 'z',
    });
  });

  it('#48 order.updated on saves, refund creation and deletion; trash → *.deleted {id}; force delete → nothing', async () => {
    sim = await startSim();
    receiver = await startReceiver();
    sim.seed.product({ name: 'A', sku: 'A', regular_price: '10' });
    const order = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'card',
      paid: true,
    });
    const doomed = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'card',
      paid: true,
    });
    const other = await sim.shopper.placeOrder({
      lines: [{ sku: 'A' }],
      paymentMethod: 'card',
      paid: true,
    });
    const pA = sim.seed.product({ name: 'Trash me', sku: 'T' });
    const pB = sim.seed.product({ name: 'Delete me', sku: 'D' });
    for (const topic of ['order.updated', 'order.deleted', 'product.deleted']) {
      await sim.webhooks.create({ topic, deliveryUrl: receiver.url, secret: 's' });
    }
    const topics = async () => {
      await sim!.flushWebhooks();
      const out = receiver!.calls.map((c) => `${c.headers['x-wc-webhook-topic']} ${c.body}`);
      receiver!.calls.length = 0;
      return out;
    };
    await api(sim, 'PUT', `/orders/${order.id}`, { customer_note: 'x' });
    expect((await topics()).map((t) => t.split(' ')[0])).toEqual(['order.updated']);
    const refund = await api(sim, 'POST', `/orders/${order.id}/refunds`, {
      amount: '1',
      api_refund: false,
    });
    expect((await topics()).map((t) => t.split(' ')[0])).toEqual(['order.updated']);
    await api(sim, 'DELETE', `/orders/${order.id}/refunds/${refund.json.id}`);
    expect((await topics()).map((t) => t.split(' ')[0])).toEqual(['order.updated']);
    await api(sim, 'DELETE', `/orders/${doomed.id}`);
    expect(await topics()).toEqual([`order.deleted {"id":${doomed.id}}`]);
    await api(sim, 'DELETE', `/orders/${other.id}?force=true`);
    expect(await topics()).toEqual([]);
    await api(sim, 'DELETE', `/products/${pA.id}`);
    expect(await topics()).toEqual([`product.deleted {"id":${pA.id}}`]);
    await api(sim, 'DELETE', `/products/${pB.id}?force=true`);
    await api(sim, 'POST', '/products/batch', { delete: [pA.id] });
    expect(await topics()).toEqual([]);
  });

  it('#49 success is 200–302; failures count up without retries; the 7th consecutive failure disables; success resets', async () => {
    sim = await startSim();
    let answer = 500;
    receiver = await startReceiver(() => answer);
    const p = sim.seed.product({ name: 'P', sku: 'P' });
    const hook = await sim.webhooks.create({
      topic: 'product.updated',
      deliveryUrl: receiver.url,
      secret: 's',
    });
    const bump = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await api(sim!, 'PUT', `/products/${p.id}`, { name: `P${i}` });
        await sim!.flushWebhooks();
      }
    };
    await bump(3);
    expect(sim.state.webhooks.get(hook.id)?.failureCount).toBe(3);
    expect(receiver.calls).toHaveLength(3);
    answer = 302;
    await bump(1);
    expect(sim.state.webhooks.get(hook.id)?.failureCount).toBe(0);
    answer = 404;
    await bump(6);
    expect(sim.state.webhooks.get(hook.id)).toMatchObject({ failureCount: 6, status: 'active' });
    await bump(1);
    expect(sim.state.webhooks.get(hook.id)).toMatchObject({ status: 'disabled' });
    expect(receiver.calls).toHaveLength(11);
    await bump(1);
    expect(receiver.calls).toHaveLength(11);
    expect((await api(sim, 'GET', `/webhooks/${hook.id}`)).json.status).toBe('disabled');
    const failures = sim.webhooks.deliveries.filter((d) => d.outcome === 'failed');
    expect(failures).toHaveLength(10);
    expect(failures.at(-1)).toMatchObject({ responseStatus: 404, webhookStatus: 'disabled' });
    // Re-enable; paused webhooks deliver nothing.
    answer = 200;
    await api(sim, 'PUT', `/webhooks/${hook.id}`, { status: 'paused' });
    await bump(1);
    expect(receiver.calls).toHaveLength(11);
    await api(sim, 'PUT', `/webhooks/${hook.id}`, { status: 'active' });
    await bump(1);
    expect(receiver.calls).toHaveLength(12);
    expect(sim.state.webhooks.get(hook.id)?.failureCount).toBe(0);
  });

  it('delivery controls: drop and duplicate the next deliveries, with the log recording both', async () => {
    sim = await startSim();
    receiver = await startReceiver();
    const p = sim.seed.product({ name: 'P', sku: 'P' });
    await sim.webhooks.create({ topic: 'product.updated', deliveryUrl: receiver.url, secret: 's' });
    sim.webhooks.dropNext(1);
    await api(sim, 'PUT', `/products/${p.id}`, { name: 'a' });
    await sim.flushWebhooks();
    expect(receiver.calls).toHaveLength(0);
    sim.webhooks.duplicateNext(1, { topic: 'product.updated' });
    await api(sim, 'PUT', `/products/${p.id}`, { name: 'b' });
    await sim.flushWebhooks();
    expect(receiver.calls).toHaveLength(2);
    expect(receiver.calls[0]!.body).toBe(receiver.calls[1]!.body);
    expect(receiver.calls[0]!.headers['x-wc-webhook-delivery-id']).toBe(
      receiver.calls[1]!.headers['x-wc-webhook-delivery-id'],
    );
    expect(sim.webhooks.deliveries.map((d) => [d.kind, d.duplicate])).toEqual([
      ['dropped', false],
      ['delivery', false],
      ['delivery', true],
    ]);
  });
});
