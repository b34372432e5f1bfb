import { ORDER_SWEEP_CURSOR } from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrderFixture, STORE_ID, seedProducts } from './support/order-fixture.js';

const queues: InMemoryJobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});

function newQueue() {
  const queue = new InMemoryJobQueue();
  queues.push(queue);
  return queue;
}

const orderIdsOf = async (queue: InMemoryJobQueue) =>
  (await queue.list({ name: 'export-order' }))
    .map((job) => (job.payload as { orderId: number }).orderId)
    .sort((a, b) => a - b);

describe('sweepOrders', () => {
  it('enqueues an export for every paid order changed since the cursor, then saves the cursor', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const queue = newQueue();
    const orders = f.restart({ queue });
    const paid = await f.woo.seed.placeOrder({
      lines: [{ productId: p.sponge.id, total: '3.10' }],
    });
    const held = await f.woo.seed.placeOrder({
      status: 'on-hold',
      lines: [{ productId: p.sponge.id, total: '3.10' }],
    });

    const first = await orders.sweepOrders({ storeId: STORE_ID });

    expect(first).toMatchObject({ scanned: 2, enqueued: 1, deduplicated: 0, from: undefined });
    expect(first.to).toEqual({ timestamp: held.dateModified, id: held.id });
    expect(await queue.list()).toMatchObject([
      {
        name: 'export-order',
        payload: { orderId: paid.id },
        dedupeId: `order:${STORE_ID}:${paid.id}`,
      },
    ]);
    expect(await f.store.cursors.get(STORE_ID, ORDER_SWEEP_CURSOR)).toEqual(first.to);
    expect(await f.store.runs.get(STORE_ID, first.report.id)).toMatchObject({
      kind: 'sweep',
      summary: { scanned: 2, enqueued: 1, deduplicated: 0 },
    });
    expect(f.events.filter((entry) => entry.name === 'swept')).toMatchObject([
      { event: { scanned: 2, enqueued: 1 } },
    ]);
  });

  it('re-reads only the safety window, picks up orders that became paid, and never moves the cursor back', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const queue = newQueue();
    const orders = f.restart({ queue });
    const early = await f.woo.seed.placeOrder({
      lines: [{ productId: p.sponge.id, total: '3.10' }],
    });
    const held = await f.woo.seed.placeOrder({
      status: 'on-hold',
      lines: [{ productId: p.sponge.id, total: '3.10' }],
    });
    await orders.sweepOrders({ storeId: STORE_ID });

    // An hour later the on-hold order is paid and a new order arrives.
    await f.woo.seed.advanceTime(3600_000);
    await f.woo.seed.setOrderStatus(held.id, 'processing');
    const fresh = await f.woo.seed.placeOrder({
      lines: [{ productId: p.beans.id, total: '54.00' }],
    });
    const second = await orders.sweepOrders({ storeId: STORE_ID });

    // `early` was modified in the same second as the cursor: re-read (window), merged.
    expect(second).toMatchObject({ scanned: 3, enqueued: 3, deduplicated: 1 });
    expect(await orderIdsOf(queue)).toEqual([early.id, held.id, fresh.id]);
    expect(second.to).toEqual({ timestamp: fresh.dateModified, id: fresh.id });

    // Nothing changed: the safety window re-reads the last orders (merged into waiting jobs);
    // the cursor stays.
    const third = await orders.sweepOrders({ storeId: STORE_ID });
    expect(third).toMatchObject({ scanned: 2, enqueued: 2, deduplicated: 2 });
    expect(third.to).toEqual(second.to);
    expect(await f.store.cursors.get(STORE_ID, ORDER_SWEEP_CURSOR)).toEqual(second.to);
  });

  it('catches a refund of an old order (a refund bumps the order date_modified)', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const queue = newQueue();
    const orders = f.restart({ queue });
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: p.beans.id, total: '54.00' }],
    });
    await orders.sweepOrders({ storeId: STORE_ID });
    const before = (await queue.list()).length;

    await f.woo.seed.advanceTime(24 * 3600_000);
    await f.woo.seed.refundOrder(order.id, { amount: '4.00' });
    const swept = await orders.sweepOrders({ storeId: STORE_ID });

    // Enqueued again (merged into the order's job, still waiting): its refund gets exported.
    expect(swept).toMatchObject({ enqueued: 1, deduplicated: 1 });
    expect((await queue.list()).length).toBe(before);
  });

  it('refuses to run without a queue', async () => {
    const f = createOrderFixture();
    await expect(f.orders.sweepOrders({ storeId: STORE_ID })).rejects.toMatchObject({
      name: 'OrderExportError',
      code: 'queue_required',
    });
  });
});
