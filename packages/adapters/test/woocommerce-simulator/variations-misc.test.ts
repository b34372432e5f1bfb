import { createManualClock } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('variations', () => {
  it('create, list, update, delete and batch variations; the parent price and stock status follow', async () => {
    sim = await startSim({ clock: createManualClock('2026-03-01T08:00:00Z') });
    const parent = await api(sim, 'POST', '/products', {
      name: 'Shirt',
      type: 'variable',
      attributes: [{ name: 'Color', options: ['Red', 'Blue'], variation: true }],
    });
    const base = `/products/${parent.json.id}/variations`;
    const red = await api(sim, 'POST', base, {
      sku: 'SH-R',
      regular_price: '30',
      sale_price: '25',
      manage_stock: true,
      stock_quantity: 0,
      attributes: [{ name: 'Color', option: 'Red' }],
    });
    expect(red.status).toBe(201);
    expect(red.headers.get('location')).toBe(`${sim.restUrl}${base}/${red.json.id}`);
    expect(red.json).toMatchObject({
      type: 'variation',
      parent_id: parent.json.id,
      name: 'Shirt - Red',
      price: '25',
      on_sale: true,
      stock_status: 'outofstock',
    });
    const blue = await api(sim, 'POST', base, {
      sku: 'SH-B',
      regular_price: '28',
      attributes: [{ name: 'Color', option: 'Blue' }],
    });
    const p = await api(sim, 'GET', `/products/${parent.json.id}`);
    expect(p.json).toMatchObject({
      price: '25',
      regular_price: '',
      stock_status: 'instock',
      variations: [red.json.id, blue.json.id],
    });
    const list = await api(sim, 'GET', `${base}?orderby=id&order=asc`);
    expect(list.headers.get('x-wp-total')).toBe('2');
    expect(list.json.map((v: { sku: string }) => v.sku)).toEqual(['SH-R', 'SH-B']);
    const upd = await api(sim, 'PUT', `${base}/${blue.json.id}`, { regular_price: '20' });
    expect(upd.json.price).toBe('20');
    expect(sim.read.product(parent.json.id).price).toBe('20');
    const wrongParent = await api(
      sim,
      'GET',
      `/products/${red.json.id}/variations/${blue.json.id}`,
    );
    expect(wrongParent.status).toBe(403);
    expect(wrongParent.json.message).toBe('Parent product does not match current variation.');
    const dupe = await api(sim, 'POST', base, { sku: 'sh-r' });
    expect(dupe.json.code).toBe('product_invalid_sku');
    const batch = await api(sim, 'POST', `${base}/batch`, {
      create: [{ sku: 'SH-G', regular_price: 15 }],
      update: [{ id: red.json.id, stock_quantity: 4 }],
      delete: [blue.json.id],
    });
    expect(batch.json.create[0]).toMatchObject({ sku: 'SH-G', price: '15' });
    expect(batch.json.update[0]).toMatchObject({ stock_quantity: 4, stock_status: 'instock' });
    expect(batch.json.delete[0]).toMatchObject({ id: blue.json.id });
    expect(sim.read.product(parent.json.id).variations).toEqual([
      red.json.id,
      batch.json.create[0].id,
    ]);
    const del = await api(sim, 'DELETE', `${base}/${red.json.id}?force=true`);
    expect(del.status).toBe(200);
    const forced = await api(sim, 'DELETE', `/products/${parent.json.id}?force=true`);
    expect(forced.status).toBe(200);
    expect(sim.state.products.size).toBe(0);
  });
});

describe('misc REST behaviour', () => {
  it('orders batch, OPTIONS/Allow, HEAD, _envelope and webhook deletes', async () => {
    sim = await startSim();
    sim.seed.product({ name: 'A', sku: 'A', regular_price: '10' });
    const batch = await api(sim, 'POST', '/orders/batch', {
      create: [
        { line_items: [{ sku: 'A', quantity: 2 }], set_paid: true },
        { line_items: [{ name: 'no product' }] },
      ],
    });
    expect(batch.json.create[0]).toMatchObject({ status: 'processing', total: '23.60' });
    expect(batch.json.create[1]).toEqual({
      id: 0,
      error: {
        code: 'woocommerce_rest_required_product_reference',
        message: 'Product ID or SKU is required.',
        data: { status: 400 },
      },
    });
    const options = await api(sim, 'OPTIONS', '/products');
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')).toBe('GET, POST');
    expect((await api(sim, 'GET', '/orders')).headers.get('allow')).toBe('GET, POST');
    const head = await fetch(`${sim.restUrl}/products`, {
      method: 'HEAD',
      headers: { Authorization: sim.authHeader() },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-wp-total')).toBe('1');
    const env = await api(sim, 'GET', '/products/999?_envelope');
    expect(env.status).toBe(200);
    expect(env.json).toMatchObject({
      status: 404,
      body: { code: 'woocommerce_rest_product_invalid_id' },
    });
    const hook = await sim.webhooks.create({
      topic: 'order.updated',
      deliveryUrl: 'http://127.0.0.1:9/x',
    });
    const noForce = await api(sim, 'DELETE', `/webhooks/${hook.id}`);
    expect(noForce.status).toBe(501);
    expect(noForce.json.message).toBe('Webhooks do not support trashing.');
    expect((await api(sim, 'DELETE', `/webhooks/${hook.id}?force=true`)).status).toBe(200);
    expect((await api(sim, 'GET', `/webhooks/${hook.id}`)).status).toBe(404);
    expect((await api(sim, 'PUT', `/webhooks/${hook.id}`, { name: 'x' })).status).toBe(400);
    const namespace = await api(sim, 'GET', '');
    expect(namespace.json.namespace).toBe('wc/v3');
  });
});
