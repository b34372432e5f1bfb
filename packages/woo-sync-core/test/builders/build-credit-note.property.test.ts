import {
  addCreditedTotals,
  buildCreditNote,
  buildSale,
  type CreditedTotals,
  creditedTotalMinor,
  NO_CREDITS,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportConfig,
  GOODWILL_ITEM,
  RETAIL_CLIENT,
  resolveAny,
  toMinor,
} from './support/fixtures.js';
import {
  orderSpecArb,
  refundIntentArb,
  refundsFromIntents,
  wooOrderFromSpec,
} from './support/woo-order-generator.js';

const optionsArb = fc.record({
  rounding: fc.constantFrom('split-line', 'discount-field'),
  negativeFees: fc.constantFrom('spread-discount', 'negative-line'),
  amountOnly: fc.constantFrom<{ mode: 'spread' } | { mode: 'item'; item: string }>(
    { mode: 'spread' },
    { mode: 'item', item: GOODWILL_ITEM },
  ),
});

describe('buildCreditNote properties (refund sequences as WooCommerce records them)', () => {
  it('each credit note equals its refund, and together they never exceed the Sale', () => {
    const seen = { return: 0, correction: 0, spread: 0, item: 0, several: 0, fullyRefunded: 0 };
    fc.assert(
      fc.property(
        orderSpecArb,
        fc.array(refundIntentArb, { minLength: 1, maxLength: 6 }),
        optionsArb,
        (spec, intents, options) => {
          const config = exportConfig({
            rounding: options.rounding,
            negativeFees: options.negativeFees,
            credits: {
              returnOperationType: 'დაბრუნება',
              priceCorrectionOperationType: 'ფასის კორექტირება',
              amountOnly: options.amountOnly,
            },
          });
          const order = wooOrderFromSpec(spec);
          const sale = buildSale({ order, client: RETAIL_CLIENT, resolveItem: resolveAny, config });
          if (!sale.ok) throw new Error(sale.issues[0]?.message);
          const saleBefore = structuredClone(sale);
          const refunds = refundsFromIntents(order, intents);
          let credited: CreditedTotals = NO_CREDITS;
          const uids = new Set<string>();
          // Balance's posting check (as the simulator models it): returns may not exceed the
          // quantity sold per Sale line and per item; price corrections count for money only.
          const saleLineUids = sale.document.Items.map((_, index) => `sale-line-${index}`);
          const soldByLine = new Map(
            sale.document.Items.map((line, index) => [saleLineUids[index], Number(line.Quantity)]),
          );
          const soldByItem = new Map<string, number>();
          for (const line of sale.document.Items)
            soldByItem.set(line.Item, (soldByItem.get(line.Item) ?? 0) + Number(line.Quantity));
          const returnedByLine = new Map<string, number>();
          const returnedByItem = new Map<string, number>();
          for (const refund of refunds) {
            const credit = buildCreditNote({ order, refund, sale, credited, saleLineUids, config });
            if (!credit.ok) throw new Error(credit.issues.map((issue) => issue.message).join('\n'));
            // The credit equals the refund, to the tetri, line by line.
            let sum = 0;
            for (const line of credit.document.Items) {
              const quantity = Number(line.Quantity);
              const discount = line.Discount === undefined ? 0 : toMinor(line.Discount);
              expect(toMinor(line.Price) * quantity - discount).toBe(toMinor(line.Amount));
              expect(quantity).toBeGreaterThan(0);
              expect(toMinor(line.Amount)).toBeGreaterThanOrEqual(0);
              // A Sale line, except the amount-only item's line, which references the Sale.
              if (line.Item === GOODWILL_ITEM) expect(line.BaseDocument).toBe(sale.uid);
              else expect(saleLineUids).toContain(line.BaseDocument);
              if (credit.kind === 'return') {
                expect(line.Item).not.toBe(GOODWILL_ITEM);
                returnedByLine.set(
                  line.BaseDocument,
                  (returnedByLine.get(line.BaseDocument) ?? 0) + quantity,
                );
                returnedByItem.set(line.Item, (returnedByItem.get(line.Item) ?? 0) + quantity);
              }
              sum += toMinor(line.Amount);
            }
            expect(sum).toBe(toMinor(refund.amount));
            expect(credit.totalMinor).toBe(sum);
            expect(credit.document.BaseDocument).toBe(sale.uid);
            uids.add(credit.uid);
            credited = addCreditedTotals(credited, credit);
            seen[credit.kind === 'return' ? 'return' : 'correction']++;
            if (credit.parts.some((part) => part.spreadMinor > 0)) seen.spread++;
            if (credit.unallocatedMinor > 0) seen.item++;
          }
          // Together: never beyond the Sale, never more units than sold, one document per refund.
          expect(creditedTotalMinor(credited)).toBeLessThanOrEqual(sale.totalMinor);
          for (const part of sale.parts) {
            expect(credited.parts[part.key]?.quantity ?? 0).toBeLessThanOrEqual(part.quantity);
          }
          expect(uids.size).toBe(refunds.length);
          for (const [line, returned] of returnedByLine)
            expect(returned).toBeLessThanOrEqual(soldByLine.get(line) ?? 0);
          for (const [item, returned] of returnedByItem)
            expect(returned).toBeLessThanOrEqual(soldByItem.get(item) ?? 0);
          expect(sale).toEqual(saleBefore);
          if (refunds.length > 1) seen.several++;
          if (creditedTotalMinor(credited) === sale.totalMinor && refunds.length > 0)
            seen.fullyRefunded++;
        },
      ),
      { numRuns: 2000 },
    );
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(50);
  });
});

describe('buildCreditNote properties, net Sales (orders.vat.amounts = follow-order)', () => {
  it('each credit keeps its refund amount as gross, its lines net, and stays within the net Sale', () => {
    const noDiscountFees = orderSpecArb.map((spec) => ({
      ...spec,
      fees: spec.fees.filter((fee) => fee.permille > 0),
    }));
    let exclusive = 0;
    let vatOnly = 0;
    fc.assert(
      fc.property(
        noDiscountFees,
        fc.array(refundIntentArb, { minLength: 1, maxLength: 6 }),
        (spec, intents) => {
          const config = exportConfig({
            vat: {
              taxable: 'იბეგრება დღგ-ით',
              operationType: 'მიწოდება კომპენსაციით',
              amounts: 'follow-order',
            },
          });
          const order = wooOrderFromSpec(spec);
          const sale = buildSale({ order, client: RETAIL_CLIENT, resolveItem: resolveAny, config });
          if (!sale.ok) throw new Error(sale.issues[0]?.message);
          if (!order.pricesIncludeTax) exclusive++;
          let credited: CreditedTotals = NO_CREDITS;
          for (const refund of refundsFromIntents(order, intents)) {
            const credit = buildCreditNote({ order, refund, sale, credited, config });
            if (!credit.ok) {
              // Only possible once the net Sale is fully credited and a tetri of VAT is left.
              expect(credit.issues.map((issue) => issue.code)).toEqual(['vat_only_refund']);
              expect(creditedTotalMinor(credited)).toBe(sale.totalMinor);
              vatOnly++;
              break;
            }
            const lines = credit.document.Items.reduce(
              (sum, line) => sum + toMinor(line.Amount),
              0,
            );
            expect(credit.document.AmountIncludesVAT).toBe(order.pricesIncludeTax);
            expect(lines).toBe(credit.totalMinor);
            expect(credit.grossTotalMinor).toBe(toMinor(refund.amount));
            if (order.pricesIncludeTax) expect(credit.totalMinor).toBe(credit.grossTotalMinor);
            // Net ≤ gross, give or take the tetri of VAT that earlier per-unit refunds rounded.
            else expect(credit.totalMinor).toBeLessThanOrEqual(credit.grossTotalMinor + 2);
            credited = addCreditedTotals(credited, credit);
          }
          expect(creditedTotalMinor(credited)).toBeLessThanOrEqual(sale.totalMinor);
          expect(credited.grossMinor).toBeLessThanOrEqual(sale.orderTotalMinor);
        },
      ),
      { numRuns: 2000 },
    );
    expect(exclusive).toBeGreaterThan(500);
    expect(vatOnly).toBeLessThan(40); // rare: 2% of sequences at most
  });
});
