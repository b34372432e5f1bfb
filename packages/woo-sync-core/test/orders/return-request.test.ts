import { RetryLaterError } from '@balance-sync/woo-sync-core';
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
});
