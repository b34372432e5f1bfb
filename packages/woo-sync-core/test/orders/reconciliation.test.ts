import { OrderExportError, type ReconciliationRow } from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  createOrderFixture,
  type OrderFixture,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

const RANGE = { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' };

function byKey(rows: readonly ReconciliationRow[]) {
  return Object.fromEntries(rows.map((row) => [row.key, row]));
}

/**
 * A store with every case: exported (ok), exported then deleted in Balance, exported then
 * edited in Balance, exported then drifted, never exported, refused, not paid, paid outside
 * the range, and refunds.
 */
async function storeWithEveryCase(f: OrderFixture) {
  const p = await seedProducts(f);
  const place = (productId: number, total: string, status?: 'on-hold') =>
    f.woo.seed.placeOrder({ ...(status ? { status } : {}), lines: [{ productId, total }] });
  const ok = await place(p.espresso.id, '18.90');
  const deleted = await place(p.beans.id, '54.00');
  const edited = await place(p.detergent.id, '7.35');
  const drifted = await place(p.sponge.id, '3.10');
  const failed = await place(p.unmapped.id, '9.99');
  const held = await place(p.espresso.id, '18.90', 'on-hold');
  for (const order of [ok, deleted, edited, drifted, failed]) {
    await f.orders.exportOrder({ storeId: STORE_ID, orderId: order.id });
  }
  const never = await place(p.beans.id, '54.00');
  const refund = await f.woo.seed.refundOrder(ok.id, { amount: '3.00' });
  const unexportedRefund = await f.woo.seed.refundOrder(deleted.id, { amount: '4.00' });
  await f.orders.exportOrder({ storeId: STORE_ID, orderId: ok.id });

  // An order paid after the range.
  await f.woo.seed.advanceTime(5 * 24 * 3600_000);
  const later = await place(p.espresso.id, '18.90');
  await f.orders.exportOrder({ storeId: STORE_ID, orderId: later.id });

  // What happened in Balance and the store after the export.
  const saleUid = async (orderId: number) =>
    (await f.store.ledger.get(STORE_ID, `sale:${orderId}`))?.uid ?? '';
  f.sim.deleteDocument('Sale', await saleUid(deleted.id));
  const editedSale = f.sim.getDocument('Sale', await saleUid(edited.id));
  const firstLine = (editedSale?.body.Items as Record<string, unknown>[] | undefined)?.[0];
  if (firstLine) firstLine.Amount = '7.00';
  const [mapping] = (await f.store.products.list(STORE_ID)).filter((m) => m.wooId === p.sponge.id);
  if (!mapping) throw new Error('no sponge mapping');
  await f.store.products.remove(STORE_ID, [mapping.balanceUid]);
  await f.store.products.upsert(STORE_ID, [{ ...mapping, balanceUid: f.sim.seed.items.greenTea }]);
  await f.restart().exportOrder({ storeId: STORE_ID, orderId: drifted.id });

  return { ok, deleted, edited, drifted, failed, held, never, later, refund, unexportedRefund };
}

describe('reconcile', () => {
  it('lists missing, different, drifted and failed documents to the tetri, each with its fix', async () => {
    const f = createOrderFixture();
    const c = await storeWithEveryCase(f);

    const report = await f.restart().reconcile({ storeId: STORE_ID, ...RANGE });

    const rows = byKey(report.rows);
    expect(Object.keys(rows).sort()).toEqual(
      [
        `sale:${c.ok.id}`,
        `sale:${c.deleted.id}`,
        `sale:${c.edited.id}`,
        `sale:${c.drifted.id}`,
        `sale:${c.failed.id}`,
        `sale:${c.never.id}`,
        `credit:${c.refund.id}`,
        `credit:${c.unexportedRefund.id}`,
      ].sort(),
    );
    expect(rows[`sale:${c.ok.id}`]).toMatchObject({
      status: 'ok',
      storeTotalMinor: 1890,
      ledgerTotalMinor: 1890,
      balanceTotalMinor: 1890,
    });
    expect(rows[`credit:${c.refund.id}`]).toMatchObject({
      status: 'ok',
      storeTotalMinor: 300,
      balanceTotalMinor: 300,
    });
    expect(rows[`sale:${c.deleted.id}`]).toMatchObject({
      status: 'missing-in-balance',
      balanceTotalMinor: null,
      fix: {
        action: 'resend-document',
        command: `balance-woo resend-document sale:${c.deleted.id} --store main`,
      },
    });
    expect(rows[`sale:${c.edited.id}`]).toMatchObject({
      status: 'different',
      ledgerTotalMinor: 735,
      balanceTotalMinor: 700,
      fix: { action: 'review' },
    });
    expect(rows[`sale:${c.drifted.id}`]).toMatchObject({
      status: 'drift',
      fix: { action: 'review' },
    });
    expect(rows[`sale:${c.drifted.id}`]?.detail).toContain('changed: Items');
    expect(rows[`sale:${c.failed.id}`]).toMatchObject({
      status: 'failed',
      ledgerState: 'failed',
      fix: {
        action: 'retry-document',
        command: `balance-woo retry-document sale:${c.failed.id} --store main`,
      },
    });
    expect(rows[`sale:${c.failed.id}`]?.detail).toContain('NOPE-1');
    expect(rows[`sale:${c.never.id}`]).toMatchObject({
      status: 'missing-in-ledger',
      storeTotalMinor: 5400,
      ledgerTotalMinor: null,
      fix: { action: 'push-order', command: `balance-woo push-order ${c.never.id} --store main` },
    });
    expect(rows[`credit:${c.unexportedRefund.id}`]).toMatchObject({
      status: 'missing-in-ledger',
      refundId: c.unexportedRefund.id,
      fix: { action: 'push-order' },
    });
    expect(report.summary).toEqual({
      ok: 2,
      'missing-in-ledger': 2,
      'missing-in-balance': 1,
      different: 1,
      drift: 1,
      failed: 1,
      dead: 0,
      'in-progress': 0,
    });
    expect(report).toMatchObject({ orders: 6, refunds: 2 });
    expect(report.rows.map((row) => row.status)).toEqual([
      'missing-in-ledger',
      'missing-in-ledger',
      'missing-in-balance',
      'different',
      'failed',
      'drift',
      'ok',
      'ok',
    ]);

    // The text rendering lists the problems with their fixes, not the ok rows.
    expect(report.text).toContain(`Reconciliation of store "main", ${RANGE.from} – ${RANGE.to}`);
    expect(report.text).toContain(
      `MISSING IN BALANCE  sale:${c.deleted.id}  order #${c.deleted.number}  store 54.00  ledger 54.00  Balance —`,
    );
    expect(report.text).toContain(`  fix: balance-woo push-order ${c.never.id} --store main`);
    expect(report.text).not.toContain(`OK  sale:${c.ok.id}`);

    // Saved as a run report, and announced.
    const saved = await f.store.runs.get(STORE_ID, report.runReportId);
    expect(saved).toMatchObject({
      kind: 'reconcile',
      status: 'succeeded',
      summary: { ok: 2, orders: 6 },
    });
    expect((saved?.details as { rows: unknown[] } | undefined)?.rows).toHaveLength(8);
    expect(f.events.filter((entry) => entry.name === 'reconciled')).toHaveLength(1);
  });

  it('applying the fixes makes the next reconciliation clean (apart from what needs a person)', async () => {
    const f = createOrderFixture();
    const c = await storeWithEveryCase(f);
    const orders = f.restart();

    await orders.retryDocument({ storeId: STORE_ID, key: `sale:${c.deleted.id}`, resend: true });
    await orders.exportOrder({ storeId: STORE_ID, orderId: c.never.id });
    // The refused Sale: link the product, then retry.
    await f.store.products.upsert(STORE_ID, [
      {
        balanceUid: f.sim.seed.items.hibiscusTea,
        wooId: f.products.unmapped.id,
        wooParentId: 0,
        sku: 'NOPE-1',
        lastPushed: {},
        updatedAt: '2026-03-02T08:00:00Z',
      },
    ]);
    await orders.retryDocument({ storeId: STORE_ID, key: `sale:${c.failed.id}` });

    const report = await orders.reconcile({ storeId: STORE_ID, ...RANGE });

    expect(report.summary).toMatchObject({
      ok: 6,
      'missing-in-ledger': 0,
      'missing-in-balance': 0,
      failed: 0,
      different: 1,
      drift: 1,
    });
    // The resent Sale is the same document (same uid), written once more.
    const resent = report.rows.find((row) => row.key === `sale:${c.deleted.id}`);
    expect(resent).toMatchObject({ status: 'ok', balanceTotalMinor: 5400 });
    expect(f.sim.state.sales.size).toBe(7);
  });

  it('refuses a range that is not two UTC instants in order', async () => {
    const f = createOrderFixture();
    await expect(
      f.orders.reconcile({
        storeId: STORE_ID,
        from: '2026-03-03T00:00:00Z',
        to: '2026-03-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ name: 'OrderExportError', code: 'invalid_range' });
    await expect(
      f.orders.reconcile({ storeId: STORE_ID, from: '2026-03-01', to: '2026-03-03T00:00:00Z' }),
    ).rejects.toBeInstanceOf(OrderExportError);
  });
});
