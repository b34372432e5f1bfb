import { createJobHandler, type LedgerState } from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  type OrderFixture,
  STORE_ID,
  seedProducts,
  waitForJobs,
} from './support/order-fixture.js';

const queues: InMemoryJobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close({ timeoutMs: 1_000 })));
});

/** A worker: an in-memory queue with fast backoff, consuming with the engine's job handler. */
async function startWorker(f: OrderFixture, options: { maxAttempts?: number } = {}) {
  const queue = new InMemoryJobQueue({
    maxAttempts: options.maxAttempts ?? 50,
    backoff: { baseMs: 2, maxMs: 10 },
  });
  queues.push(queue);
  const orders = f.restart({ queue, waitForSaleMs: 5 });
  await queue.start(createJobHandler({ orders }), { concurrency: 4 });
  return { queue, orders };
}

async function placeOrders(f: OrderFixture, count: number) {
  const orders = [];
  for (let index = 0; index < count; index += 1) {
    orders.push(
      await f.woo.seed.placeOrder({
        lines: [
          { productId: f.products.espresso.id, quantity: 2, total: '37.80' },
          { productId: f.products.detergent.id, quantity: 1, total: '7.35' },
        ],
      }),
    );
  }
  return orders;
}

async function ledgerStates(f: OrderFixture): Promise<LedgerState[]> {
  return (await f.store.ledger.list({ storeId: STORE_ID })).entries.map((row) => row.state);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the export pipeline on a queue', () => {
  it('Balance down, then up: every order is exported once after recovery', async () => {
    const f = createOrderFixture();
    await seedProducts(f);
    const placed = await placeOrders(f, 3);
    f.sim.faults.set({ down: { answer: 'connection-reset' } });
    const { queue } = await startWorker(f);
    for (const order of placed) {
      await queue.enqueue({
        name: 'export-order',
        storeId: STORE_ID,
        payload: { orderId: order.id },
        dedupeId: `order:${STORE_ID}:${order.id}`,
      });
    }

    // While Balance is down the documents stay `sent`, with the error, and are retried.
    await until(async () => f.events.filter((entry) => entry.name === 'retrying').length >= 6);
    expect(new Set(await ledgerStates(f))).toEqual(new Set(['sent']));
    expect(balanceDocuments(f.sim).sales).toEqual([]);

    f.sim.faults.clear('down');
    await waitForJobs(queue);

    const { sales } = balanceDocuments(f.sim);
    expect(sales.map((sale) => [sale.total, sale.writes])).toEqual([
      [4515, 1],
      [4515, 1],
      [4515, 1],
    ]);
    expect(await ledgerStates(f)).toEqual(['exported', 'exported', 'exported']);
    expect(await queue.counts()).toMatchObject({ completed: 3, failed: 0, dead: 0 });
  });

  it('an outage longer than the attempts leaves documents dead, never lost; an operator retry exports them', async () => {
    const f = createOrderFixture();
    await seedProducts(f);
    const [order] = await placeOrders(f, 1);
    if (!order) throw new Error('no order');
    f.sim.faults.set({ down: { answer: 'service-unavailable' } });
    const { queue, orders } = await startWorker(f, { maxAttempts: 3 });
    await queue.enqueue({
      name: 'export-order',
      storeId: STORE_ID,
      payload: { orderId: order.id },
    });
    await waitForJobs(queue);

    expect(await queue.list({ states: ['dead'] })).toMatchObject([{ attempts: 3 }]);
    const dead = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    // One PUT; the later attempts stopped at the read-back that precedes a re-send.
    expect(dead).toMatchObject({ state: 'dead', attempts: 1 });
    expect(dead?.lastError).toMatchObject({ code: 'balance_unavailable', status: 503 });
    expect(f.events.filter((entry) => entry.name === 'dead')).toHaveLength(1);

    f.sim.faults.clear('down');
    const retried = await orders.retryDocument({ storeId: STORE_ID, key: `sale:${order.id}` });
    expect(retried).toMatchObject({ previousState: 'dead', jobId: expect.any(String) });
    await waitForJobs(queue);
    expect(balanceDocuments(f.sim).sales.map((sale) => [sale.total, sale.writes])).toEqual([
      [4515, 1],
    ]);
    expect(await ledgerStates(f)).toEqual(['exported']);
  });

  it('a refund seen before its Sale waits for it, and ends as one credit note on top of one Sale', async () => {
    const f = createOrderFixture();
    await seedProducts(f);
    const [order] = await placeOrders(f, 1);
    if (!order) throw new Error('no order');
    const refund = await f.woo.seed.refundOrder(order.id, { amount: '7.35' });
    const { queue } = await startWorker(f);

    // Only the refund's job arrives (e.g. its webhook), before any export of the order.
    await queue.enqueue({
      name: 'export-refund',
      storeId: STORE_ID,
      payload: { orderId: order.id, refundId: refund.id },
    });
    await waitForJobs(queue);

    const { sales, credits } = balanceDocuments(f.sim);
    expect(sales.map((sale) => sale.total)).toEqual([4515]);
    expect(credits.map((credit) => [credit.total, credit.base, credit.writes])).toEqual([
      [735, sales[0]?.uid, 1],
    ]);
    expect(f.events.some((entry) => entry.name === 'waiting')).toBe(true);
    expect(await queue.counts()).toMatchObject({ failed: 0, dead: 0 });
  });

  it('duplicate webhooks and a sweep for the same orders still give one Sale each', async () => {
    const f = createOrderFixture();
    await seedProducts(f);
    const placed = await placeOrders(f, 4);
    const { queue, orders } = await startWorker(f);
    for (let round = 0; round < 3; round += 1) {
      for (const order of placed) {
        await queue.enqueue({
          name: 'export-order',
          storeId: STORE_ID,
          payload: { orderId: order.id },
          dedupeId: `order:${STORE_ID}:${order.id}`,
        });
      }
    }
    await orders.sweepOrders({ storeId: STORE_ID });
    await waitForJobs(queue);
    await orders.sweepOrders({ storeId: STORE_ID });
    await waitForJobs(queue);

    const { sales } = balanceDocuments(f.sim);
    expect(sales).toHaveLength(4);
    expect(sales.every((sale) => sale.total === 4515 && sale.writes === 1)).toBe(true);
  });
});
