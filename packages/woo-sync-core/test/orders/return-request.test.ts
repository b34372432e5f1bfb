import {
  createJobHandler,
  type Job,
  type JobPayloads,
  RetryLaterError,
} from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  type OrderFixture,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

async function exportedOrder(f: OrderFixture) {
  const p = await seedProducts(f);
  const order = await f.woo.seed.placeOrder({
    lines: [
      { productId: p.espresso.id, quantity: 3, total: '56.70' },
      { productId: p.sponge.id, quantity: 1, total: '3.10' },
    ],
  });
  await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
  return order;
}

describe('pushReturnRequest', () => {
  it('credits the returned units against the exported Sale, once', async () => {
    const f = createOrderFixture();
    const order = await exportedOrder(f);
    const request = {
      storeId: STORE_ID,
      orderId: order.id,
      requestId: 'rma-7',
      lines: [{ sku: 'CF-001', quantity: 2 }],
      requestedAt: '2026-03-05T09:00:00Z',
    };

    const result = await f.orders.pushReturnRequest(request);

    expect(result.documents).toMatchObject([
      { key: `return:${order.id}:rma-7`, kind: 'return', action: 'exported', state: 'exported' },
    ]);
    const { sales, credits } = balanceDocuments(f.sim);
    expect(credits.map((credit) => [credit.total, credit.base])).toEqual([[3780, sales[0]?.uid]]);
    const stored = f.sim.getDocument('SalesCredit', result.documents[0]?.uid ?? '');
    expect(stored?.body).toMatchObject({ OperationType: 'დაბრუნება', Date: '2026-03-05T13:00:00' });

    // The same request again (a retried job) changes nothing.
    f.sim.clearRequests();
    const again = await f.restart().pushReturnRequest({ ...request, requestedAt: undefined });
    expect(again.documents).toMatchObject([{ action: 'unchanged' }]);
    expect(f.sim.requests).toEqual([]);
  });

  it('refuses the same request id with other lines', async () => {
    const f = createOrderFixture();
    const order = await exportedOrder(f);
    const base = { storeId: STORE_ID, orderId: order.id, requestId: 'rma-8' };
    await f.orders.pushReturnRequest({ ...base, lines: [{ sku: 'CF-001', quantity: 1 }] });

    await expect(
      f.orders.pushReturnRequest({ ...base, lines: [{ sku: 'CF-001', quantity: 2 }] }),
    ).rejects.toMatchObject({ name: 'OrderExportError', code: 'return_request_conflict' });
  });

  it('counts earlier returns and refunds: a second return cannot take more than is left', async () => {
    const f = createOrderFixture();
    const order = await exportedOrder(f);
    const line = order.lineItems.find((item) => item.sku === 'CF-001');
    await f.woo.seed.refundOrder(order.id, {
      lines: [{ lineId: line?.id ?? 0, quantity: 1, total: '18.90' }],
    });
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    await f.orders.pushReturnRequest({
      storeId: STORE_ID,
      orderId: order.id,
      requestId: 'rma-1',
      lines: [{ sku: 'CF-001', quantity: 1 }],
    });

    const tooMany = await f.orders.pushReturnRequest({
      storeId: STORE_ID,
      orderId: order.id,
      requestId: 'rma-2',
      lines: [{ sku: 'CF-001', quantity: 2 }],
    });

    expect(tooMany.documents).toMatchObject([{ action: 'failed', state: 'failed' }]);
    expect(tooMany.documents[0]?.error?.code).toBe('return_quantity_exceeds_sale');
    expect(
      balanceDocuments(f.sim)
        .credits.map((credit) => credit.total)
        .sort(),
    ).toEqual([1890, 1890]);
  });

  it('waits for the Sale when the order is not exported yet', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: p.espresso.id, total: '18.90' }],
    });

    await expect(
      f.orders.pushReturnRequest({
        storeId: STORE_ID,
        orderId: order.id,
        requestId: 'rma-9',
        lines: [{ sku: 'CF-001', quantity: 1 }],
      }),
    ).rejects.toBeInstanceOf(RetryLaterError);
    expect(balanceDocuments(f.sim).credits).toEqual([]);
  });

  describe('a retried request builds the same document', () => {
    /** A delivery of a `push-return-request` job (the queue's attempt `attempt`). */
    function delivery(payload: JobPayloads['push-return-request'], attempt: number): Job {
      return {
        id: 'job-rma',
        name: 'push-return-request',
        storeId: STORE_ID,
        payload,
        dedupeId: null,
        state: 'active',
        attempts: attempt,
        maxAttempts: 5,
        runAt: '2026-03-02T08:00:00Z',
        createdAt: '2026-03-02T08:00:00Z',
        updatedAt: '2026-03-02T08:00:00Z',
        lastError: null,
      };
    }

    /** Every read of the engine's time moves it on by a minute, as a slow worker would see it. */
    function tickingClock(f: OrderFixture) {
      const now = f.clock.now.bind(f.clock);
      f.clock.now = () => {
        const at = now();
        f.clock.advance(60_000);
        return at;
      };
    }

    it('two deliveries of the job at once, then a retry: one date, one payload hash', async () => {
      const f = createOrderFixture();
      const order = await exportedOrder(f);
      tickingClock(f);
      const handle = createJobHandler({ orders: f.orders });
      const payload: JobPayloads['push-return-request'] = {
        orderId: order.id,
        requestId: 'rma-11',
        lines: [{ sku: 'CF-001', quantity: 1 }],
        requestedAt: '2026-03-05T09:00:00Z',
      };
      const signal = new AbortController().signal;

      // At-least-once delivery: a second worker took the job over while the first still ran.
      await Promise.all([
        handle(delivery(payload, 1), { attempt: 1, signal }),
        handle(delivery(payload, 2), { attempt: 2, signal }),
      ]);
      const key = `return:${order.id}:rma-11`;
      const exported = await f.store.ledger.get(STORE_ID, key);
      expect(exported?.state).toBe('exported');
      const document = f.sim.getDocument('SalesCredit', exported?.uid ?? '');
      expect(document?.body).toMatchObject({ Date: '2026-03-05T13:00:00' });

      // An operator resend (an accountant deleted it in Balance) goes through the queue and
      // rebuilds the same payload, whatever the time.
      const queue = new InMemoryJobQueue();
      const service = f.service({ queue });
      await service.retryDocument({ storeId: STORE_ID, key, resend: true });
      const [job] = await queue.list({ name: 'push-return-request' });
      expect(job?.payload).toEqual(payload);
      await createJobHandler({ orders: service })(delivery(payload, 1), { attempt: 1, signal });
      const resent = await f.store.ledger.get(STORE_ID, key);
      expect(resent).toMatchObject({ state: 'exported', payloadHash: exported?.payloadHash });
      expect(resent?.drift).toBeNull();
      await queue.close();
    });
  });
});
