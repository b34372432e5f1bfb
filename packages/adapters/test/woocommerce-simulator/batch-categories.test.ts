import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('batch', () => {
  it('#27 more than the limit (create+update+delete together) → 413 and nothing applied', async () => {
    sim = await startSim();
    const [p] = sim.seed.products(1);
    const create = Array.from({ length: 99 }, (_, i) => ({ name: `N${i}`, sku: `N-${i}` }));
    const res = await api(sim, 'POST', '/products/batch', {
      create,
      update: [{ id: p!.id, name: 'x' }],
      delete: [p!.id],
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({
      code: 'woocommerce_rest_request_entity_too_large',
      message: 'Unable to accept more than 100 items for this request.',
      data: { status: 413 },
    });
    expect(sim.state.products.size).toBe(1);
    expect(sim.read.product(p!.id).name).not.toBe('x');
    const ok = await api(sim, 'PUT', '/products/batch', {
      create: create.slice(0, 99),
      update: [{ id: p!.id, name: 'x' }],
    });
    expect(ok.status).toBe(200);
    sim.settings.batchLimit = 2;
    const small = await api(sim, 'PATCH', '/products/batch', { create: [{}, {}, {}] });
    expect(small.status).toBe(413);
    expect(small.json.message).toBe('Unable to accept more than 2 items for this request.');
  });

  it('#28 200 with create → update → delete item by item, per-item errors, no rollback, forced deletes', async () => {
    sim = await startSim();
    const existing = sim.seed.product({ name: 'Old', sku: 'OLD' });
    const victim = sim.seed.product({ name: 'Victim', sku: 'V' });
    const res = await api(sim, 'POST', '/products/batch', {
      create: [
        { name: 'New 1', sku: 'NEW-1' },
        { name: 'Clash', sku: 'old' },
        { name: 'New 2', sku: 'NEW-2' },
      ],
      update: [
        { id: existing.id, regular_price: '5' },
        { id: 987654, name: 'ghost' },
      ],
      delete: [victim.id, 0, 555555],
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['create', 'update', 'delete']);
    expect(res.json.create).toHaveLength(3);
    expect(res.json.create[0]).toMatchObject({ sku: 'NEW-1', status: 'publish' });
    expect(res.json.create[0]._links.self[0].href).toContain('/wp-json/wc/v3/products/');
    expect(res.json.create[1]).toEqual({
      id: 0,
      error: {
        code: 'product_invalid_sku',
        message: 'Invalid or duplicated SKU.',
        data: { status: 400, resource_id: existing.id, unique_sku: 'old-1' },
      },
    });
    expect(res.json.create[2]).toMatchObject({ sku: 'NEW-2' });
    expect(res.json.update[0]).toMatchObject({ id: existing.id, regular_price: '5' });
    expect(res.json.update[1]).toEqual({
      id: 987654,
      error: {
        code: 'woocommerce_rest_product_invalid_id',
        message: 'Invalid ID.',
        data: { status: 400 },
      },
    });
    expect(res.json.delete).toHaveLength(2);
    expect(res.json.delete[0]).toMatchObject({ id: victim.id, status: 'publish', sku: 'V' });
    expect(res.json.delete[1]).toMatchObject({
      id: 555555,
      error: { code: 'woocommerce_rest_product_invalid_id' },
    });
    expect(sim.state.products.has(victim.id)).toBe(false);
    expect(sim.state.findProductIdsBySku('NEW-2')).toHaveLength(1);
    const onlyUpdate = await api(sim, 'POST', '/products/batch', {
      update: [{ id: existing.id, name: 'Y' }],
    });
    expect(Object.keys(onlyUpdate.json)).toEqual(['update']);
    expect((await api(sim, 'POST', '/products/batch', { create: [], delete: [0] })).json).toEqual(
      [],
    );
  });

  it('#29 batch items skip schema validation: numeric prices work, unknown status → draft, defaults still apply', async () => {
    sim = await startSim();
    const res = await api(sim, 'POST', '/products/batch', {
      create: [{ name: 'Num', regular_price: 12.5, status: 'weird', stock_quantity: 4 }],
    });
    expect(res.json.create[0]).toMatchObject({
      regular_price: '12.5',
      price: '12.5',
      status: 'draft',
      type: 'simple',
      manage_stock: false,
      stock_quantity: null,
      catalog_visibility: 'visible',
    });
    const single = await api(sim, 'POST', '/products', { name: 'Num', regular_price: 12.5 });
    expect(single.status).toBe(400);
    const update = await api(sim, 'POST', '/products/batch', {
      update: [{ id: res.json.create[0].id, manage_stock: 'yes', stock_quantity: '9' }],
    });
    expect(update.json.update[0]).toMatchObject({
      manage_stock: true,
      stock_quantity: 9,
      stock_status: 'instock',
    });
  });
});

describe('categories', () => {
  it('#30 create requires name; same name under the same parent → term_exists; slug collisions are de-duplicated; unknown parent → missing_parent', async () => {
    sim = await startSim();
    const shoes = await api(sim, 'POST', '/products/categories', { name: 'Shoes' });
    expect(shoes.status).toBe(201);
    expect(shoes.headers.get('location')).toBe(
      `${sim.restUrl}/products/categories/${shoes.json.id}`,
    );
    expect(shoes.json).toMatchObject({
      name: 'Shoes',
      slug: 'shoes',
      parent: 0,
      count: 0,
      display: 'default',
    });
    const same = await api(sim, 'POST', '/products/categories', { name: 'shoes' });
    expect(same.status).toBe(400);
    expect(same.json).toEqual({
      code: 'term_exists',
      message: 'A term with the name provided already exists with this parent.',
      data: { status: 400, resource_id: shoes.json.id },
    });
    const child = await api(sim, 'POST', '/products/categories', {
      name: 'Shoes',
      parent: shoes.json.id,
    });
    expect(child.status).toBe(201);
    expect(child.json.slug).toBe('shoes-shoes');
    const other = await api(sim, 'POST', '/products/categories', {
      name: 'Footwear',
      slug: 'shoes',
    });
    expect(other.status).toBe(201);
    expect(other.json.slug).toBe('shoes-2');
    const orphan = await api(sim, 'POST', '/products/categories', { name: 'Lost', parent: 424242 });
    expect(orphan.status).toBe(400);
    expect(orphan.json).toEqual({
      code: 'missing_parent',
      message: 'Parent term does not exist.',
      data: { status: 400 },
    });
    const amp = await api(sim, 'POST', '/products/categories', { name: 'Food & Drink' });
    expect(amp.json).toMatchObject({ name: 'Food &amp; Drink', slug: 'food-drink' });
  });

  it('#31 missing → 404 term_invalid; delete needs force (501); default category → 500; slug taken on update → HTTP 500', async () => {
    sim = await startSim();
    const expected404 = {
      code: 'woocommerce_rest_term_invalid',
      message: 'Resource does not exist.',
      data: { status: 404 },
    };
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(sim, method, '/products/categories/9999?force=true', body);
      expect(res.status).toBe(404);
      expect(res.json).toEqual(expected404);
    }
    const [a, b] = sim.seed.categories(['A', 'B']);
    const noForce = await api(sim, 'DELETE', `/products/categories/${a!.id}`);
    expect(noForce.status).toBe(501);
    expect(noForce.json.code).toBe('woocommerce_rest_trash_not_supported');
    const def = await api(
      sim,
      'DELETE',
      `/products/categories/${sim.settings.defaultCategoryId}?force=true`,
    );
    expect(def.status).toBe(500);
    expect(def.json).toEqual({
      code: 'woocommerce_rest_cannot_delete',
      message: 'Default product category cannot be deleted.',
      data: { status: 500 },
    });
    const slug = await api(sim, 'PUT', `/products/categories/${b!.id}`, { slug: 'a' });
    expect(slug.status).toBe(500);
    expect(slug.json).toEqual({
      code: 'duplicate_term_slug',
      message: 'The slug &#8220;a&#8221; is already in use by another term.',
      data: null,
    });
    const p = sim.seed.product({ name: 'P', categories: [{ id: a!.id }] });
    const del = await api(sim, 'DELETE', `/products/categories/${a!.id}?force=true`);
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ id: a!.id, count: 1 });
    expect(sim.read.product(p.id).categories.map((c) => c.id)).toEqual([
      sim.settings.defaultCategoryId,
    ]);
    const batch = await api(sim, 'POST', '/products/categories/batch', {
      create: [{ name: 'C' }, { name: 'b' }],
      delete: [b!.id],
    });
    expect(batch.json.create[0]).toMatchObject({ name: 'C' });
    expect(batch.json.create[1]).toMatchObject({
      id: 0,
      error: { code: 'term_exists', data: { resource_id: b!.id } },
    });
    expect(batch.json.delete[0]).toMatchObject({ id: b!.id });
  });
});
