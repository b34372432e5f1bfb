import { describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  eventNames,
  requestLog,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

describe('dryRun', () => {
  it('builds and validates every payload, records them in a report, and sends nothing', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const good = await f.woo.seed.placeOrder({
      lines: [{ productId: p.espresso.id, quantity: 2, total: '37.80' }],
    });
    const refund = await f.woo.seed.refundOrder(good.id, { amount: '5.00' });
    const bad = await f.woo.seed.placeOrder({
      lines: [{ productId: p.unmapped.id, total: '9.99' }],
    });
    const held = await f.woo.seed.placeOrder({
      status: 'on-hold',
      lines: [{ productId: p.beans.id, total: '54.00' }],
    });

    const result = await f.orders.dryRun({
      storeId: STORE_ID,
      orderIds: [good.id, bad.id, held.id, 999_999],
    });

    expect(result.entries.map((entry) => [entry.key, entry.status, entry.reason ?? ''])).toEqual([
      [`sale:${good.id}`, 'valid', ''],
      [`credit:${refund.id}`, 'valid', ''],
      [`sale:${bad.id}`, 'invalid', ''],
      [`sale:${held.id}`, 'skipped', 'not-paid'],
      ['sale:999999', 'skipped', 'not-found'],
    ]);
    const [sale, credit, invalid] = result.entries;
    expect(sale).toMatchObject({ template: 'Sale', totalMinor: 3780 });
    expect(sale?.body).toEqual([
      expect.objectContaining({ uid: sale?.uid, Items: expect.any(Array) }),
    ]);
    expect(credit).toMatchObject({ template: 'SalesCredit', totalMinor: 500 });
    expect(invalid?.messages?.[0]).toContain('NOPE-1');

    // Nothing sent (only the read of the Sale's line uids), nothing in the ledger.
    expect(requestLog(f.sim)).toEqual(['GET Sale 404']);
    expect(balanceDocuments(f.sim)).toEqual({ sales: [], credits: [] });
    expect(await f.store.ledger.counts(STORE_ID)).toEqual({
      pending: 0,
      sent: 0,
      exported: 0,
      failed: 0,
      dead: 0,
    });
    expect(eventNames(f.events)).toEqual(['dry-run', 'dry-run']);
    const saved = await f.store.runs.get(STORE_ID, result.report.id);
    expect(saved).toMatchObject({
      kind: 'export-dry-run',
      status: 'partial',
      summary: { orders: 4, valid: 2, invalid: 1, skipped: 2, error: 0 },
    });
    expect((saved?.details as { entries: unknown[] } | undefined)?.entries).toHaveLength(5);

    // The dry run does not block the real export, which sends what it showed — except that
    // credit lines now reference the Sale's line uids, which exist once the Sale does.
    const real = await f.orders.exportOrder({ storeId: STORE_ID, orderId: good.id });
    expect(real.documents.map((doc) => doc.action)).toEqual(['exported', 'exported']);
    const [sentSale, sentCredit] = f.sim.requests
      .filter((request) => request.method === 'PUT')
      .map((request) => (request.body as Record<string, unknown>[])[0]);
    expect(sentSale).toEqual(sale?.body?.[0]);
    const shown = credit?.body?.[0] as { Items: Record<string, unknown>[] };
    const saleLineUid = f.sim.getDocument('Sale', sale?.uid ?? '')?.lines[0]?.uid;
    expect(sentCredit).toEqual({
      ...shown,
      Items: shown.Items.map((line) => ({ ...line, BaseDocument: saleLineUid })),
    });
    expect(shown.Items.map((line) => line.BaseDocument)).toEqual([sale?.uid]);
  });

  it('selects the orders paid in a range', async () => {
    const f = createOrderFixture();
    const p = await seedProducts(f);
    const inside = await f.woo.seed.placeOrder({
      lines: [{ productId: p.sponge.id, total: '3.10' }],
    });
    await f.woo.seed.advanceTime(3 * 24 * 3600_000);
    await f.woo.seed.placeOrder({ lines: [{ productId: p.sponge.id, total: '3.10' }] });

    const result = await f.orders.dryRun({
      storeId: STORE_ID,
      range: { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' },
    });

    expect(result.entries.map((entry) => [entry.key, entry.status])).toEqual([
      [`sale:${inside.id}`, 'valid'],
    ]);
  });
});
