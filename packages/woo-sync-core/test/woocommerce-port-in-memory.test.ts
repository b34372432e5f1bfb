import {
  InMemoryWooCommerce,
  InMemoryWooError,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';

function store(batchLimit?: number) {
  const clock = new ManualClock('2026-11-27T08:00:00.750Z');
  return { clock, woo: new InMemoryWooCommerce({ clock, ...(batchLimit ? { batchLimit } : {}) }) };
}

describe('InMemoryWooCommerce specifics', () => {
  it('keeps WooCommerce one-second resolution and follows the injected clock', async () => {
    const { clock, woo } = store();
    const first = await woo.seed.addProduct({ sku: 'A' });
    expect(first.dateModified).toBe('2026-11-27T08:00:00Z');
    clock.advance(1_000);
    await woo.seed.advanceTime(60_000);
    const second = await woo.seed.addProduct({ sku: 'B' });
    expect(second.dateModified).toBe('2026-11-27T08:01:01Z');
  });

  it('gives a seeded order with shipping a shipping line that adds up to the order total', async () => {
    const { woo } = store();
    const product = await woo.seed.addProduct({ sku: 'A', regularPrice: '20.00' });
    const placed = await woo.seed.placeOrder({
      lines: [{ productId: product.id, quantity: 2, total: '40.00' }],
      shippingTotal: '7.5',
    });
    const order = await woo.orders.get(placed.id);

    expect(order?.shippingLines).toEqual([
      {
        id: expect.any(Number),
        methodId: 'flat_rate',
        methodTitle: 'Flat rate',
        total: '7.50',
        totalTax: '0.00',
        taxes: [],
      },
    ]);
    expect(order).toMatchObject({ shippingTotal: '7.50', shippingTax: '0.00', total: '47.50' });
    const ids = [...(order?.lineItems ?? []), ...(order?.shippingLines ?? [])].map((l) => l.id);
    expect(new Set([...ids, order?.id]).size).toBe(ids.length + 1);
  });

  it('places an order without shipping with no shipping line', async () => {
    const { woo } = store();
    const product = await woo.seed.addProduct({ sku: 'A', regularPrice: '20.00' });
    const order = await woo.seed.placeOrder({ lines: [{ productId: product.id, total: '20.00' }] });
    expect(order).toMatchObject({ shippingLines: [], shippingTotal: '0.00', total: '20.00' });
  });

  it('routes variation updates to their parent and records every call size', async () => {
    const { woo } = store(2);
    const parent = await woo.seed.addProduct({ sku: 'P', type: 'variable' });
    const v1 = await woo.seed.addVariation(parent.id, { sku: 'V1' });
    const v2 = await woo.seed.addVariation(parent.id, { sku: 'V2' });
    const v3 = await woo.seed.addVariation(parent.id, { sku: 'V3' });
    const simple = await woo.seed.addProduct({ sku: 'S' });
    const { outcomes } = await woo.products.batch({
      create: [{ ref: 'n', sku: 'N', name: 'N', status: 'draft' }],
      update: [
        { id: v1.id, parentId: parent.id, regularPrice: '1.00' },
        { id: simple.id, regularPrice: '2.00' },
        { id: v2.id, parentId: parent.id, regularPrice: '3.00' },
        { id: v3.id, parentId: parent.id, regularPrice: '4.00' },
      ],
    });
    expect(outcomes.map((o) => o.status)).toEqual([
      'created',
      'updated',
      'updated',
      'updated',
      'updated',
    ]);
    expect(woo.batchCalls).toEqual([
      { endpoint: 'products', size: 2 },
      { endpoint: 'variations', size: 2 },
      { endpoint: 'variations', size: 1 },
    ]);
  });

  it('rejects a variation update sent without its parent like the /products endpoint does', async () => {
    const { woo } = store();
    const parent = await woo.seed.addProduct({ sku: 'P', type: 'variable' });
    const variation = await woo.seed.addVariation(parent.id, { sku: 'V' });
    const { outcomes } = await woo.products.batch({
      update: [{ id: variation.id, regularPrice: '1.00' }],
    });
    expect(outcomes[0]).toMatchObject({
      status: 'failed',
      error: { code: 'woocommerce_rest_invalid_product_id', status: 404 },
    });
  });

  it('puts products without categories into the default category', async () => {
    const { woo } = store();
    const product = await woo.seed.addProduct({ sku: 'A' });
    expect(product.categoryIds).toEqual([woo.defaultCategoryId]);
    await woo.products.batch({ update: [{ id: product.id, categoryIds: [] }] });
    const [read] = await woo.products.getByIds([product.id]);
    expect(read?.categoryIds).toEqual([woo.defaultCategoryId]);
  });

  it('trashes variations with their parent', async () => {
    const { woo } = store();
    const parent = await woo.seed.addProduct({ sku: 'P', type: 'variable' });
    await woo.seed.addVariation(parent.id, { sku: 'V' });
    await woo.seed.trashProduct(parent.id);
    expect(await woo.products.findBySkus(['V', 'P'])).toEqual([]);
  });

  it('refuses refunds beyond the remaining amount with the WooCommerce error', async () => {
    const { woo } = store();
    const product = await woo.seed.addProduct({ sku: 'A' });
    const order = await woo.seed.placeOrder({ lines: [{ productId: product.id, total: '10.00' }] });
    await woo.seed.refundOrder(order.id, { amount: '7.00' });
    const attempt = woo.seed.refundOrder(order.id, { amount: '3.01' });
    await expect(attempt).rejects.toBeInstanceOf(InMemoryWooError);
    await expect(attempt).rejects.toMatchObject({
      code: 'woocommerce_rest_cannot_create_order_refund',
      status: 500,
    });
  });

  it('reduces and restores managed stock with orders and line refunds', async () => {
    const { woo } = store();
    const product = await woo.seed.addProduct({ sku: 'A', manageStock: true, stockQuantity: 3 });
    const order = await woo.seed.placeOrder({
      lines: [{ productId: product.id, quantity: 3, total: '30.00' }],
    });
    expect((await woo.products.getByIds([product.id]))[0]).toMatchObject({
      stockQuantity: 0,
      stockStatus: 'outofstock',
    });
    await woo.seed.refundOrder(order.id, {
      lines: [{ lineId: order.lineItems[0]!.id, quantity: 1, total: '10.00' }],
    });
    expect((await woo.products.getByIds([product.id]))[0]).toMatchObject({
      stockQuantity: 1,
      stockStatus: 'instock',
    });
  });

  it('refuses a batch limit outside what WooCommerce can have', () => {
    expect(() => new InMemoryWooCommerce({ batchLimit: 0 })).toThrow(RangeError);
  });
});
