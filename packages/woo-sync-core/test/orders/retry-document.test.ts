import { createJobHandler } from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  STORE_ID,
  seedProducts,
  waitForJobs,
} from './support/order-fixture.js';

describe('retryDocument', () => {
  it('reopens a failed document and enqueues its order; the worker exports it', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: p.unmapped.id, total: '9.99' }],
    });
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'failed',
    });
    await f.store.products.upsert(STORE_ID, [
      {
        balanceUid: f.sim.seed.items.hibiscusTea,
        wooId: p.unmapped.id,
        wooParentId: 0,
        sku: 'NOPE-1',
        lastPushed: {},
        updatedAt: '2026-03-02T08:00:00Z',
      },
    ]);
    const queue = new InMemoryJobQueue();
    const orders = f.restart({ queue });

    const retried = await orders.retryDocument({ storeId: STORE_ID, key: `sale:${order.id}` });

    expect(retried).toMatchObject({ key: `sale:${order.id}`, previousState: 'failed' });
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'pending',
    });
    expect(await queue.list()).toMatchObject([
      { id: retried.jobId, name: 'export-order', dedupeId: `order:${STORE_ID}:${order.id}` },
    ]);
    await queue.start(createJobHandler({ orders }));
    await waitForJobs(queue);
    expect(balanceDocuments(f.sim).sales.map((sale) => sale.total)).toEqual([999]);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({
      state: 'exported',
      lastError: null,
    });
    await queue.close();
  });

  it('resends an exported document only when asked, with the same uid', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: p.beans.id, total: '54.00' }],
    });
    const [sale] = (await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id })).documents;
    f.sim.deleteDocument('Sale', sale?.uid ?? '');

    await expect(
      f.orders.retryDocument({ storeId: STORE_ID, key: `sale:${order.id}` }),
    ).rejects.toMatchObject({ name: 'OrderExportError', code: 'document_not_retryable' });
    const resent = await f.orders.retryDocument({
      storeId: STORE_ID,
      key: `sale:${order.id}`,
      resend: true,
    });

    expect(resent).toMatchObject({
      previousState: 'exported',
      result: { documents: [{ action: 'exported' }] },
    });
    expect(balanceDocuments(f.sim).sales).toEqual([
      expect.objectContaining({ uid: sale?.uid, total: 5400 }),
    ]);
    expect(await f.store.ledger.get(STORE_ID, `sale:${order.id}`)).toMatchObject({ attempts: 2 });
  });

  it('says document_not_found for an unknown key', async () => {
    const f = createOrderFixture();
    await expect(
      f.orders.retryDocument({ storeId: STORE_ID, key: 'sale:4242' }),
    ).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('retries a return request from its recorded lines', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const order = await f.woo.seed.placeOrder({
      lines: [{ productId: p.espresso.id, quantity: 2, total: '37.80' }],
    });
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
    f.sim.faults.set({ serverError: { status: 500, times: 1, templates: ['SalesCredit'] } });
    const request = {
      storeId: STORE_ID,
      orderId: order.id,
      requestId: 'rma-3',
      lines: [{ sku: 'CF-001', quantity: 1 }],
    };
    await expect(f.orders.pushReturnRequest(request, { finalAttempt: true })).rejects.toThrow();
    expect(await f.store.ledger.get(STORE_ID, `return:${order.id}:rma-3`)).toMatchObject({
      state: 'dead',
    });
    const queue = new InMemoryJobQueue();

    const retried = await f
      .restart({ queue })
      .retryDocument({ storeId: STORE_ID, key: `return:${order.id}:rma-3` });

    expect(retried.previousState).toBe('dead');
    expect(await queue.list()).toMatchObject([
      {
        name: 'push-return-request',
        payload: { orderId: order.id, requestId: 'rma-3', lines: request.lines },
      },
    ]);
    await queue.close();
  });
});
