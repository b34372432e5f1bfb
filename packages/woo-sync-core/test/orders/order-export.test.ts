import { randomUUID } from 'node:crypto';
import { BalanceHttpError, BalanceNetworkError } from '@balance-sync/balance-client';
import {
  createJobHandler,
  type Job,
  PermanentJobError,
  RetryLaterError,
  SALE_UID_META_KEY,
} from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  eventNames,
  type FixtureOptions,
  mswBalanceClient,
  type OrderFixture,
  requestLog,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A fixture whose Balance client goes through msw to the simulator. */
async function fixture(options: FixtureOptions = {}): Promise<OrderFixture> {
  const created = createOrderFixture({ ...options, balance: mswBalanceClient });
  server.use(...created.sim.handlers());
  await seedProducts(created);
  return created;
}

/** A paid order: 3 × espresso (56.70) + 1 sponge (3.10) = 59.80. */
async function placePaidOrder(f: OrderFixture) {
  return f.woo.seed.placeOrder({
    lines: [
      { productId: f.products.espresso.id, quantity: 3, total: '56.70' },
      { productId: f.products.sponge.id, quantity: 1, total: '3.10' },
    ],
  });
}

function job<N extends Job['name']>(name: N, payload: Job<N>['payload'], maxAttempts = 5): Job {
  return {
    id: randomUUID(),
    name,
    storeId: STORE_ID,
    payload,
    dedupeId: null,
    state: 'active',
    attempts: 1,
    maxAttempts,
    runAt: '2026-03-02T08:00:00Z',
    createdAt: '2026-03-02T08:00:00Z',
    updatedAt: '2026-03-02T08:00:00Z',
    lastError: null,
  } as Job;
}

const signal = new AbortController().signal;

describe('exportOrder', () => {
  it('exports a paid order as one Sale whose total equals the order total, and writes _balance_sale_uid', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.status).toBe('done');
    expect(result.documents).toMatchObject([
      { key: `sale:${order.id}`, kind: 'sale', action: 'exported', state: 'exported' },
    ]);
    expect(requestLog(f.sim)).toEqual(['PUT Sale 200']);
    const { sales, credits } = balanceDocuments(f.sim);
    expect(sales).toEqual([
      expect.objectContaining({ uid: result.documents[0]?.uid, total: 5980, writes: 1 }),
    ]);
    expect(credits).toEqual([]);
    const row = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(row).toMatchObject({
      state: 'exported',
      attempts: 1,
      totalMinor: 5980,
      currency: 'GEL',
      template: 'Sale',
      lastError: null,
      drift: null,
    });
    expect(row?.exportedAt).not.toBeNull();
    const fresh = await f.woo.orders.get(order.id);
    expect(fresh?.meta).toContainEqual({ key: SALE_UID_META_KEY, value: row?.uid });
    expect(eventNames(f.events)).toEqual(['pending', 'sent', 'exported']);
  });

  it('exports an order with shipping: the shipping line becomes a Sale line and the totals match', async () => {
    const f = await fixture();
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: f.products.espresso.id, quantity: 3, total: '56.70' }],
      shippingTotal: '5.00',
    });
    expect(order.total).toBe('61.70');

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.documents).toMatchObject([{ action: 'exported', state: 'exported' }]);
    const { sales } = balanceDocuments(f.sim);
    expect(sales).toEqual([expect.objectContaining({ total: 6170, writes: 1 })]);
    const sale = f.sim.getDocument('Sale', result.documents[0]?.uid ?? '');
    expect(sale?.body.Items).toContainEqual(
      expect.objectContaining({ Item: f.sim.seed.shippingItemUid }),
    );
  });

  it('re-running changes nothing: no request, no ledger write, no event', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    const before = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    f.sim.clearRequests();
    f.events.length = 0;

    const again = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(again.documents).toMatchObject([{ action: 'unchanged', state: 'exported' }]);
    expect(requestLog(f.sim)).toEqual([]);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toEqual(before);
    expect(f.events).toEqual([]);
  });

  it('exports each refund as its own credit note on top of the Sale, referencing the Sale lines', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    const espressoLine = order.lineItems.find((line) => line.productId === f.products.espresso.id);
    const lineRefund = await f.woo.seed.refundOrder(order.id, {
      lines: [{ lineId: espressoLine?.id ?? 0, quantity: 1, total: '18.90' }],
    });
    const amountRefund = await f.woo.seed.refundOrder(order.id, { amount: '5.00', reason: 'late' });
    f.sim.clearRequests();

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.documents.map((doc) => [doc.key, doc.action])).toEqual([
      [`sale:${order.id}`, 'unchanged'],
      [`credit:${lineRefund.id}`, 'exported'],
      [`credit:${amountRefund.id}`, 'exported'],
    ]);
    expect(requestLog(f.sim)).toEqual([
      'GET Sale 200',
      'PUT SalesCredit 200',
      'PUT SalesCredit 200',
    ]);
    const saleUid = result.documents[0]?.uid ?? '';
    const { credits } = balanceDocuments(f.sim);
    expect(credits.map((credit) => [credit.total, credit.base])).toEqual([
      [1890, saleUid],
      [500, saleUid],
    ]);
    const stored = f.sim.getDocument('SalesCredit', result.documents[1]?.uid ?? '');
    const saleLine = f.sim.getDocument('Sale', saleUid)?.lines[0];
    expect(stored?.lines[0]?.baseDocument).toBe(saleLine?.uid);
  });

  it('leaves on-hold orders alone until they are paid', async () => {
    const f = await fixture();
    const order = await f.woo.seed.placeOrder({
      status: 'on-hold',
      lines: [{ productId: f.products.beans.id, quantity: 1, total: '54.00' }],
    });

    const held = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(held).toMatchObject({ status: 'not-paid', documents: [] });
    expect(requestLog(f.sim)).toEqual([]);
    expect(await f.store.ledger.listByOrder(STORE_ID, order.id)).toEqual([]);

    await f.woo.seed.setOrderStatus(order.id, 'processing');
    const paid = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    expect(paid.documents).toMatchObject([{ action: 'exported' }]);
    expect(balanceDocuments(f.sim).sales.map((sale) => sale.total)).toEqual([5400]);
  });

  it('says not-found for an order the store does not have', async () => {
    const f = await fixture();
    expect(await f.orders.exportOrder({ storeId: STORE_ID, orderId: 999_999 })).toMatchObject({
      status: 'not-found',
      documents: [],
    });
  });

  it('fails a Sale with an unmapped line at once, naming order, line and SKU, without calling Balance', async () => {
    const f = await fixture();
    const order = await f.woo.seed.placeOrder({
      lines: [
        { productId: f.products.espresso.id, quantity: 1, total: '18.90' },
        { productId: f.products.unmapped.id, quantity: 2, total: '19.98' },
      ],
    });

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.documents).toMatchObject([{ action: 'failed', state: 'failed' }]);
    const error = result.documents[0]?.error;
    expect(error?.code).toBe('unmapped_line');
    expect(error?.message).toContain(`order #${order.number}`);
    expect(error?.message).toContain('NOPE-1');
    expect(error?.message).toContain(`item ${order.lineItems[1]?.id}`);
    expect(requestLog(f.sim)).toEqual([]);
    expect(eventNames(f.events)).toEqual(['failed']);

    const handler = createJobHandler({ orders: f.restart() });
    const failure = handler(job('export-order', { orderId: order.id }), { attempt: 1, signal });
    await expect(failure).rejects.toBeInstanceOf(PermanentJobError);
    await expect(failure).rejects.toMatchObject({ code: 'unmapped_line' });
  });

  it('fails a document Balance refuses (4xx with Error messages) at once, with the messages', async () => {
    const f = await fixture({
      orders: {
        customer: { mode: 'retail', retailClient: '0b7f8a52-1111-4c3d-9e2f-000000000001' },
      },
    });
    const order = await placePaidOrder(f);

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(requestLog(f.sim)).toEqual(['PUT Sale 400']);
    expect(result.documents).toMatchObject([{ action: 'failed', state: 'failed' }]);
    const row = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(row?.lastError).toMatchObject({ code: 'balance_rejected', status: 400 });
    expect(row?.lastError?.messages.join(' ')).toContain('მყიდველი ვერ მოიძებნა');
    expect(row?.attempts).toBe(1);
    expect(eventNames(f.events)).toEqual(['pending', 'sent', 'failed']);

    const handler = createJobHandler({ orders: f.restart() });
    await expect(
      handler(job('export-order', { orderId: order.id }), { attempt: 1, signal }),
    ).rejects.toMatchObject({ name: 'PermanentJobError', code: 'balance_rejected' });
  });

  it('keeps a document sent through a transient failure, and makes it dead on the final attempt', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ serverError: { status: 503, times: 2, methods: ['PUT'] } });
    const handler = createJobHandler({ orders: f.orders });
    const exportJob = job('export-order', { orderId: order.id }, 2);

    await expect(handler(exportJob, { attempt: 1, signal })).rejects.toBeInstanceOf(
      BalanceHttpError,
    );
    const retrying = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(retrying).toMatchObject({ state: 'sent', attempts: 1 });
    expect(retrying?.lastError).toMatchObject({ code: 'balance_unavailable', status: 503 });

    await expect(handler(exportJob, { attempt: 2, signal })).rejects.toBeInstanceOf(
      BalanceHttpError,
    );
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'dead',
      attempts: 2,
    });
    expect(eventNames(f.events)).toEqual(['pending', 'sent', 'retrying', 'sent', 'dead']);
    expect(balanceDocuments(f.sim).sales).toEqual([]);

    // An operator retries once Balance is back.
    const retried = await f.orders.retryDocument({ storeId: STORE_ID, key: `sale:${order.id}` });
    expect(retried.previousState).toBe('dead');
    expect(retried.result?.documents).toMatchObject([{ action: 'exported' }]);
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
  });

  it("turns a 429 with Retry-After into a RetryLaterError with Balance's delay", async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ rateLimit: { retryAfterSeconds: 7, times: 1 } });

    const attempt = f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    await expect(attempt).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt).rejects.toMatchObject({ code: 'balance_rate_limited', delayMs: 7000 });
    expect(f.events.at(-1)).toMatchObject({ name: 'retrying', event: { delayMs: 7000 } });
    const next = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    expect(next.documents).toMatchObject([{ action: 'exported' }]);
  });

  it('confirms a write whose response was lost by reading it back, without a second PUT', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ dropResponseAfterWrite: { times: 1 } });

    await expect(
      f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id }),
    ).rejects.toBeInstanceOf(BalanceNetworkError);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({ state: 'sent' });
    f.sim.clearRequests();

    const resumed = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(resumed.documents).toMatchObject([{ action: 'confirmed', state: 'exported' }]);
    expect(requestLog(f.sim)).toEqual(['GET Sale 200']);
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
    expect(f.events.filter((entry) => entry.name === 'exported')).toMatchObject([
      { event: { via: 'read-back' } },
    ]);
  });

  it('re-sends a sent document when Balance holds something else under its uid (read-back mismatch)', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ dropResponseAfterWrite: { times: 1 } });
    await expect(f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id })).rejects.toThrow();
    const row = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    // Same total and lines, but not the document the ledger holds (e.g. an older version).
    const stored = f.sim.getDocument('Sale', row?.uid ?? '');
    if (!stored) throw new Error('the dropped write was not applied');
    stored.body.Date = '2026-01-01T00:00:00';
    f.sim.clearRequests();

    const resumed = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(resumed.documents).toMatchObject([{ action: 'exported' }]);
    expect(requestLog(f.sim)).toEqual(['GET Sale 200', 'PUT Sale 200']);
    expect(f.sim.getDocument('Sale', row?.uid ?? '')?.body.Date).toBe('2026-03-02T12:00:00');
    expect(balanceDocuments(f.sim).sales).toEqual([expect.objectContaining({ writes: 2 })]);
  });

  it('never re-sends an exported Sale: a change is recorded as drift (and cleared when undone)', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    const exported = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    // The espresso product gets linked to another Balance item after the export.
    const [mapping] = (await f.store.products.list(STORE_ID)).filter(
      (entry) => entry.wooId === f.products.espresso.id,
    );
    if (!mapping) throw new Error('fixture mapping missing');
    const relinked = { ...mapping, balanceUid: f.sim.seed.items.greenTea };
    await f.store.products.remove(STORE_ID, [mapping.balanceUid]);
    await f.store.products.upsert(STORE_ID, [relinked]);
    f.sim.clearRequests();
    f.events.length = 0;

    const drifted = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(drifted.documents).toMatchObject([{ action: 'drift', state: 'exported' }]);
    expect(requestLog(f.sim)).toEqual([]);
    const row = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(row?.payloadHash).toBe(exported?.payloadHash);
    expect(row?.drift?.summary).toBe('changed: Items');
    expect(f.events).toMatchObject([
      { name: 'drift', event: { drift: { summary: 'changed: Items' } } },
    ]);
    expect(balanceDocuments(f.sim).sales).toEqual([expect.objectContaining({ writes: 1 })]);

    // Seen again: nothing new. Undone: the drift is cleared.
    await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });
    expect(f.events).toHaveLength(1);
    await f.store.products.remove(STORE_ID, [relinked.balanceUid]);
    await f.store.products.upsert(STORE_ID, [mapping]);
    const undone = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });
    expect(undone.documents).toMatchObject([{ action: 'unchanged' }]);
    expect((await f.store.ledger.get(STORE_ID, `sale:${order.id}`))?.drift).toBeNull();
    expect(f.events.at(-1)).toMatchObject({ name: 'drift', event: { drift: null } });
  });

  it('exports the Sale of a fully refunded order, then its credit note', async () => {
    const f = await fixture();
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: f.products.beans.id, quantity: 1, total: '54.00' }],
    });
    const refund = await f.woo.seed.refundOrder(order.id, { amount: '54.00' });
    expect((await f.woo.orders.get(order.id))?.status).toBe('refunded');

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.documents.map((doc) => [doc.key, doc.action])).toEqual([
      [`sale:${order.id}`, 'exported'],
      [`credit:${refund.id}`, 'exported'],
    ]);
    const { sales, credits } = balanceDocuments(f.sim);
    expect(sales.map((sale) => sale.total)).toEqual([5400]);
    expect(credits.map((credit) => credit.total)).toEqual([5400]);
  });
});

describe('exportRefund', () => {
  it('waits for the Sale (waiting_for_sale) and enqueues the order; exports the credit note once the Sale is there', async () => {
    const f = await fixture();
    const queue = new InMemoryJobQueue();
    const orders = f.restart({ queue, waitForSaleMs: 30_000 });
    const order = await placePaidOrder(f);
    const refund = await f.woo.seed.refundOrder(order.id, { amount: '10.00' });

    const early = orders.exportRefund({
      storeId: STORE_ID,
      orderId: order.id,
      refundId: refund.id,
    });

    await expect(early).rejects.toBeInstanceOf(RetryLaterError);
    await expect(early).rejects.toMatchObject({ code: 'waiting_for_sale', delayMs: 30_000 });
    expect(requestLog(f.sim)).toEqual([]);
    expect(await queue.list()).toMatchObject([
      {
        name: 'export-order',
        payload: { orderId: order.id },
        dedupeId: `order:${STORE_ID}:${order.id}`,
      },
    ]);
    expect(f.events.filter((entry) => entry.name === 'waiting')).toMatchObject([
      { event: { orderId: order.id, refundId: refund.id, reason: 'waiting_for_sale' } },
    ]);

    await orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    const later = await orders.exportRefund({
      storeId: STORE_ID,
      orderId: order.id,
      refundId: refund.id,
    });
    expect(later.documents).toMatchObject([{ key: `credit:${refund.id}`, action: 'unchanged' }]);
    expect(balanceDocuments(f.sim).credits.map((credit) => credit.total)).toEqual([1000]);
    await queue.close();
  });
});

describe('concurrent workers', () => {
  it('two workers exporting the same order at once produce one Sale', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    const [a, b] = [f.restart(), f.restart()];

    const results = await Promise.all([
      a.exportOrder({ storeId: STORE_ID, orderId: order.id }),
      b.exportOrder({ storeId: STORE_ID, orderId: order.id }),
    ]);

    expect(results.flatMap((result) => result.documents.map((doc) => doc.action)).sort()).toEqual([
      'exported',
      'superseded',
    ]);
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'exported',
      attempts: 1,
    });
  });
});
