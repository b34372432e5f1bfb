import { createBalanceSimulator } from '@balance-sync/balance-client/testing';
import {
  addCreditedTotals,
  buildCreditNote,
  buildReturnRequest,
  buildSale,
  type CreditedTotals,
  NO_CREDITS,
  type OrderExportConfig,
  ordersConfigSchema,
  saleLineUidsFromReadBack,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  orderSpecArb,
  refundIntentArb,
  refundsFromIntents,
  wooOrderFromSpec,
} from './support/woo-order-generator.js';

/*
 * The documents the builders produce, sent through the Balance simulator's own validation
 * and posting checks (1C "ОбработкаПроведения": credits may not exceed the Sale in total,
 * nor in returned quantity per Sale line and per item).
 */
describe('documents pass the Balance simulator’s validation and posting', () => {
  const sim = createBalanceSimulator();
  const seed = sim.seed;
  const goods = [
    seed.items.espresso,
    seed.items.arabicaBeans,
    seed.items.greenTea,
    seed.items.detergent,
    seed.items.sponge,
  ];
  let nextOrderId = 8000;

  const configArb = fc
    .record({
      rounding: fc.constantFrom('split-line', 'discount-field'),
      amountOnly: fc.constantFrom<{ mode: 'spread' } | { mode: 'item'; item: string }>(
        { mode: 'spread' },
        { mode: 'item', item: seed.items.feeAndRounding },
      ),
    })
    .map(
      ({ rounding, amountOnly }): OrderExportConfig => ({
        store: { id: 'simulated-store', timezone: 'Asia/Tbilisi', currency: 'GEL' },
        orders: ordersConfigSchema.parse({
          customer: { mode: 'retail', retailClient: seed.retailClientUid },
          warehouse: seed.warehouses.main,
          shippingItem: seed.shippingItemUid,
          feeItem: seed.feeItemUid,
          rounding,
          credits: { amountOnly },
        }),
      }),
    );

  it('Sales, then every refund of random refund sequences, then return requests', () => {
    let documents = 0;
    fc.assert(
      fc.property(
        orderSpecArb,
        fc.array(refundIntentArb, { minLength: 1, maxLength: 6 }),
        configArb,
        (spec, intents, config) => {
          const order = wooOrderFromSpec(spec, nextOrderId++);
          const sale = buildSale({
            order,
            client: seed.retailClientUid,
            resolveItem: (line) => ({ item: goods[(line.id - 1) % goods.length] ?? '' }),
            config,
          });
          if (!sale.ok) throw new Error(sale.issues[0]?.message);
          sim.putDocuments('Sale', [sale.document]);
          const stored = sim.getDocument('Sale', sale.uid);
          expect(stored?.totalTetri).toBe(sale.totalMinor);
          const saleLineUids = saleLineUidsFromReadBack(sale, { Items: stored?.lines ?? [] });
          let credited: CreditedTotals = NO_CREDITS;
          for (const refund of refundsFromIntents(order, intents)) {
            const credit = buildCreditNote({ order, refund, sale, credited, saleLineUids, config });
            if (!credit.ok) throw new Error(credit.issues[0]?.message);
            sim.putDocuments('SalesCredit', [credit.document]); // throws with Balance's messages
            credited = addCreditedTotals(credited, credit);
            documents++;
          }
          // Whatever is left of the first line comes back through a return request.
          const first = sale.parts[0];
          const left = first ? first.quantity - (credited.parts[first.key]?.quantity ?? 0) : 0;
          if (first?.sku && left > 0) {
            const request = buildReturnRequest({
              order,
              sale,
              requestId: 'rest',
              lines: [{ sku: first.sku, quantity: left }],
              requestedAt: '2026-03-20T09:00:00Z',
              credited,
              saleLineUids,
              config,
            });
            if (!request.ok) throw new Error(request.issues[0]?.message);
            sim.putDocuments('SalesCredit', [request.document]);
            documents++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(documents).toBeGreaterThan(300);
  });
});
