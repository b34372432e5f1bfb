import { ORDER_SWEEP_CURSOR } from '@balance-sync/woo-sync-core';
import {
  type CrashPoint,
  CrashSwitch,
  InMemoryJobQueue,
  SimulatedCrash,
} from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  type OrderFixture,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

/**
 * A paid order (59.80) with a line refund (18.90) and an amount-only refund (5.00): one run of
 * `exportOrder` writes a Sale and two credit notes.
 */
async function scenario() {
  const f = createOrderFixture();
  const products = await seedProducts(f);
  const order = await f.woo.seed.placeOrder({
    lines: [
      { productId: products.espresso.id, quantity: 3, total: '56.70' },
      { productId: products.sponge.id, quantity: 1, total: '3.10' },
    ],
  });
  const line = order.lineItems.find((item) => item.productId === products.espresso.id);
  const lineRefund = await f.woo.seed.refundOrder(order.id, {
    lines: [{ lineId: line?.id ?? 0, quantity: 1, total: '18.90' }],
  });
  const amountRefund = await f.woo.seed.refundOrder(order.id, { amount: '5.00' });
  return { f, order, refunds: [lineRefund, amountRefund] };
}

/** A service whose Balance client, store port and storage crash when the switch says so. */
function crashingService(f: OrderFixture, crash: CrashSwitch) {
  return f.service({
    balance: crash.wrap(f.balance, 'balance'),
    woo: crash.wrap(f.woo, 'woo'),
    store: crash.wrap(f.store, 'store'),
  });
}

async function expectExactlyOnce(f: OrderFixture) {
  const { sales, credits } = balanceDocuments(f.sim);
  expect(sales.map((sale) => sale.total)).toEqual([5980]);
  expect(credits.map((credit) => credit.total).sort((a, b) => a - b)).toEqual([500, 1890]);
  for (const credit of credits) expect(credit.base).toBe(sales[0]?.uid);
  const rows = (await f.store.ledger.list({ storeId: STORE_ID })).entries;
  expect(rows.map((row) => [row.key.split(':')[0], row.state])).toEqual(
    [
      ['sale', 'exported'],
      ['credit', 'exported'],
      ['credit', 'exported'],
    ].sort(),
  );
  expect(await f.store.ledger.counts(STORE_ID)).toMatchObject({
    pending: 0,
    sent: 0,
    failed: 0,
    dead: 0,
    exported: 3,
  });
}

describe('a crash at every step boundary, then a restart', () => {
  it('counts the steps of one export (the baseline the crash cases walk through)', async () => {
    const { f, order } = await scenario();
    const crash = new CrashSwitch();
    crash.disarm();
    await crashingService(f, crash).exportOrder({ storeId: STORE_ID, orderId: order.id });
    // The ledger protocol, call by call: record → sent → PUT → exported, for each document.
    expect(crash.steps).toEqual([
      'woo.orders.get',
      'store.ledger.get',
      'store.products.list',
      'store.ledger.insert',
      'store.ledger.update',
      'balance.sales.upsert',
      'store.ledger.update',
      'woo.orders.updateMeta',
      'woo.refunds.listForOrder',
      'store.ledger.insert',
      'store.ledger.update',
      'balance.salesCredits.upsert',
      'store.ledger.update',
      'store.ledger.insert',
      'store.ledger.update',
      'balance.salesCredits.upsert',
      'store.ledger.update',
    ]);
    await expectExactlyOnce(f);
  });

  it('every crash point, before and after each call, ends in exactly one Sale and one credit note per refund', async () => {
    const baseline = await scenario();
    const counter = new CrashSwitch();
    counter.disarm();
    await crashingService(baseline.f, counter).exportOrder({
      storeId: STORE_ID,
      orderId: baseline.order.id,
    });
    const steps = [...counter.steps];

    const cases: { step: number; point: CrashPoint; at: string }[] = [];
    for (let step = 1; step <= steps.length; step += 1) {
      for (const point of ['before', 'after'] as const) {
        cases.push({ step, point, at: steps[step - 1] ?? '' });
      }
    }
    for (const { step, point, at } of cases) {
      const { f, order } = await scenario();
      const crash = new CrashSwitch();
      crash.arm(step, point);
      const crashed = await crashingService(f, crash)
        .exportOrder({ storeId: STORE_ID, orderId: order.id })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(crashed, `crash ${point} step ${step} (${at})`).toBeInstanceOf(SimulatedCrash);

      // Restart: a fresh process on the same Balance, store and storage; resume.
      const resumed = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });
      expect(resumed.status, `resume after ${point} ${at}`).toBe('done');
      await expectExactlyOnce(f);
      // Each document was written at most twice (the crashed PUT and its re-send).
      for (const doc of [...balanceDocuments(f.sim).sales, ...balanceDocuments(f.sim).credits]) {
        expect(doc.writes, `${point} ${at}`).toBeLessThanOrEqual(2);
      }
      // And a further run changes nothing.
      f.sim.clearRequests();
      await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });
      expect(f.sim.requests.filter((request) => request.method === 'PUT')).toEqual([]);
    }
  });

  it('a sweep that crashes at any step loses no order: the cursor only moves past durable enqueues', async () => {
    const probe = createOrderFixture();
    const products = await seedProducts(probe);
    for (let index = 0; index < 3; index += 1) {
      await probe.woo.seed.placeOrder({
        lines: [{ productId: products.beans.id, total: '54.00' }],
      });
    }
    const counter = new CrashSwitch(
      (path) => path.startsWith('queue.') || path.startsWith('store.cursors'),
    );
    counter.disarm();
    const probeQueue = new InMemoryJobQueue();
    await probe
      .service({
        queue: counter.wrap(probeQueue, 'queue'),
        store: counter.wrap(probe.store, 'store'),
      })
      .sweepOrders({ storeId: STORE_ID });
    const steps = counter.steps.length;
    expect(counter.steps).toEqual([
      'store.cursors.get',
      'queue.enqueue',
      'queue.enqueue',
      'queue.enqueue',
      'store.cursors.set',
    ]);
    await probeQueue.close();

    for (let step = 1; step <= steps; step += 1) {
      for (const point of ['before', 'after'] as const) {
        const f = createOrderFixture();
        const seeded = await seedProducts(f);
        const ids: number[] = [];
        for (let index = 0; index < 3; index += 1) {
          const order = await f.woo.seed.placeOrder({
            lines: [{ productId: seeded.beans.id, total: '54.00' }],
          });
          ids.push(order.id);
        }
        const queue = new InMemoryJobQueue();
        const crash = new CrashSwitch(
          (path) => path.startsWith('queue.') || path.startsWith('store.cursors'),
        );
        crash.arm(step, point);
        await expect(
          f
            .service({ queue: crash.wrap(queue, 'queue'), store: crash.wrap(f.store, 'store') })
            .sweepOrders({ storeId: STORE_ID }),
        ).rejects.toBeInstanceOf(SimulatedCrash);

        await f.restart({ queue }).sweepOrders({ storeId: STORE_ID });
        const jobs = await queue.list({ name: 'export-order' });
        expect(
          jobs.map((job) => (job.payload as { orderId: number }).orderId).sort((a, b) => a - b),
          `${point} step ${step}`,
        ).toEqual(ids);
        expect(await f.store.cursors.get(STORE_ID, ORDER_SWEEP_CURSOR)).toMatchObject({
          id: ids[2],
        });
        await queue.close();
      }
    }
  });
});
