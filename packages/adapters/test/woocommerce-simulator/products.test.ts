import { createManualClock } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('products', () => {
  it('#13 POST /products → 201 with Location, edit context and the schema defaults', async () => {
    sim = await startSim();
    const res = await api(sim, 'POST', '/products', { name: 'Boot', description: 'Warm\n\nDry' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${sim.restUrl}/products/${res.json.id}`);
    expect(res.json).toMatchObject({
      type: 'simple',
      status: 'publish',
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'instock',
      backorders: 'no',
      featured: false,
      catalog_visibility: 'visible',
      tax_status: 'taxable',
      description: 'Warm\n\nDry',
      slug: 'boot',
      price: '',
      regular_price: '',
      sale_price: '',
    });
    expect(res.json.categories).toEqual([
      { id: sim.settings.defaultCategoryId, name: 'Uncategorized', slug: 'uncategorized' },
    ]);
    const draft = await api(sim, 'POST', '/products', { name: 'Draft thing', status: 'draft' });
    expect(draft.json.slug).toBe('');
    const dup = await api(sim, 'POST', '/products', { name: 'Boot' });
    expect(dup.json.slug).toBe('boot-2');
  });

  it('#14 duplicate SKU (case-insensitive, trimmed, across products and variations, trash ignored, empty never) → product_invalid_sku', async () => {
    sim = await startSim();
    const first = await api(sim, 'POST', '/products', { name: 'A', sku: 'ABC' });
    const dup = await api(sim, 'POST', '/products', { name: 'B', sku: '  abc ' });
    expect(dup.status).toBe(400);
    expect(dup.json).toEqual({
      code: 'product_invalid_sku',
      message: 'Invalid or duplicated SKU.',
      data: { status: 400, resource_id: first.json.id, unique_sku: 'abc-1' },
    });
    await api(sim, 'POST', '/products', { name: 'C', sku: 'abc-1' });
    expect(
      (await api(sim, 'POST', '/products', { name: 'D', sku: 'ABC' })).json.data.unique_sku,
    ).toBe('ABC-2');
    // Variations share the SKU space.
    const { variations } = sim.seed.variableProduct({
      name: 'Shirt',
      variations: [
        { sku: 'SHIRT-RED', regular_price: '20', attributes: [{ name: 'Color', option: 'Red' }] },
      ],
    });
    const clash = await api(sim, 'POST', '/products', { name: 'E', sku: 'shirt-red' });
    expect(clash.status).toBe(400);
    expect(clash.json.data.resource_id).toBe(variations[0]!.id);
    // Updates are checked too.
    const other = await api(sim, 'POST', '/products', { name: 'F', sku: 'F-1' });
    const upd = await api(sim, 'PUT', `/products/${other.json.id}`, { sku: 'Abc' });
    expect(upd.status).toBe(400);
    expect(sim.state.products.get(other.json.id)?.sku).toBe('F-1');
    // Trashed products do not hold their SKU.
    await api(sim, 'DELETE', `/products/${first.json.id}`);
    expect((await api(sim, 'POST', '/products', { name: 'G', sku: 'ABC' })).status).toBe(201);
    // Empty SKUs never collide.
    expect((await api(sim, 'POST', '/products', { name: 'H', sku: '' })).status).toBe(201);
    expect((await api(sim, 'POST', '/products', { name: 'I', sku: '' })).status).toBe(201);
  });

  it('#15 missing ids: GET/DELETE → 404, PUT → 400, all woocommerce_rest_product_invalid_id', async () => {
    sim = await startSim();
    const body = { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.' };
    const get = await api(sim, 'GET', '/products/4242');
    expect(get.status).toBe(404);
    expect(get.json).toEqual({ ...body, data: { status: 404 } });
    const del = await api(sim, 'DELETE', '/products/4242?force=true');
    expect(del.status).toBe(404);
    const put = await api(sim, 'PUT', '/products/4242', { name: 'x' });
    expect(put.status).toBe(400);
    expect(put.json).toEqual({ ...body, data: { status: 400 } });
  });

  it('#16 /products/<variation id> PUT/DELETE → 404 invalid_product_id; POST with an id → product_exists', async () => {
    sim = await startSim();
    const { variations } = sim.seed.variableProduct({
      name: 'Cap',
      variations: [{ sku: 'CAP-1', regular_price: '5' }],
    });
    const vid = variations[0]!.id;
    const expected = {
      code: 'woocommerce_rest_invalid_product_id',
      message:
        'To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.',
      data: { status: 404 },
    };
    const put = await api(sim, 'PUT', `/products/${vid}`, { name: 'x' });
    expect(put.status).toBe(404);
    expect(put.json).toEqual(expected);
    expect((await api(sim, 'DELETE', `/products/${vid}`)).json).toEqual(expected);
    // GET works and shows the variation.
    expect((await api(sim, 'GET', `/products/${vid}`)).json).toMatchObject({
      type: 'variation',
      sku: 'CAP-1',
    });
    const exists = await api(sim, 'POST', '/products', { id: 5, name: 'x' });
    expect(exists.status).toBe(400);
    expect(exists.json).toEqual({
      code: 'woocommerce_rest_product_exists',
      message: 'Cannot create existing product.',
      data: { status: 400 },
    });
  });

  it('#17 prices are stored as given; a sale price not below regular is cleared silently; variable prices are empty', async () => {
    sim = await startSim();
    const p = await api(sim, 'POST', '/products', {
      name: 'P',
      regular_price: '10.5',
      sale_price: '10.50',
    });
    expect(p.status).toBe(201);
    expect(p.json).toMatchObject({
      regular_price: '10.5',
      sale_price: '',
      price: '10.5',
      on_sale: false,
    });
    const sale = await api(sim, 'PUT', `/products/${p.json.id}`, { sale_price: '7.999' });
    expect(sale.json).toMatchObject({
      regular_price: '10.5',
      sale_price: '7.999',
      price: '7.999',
      on_sale: true,
    });
    const up = await api(sim, 'PUT', `/products/${p.json.id}`, { regular_price: '7' });
    expect(up.json).toMatchObject({
      regular_price: '7',
      sale_price: '',
      price: '7',
      on_sale: false,
    });
    const junk = await api(sim, 'PUT', `/products/${p.json.id}`, {
      regular_price: ' 1 299.90 GEL',
    });
    expect(junk.json.regular_price).toBe('1299.90');
    const variable = await api(sim, 'POST', '/products', {
      name: 'V',
      type: 'variable',
      regular_price: '9',
    });
    expect(variable.json).toMatchObject({ regular_price: '', sale_price: '', price: '' });
  });

  it('#18 on_sale is computed at read time; tick() runs the scheduled-sales cron', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const p = await api(sim, 'POST', '/products', {
      name: 'S',
      regular_price: '100',
      sale_price: '80',
      date_on_sale_from_gmt: '2026-03-02T00:00:00',
      date_on_sale_to_gmt: '2026-03-05T00:00:00',
    });
    expect(p.json).toMatchObject({ price: '100', on_sale: false });
    clock.set('2026-03-02T06:00:00Z');
    const between = await api(sim, 'GET', `/products/${p.json.id}`);
    expect(between.json).toMatchObject({ price: '100', on_sale: true });
    const modifiedBefore = between.json.date_modified_gmt;
    expect(sim.tick()).toEqual({ started: [p.json.id], ended: [] });
    const started = await api(sim, 'GET', `/products/${p.json.id}?context=edit`);
    expect(started.json).toMatchObject({
      price: '80',
      sale_price: '80',
      on_sale: true,
      date_on_sale_from: null,
      date_on_sale_from_gmt: null,
      date_on_sale_to_gmt: '2026-03-05T00:00:00',
      date_modified_gmt: '2026-03-02T06:00:00',
    });
    expect(started.json.date_modified_gmt).not.toBe(modifiedBefore);
    clock.set('2026-03-06T00:00:00Z');
    expect(sim.tick().ended).toEqual([p.json.id]);
    const ended = await api(sim, 'GET', `/products/${p.json.id}`);
    expect(ended.json).toMatchObject({
      price: '100',
      sale_price: '',
      on_sale: false,
      date_on_sale_from: null,
      date_on_sale_to: null,
      date_on_sale_to_gmt: null,
    });
  });

  it('#19 sale dates accept local, offset and _gmt forms; "" and null clear; both forms are returned', async () => {
    sim = await startSim({ clock: createManualClock('2026-03-01T08:00:00Z') });
    const p = await api(sim, 'POST', '/products', {
      name: 'D',
      regular_price: '10',
      sale_price: '5',
      date_on_sale_from: '2026-03-10T00:00:00',
      date_on_sale_to: '2026-03-20T23:59:59+02:00',
    });
    expect(p.json).toMatchObject({
      date_on_sale_from: '2026-03-10T00:00:00',
      date_on_sale_from_gmt: '2026-03-09T20:00:00',
      date_on_sale_to: '2026-03-21T01:59:59',
      date_on_sale_to_gmt: '2026-03-20T21:59:59',
    });
    const gmt = await api(sim, 'PUT', `/products/${p.json.id}`, {
      date_on_sale_from_gmt: '2026-03-11T06:30:00',
    });
    expect(gmt.json).toMatchObject({
      date_on_sale_from: '2026-03-11T10:30:00',
      date_on_sale_from_gmt: '2026-03-11T06:30:00',
    });
    const z = await api(sim, 'PUT', `/products/${p.json.id}`, {
      date_on_sale_from: '2026-03-12T00:00:00Z',
    });
    expect(z.json.date_on_sale_from).toBe('2026-03-12T04:00:00');
    const cleared = await api(sim, 'PUT', `/products/${p.json.id}`, {
      date_on_sale_from: '',
      date_on_sale_to_gmt: null,
    });
    expect(cleared.json).toMatchObject({
      date_on_sale_from: null,
      date_on_sale_from_gmt: null,
      date_on_sale_to: null,
      date_on_sale_to_gmt: null,
      on_sale: true,
      price: '5',
    });
  });

  it('#20 stock: managed quantity recomputes status, unmanaged clears quantity, create drops quantity without manage_stock', async () => {
    sim = await startSim();
    const dropped = await api(sim, 'POST', '/products', { name: 'A', stock_quantity: 5 });
    expect(dropped.json).toMatchObject({
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'instock',
    });
    const out = await api(sim, 'POST', '/products', {
      name: 'B',
      manage_stock: true,
      stock_quantity: 0,
      stock_status: 'instock',
    });
    expect(out.json).toMatchObject({
      manage_stock: true,
      stock_quantity: 0,
      stock_status: 'outofstock',
    });
    const back = await api(sim, 'PUT', `/products/${out.json.id}`, { backorders: 'notify' });
    expect(back.json.stock_status).toBe('onbackorder');
    const stocked = await api(sim, 'PUT', `/products/${out.json.id}`, {
      stock_quantity: 7,
      stock_status: 'outofstock',
    });
    expect(stocked.json).toMatchObject({ stock_quantity: 7, stock_status: 'instock' });
    const unmanaged = await api(sim, 'PUT', `/products/${out.json.id}`, {
      manage_stock: false,
      stock_status: 'onbackorder',
    });
    expect(unmanaged.json).toMatchObject({
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'onbackorder',
      backorders: 'no',
    });
    sim.settings.manageStock = false;
    const off = await api(sim, 'POST', '/products', {
      name: 'C',
      manage_stock: true,
      stock_quantity: 3,
      stock_status: 'outofstock',
    });
    expect(off.json).toMatchObject({
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'outofstock',
    });
  });

  it('#21 categories replace the set, drop unknown ids, and an empty list means Uncategorized', async () => {
    sim = await startSim();
    const [a, b] = sim.seed.categories(['Alpha', 'Beta']);
    const p = await api(sim, 'POST', '/products', {
      name: 'P',
      categories: [{ id: a!.id }, { id: 99999 }],
    });
    expect(p.json.categories).toEqual([{ id: a!.id, name: 'Alpha', slug: 'alpha' }]);
    const replaced = await api(sim, 'PUT', `/products/${p.json.id}`, {
      categories: [{ id: b!.id }],
    });
    expect(replaced.json.categories).toEqual([{ id: b!.id, name: 'Beta', slug: 'beta' }]);
    const kept = await api(sim, 'PUT', `/products/${p.json.id}`, { name: 'P2' });
    expect(kept.json.categories).toEqual([{ id: b!.id, name: 'Beta', slug: 'beta' }]);
    const empty = await api(sim, 'PUT', `/products/${p.json.id}`, { categories: [] });
    expect(empty.json.categories).toEqual([
      { id: sim.settings.defaultCategoryId, name: 'Uncategorized', slug: 'uncategorized' },
    ]);
  });

  it('#22 meta_data is upserted by key or id; omitted keys stay', async () => {
    sim = await startSim();
    const p = await api(sim, 'POST', '/products', {
      name: 'M',
      meta_data: [
        { key: '_balance_uid', value: 'u-1' },
        { key: 'note', value: 'a' },
      ],
    });
    const [uid, note] = p.json.meta_data;
    expect(uid).toEqual({ id: expect.any(Number), key: '_balance_uid', value: 'u-1' });
    const upd = await api(sim, 'PUT', `/products/${p.json.id}`, {
      meta_data: [
        { key: '_balance_uid', value: 'u-2' },
        { id: note.id, key: 'note', value: 'b' },
        { key: 'extra', value: { nested: true } },
      ],
    });
    expect(upd.json.meta_data).toEqual([
      { id: uid.id, key: '_balance_uid', value: 'u-2' },
      { id: note.id, key: 'note', value: 'b' },
      { id: expect.any(Number), key: 'extra', value: { nested: true } },
    ]);
    const untouched = await api(sim, 'PUT', `/products/${p.json.id}`, {
      meta_data: [{ key: 'extra', value: 1 }],
    });
    expect(untouched.json.meta_data.map((m: { key: string }) => m.key)).toEqual([
      '_balance_uid',
      'note',
      'extra',
    ]);
  });

  it('#23 date_modified is bumped by every write, batch items and stock changes from orders and refunds', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const p = sim.seed.product({
      name: 'P',
      sku: 'P',
      regular_price: '10',
      manage_stock: true,
      stock_quantity: 5,
    });
    const modified = () => sim!.read.product(p.id).date_modified_gmt;
    expect(modified()).toBe('2026-03-01T08:00:00');
    clock.advance({ minutes: 1 });
    await api(sim, 'PUT', `/products/${p.id}`, {});
    expect(modified()).toBe('2026-03-01T08:01:00');
    clock.advance({ minutes: 1 });
    await api(sim, 'POST', '/products/batch', { update: [{ id: p.id, name: 'P' }] });
    expect(modified()).toBe('2026-03-01T08:02:00');
    clock.advance({ minutes: 1 });
    const order = await sim.shopper.placeOrder({
      lines: [{ sku: 'P', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });
    expect(sim.read.product(p.id).stock_quantity).toBe(3);
    expect(modified()).toBe('2026-03-01T08:03:00');
    clock.advance({ minutes: 1 });
    await sim.admin.refund(order.id, { lines: [{ itemId: order.line_items[0]!.id, quantity: 1 }] });
    expect(sim.read.product(p.id).stock_quantity).toBe(4);
    expect(modified()).toBe('2026-03-01T08:04:00');
  });

  it('#24 GET ?sku=A,B matches exactly (and the literal "A,B"), including variations; search ignores SKU', async () => {
    sim = await startSim();
    const a = sim.seed.product({ name: 'Alpha', sku: 'A' });
    sim.seed.product({ name: 'Beta', sku: 'AB' });
    const literal = sim.seed.product({ name: 'Odd', sku: 'A,B' });
    const { product, variations } = sim.seed.variableProduct({
      name: 'Shirt',
      variations: [{ sku: 'B', regular_price: '1' }],
    });
    const res = await api(sim, 'GET', '/products?sku=a,B&orderby=id&order=asc');
    expect(res.json.map((p: { id: number }) => p.id)).toEqual([
      a.id,
      literal.id,
      variations[0]!.id,
    ]);
    const variation = res.json[2];
    expect(variation).toMatchObject({ type: 'variation', parent_id: product.id, sku: 'B' });
    const search = await api(sim, 'GET', '/products?search=AB');
    expect(search.json).toEqual([]);
    expect(
      (await api(sim, 'GET', '/products?search=beta')).json.map((p: { sku: string }) => p.sku),
    ).toEqual(['AB']);
  });

  it('#25 status=any hides trash; DELETE trashes (pre-delete body), again → 410, force → permanent', async () => {
    sim = await startSim();
    const p = sim.seed.product({ name: 'T', sku: 'T' });
    const del = await api(sim, 'DELETE', `/products/${p.id}`);
    expect(del.status).toBe(200);
    expect(del.json.status).toBe('publish');
    expect(sim.state.products.get(p.id)?.status).toBe('trash');
    expect((await api(sim, 'GET', '/products')).json).toEqual([]);
    expect(
      (await api(sim, 'GET', '/products?status=trash')).json.map((x: { id: number }) => x.id),
    ).toEqual([p.id]);
    const again = await api(sim, 'DELETE', `/products/${p.id}`);
    expect(again.status).toBe(410);
    expect(again.json).toEqual({
      code: 'woocommerce_rest_already_trashed',
      message: 'The product has already been deleted.',
      data: { status: 410 },
    });
    const forced = await api(sim, 'DELETE', `/products/${p.id}?force=true`);
    expect(forced.status).toBe(200);
    expect(forced.json.status).toBe('trash');
    expect((await api(sim, 'GET', `/products/${p.id}`)).status).toBe(404);
  });

  it('#26 context=view wraps the description in paragraphs; context=edit returns it raw', async () => {
    sim = await startSim();
    const p = sim.seed.product({
      name: 'C',
      description: 'Line one\nline two\n\nSecond',
      short_description: 'Short',
    });
    const view = await api(sim, 'GET', `/products/${p.id}`);
    expect(view.json.description).toBe('<p>Line one<br />\nline two</p>\n<p>Second</p>\n');
    expect(view.json.short_description).toBe('<p>Short</p>\n');
    const edit = await api(sim, 'GET', `/products/${p.id}?context=edit`);
    expect(edit.json.description).toBe('Line one\nline two\n\nSecond');
    const bad = await api(sim, 'GET', `/products/${p.id}?context=embed`);
    expect(bad.status).toBe(400);
  });
});
