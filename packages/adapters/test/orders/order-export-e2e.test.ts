// The order export end to end, against a Balance and a WooCommerce it has never seen: the
// Balance simulator and the WooCommerce simulator (through the REST adapter), with the
// SQLite store and job queue — the embedded defaults a merchant runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteJobQueue, createSqliteStore } from '@balance-sync/adapters/sqlite';
import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
import {
  createManualClock,
  createWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { type BalanceClient, createBalanceClient } from '@balance-sync/balance-client';
import {
  type BalanceSimulator,
  createBalanceSimulator,
} from '@balance-sync/balance-client/testing';
import {
  createJobHandler,
  createSyncEngine,
  creditKey,
  type JobQueue,
  parseMoney,
  SALE_UID_META_KEY,
  type SyncConfigInput,
  type SyncEngine,
  type SyncStore,
  saleKey,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import {
  type CrashPoint,
  CrashSwitch,
  InMemorySyncStore,
  SimulatedCrash,
} from '@balance-sync/woo-sync-core/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  SIMULATOR_PRODUCTS,
  seedSimulatorProducts,
  simulatorOrderConfig,
} from '../support/order-export-world.js';

const STORE = 'main';
const dir = mkdtempSync(join(tmpdir(), 'balance-sync-order-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tetri = (text: string) => {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.minor;
};

interface World {
  woo: WooCommerceSimulator;
  /** The store's clock. */
  clock: ReturnType<typeof createManualClock>;
  balanceSim: BalanceSimulator;
  balance: BalanceClient;
  port: WooCommercePort;
  store: SyncStore;
  config: SyncConfigInput;
  engine(options?: {
    queue?: JobQueue;
    balance?: BalanceClient;
    port?: WooCommercePort;
    store?: SyncStore;
  }): SyncEngine;
}

/**
 * Both simulators and the engine's ports. `http`: real HTTP servers and the SQLite store;
 * otherwise in-process transports and the in-memory store (fast, for the crash walk).
 */
async function world(options: { http: boolean; clientRetries?: boolean }): Promise<World> {
  const clock = createManualClock('2026-03-02T08:00:00Z');
  const woo = createWooCommerceSimulator({ clock });
  const balanceSim = createBalanceSimulator();
  if (options.http) {
    await woo.start();
    await balanceSim.start();
    cleanups.push(
      () => woo.stop(),
      () => balanceSim.stop(),
    );
  }
  const balance = createBalanceClient({
    connection: options.http
      ? balanceSim.onPrem
      : { mode: 'onprem', baseUrl: 'http://balance.test' },
    username: balanceSim.credentials.username,
    password: balanceSim.credentials.password,
    exchangeUid: balanceSim.exchangeUid,
    retry: options.clientRetries === false ? false : { limit: 1, backoffMs: 1, maxDelayMs: 2 },
    ...(options.http ? {} : { fetch: (input, init) => balanceSim.fetch(input, init) }),
  });
  const port = createWooCommerceRest({
    url: woo.url,
    consumerKey: woo.keys.default.consumerKey,
    consumerSecret: woo.keys.default.consumerSecret,
    clock: { now: () => new Date(clock.now()) },
    sleep: async () => {},
    ...(options.http ? {} : { fetch: woo.inProcessFetch }),
  });
  let store: SyncStore;
  if (options.http) {
    const sqlite = createSqliteStore({ path: join(dir, `e2e-${++files}`, 'balance-sync.db') });
    cleanups.push(() => sqlite.close());
    store = sqlite;
  } else {
    store = new InMemorySyncStore();
  }
  // Enough stock in Balance's main warehouse for the catalog import to publish quantities.
  seedSimulatorProducts(woo, balanceSim, 500);
  const config: SyncConfigInput = {
    ...simulatorOrderConfig(balanceSim, { mode: 'onprem', baseUrl: 'http://balance.test' }),
    stores: [{ id: STORE, woocommerce: { url: woo.url, consumerKey: 'ck', consumerSecret: 'cs' } }],
  };
  return {
    woo,
    clock,
    balanceSim,
    balance,
    port,
    store,
    config,
    engine: (overrides = {}) =>
      createSyncEngine({
        config,
        balance: overrides.balance ?? balance,
        woo: overrides.port ?? port,
        store: overrides.store ?? store,
        ...(overrides.queue ? { queue: overrides.queue } : {}),
      }),
  };
}

/** Links the store's products to Balance items the way a merchant does: a catalog import (adopt by SKU). */
async function linkCatalog(w: World) {
  const engine = w.engine();
  const plan = await engine.catalog.plan({ storeId: STORE, scope: 'items' });
  await engine.catalog.apply(plan);
  const mappings = await w.store.products.list(STORE);
  expect(
    mappings
      .map((mapping) => mapping.sku)
      .filter((sku) => SIMULATOR_PRODUCTS.some((p) => p.sku === sku))
      .sort(),
  ).toEqual(SIMULATOR_PRODUCTS.map((product) => product.sku).sort());
}

/** The queue's time: real time plus jumps, so delayed jobs (a refund waiting 60 s for its Sale) fall due at once. */
const queueTime = { offsetMs: 0, now: () => new Date(Date.now() + queueTime.offsetMs) };

/** A worker on the SQLite queue in the same database directory, with fast backoff. */
async function startWorker(w: World) {
  const queue = createSqliteJobQueue({
    path: join(dir, `queue-${++files}`, 'jobs.db'),
    backoff: { baseMs: 5, maxMs: 20 },
    pollMs: 10,
    maxAttempts: 30,
    clock: queueTime,
  });
  const engine = w.engine({ queue });
  await queue.start(createJobHandler(engine), { concurrency: 4 });
  cleanups.push(() => queue.close({ timeoutMs: 2_000 }));
  return { queue, engine };
}

/** Waits until the queue is idle; when only delayed jobs are left, jumps the queue's time to them. */
async function idle(queue: JobQueue) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await queue.counts();
    if (counts.waiting + counts.delayed + counts.active === 0) return counts;
    if (Date.now() > deadline) throw new Error(`queue busy: ${JSON.stringify(counts)}`);
    if (counts.waiting + counts.active === 0) queueTime.offsetMs += 60_000;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every paid order: one Sale equal to its total; every refund: one credit note equal to its amount. */
async function expectBooksMatchStore(w: World, orderIds: readonly number[]) {
  const sales = [...w.balanceSim.state.sales.values()];
  const credits = [...w.balanceSim.state.salesCredits.values()];
  let paid = 0;
  let refunds = 0;
  for (const id of orderIds) {
    const order = await w.port.orders.get(id);
    if (!order) throw new Error(`order ${id} vanished`);
    const saleRow = await w.store.ledger.get(STORE, saleKey(id));
    if (order.datePaid === null) {
      expect(saleRow, `order ${id} is not paid`).toBeUndefined();
      continue;
    }
    paid += 1;
    const sale = sales.filter((doc) => doc.uid === saleRow?.uid);
    expect(
      sale.map((doc) => doc.totalTetri),
      `Sale of order ${id}`,
    ).toEqual([tetri(order.total)]);
    expect(order.meta).toContainEqual({ key: SALE_UID_META_KEY, value: saleRow?.uid });
    for (const refund of await w.port.refunds.listForOrder(id)) {
      refunds += 1;
      const row = await w.store.ledger.get(STORE, creditKey(refund.id));
      const credit = credits.filter((doc) => doc.uid === row?.uid);
      expect(credit.map((doc) => [doc.totalTetri, doc.body.BaseDocument])).toEqual([
        [tetri(refund.amount), saleRow?.uid],
      ]);
    }
  }
  expect(sales).toHaveLength(paid);
  expect(credits).toHaveLength(refunds);
}

describe('order export end to end (Balance simulator + WooCommerce simulator over HTTP, SQLite)', () => {
  it('follows the merchant guide: catalog import, checkout, payment, refunds, re-run, reconciliation', async () => {
    const w = await world({ http: true });
    await linkCatalog(w);
    const { queue, engine } = await startWorker(w);

    // Checkout: a card order with a coupon and shipping (taxed), a bank transfer (on-hold), and
    // cash on delivery.
    const card = await w.woo.shopper.placeOrder({
      lines: [
        { sku: 'CF-001', quantity: 3 },
        { sku: 'HH-002', quantity: 1 },
      ],
      coupon: { code: 'spring10', type: 'percent', amount: 10 },
      shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
      paymentMethod: 'card',
      paid: true,
    });
    const transfer = await w.woo.shopper.placeOrder({
      lines: [{ sku: 'CF-002', quantity: 1 }],
      paymentMethod: 'bacs',
      paid: false,
    });
    const cod = await w.woo.shopper.placeOrder({
      lines: [{ sku: 'HH-001', quantity: 7 }],
      paymentMethod: 'cod',
      paid: false,
    });
    expect(transfer.status).toBe('on-hold');

    await engine.orders.sweepOrders({ storeId: STORE });
    await idle(queue);
    expect(w.balanceSim.state.sales.size).toBe(2); // the transfer waits for its payment
    await expectBooksMatchStore(w, [card.id, transfer.id, cod.id]);

    // The transfer arrives; a line is returned from the card order; the COD order is refunded in part.
    w.clock.advance(10 * 60_000);
    await w.woo.admin.markPaid(transfer.id);
    const cardLine = card.line_items.find((line) => line.sku === 'CF-001');
    await w.woo.admin.refund(card.id, {
      lines: [{ itemId: cardLine?.id ?? 0, quantity: 1 }],
      reason: 'damaged',
      apiRefund: false,
    });
    await w.woo.admin.refund(cod.id, { amount: '10.00', reason: 'goodwill', apiRefund: false });
    await engine.orders.sweepOrders({ storeId: STORE });
    const counts = await idle(queue);
    expect(counts).toMatchObject({ failed: 0, dead: 0 });
    await expectBooksMatchStore(w, [card.id, transfer.id, cod.id]);

    // Re-running changes nothing.
    w.balanceSim.clearRequests();
    await engine.orders.sweepOrders({ storeId: STORE });
    await idle(queue);
    expect(w.balanceSim.requests.filter((request) => request.method !== 'GET')).toEqual([]);

    // Reconciliation: everything is there, to the tetri.
    const report = await engine.orders.reconcile({
      storeId: STORE,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
    expect(report.summary).toMatchObject({
      ok: 5,
      'missing-in-ledger': 0,
      'missing-in-balance': 0,
      different: 0,
    });
    expect(report.text).toContain('3 paid orders, 2 refunds: ok 5');
  });

  it('Balance down, then up: every order reaches the books once', async () => {
    const w = await world({ http: true });
    await linkCatalog(w);
    const orders = [];
    for (let index = 0; index < 3; index += 1) {
      orders.push(
        await w.woo.shopper.placeOrder({
          lines: [{ sku: 'CF-002', quantity: 1 + index }],
          paymentMethod: 'card',
          paid: true,
        }),
      );
    }
    w.balanceSim.faults.set({ down: { answer: 'connection-reset' } });
    const { queue, engine } = await startWorker(w);
    await engine.orders.sweepOrders({ storeId: STORE });
    const deadline = Date.now() + 10_000;
    while ((await w.store.ledger.counts(STORE)).sent < 3) {
      if (Date.now() > deadline) throw new Error('exports never reached Balance');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(w.balanceSim.state.sales.size).toBe(0);

    w.balanceSim.faults.clear('down');
    await idle(queue);

    await expectBooksMatchStore(
      w,
      orders.map((order) => order.id),
    );
    expect([...w.balanceSim.state.sales.values()].map((sale) => sale.writes)).toEqual([1, 1, 1]);
  });

  it('a response dropped after Balance applied the write, and a refund seen before its Sale: still one document each', async () => {
    // No client-side retry: the next job attempt finds the Sale by reading it back.
    const w = await world({ http: true, clientRetries: false });
    await linkCatalog(w);
    const order = await w.woo.shopper.placeOrder({
      lines: [{ sku: 'CF-001', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });
    const refund = await w.woo.admin.refund(order.id, { amount: '5.00', apiRefund: false });
    w.balanceSim.faults.set({
      dropResponseAfterWrite: { times: 1, match: (write) => write.template === 'Sale' },
    });
    const { queue } = await startWorker(w);

    // Only the refund's job arrives first.
    await queue.enqueue({
      name: 'export-refund',
      storeId: STORE,
      payload: { orderId: order.id, refundId: refund.id },
    });
    await idle(queue);

    await expectBooksMatchStore(w, [order.id]);
    const [sale] = [...w.balanceSim.state.sales.values()];
    expect(sale?.writes).toBe(1);
    expect(w.balanceSim.requests.filter((r) => r.fault === 'dropResponseAfterWrite')).toHaveLength(
      1,
    );
  });

  it('drift, dry run and a reconciliation that finds a deleted document', async () => {
    const w = await world({ http: true });
    await linkCatalog(w);
    const engine = w.engine();
    const order = await w.woo.shopper.placeOrder({
      lines: [{ sku: 'HH-001', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });

    // Dry run: the payload, no write, no ledger row; it does not block the real export.
    const dry = await engine.orders.dryRun({ storeId: STORE, orderIds: [order.id] });
    expect(dry.entries).toMatchObject([
      { key: saleKey(order.id), status: 'valid', totalMinor: tetri(order.total) },
    ]);
    expect(w.balanceSim.state.sales.size).toBe(0);
    expect(await w.store.ledger.get(STORE, saleKey(order.id))).toBeUndefined();
    await engine.orders.exportOrder({ storeId: STORE, orderId: order.id });
    await expectBooksMatchStore(w, [order.id]);

    // The merchant renames the product's SKU: the order's line now shows it; the Sale is not re-sent.
    const product = (await w.port.products.findBySkus(['HH-001']))[0];
    await w.woo.admin.editProduct(product?.id ?? 0, { sku: 'HH-001-NEW' });
    const drifted = await engine.orders.exportOrder({ storeId: STORE, orderId: order.id });
    expect(drifted.documents).toMatchObject([{ action: 'drift' }]);
    expect([...w.balanceSim.state.sales.values()].map((sale) => sale.writes)).toEqual([1]);

    // An accountant deletes the Sale in Balance; reconciliation finds it and says how to fix it.
    const row = await w.store.ledger.get(STORE, saleKey(order.id));
    w.balanceSim.deleteDocument('Sale', row?.uid ?? '');
    const report = await engine.orders.reconcile({
      storeId: STORE,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
    expect(report.rows).toMatchObject([
      {
        key: saleKey(order.id),
        status: 'missing-in-balance',
        fix: { command: `balance-woo resend-document ${saleKey(order.id)} --store main` },
      },
    ]);
    await engine.orders.retryDocument({ storeId: STORE, key: saleKey(order.id), resend: true });
    const after = await engine.orders.reconcile({
      storeId: STORE,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
    expect(after.summary.ok).toBe(1);
    expect(w.balanceSim.state.sales.size).toBe(1);
  });
});

describe('a crash at every step boundary, through the REST adapter', () => {
  it('ends in exactly one Sale and one credit note per refund after a restart, whatever the step', async () => {
    const scenario = async () => {
      const w = await world({ http: false });
      await linkCatalog(w);
      const order = await w.woo.shopper.placeOrder({
        lines: [
          { sku: 'CF-001', quantity: 3 },
          { sku: 'HH-002', quantity: 2 },
        ],
        shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
        paymentMethod: 'card',
        paid: true,
      });
      const line = order.line_items.find((item) => item.sku === 'HH-002');
      await w.woo.admin.refund(order.id, {
        lines: [{ itemId: line?.id ?? 0, quantity: 1 }],
        apiRefund: false,
      });
      await w.woo.admin.refund(order.id, { amount: '2.50', apiRefund: false });
      return { w, order };
    };
    const crashing = (w: World, crash: CrashSwitch) =>
      w.engine({
        balance: crash.wrap(w.balance, 'balance'),
        port: crash.wrap(w.port, 'woo'),
        store: crash.wrap(w.store, 'store'),
      });

    const probe = await scenario();
    const counter = new CrashSwitch();
    counter.disarm();
    await crashing(probe.w, counter).orders.exportOrder({
      storeId: STORE,
      orderId: probe.order.id,
    });
    await expectBooksMatchStore(probe.w, [probe.order.id]);
    const steps = counter.steps.length;
    expect(steps).toBeGreaterThanOrEqual(17);

    for (let step = 1; step <= steps; step += 1) {
      for (const point of ['before', 'after'] as CrashPoint[]) {
        const { w, order } = await scenario();
        const crash = new CrashSwitch();
        crash.arm(step, point);
        await expect(
          crashing(w, crash).orders.exportOrder({ storeId: STORE, orderId: order.id }),
          `${point} ${counter.steps[step - 1]}`,
        ).rejects.toBeInstanceOf(SimulatedCrash);
        await w.engine().orders.exportOrder({ storeId: STORE, orderId: order.id });
        await expectBooksMatchStore(w, [order.id]);
        expect(await w.store.ledger.counts(STORE)).toMatchObject({
          pending: 0,
          sent: 0,
          failed: 0,
          dead: 0,
          exported: 3,
        });
      }
    }
  });
});
