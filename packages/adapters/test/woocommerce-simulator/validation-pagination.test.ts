import { createManualClock } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('validation', () => {
  it('#7 single calls validate the schema: rest_invalid_param with data.params, rest_missing_callback_param', async () => {
    sim = await startSim();
    const price = await api(sim, 'POST', '/products', {
      name: 'A',
      regular_price: 12.5,
      status: 'bogus',
    });
    expect(price.status).toBe(400);
    expect(price.json.code).toBe('rest_invalid_param');
    expect(price.json.message).toBe('Invalid parameter(s): status, regular_price');
    expect(price.json.data.status).toBe(400);
    expect(price.json.data.params).toEqual({
      status: 'status is not one of draft, pending, private, publish, future.',
      regular_price: 'regular_price is not of type string.',
    });
    expect(sim.state.products.size).toBe(0);
    for (const [field, value] of [
      ['type', 'weird'],
      ['stock_status', 'maybe'],
      ['backorders', 'sometimes'],
    ] as const) {
      const res = await api(sim, 'POST', '/products', { name: 'B', [field]: value });
      expect(res.status).toBe(400);
      expect(Object.keys(res.json.data.params)).toEqual([field]);
    }
    for (const perPage of ['0', '-1', '101']) {
      const res = await api(sim, 'GET', `/products?per_page=${perPage}`);
      expect(res.status).toBe(400);
      expect(res.json.data.params.per_page).toBe(
        'per_page must be between 1 (inclusive) and 100 (inclusive)',
      );
    }
    expect((await api(sim, 'GET', '/products?per_page=100')).status).toBe(200);
    // Booleans accept "true"/"1", integers accept numeric strings.
    const loose = await api(sim, 'POST', '/products', {
      name: 'C',
      featured: '1',
      menu_order: '3',
    });
    expect(loose.status).toBe(201);
    expect(loose.json.featured).toBe(true);
    expect(loose.json.menu_order).toBe(3);
    const missing = await api(sim, 'POST', '/products/categories', { slug: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): name',
      data: { status: 400, params: ['name'] },
    });
  });

  it('#8 a malformed JSON body → 400 rest_invalid_json', async () => {
    sim = await startSim();
    const res = await api(sim, 'POST', '/products', '{"name": "A",');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('rest_invalid_json');
    expect(res.json.data.status).toBe(400);
    expect(sim.state.products.size).toBe(0);
  });
});

describe('pagination', () => {
  it('#9 per_page default 10 / max 100, totals headers, Link with only prev/next carrying every parameter', async () => {
    sim = await startSim();
    sim.seed.products(25);
    const first = await api(sim, 'GET', '/products');
    expect(first.json).toHaveLength(10);
    expect(first.headers.get('x-wp-total')).toBe('25');
    expect(first.headers.get('x-wp-totalpages')).toBe('3');
    expect(first.headers.get('link')).toBe(`<${sim.restUrl}/products?page=2>; rel="next"`);
    const key = sim.keys.default;
    const q = `status=publish&orderby=id&consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}&page=2`;
    const res = await fetch(`${sim.restUrl}/products?${q}`);
    const link = res.headers.get('link') ?? '';
    const rels = [...link.matchAll(/rel="(\w+)"/g)].map((m) => m[1]);
    expect(rels).toEqual(['prev', 'next']);
    const base = `${sim.restUrl}/products?status=publish&orderby=id&consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`;
    expect(link).toBe(`<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next"`);
    const past = await api(sim, 'GET', '/products?page=4');
    expect(past.status).toBe(200);
    expect(past.json).toEqual([]);
    expect(past.headers.get('x-wp-total')).toBe('25');
    expect(past.headers.get('x-wp-totalpages')).toBe('3');
    expect(past.headers.get('link')).toBe(`<${sim.restUrl}/products?page=3>; rel="prev"`);
    const last = await api(sim, 'GET', '/products?page=3');
    expect(last.json).toHaveLength(5);
    const all = await api(sim, 'GET', '/products?per_page=100');
    expect(all.json).toHaveLength(25);
    expect(all.headers.get('link')).toBeNull();
  });

  it('#10 orderby date (default, desc) and modified break ties by id; categories default to name asc', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const a = sim.seed.product({ name: 'a' });
    const b = sim.seed.product({ name: 'b' });
    clock.advance({ seconds: 5 });
    const c = sim.seed.product({ name: 'c' });
    const ids = (r: { json: { id: number }[] }) => r.json.map((p) => p.id);
    expect(ids(await api(sim, 'GET', '/products'))).toEqual([c.id, b.id, a.id]);
    expect(ids(await api(sim, 'GET', '/products?order=asc'))).toEqual([a.id, b.id, c.id]);
    clock.advance({ seconds: 5 });
    await sim.admin.editProduct(a.id, { name: 'a2' });
    expect(ids(await api(sim, 'GET', '/products?orderby=modified'))).toEqual([a.id, c.id, b.id]);
    expect(ids(await api(sim, 'GET', '/products?orderby=modified&order=asc'))).toEqual([
      b.id,
      c.id,
      a.id,
    ]);
    expect(ids(await api(sim, 'GET', '/products?orderby=id&order=asc'))).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    sim.seed.categories(['Zebra', 'apple', 'Mango']);
    const cats = await api(sim, 'GET', '/products/categories');
    expect(cats.json.map((c: { name: string }) => c.name)).toEqual([
      'apple',
      'Mango',
      'Uncategorized',
      'Zebra',
    ]);
  });

  it('#11 date filters compare local dates unless dates_are_gmt=true, with exclusive bounds', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const p1 = sim.seed.product({ name: 'one' });
    clock.advance({ hours: 1 });
    const p2 = sim.seed.product({ name: 'two' });
    // p1: 08:00:00 UTC = 12:00:00 Tbilisi; p2: 09:00:00 UTC = 13:00:00 Tbilisi.
    const ids = async (q: string) =>
      (await api(sim!, 'GET', `/products?${q}`)).json.map((p: { id: number }) => p.id);
    expect(await ids('after=2026-03-01T12:00:00')).toEqual([p2.id]);
    expect(await ids('after=2026-03-01T11:59:59')).toEqual([p2.id, p1.id]);
    expect(await ids('after=2026-03-01T08:00:00&dates_are_gmt=true')).toEqual([p2.id]);
    expect(await ids('before=2026-03-01T09:00:00&dates_are_gmt=true')).toEqual([p1.id]);
    expect(await ids('before=2026-03-01T09:00:01&dates_are_gmt=true')).toEqual([p2.id, p1.id]);
    expect(await ids('modified_after=2026-03-01T12:30:00')).toEqual([p2.id]);
    expect(await ids('modified_before=2026-03-01T13:00:00')).toEqual([p1.id]);
    const bad = await api(sim, 'GET', '/products?after=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.data.params.after).toBe('Invalid date.');
  });

  it('#12 include/exclude/category take comma lists; order status takes a list or an array', async () => {
    sim = await startSim();
    const [shoes, hats] = sim.seed.categories(['Shoes', 'Hats']);
    const ps = [
      sim.seed.product({ name: 'p0', categories: [{ id: shoes!.id }] }),
      sim.seed.product({ name: 'p1', categories: [{ id: hats!.id }] }),
      sim.seed.product({ name: 'p2' }),
    ];
    const ids = async (q: string) =>
      (await api(sim!, 'GET', `/products?${q}`)).json.map((p: { id: number }) => p.id).sort();
    expect(await ids(`include=${ps[0]!.id},${ps[2]!.id}`)).toEqual([ps[0]!.id, ps[2]!.id]);
    expect(await ids(`exclude=${ps[0]!.id},${ps[1]!.id}`)).toEqual([ps[2]!.id]);
    expect(await ids(`category=${shoes!.id},${hats!.id}`)).toEqual([ps[0]!.id, ps[1]!.id]);
    const bad = await api(sim, 'GET', '/products?include=1,x');
    expect(bad.status).toBe(400);
    expect(bad.json.data.params.include).toBe('include[1] is not of type integer.');
    sim.seed.product({ name: 'sold', sku: 'S', regular_price: '10' });
    const paid = await sim.shopper.placeOrder({
      lines: [{ sku: 'S' }],
      paymentMethod: 'card',
      paid: true,
    });
    const held = await sim.shopper.placeOrder({
      lines: [{ sku: 'S' }],
      paymentMethod: 'bacs',
      paid: false,
    });
    const pending = await sim.shopper.placeOrder({
      lines: [{ sku: 'S' }],
      paymentMethod: 'card',
      paid: false,
    });
    const statuses = async (q: string) =>
      (await api(sim!, 'GET', `/orders?${q}`)).json.map((o: { id: number }) => o.id).sort();
    expect(await statuses('status=processing,on-hold')).toEqual([paid.id, held.id].sort());
    expect(await statuses('status[]=pending&status[]=on-hold')).toEqual(
      [held.id, pending.id].sort(),
    );
    expect(await statuses('')).toEqual([paid.id, held.id, pending.id].sort());
  });
});
