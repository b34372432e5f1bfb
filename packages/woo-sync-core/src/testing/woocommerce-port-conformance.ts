import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ChangeCursor,
  WooCommercePort,
  WooOrder,
  WooProduct,
  WooRefund,
} from '../ports/woocommerce-port.js';
import type { WooCommercePortFixture, WooCommerceSeed } from './woocommerce-seed.js';

/** Creates a fresh, empty store and a port to it for one test. */
export type WooCommercePortFactory = () => WooCommercePortFixture | Promise<WooCommercePortFixture>;

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function ids(items: readonly { id: number }[]): number[] {
  return items.map((item) => item.id);
}

function sortedIds(items: readonly { id: number }[]): number[] {
  return ids(items).sort((a, b) => a - b);
}

const orderCursor = (order: WooOrder): ChangeCursor => ({
  timestamp: order.dateModified,
  id: order.id,
});
const refundCursor = (refund: WooRefund): ChangeCursor => ({
  timestamp: refund.dateCreated,
  id: refund.id,
});

function isSortedByCursor(cursors: readonly ChangeCursor[]): boolean {
  return cursors.every((cursor, index) => {
    const previous = cursors[index - 1];
    if (!previous) return true;
    const byTime = Date.parse(cursor.timestamp) - Date.parse(previous.timestamp);
    return byTime > 0 || (byTime === 0 && cursor.id > previous.id);
  });
}

/**
 * The conformance suite of {@link WooCommercePort}: every guarantee written on the port, plus
 * the WooCommerce behaviours the engine relies on (SKU comparison, per-item batch errors with
 * the owner's id, write rules for prices, stock, categories and meta, change feeds). Run it
 * once per implementation; `factory` is called before every test and must hand back an empty
 * store (WooCommerce's default category aside).
 *
 * Uses vitest (`describe`/`it`/`expect`), an optional peer dependency of this package.
 *
 * @example
 * ```ts
 * import { describeWooCommercePortConformance, InMemoryWooCommerce, ManualClock } from '@balance-sync/woo-sync-core/testing';
 *
 * describeWooCommercePortConformance('in-memory', () => {
 *   const woo = new InMemoryWooCommerce({ clock: new ManualClock('2026-11-27T08:00:00Z') });
 *   return { port: woo, seed: woo.seed };
 * });
 * ```
 */
export function describeWooCommercePortConformance(
  name: string,
  factory: WooCommercePortFactory,
): void {
  describe(`WooCommercePort conformance: ${name}`, () => {
    let fixture: WooCommercePortFixture | undefined;
    let port: WooCommercePort;
    let seed: WooCommerceSeed;

    beforeEach(async () => {
      fixture = await factory();
      port = fixture.port;
      seed = fixture.seed;
    });

    afterEach(async () => {
      await fixture?.cleanup?.();
      fixture = undefined;
    });

    async function variableWithTwo() {
      const parent = await seed.addProduct({ sku: 'MUG', name: 'Mug', type: 'variable' });
      const red = await seed.addVariation(parent.id, { sku: 'MUG-RED', regularPrice: '5.00' });
      const blue = await seed.addVariation(parent.id, { sku: 'MUG-BLUE', regularPrice: '6.00' });
      return { parent, red, blue };
    }

    async function product(id: number): Promise<WooProduct> {
      const [found] = await port.products.getByIds([id]);
      if (!found) throw new Error(`product ${id} not readable`);
      return found;
    }

    describe('basics', () => {
      it('declares a batch limit between 1 and 100', () => {
        expect(Number.isInteger(port.batchLimit)).toBe(true);
        expect(port.batchLimit).toBeGreaterThanOrEqual(1);
        expect(port.batchLimit).toBeLessThanOrEqual(100);
      });
    });

    describe('products.list', () => {
      it('lists every live product and variation, never the trash', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT', regularPrice: '20.00' });
        const { parent, red, blue } = await variableWithTwo();
        const old = await seed.addProduct({ sku: 'OLD' });
        await seed.trashProduct(old.id);

        const listed = await collect(port.products.list());
        expect(sortedIds(listed)).toEqual(sortedIds([shirt, parent, red, blue]));
        const variation = listed.find((item) => item.id === red.id);
        expect(variation).toMatchObject({ parentId: parent.id, type: 'variation', sku: 'MUG-RED' });
        expect(variation?.categoryIds).toEqual([]);
        expect(listed.find((item) => item.id === parent.id)).toMatchObject({
          parentId: 0,
          type: 'variable',
          regularPrice: '',
        });
      });

      it('leaves variations out when asked', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const { parent } = await variableWithTwo();
        const listed = await collect(port.products.list({ includeVariations: false }));
        expect(sortedIds(listed)).toEqual(sortedIds([shirt, parent]));
      });

      it('reads past the first page of 100', async () => {
        const seeded: WooProduct[] = [];
        for (let index = 0; index < 105; index += 1) {
          seeded.push(await seed.addProduct({ sku: `P-${index}` }));
        }
        const listed = await collect(port.products.list());
        expect(listed).toHaveLength(105);
        expect(sortedIds(listed)).toEqual(sortedIds(seeded));
      });

      it('returns every field in port form (UTC dates, decimal strings, meta)', async () => {
        const category = await seed.addCategory({ name: 'Shirts' });
        const seeded = await seed.addProduct({
          sku: 'SHIRT',
          name: 'Shirt',
          status: 'draft',
          regularPrice: '20.00',
          salePrice: '15.5',
          saleFrom: '2026-12-01T00:00:00Z',
          saleTo: '2026-12-24T20:00:00Z',
          manageStock: true,
          stockQuantity: 7,
          categoryIds: [category.id],
          meta: [{ key: '_balance_uid', value: 'uid-1' }],
        });
        const read = await product(seeded.id);
        expect(read).toMatchObject({
          id: seeded.id,
          parentId: 0,
          type: 'simple',
          status: 'draft',
          sku: 'SHIRT',
          name: 'Shirt',
          regularPrice: '20.00',
          salePrice: '15.5',
          saleFrom: '2026-12-01T00:00:00Z',
          saleTo: '2026-12-24T20:00:00Z',
          manageStock: true,
          stockQuantity: 7,
          stockStatus: 'instock',
          categoryIds: [category.id],
        });
        expect(read.meta).toContainEqual({ key: '_balance_uid', value: 'uid-1' });
        expect(read.dateModified).toMatch(UTC_SECONDS);
      });
    });

    describe('products.getByIds', () => {
      it('returns products and variations, leaving out unknown and trashed ids', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const { red } = await variableWithTwo();
        const old = await seed.addProduct({ sku: 'OLD' });
        await seed.trashProduct(old.id);
        const found = await port.products.getByIds([shirt.id, red.id, old.id, 987_654]);
        expect(sortedIds(found)).toEqual(sortedIds([shirt, red]));
      });

      it('returns nothing for no ids', async () => {
        expect(await port.products.getByIds([])).toEqual([]);
      });
    });

    describe('products.findBySkus', () => {
      it('compares SKUs trimmed and case-insensitively, including variations', async () => {
        const shirt = await seed.addProduct({ sku: 'Shirt-01' });
        const { red } = await variableWithTwo();
        const found = await port.products.findBySkus([' shirt-01 ', 'mug-red', 'NOPE']);
        expect(sortedIds(found)).toEqual(sortedIds([shirt, red]));
        expect(found.find((item) => item.id === shirt.id)?.sku).toBe('Shirt-01');
      });

      it('never matches trashed products or empty SKUs', async () => {
        await seed.addProduct({ sku: '' });
        await seed.addProduct({ sku: '' });
        const old = await seed.addProduct({ sku: 'OLD' });
        await seed.trashProduct(old.id);
        expect(await port.products.findBySkus(['', '   ', 'OLD'])).toEqual([]);
      });

      it('returns each product once however often its SKU is asked for', async () => {
        await seed.addProduct({ sku: 'ABC' });
        expect(await port.products.findBySkus(['ABC', 'abc', ' Abc'])).toHaveLength(1);
      });

      it('handles lists longer than one request', async () => {
        const seeded: WooProduct[] = [];
        for (let index = 0; index < 130; index += 1) {
          seeded.push(
            await seed.addProduct({ sku: `LONG-SKU-${String(index).padStart(20, '0')}` }),
          );
        }
        const asked = [
          ...seeded.map((item) => item.sku),
          ...Array.from({ length: 50 }, (_, index) => `MISSING-${index}`),
        ];
        const found = await port.products.findBySkus(asked);
        expect(sortedIds(found)).toEqual(sortedIds(seeded));
      });
    });

    describe('products.batch (create)', () => {
      it('creates products in input order, echoing refs', async () => {
        const { outcomes } = await port.products.batch({
          create: [
            { ref: 'uid-a', sku: 'A', name: 'A', status: 'draft', regularPrice: '1.00' },
            { ref: 'uid-b', sku: 'B', name: 'B', status: 'draft', regularPrice: '2.00' },
          ],
        });
        expect(outcomes.map((o) => [o.op, o.status, o.ref])).toEqual([
          ['create', 'created', 'uid-a'],
          ['create', 'created', 'uid-b'],
        ]);
        const created = outcomes.flatMap((o) => (o.status === 'created' ? [o.item] : []));
        expect(created.map((item) => [item.sku, item.status, item.regularPrice])).toEqual([
          ['A', 'draft', '1.00'],
          ['B', 'draft', '2.00'],
        ]);
        expect(sortedIds(await port.products.findBySkus(['A', 'B']))).toEqual(sortedIds(created));
      });

      it("reports a taken SKU as product_invalid_sku with the owner's id", async () => {
        const owner = await seed.addProduct({ sku: 'DUP-1' });
        const { red } = await variableWithTwo();
        const { outcomes } = await port.products.batch({
          create: [
            { ref: 'x', sku: ' dup-1 ', name: 'X', status: 'draft' },
            { ref: 'y', sku: 'Mug-Red', name: 'Y', status: 'draft' },
            { ref: 'z', sku: 'FREE', name: 'Z', status: 'draft' },
          ],
        });
        expect(outcomes[0]).toMatchObject({
          op: 'create',
          status: 'failed',
          ref: 'x',
          error: { code: 'product_invalid_sku', status: 400, resourceId: owner.id },
        });
        expect(outcomes[1]).toMatchObject({
          status: 'failed',
          error: { code: 'product_invalid_sku', resourceId: red.id },
        });
        expect(outcomes[2]).toMatchObject({ status: 'created', ref: 'z' });
      });

      it('reports a SKU repeated inside one batch against the first item', async () => {
        const { outcomes } = await port.products.batch({
          create: [
            { ref: 'first', sku: 'TWIN', name: 'One', status: 'draft' },
            { ref: 'second', sku: 'twin', name: 'Two', status: 'draft' },
          ],
        });
        const [first, second] = outcomes;
        if (first?.status !== 'created') throw new Error('first create failed');
        expect(second).toMatchObject({
          status: 'failed',
          error: { code: 'product_invalid_sku', resourceId: first.item.id },
        });
      });

      it("lets a trashed product's SKU be reused and never treats empty SKUs as taken", async () => {
        const old = await seed.addProduct({ sku: 'REUSE' });
        await seed.trashProduct(old.id);
        const { outcomes } = await port.products.batch({
          create: [
            { ref: 'r', sku: 'REUSE', name: 'R', status: 'draft' },
            { ref: 'e1', sku: '', name: 'E1', status: 'draft' },
            { ref: 'e2', sku: '', name: 'E2', status: 'draft' },
          ],
        });
        expect(outcomes.map((o) => o.status)).toEqual(['created', 'created', 'created']);
      });

      it('accepts any number of items and sends at most batchLimit per call', async () => {
        const before = seed.batchCallSizes?.().length ?? 0;
        const count = port.batchLimit * 2 + 1;
        const { outcomes } = await port.products.batch({
          create: Array.from({ length: count }, (_, index) => ({
            ref: `ref-${index}`,
            sku: `BULK-${index}`,
            name: `Bulk ${index}`,
            status: 'draft' as const,
          })),
        });
        expect(outcomes).toHaveLength(count);
        expect(outcomes.every((o) => o.status === 'created')).toBe(true);
        expect(outcomes.map((o) => o.ref)).toEqual(
          Array.from({ length: count }, (_, index) => `ref-${index}`),
        );
        const sizes = seed.batchCallSizes?.().slice(before);
        if (sizes) {
          expect(sizes.length).toBeGreaterThanOrEqual(3);
          expect(Math.max(...sizes)).toBeLessThanOrEqual(port.batchLimit);
          expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
        }
      });
    });

    describe('products.batch (lost responses)', () => {
      it('recovers creates whose response was lost and never creates one twice', async (context) => {
        if (!seed.cutOffNextBatch) {
          context.skip('the implementation has no network to lose a response on');
          return;
        }
        await seed.cutOffNextBatch(2);
        const skus = ['LOST-1', 'LOST-2', 'LOST-3', 'LOST-4', 'LOST-5'];
        const { outcomes } = await port.products.batch({
          create: skus.map((sku) => ({ ref: sku, sku, name: sku, status: 'draft' as const })),
        });
        expect(outcomes.map((o) => [o.ref, o.status])).toEqual(skus.map((sku) => [sku, 'created']));
        const recovered = outcomes.filter((o) => o.status === 'created' && o.recovered === true);
        expect(recovered.map((o) => o.ref)).toEqual(['LOST-1', 'LOST-2']);
        const stored = await port.products.findBySkus(skus);
        expect(stored.map((item) => item.sku).sort()).toEqual(skus);
        expect(sortedIds(stored)).toEqual(
          sortedIds(outcomes.flatMap((o) => (o.status === 'created' ? [o.item] : []))),
        );
      });
    });

    describe('products.batch (update)', () => {
      it('changes only the fields sent, upserts meta by key and bumps dateModified', async () => {
        const seeded = await seed.addProduct({
          sku: 'KEEP',
          name: 'Keep me',
          regularPrice: '10.00',
          meta: [
            { key: '_balance_uid', value: 'uid-1' },
            { key: 'other', value: 'x' },
          ],
        });
        const before = await product(seeded.id);
        await seed.advanceTime(5_000);
        const { outcomes } = await port.products.batch({
          update: [
            {
              id: seeded.id,
              ref: 'uid-1',
              regularPrice: '12.50',
              meta: [{ key: '_balance_uid', value: 'uid-2' }],
            },
          ],
        });
        expect(outcomes).toEqual([
          expect.objectContaining({ op: 'update', status: 'updated', id: seeded.id, ref: 'uid-1' }),
        ]);
        const after = await product(seeded.id);
        expect(after).toMatchObject({ name: 'Keep me', sku: 'KEEP', regularPrice: '12.50' });
        expect(after.meta).toContainEqual({ key: '_balance_uid', value: 'uid-2' });
        expect(after.meta).toContainEqual({ key: 'other', value: 'x' });
        expect(after.meta.filter((entry) => entry.key === '_balance_uid')).toHaveLength(1);
        expect(Date.parse(after.dateModified)).toBeGreaterThan(Date.parse(before.dateModified));
      });

      it('updates variations through their parent', async () => {
        const { parent, red } = await variableWithTwo();
        const { outcomes } = await port.products.batch({
          update: [
            { id: red.id, parentId: parent.id, regularPrice: '7.50', stockStatus: 'outofstock' },
          ],
        });
        expect(outcomes[0]).toMatchObject({ status: 'updated', id: red.id });
        expect(await product(red.id)).toMatchObject({
          regularPrice: '7.50',
          stockStatus: 'outofstock',
          parentId: parent.id,
        });
      });

      it('reports an unknown id as a failed outcome', async () => {
        const { outcomes } = await port.products.batch({
          update: [{ id: 987_654, ref: 'gone', regularPrice: '1.00' }],
        });
        expect(outcomes).toEqual([
          expect.objectContaining({
            op: 'update',
            status: 'failed',
            id: 987_654,
            ref: 'gone',
            error: expect.objectContaining({
              code: 'woocommerce_rest_product_invalid_id',
              status: 400,
            }),
          }),
        ]);
      });

      it("reports a change to another product's SKU with the owner's id", async () => {
        const owner = await seed.addProduct({ sku: 'TAKEN' });
        const other = await seed.addProduct({ sku: 'MINE' });
        const { outcomes } = await port.products.batch({
          update: [{ id: other.id, sku: 'taken' }],
        });
        expect(outcomes[0]).toMatchObject({
          status: 'failed',
          id: other.id,
          error: { code: 'product_invalid_sku', resourceId: owner.id },
        });
        expect((await product(other.id)).sku).toBe('MINE');
      });

      it('returns all creates, then all updates, in input order', async () => {
        const existing = await seed.addProduct({ sku: 'E' });
        const { outcomes } = await port.products.batch({
          update: [
            { id: existing.id, name: 'Renamed' },
            { id: 987_654, name: 'Nobody' },
          ],
          create: [
            { ref: 'n1', sku: 'N1', name: 'N1', status: 'draft' },
            { ref: 'n2', sku: 'E', name: 'N2', status: 'draft' },
          ],
        });
        expect(outcomes.map((o) => `${o.op}:${o.status}`)).toEqual([
          'create:created',
          'create:failed',
          'update:updated',
          'update:failed',
        ]);
      });
    });

    describe('product write rules', () => {
      it('drops a sale price that is not below the regular price', async () => {
        const seeded = await seed.addProduct({ sku: 'SALE', regularPrice: '10.00' });
        await port.products.batch({ update: [{ id: seeded.id, salePrice: '12.00' }] });
        expect((await product(seeded.id)).salePrice).toBe('');
        await port.products.batch({ update: [{ id: seeded.id, salePrice: '8.00' }] });
        expect((await product(seeded.id)).salePrice).toBe('8.00');
      });

      it('keeps prices exactly as written', async () => {
        const seeded = await seed.addProduct({ sku: 'RAW' });
        await port.products.batch({ update: [{ id: seeded.id, regularPrice: '10.5' }] });
        expect((await product(seeded.id)).regularPrice).toBe('10.5');
      });

      it('stores sale dates as UTC and clears them with null', async () => {
        const seeded = await seed.addProduct({ sku: 'DATES', regularPrice: '10.00' });
        await port.products.batch({
          update: [
            {
              id: seeded.id,
              salePrice: '9.00',
              saleFrom: '2026-12-01T00:00:00Z',
              saleTo: '2026-12-24T21:30:00Z',
            },
          ],
        });
        expect(await product(seeded.id)).toMatchObject({
          saleFrom: '2026-12-01T00:00:00Z',
          saleTo: '2026-12-24T21:30:00Z',
        });
        await port.products.batch({ update: [{ id: seeded.id, saleFrom: null, saleTo: null }] });
        expect(await product(seeded.id)).toMatchObject({ saleFrom: null, saleTo: null });
      });

      it('derives the stock status from a managed quantity and nulls unmanaged stock', async () => {
        const seeded = await seed.addProduct({ sku: 'STOCK' });
        await port.products.batch({
          update: [{ id: seeded.id, manageStock: true, stockQuantity: 0, stockStatus: 'instock' }],
        });
        expect(await product(seeded.id)).toMatchObject({
          manageStock: true,
          stockQuantity: 0,
          stockStatus: 'outofstock',
        });
        await port.products.batch({ update: [{ id: seeded.id, stockQuantity: 4 }] });
        expect(await product(seeded.id)).toMatchObject({
          stockQuantity: 4,
          stockStatus: 'instock',
        });
        await port.products.batch({ update: [{ id: seeded.id, manageStock: false }] });
        expect(await product(seeded.id)).toMatchObject({ manageStock: false, stockQuantity: null });
      });

      it('replaces categories and drops unknown ids', async () => {
        const shirts = await seed.addCategory({ name: 'Shirts' });
        const sale = await seed.addCategory({ name: 'Sale' });
        const seeded = await seed.addProduct({ sku: 'CAT', categoryIds: [shirts.id] });
        await port.products.batch({ update: [{ id: seeded.id, categoryIds: [sale.id, 987_654] }] });
        expect((await product(seeded.id)).categoryIds).toEqual([sale.id]);
      });
    });

    describe('categories', () => {
      it('lists every category with its parent', async () => {
        const parent = await seed.addCategory({ name: 'Clothes' });
        const child = await seed.addCategory({ name: 'Shirts', parentId: parent.id });
        const listed = await collect(port.categories.list());
        expect(listed).toContainEqual(expect.objectContaining({ id: parent.id, parentId: 0 }));
        expect(listed).toContainEqual(
          expect.objectContaining({ id: child.id, parentId: parent.id, name: 'Shirts' }),
        );
      });

      it('creates categories and reports a name taken under the same parent as term_exists', async () => {
        const other = await seed.addCategory({ name: 'Other' });
        const { outcomes } = await port.categories.batch({
          create: [
            { ref: 'g1', name: 'Shoes' },
            { ref: 'g2', name: 'shoes' },
            { ref: 'g3', name: 'Shoes', parentId: other.id },
          ],
        });
        const [first, second, third] = outcomes;
        if (first?.status !== 'created') throw new Error('first create failed');
        expect(first.item).toMatchObject({ name: 'Shoes', parentId: 0 });
        expect(first.item.slug).not.toBe('');
        expect(second).toMatchObject({
          status: 'failed',
          ref: 'g2',
          error: { code: 'term_exists', status: 400, resourceId: first.item.id },
        });
        expect(third).toMatchObject({ status: 'created', item: { parentId: other.id } });
      });

      it('updates categories; an unknown id is a failed outcome', async () => {
        const category = await seed.addCategory({ name: 'Old name' });
        const { outcomes } = await port.categories.batch({
          update: [
            { id: category.id, name: 'New name' },
            { id: 987_654, name: 'Nobody' },
          ],
        });
        expect(outcomes[0]).toMatchObject({ status: 'updated', item: { name: 'New name' } });
        expect(outcomes[1]).toMatchObject({ status: 'failed', id: 987_654 });
        const listed = await collect(port.categories.list());
        expect(listed.find((item) => item.id === category.id)?.name).toBe('New name');
      });
    });

    describe('orders', () => {
      async function shirtOrder(total = '20.00') {
        const shirt = await seed.addProduct({ sku: 'SHIRT', regularPrice: total });
        return { shirt, order: await seed.placeOrder({ lines: [{ productId: shirt.id, total }] }) };
      }

      it('reads an order by id in port form, undefined when missing', async () => {
        const { shirt, order } = await shirtOrder();
        const read = await port.orders.get(order.id);
        expect(read).toMatchObject({
          id: order.id,
          status: 'processing',
          total: '20.00',
          lineItems: [
            expect.objectContaining({ productId: shirt.id, sku: 'SHIRT', total: '20.00' }),
          ],
        });
        expect(read?.dateModified).toMatch(UTC_SECONDS);
        expect(read?.dateCreated).toMatch(UTC_SECONDS);
        expect(read?.datePaid).toMatch(UTC_SECONDS);
        expect(await port.orders.get(987_654)).toBeUndefined();
      });

      it('gives an order placed with shipping one shipping line that adds up to its total', async () => {
        const { shirt } = await shirtOrder();
        const placed = await seed.placeOrder({
          lines: [{ productId: shirt.id, quantity: 2, total: '40.00' }],
          shippingTotal: '5.00',
        });
        const read = await port.orders.get(placed.id);
        expect(read?.shippingLines).toEqual([
          expect.objectContaining({ total: '5.00', totalTax: read?.shippingTax }),
        ]);
        expect(read?.shippingTotal).toBe('5.00');
        const cents = (text: string | undefined) => Math.round(Number(text) * 100);
        const parts = [
          ...(read?.lineItems ?? []).flatMap((line) => [line.total, line.totalTax]),
          ...(read?.shippingLines ?? []).flatMap((line) => [line.total, line.totalTax]),
        ];
        expect(parts.reduce((sum, part) => sum + cents(part), 0)).toBe(cents(read?.total));
      });

      it('lists changed orders by (dateModified, id), strictly after the cursor', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const place = () => seed.placeOrder({ lines: [{ productId: shirt.id, total: '1.00' }] });
        // Three orders in the same second, then one later.
        const first = await place();
        const second = await place();
        const third = await place();
        await seed.advanceTime(3_000);
        const fourth = await place();

        const all = await collect(port.orders.listChanged());
        expect(ids(all)).toEqual(ids([first, second, third, fourth]));
        expect(isSortedByCursor(all.map(orderCursor))).toBe(true);

        const afterSecond = await collect(port.orders.listChanged({ after: orderCursor(all[1]!) }));
        expect(ids(afterSecond)).toEqual(ids([third, fourth]));
        const afterLast = await collect(port.orders.listChanged({ after: orderCursor(all[3]!) }));
        expect(afterLast).toEqual([]);
      });

      it('moves an order that changed to the end of the feed', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const early = await seed.placeOrder({ lines: [{ productId: shirt.id, total: '1.00' }] });
        await seed.advanceTime(2_000);
        const late = await seed.placeOrder({ lines: [{ productId: shirt.id, total: '1.00' }] });
        const cursor = orderCursor((await port.orders.get(late.id))!);
        await seed.advanceTime(2_000);
        await seed.setOrderStatus(early.id, 'completed');

        const changed = await collect(port.orders.listChanged({ after: cursor }));
        expect(ids(changed)).toEqual([early.id]);
        expect(changed[0]?.status).toBe('completed');
        expect(Date.parse(changed[0]!.dateModified)).toBeGreaterThan(Date.parse(cursor.timestamp));
      });

      it('filters by status and stops at until', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const line = [{ productId: shirt.id, total: '1.00' }];
        const paid = await seed.placeOrder({ lines: line, status: 'processing' });
        const waiting = await seed.placeOrder({ lines: line, status: 'on-hold' });
        await seed.advanceTime(5_000);
        const later = await seed.placeOrder({ lines: line, status: 'completed' });

        const paidOnly = await collect(
          port.orders.listChanged({ statuses: ['processing', 'completed'] }),
        );
        expect(ids(paidOnly)).toEqual([paid.id, later.id]);

        const firstRead = await port.orders.get(paid.id);
        const untilFirst = await collect(
          port.orders.listChanged({ until: firstRead!.dateModified }),
        );
        expect(sortedIds(untilFirst)).toEqual(sortedIds([paid, waiting]));
      });

      it('upserts order meta, keeping other keys, and rejects an unknown order', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const order = await seed.placeOrder({
          lines: [{ productId: shirt.id, total: '1.00' }],
          meta: [{ key: 'keep', value: '1' }],
        });
        await port.orders.updateMeta(order.id, [{ key: '_balance_sale_uid', value: 'first' }]);
        await port.orders.updateMeta(order.id, [{ key: '_balance_sale_uid', value: 'second' }]);
        const read = await port.orders.get(order.id);
        expect(read?.meta).toContainEqual({ key: 'keep', value: '1' });
        expect(read?.meta.filter((entry) => entry.key === '_balance_sale_uid')).toEqual([
          { key: '_balance_sale_uid', value: 'second' },
        ]);
        await expect(port.orders.updateMeta(987_654, [{ key: 'k', value: 'v' }])).rejects.toThrow();
      });

      it('shows refunds on the order as negative totals and keeps its total', async () => {
        const { order } = await shirtOrder('20.00');
        const refund = await seed.refundOrder(order.id, { amount: '5.00', reason: 'scratch' });
        const read = await port.orders.get(order.id);
        expect(read?.total).toBe('20.00');
        expect(read?.refunds).toEqual([{ id: refund.id, reason: 'scratch', total: '-5.00' }]);
      });
    });

    describe('refunds', () => {
      it("lists an order's refunds oldest first, with positive amounts and line links", async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const order = await seed.placeOrder({
          lines: [{ productId: shirt.id, quantity: 2, total: '40.00' }],
        });
        const soldLine = order.lineItems[0]!;
        const lineRefund = await seed.refundOrder(order.id, {
          reason: 'returned one',
          lines: [{ lineId: soldLine.id, quantity: 1, total: '20.00' }],
        });
        await seed.advanceTime(2_000);
        const amountRefund = await seed.refundOrder(order.id, { amount: '5.00' });

        const refunds = await port.refunds.listForOrder(order.id);
        expect(ids(refunds)).toEqual([lineRefund.id, amountRefund.id]);
        expect(refunds[0]).toMatchObject({
          orderId: order.id,
          amount: '20.00',
          reason: 'returned one',
          lineItems: [
            expect.objectContaining({
              refundedItemId: soldLine.id,
              productId: shirt.id,
              quantity: -1,
              total: '-20.00',
            }),
          ],
        });
        expect(refunds[0]?.dateCreated).toMatch(UTC_SECONDS);
        expect(refunds[1]).toMatchObject({ orderId: order.id, amount: '5.00', lineItems: [] });
      });

      it("bumps the order's dateModified; a full refund marks it refunded", async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const order = await seed.placeOrder({ lines: [{ productId: shirt.id, total: '10.00' }] });
        const before = await port.orders.get(order.id);
        await seed.advanceTime(3_000);
        await seed.refundOrder(order.id, { amount: '10.00' });
        const after = await port.orders.get(order.id);
        expect(Date.parse(after!.dateModified)).toBeGreaterThan(Date.parse(before!.dateModified));
        expect(after?.status).toBe('refunded');
      });

      it('lists refunds by (dateCreated, id), strictly after the cursor, up to until', async () => {
        const shirt = await seed.addProduct({ sku: 'SHIRT' });
        const line = [{ productId: shirt.id, total: '50.00' }];
        const one = await seed.placeOrder({ lines: line });
        const two = await seed.placeOrder({ lines: line });
        const a = await seed.refundOrder(one.id, { amount: '1.00' });
        const b = await seed.refundOrder(two.id, { amount: '2.00' });
        const c = await seed.refundOrder(one.id, { amount: '3.00' });
        await seed.advanceTime(4_000);
        const d = await seed.refundOrder(two.id, { amount: '4.00' });

        const all = await collect(port.refunds.listChanged());
        expect(ids(all)).toEqual(ids([a, b, c, d]));
        expect(isSortedByCursor(all.map(refundCursor))).toBe(true);
        expect(all.map((refund) => refund.orderId)).toEqual([one.id, two.id, one.id, two.id]);

        const afterFirst = await collect(
          port.refunds.listChanged({ after: refundCursor(all[0]!) }),
        );
        expect(ids(afterFirst)).toEqual(ids([b, c, d]));
        const upToC = await collect(
          port.refunds.listChanged({ after: refundCursor(all[0]!), until: all[2]!.dateCreated }),
        );
        expect(ids(upToC)).toEqual(ids([b, c]));
      });
    });
  });
}
