// A PUT answered 2xx with something that is not Balance's JSON (an HTML page from a proxy, an
// empty or cut-off body) proves nothing about the write (issue #8, DESIGN §5.2 "nothing
// lost"): the row stays `sent`, the next attempt reads the document back by uid and confirms
// or re-sends it, and a persistent failure ends `dead` — never `exported` without Balance
// having the document, never `failed` as if Balance had refused it.
import { randomUUID } from 'node:crypto';
import { BalanceUnexpectedWriteResponseError } from '@balance-sync/balance-client';
import type { BalanceFaultOptions } from '@balance-sync/balance-client/testing';
import { createJobHandler, type Job } from '@balance-sync/woo-sync-core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  eventNames,
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

/** The simulator behind msw, a Balance client without retries of its own (the queue retries). */
async function fixture(): Promise<OrderFixture> {
  const created = createOrderFixture({ balance: mswBalanceClient });
  server.use(...created.sim.handlers());
  await seedProducts(created);
  return created;
}

/** A paid order: 3 × espresso (56.70) + 1 sponge (3.10) = 59.80. */
function placePaidOrder(f: OrderFixture) {
  return f.woo.seed.placeOrder({
    lines: [
      { productId: f.products.espresso.id, quantity: 3, total: '56.70' },
      { productId: f.products.sponge.id, quantity: 1, total: '3.10' },
    ],
  });
}

function exportJob(orderId: number, maxAttempts: number): Job {
  return {
    id: randomUUID(),
    name: 'export-order',
    storeId: STORE_ID,
    payload: { orderId },
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
const PUT_SALE = { templates: ['Sale'], methods: ['PUT'] };

describe('a PUT Sale answered 2xx without Balance JSON', () => {
  it('HTML 200 page, not written: the row stays sent, the retry reads back (404) and sends once more → exported once', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ htmlErrorPage: { status: 200, times: 1, ...PUT_SALE } });
    const handler = createJobHandler({ orders: f.orders });
    const job = exportJob(order.id, 5);

    const first = await handler(job, { attempt: 1, signal }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(BalanceUnexpectedWriteResponseError);
    const retrying = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(retrying).toMatchObject({ state: 'sent', attempts: 1 });
    expect(retrying?.lastError).toMatchObject({ code: 'balance_outcome_unknown', status: 200 });
    expect(retrying?.lastError?.message).toMatch(/whether the write was applied is unknown/);
    expect(balanceDocuments(f.sim).sales).toEqual([]);
    expect(requestLog(f.sim)).toEqual(['PUT Sale 200']);
    f.sim.clearRequests();

    await handler(job, { attempt: 2, signal });

    expect(requestLog(f.sim)).toEqual(['GET Sale 404', 'PUT Sale 200']);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'exported',
      attempts: 2,
    });
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
    expect(eventNames(f.events)).toEqual(['pending', 'sent', 'retrying', 'sent', 'exported']);
    expect(f.events.at(-1)).toMatchObject({ name: 'exported', event: { via: 'put' } });
  });

  it.each<[string, BalanceFaultOptions]>([
    [
      'an HTML 200 page',
      { htmlErrorPage: { status: 200, afterWrite: true, times: 1, ...PUT_SALE } },
    ],
    ['an empty 200 body', { emptyBody: { times: 1, ...PUT_SALE } }],
    ['JSON cut off mid-way', { truncatedJson: { times: 1, ...PUT_SALE } }],
  ])(
    '%s after the write was applied: the retry confirms it by reading it back, without a second PUT',
    async (_label, faults) => {
      const f = await fixture();
      const order = await placePaidOrder(f);
      f.sim.faults.set(faults);

      await expect(
        f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id }),
      ).rejects.toBeInstanceOf(BalanceUnexpectedWriteResponseError);
      expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
        state: 'sent',
        lastError: { code: 'balance_outcome_unknown' },
      });
      f.sim.clearRequests();

      const resumed = await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });

      expect(resumed.documents).toMatchObject([{ action: 'confirmed', state: 'exported' }]);
      expect(requestLog(f.sim)).toEqual(['GET Sale 200']);
      expect(balanceDocuments(f.sim).sales).toEqual([
        expect.objectContaining({ total: 5980, writes: 1 }),
      ]);
    },
  );

  it('a persistent HTML 200 page ends dead on the final attempt — never exported, never failed', async () => {
    const f = await fixture();
    const order = await placePaidOrder(f);
    f.sim.faults.set({ htmlErrorPage: { status: 200, ...PUT_SALE } });
    const handler = createJobHandler({ orders: f.orders });
    const job = exportJob(order.id, 3);

    for (const attempt of [1, 2, 3]) {
      await expect(handler(job, { attempt, signal })).rejects.toBeInstanceOf(
        BalanceUnexpectedWriteResponseError,
      );
      const row = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
      expect(row?.state).toBe(attempt < 3 ? 'sent' : 'dead');
    }
    const dead = await f.store.ledger.get(STORE_ID, `sale:${order.id}`);
    expect(dead).toMatchObject({
      state: 'dead',
      attempts: 3,
      lastError: { code: 'balance_outcome_unknown', status: 200 },
    });
    expect(eventNames(f.events)).toEqual([
      'pending',
      'sent',
      'retrying',
      'sent',
      'retrying',
      'sent',
      'dead',
    ]);
    // every attempt after the first read the document back before sending it again
    expect(requestLog(f.sim)).toEqual([
      'PUT Sale 200',
      'GET Sale 404',
      'PUT Sale 200',
      'GET Sale 404',
      'PUT Sale 200',
    ]);
    expect(balanceDocuments(f.sim).sales).toEqual([]);

    // The proxy is fixed; an operator retries the dead document: exported once.
    f.sim.faults.clear();
    const retried = await f.orders.retryDocument({ storeId: STORE_ID, key: `sale:${order.id}` });
    expect(retried.previousState).toBe('dead');
    expect(retried.result?.documents).toMatchObject([{ action: 'exported' }]);
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
  });

  it('with client-side retries, a one-off HTML 200 page is absorbed in the same attempt (one Sale)', async () => {
    const f = createOrderFixture({ retry: { limit: 1, backoffMs: 1, maxDelayMs: 1 } });
    await seedProducts(f);
    const order = await placePaidOrder(f);
    f.sim.faults.set({ htmlErrorPage: { status: 200, times: 1, ...PUT_SALE } });

    const result = await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });

    expect(result.documents).toMatchObject([{ action: 'exported', state: 'exported' }]);
    expect(requestLog(f.sim)).toEqual(['PUT Sale 200', 'PUT Sale 200']);
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ total: 5980, writes: 1 }),
    ]);
  });
});
