import {
  creditKey,
  documentUid,
  formatMoney,
  parseMoney,
  saleKey,
  storeNamespace,
  type WooOrder,
} from '@balance-sync/woo-sync-core';
import { type CrashPoint, CrashSwitch } from '@balance-sync/woo-sync-core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceDocuments,
  createOrderFixture,
  type OrderFixture,
  STORE_ID,
  seedProducts,
} from './support/order-fixture.js';

/** What can happen to a store and its export, in any order. */
type Action =
  | { kind: 'place'; paid: boolean; espresso: number; sponge: number }
  | { kind: 'pay'; order: number }
  | { kind: 'refund'; order: number; share: number }
  | { kind: 'deliver'; order: number }
  | { kind: 'duplicate'; order: number }
  | { kind: 'crash'; order: number; step: number; point: CrashPoint }
  | { kind: 'fault'; fault: 'drop' | '503' | '429' };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const),
    paid: fc.boolean(),
    espresso: fc.integer({ min: 0, max: 3 }),
    sponge: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('pay' as const), order: fc.nat(5) }),
  fc.record({
    kind: fc.constant('refund' as const),
    order: fc.nat(5),
    share: fc.double({ min: 0.05, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('deliver' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('duplicate' as const), order: fc.nat(5) }),
  fc.record({
    kind: fc.constant('crash' as const),
    order: fc.nat(5),
    step: fc.integer({ min: 1, max: 20 }),
    point: fc.constantFrom<CrashPoint>('before', 'after'),
  }),
  fc.record({
    kind: fc.constant('fault' as const),
    fault: fc.constantFrom('drop' as const, '503' as const, '429' as const),
  }),
);

const minor = (text: string) => {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.minor;
};

/** Runs an export the way a delivery would: transient failures and crashes are the queue's business. */
async function attempt(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch {
    // a crash, Balance down, a lost response: a later delivery or the settle step resumes
  }
}

async function apply(f: OrderFixture, placed: WooOrder[], action: Action): Promise<void> {
  const pick = (index: number) => placed[index % Math.max(placed.length, 1)];
  switch (action.kind) {
    case 'place': {
      const lines = [
        {
          productId: f.products.sponge.id,
          quantity: action.sponge,
          total: formatMoney(310 * action.sponge),
        },
      ];
      if (action.espresso > 0) {
        lines.push({
          productId: f.products.espresso.id,
          quantity: action.espresso,
          total: formatMoney(1890 * action.espresso),
        });
      }
      placed.push(
        await f.woo.seed.placeOrder({ status: action.paid ? 'processing' : 'on-hold', lines }),
      );
      return;
    }
    case 'pay': {
      const order = pick(action.order);
      if (order && (await f.woo.orders.get(order.id))?.status === 'on-hold') {
        await f.woo.seed.setOrderStatus(order.id, 'processing');
      }
      return;
    }
    case 'refund': {
      const order = pick(action.order);
      const current = order && (await f.woo.orders.get(order.id));
      if (!current || current.datePaid === null) return;
      const refunded = current.refunds.reduce((sum, ref) => sum - minor(ref.total), 0);
      const remaining = minor(current.total) - refunded;
      const amount = Math.min(remaining, Math.max(1, Math.floor(remaining * action.share)));
      if (amount <= 0) return;
      await f.woo.seed.refundOrder(current.id, { amount: formatMoney(amount) });
      return;
    }
    case 'deliver': {
      const order = pick(action.order);
      if (order)
        await attempt(() => f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id }));
      return;
    }
    case 'duplicate': {
      const order = pick(action.order);
      if (!order) return;
      await Promise.all([
        attempt(() => f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id })),
        attempt(() => f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id })),
      ]);
      return;
    }
    case 'crash': {
      const order = pick(action.order);
      if (!order) return;
      const crash = new CrashSwitch();
      crash.arm(action.step, action.point);
      const service = f.service({
        balance: crash.wrap(f.balance, 'balance'),
        woo: crash.wrap(f.woo, 'woo'),
        store: crash.wrap(f.store, 'store'),
      });
      await attempt(() => service.exportOrder({ storeId: STORE_ID, orderId: order.id }));
      return;
    }
    case 'fault':
      f.sim.faults.set(
        action.fault === 'drop'
          ? { dropResponseAfterWrite: { times: 1 } }
          : action.fault === '503'
            ? { serverError: { status: 503, times: 1 } }
            : { rateLimit: { retryAfterSeconds: 1, times: 1 } },
      );
      return;
  }
}

describe('random interleavings of deliveries, duplicates, refunds, faults and crashes', () => {
  it('end with exactly one Sale per paid order and one credit note per refund, to the tetri', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(actionArbitrary, { minLength: 1, maxLength: 14 }),
        async (actions) => {
          const f = createOrderFixture();
          await seedProducts(f);
          const placed: WooOrder[] = [];
          const namespace = storeNamespace({ id: STORE_ID });
          for (const action of actions) {
            await apply(f, placed, action);
            // Never a document for anything but a paid order or a refund of one.
            const paidUids = new Set<string>();
            for (const order of placed) {
              const current = await f.woo.orders.get(order.id);
              if (current?.datePaid) paidUids.add(documentUid(namespace, saleKey(order.id)));
            }
            for (const sale of balanceDocuments(f.sim).sales)
              expect(paidUids.has(sale.uid)).toBe(true);
          }

          // Settle: faults gone, every order delivered until it goes through (what retries do).
          f.sim.faults.clear();
          for (const order of placed) {
            for (let round = 0; round < 3; round += 1) {
              try {
                await f.restart().exportOrder({ storeId: STORE_ID, orderId: order.id });
                break;
              } catch {
                // a fault set just before may still fire once
              }
            }
          }

          const { sales, credits } = balanceDocuments(f.sim);
          let expectedCredits = 0;
          let paidOrders = 0;
          for (const order of placed) {
            const current = await f.woo.orders.get(order.id);
            if (!current) continue;
            const saleUid = documentUid(namespace, saleKey(order.id));
            const sale = sales.filter((doc) => doc.uid === saleUid);
            if (current.datePaid === null) {
              expect(sale).toEqual([]);
              continue;
            }
            paidOrders += 1;
            expect(sale.map((doc) => doc.total)).toEqual([minor(current.total)]);
            for (const refund of await f.woo.refunds.listForOrder(order.id)) {
              expectedCredits += 1;
              const credit = credits.filter(
                (doc) => doc.uid === documentUid(namespace, creditKey(refund.id)),
              );
              expect(credit.map((doc) => [doc.total, doc.base])).toEqual([
                [minor(refund.amount), saleUid],
              ]);
            }
          }
          expect(sales).toHaveLength(paidOrders);
          expect(credits).toHaveLength(expectedCredits);
          const counts = await f.store.ledger.counts(STORE_ID);
          expect(counts).toEqual({
            pending: 0,
            sent: 0,
            failed: 0,
            dead: 0,
            exported: paidOrders + expectedCredits,
          });
        },
      ),
      { numRuns: 40, seed: 20_260_302 },
    );
  });
});
