import { buildSale, type SaleBuildResult } from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportConfig, RETAIL_CLIENT, resolveAny, toMinor } from './support/fixtures.js';
import { orderSpecArb, wooOrderFromSpec } from './support/woo-order-generator.js';

const optionsArb = fc.record({
  rounding: fc.constantFrom('split-line', 'discount-field'),
  negativeFees: fc.constantFrom('spread-discount', 'negative-line'),
  amounts: fc.constantFrom('gross', 'follow-order'),
});

function configFor(options: { rounding: string; negativeFees: string; amounts: string }) {
  return exportConfig({
    rounding: options.rounding,
    negativeFees: options.negativeFees,
    vat: {
      taxable: 'იბეგრება დღგ-ით',
      operationType: 'მიწოდება კომპენსაციით',
      amounts: options.amounts,
    },
  });
}

function expectOk(result: SaleBuildResult) {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

describe('buildSale properties (orders computed the way WooCommerce does)', () => {
  it('the Sale adds up to the order total exactly, line by line', () => {
    const seen = {
      adjusted: 0,
      split: 0,
      discountField: 0,
      negativeFee: 0,
      exclusive: 0,
      zeroRated: 0,
    };
    fc.assert(
      fc.property(orderSpecArb, optionsArb, (spec, options) => {
        const order = wooOrderFromSpec(spec);
        const sale = expectOk(
          buildSale({
            order,
            client: RETAIL_CLIENT,
            resolveItem: resolveAny,
            config: configFor(options),
          }),
        );
        const gross = options.amounts === 'gross' || order.pricesIncludeTax;
        const expected = toMinor(order.total) - (gross ? 0 : toMinor(order.totalTax));
        expect(sale.document.AmountIncludesVAT).toBe(gross);

        let sum = 0;
        for (const line of sale.document.Items) {
          const quantity = Number(line.Quantity);
          const price = toMinor(line.Price);
          const discount = line.Discount === undefined ? 0 : toMinor(line.Discount);
          const amount = toMinor(line.Amount);
          // Balance's arithmetic: Amount = Price × Quantity − Discount, to the tetri.
          expect(price * quantity - discount).toBe(amount);
          expect(Number.isInteger(quantity) && quantity > 0).toBe(true);
          if (line.Discount !== undefined) {
            expect(options.rounding).toBe('discount-field');
            expect(discount).toBeGreaterThan(0);
            expect(discount).toBeLessThan(quantity);
          }
          sum += amount;
        }
        expect(sum).toBe(expected);
        expect(sale.totalMinor).toBe(expected);

        // Every product line keeps its quantity; its lines add up to its part.
        for (const part of sale.parts) {
          const lines = part.lineIndexes.map((index) => sale.document.Items[index]!);
          expect(lines.reduce((total, line) => total + Number(line.Quantity), 0)).toBe(
            part.quantity,
          );
          expect(lines.reduce((total, line) => total + toMinor(line.Amount), 0)).toBe(
            part.amountMinor,
          );
          if (part.kind === 'product') {
            const wooLine = order.lineItems.find((line) => line.id === part.wooItemId)!;
            expect(part.quantity).toBe(wooLine.quantity);
            expect(part.amountMinor).toBeGreaterThanOrEqual(0);
          }
          // Without negative fees to spread, a part moves at most one tetri from WooCommerce's value.
          const spread =
            options.negativeFees === 'spread-discount' &&
            order.feeLines.some((fee) => fee.total.startsWith('-'));
          if (!spread || part.kind !== 'product') {
            expect(Math.abs(part.amountMinor - part.wooAmountMinor)).toBeLessThanOrEqual(1);
          }
        }
        if (
          sale.parts.some((part) => part.kind !== 'fee' && part.amountMinor !== part.wooAmountMinor)
        )
          seen.adjusted++;
        if (sale.parts.some((part) => part.lineIndexes.length > 1)) seen.split++;
        if (sale.document.Items.some((line) => line.Discount !== undefined)) seen.discountField++;
        if (order.feeLines.some((fee) => fee.total.startsWith('-'))) seen.negativeFee++;
        if (!order.pricesIncludeTax) seen.exclusive++;
        if (order.lineItems.some((line) => line.totalTax === '0.00')) seen.zeroRated++;
        // Every WooCommerce product line is on the Sale, in id order.
        expect(
          sale.parts.filter((part) => part.kind === 'product').map((part) => part.wooItemId),
        ).toEqual(order.lineItems.map((line) => line.id));
      }),
      { numRuns: 3000 },
    );
    // The generator must keep producing the hard cases, or this property proves little.
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(50);
  });

  it('is deterministic: rebuilding gives the same uid, document and payload hash', () => {
    fc.assert(
      fc.property(orderSpecArb, optionsArb, (spec, options) => {
        const input = {
          order: wooOrderFromSpec(spec),
          client: RETAIL_CLIENT,
          resolveItem: resolveAny,
          config: configFor(options),
        };
        const first = expectOk(buildSale(input));
        const second = expectOk(
          buildSale({
            ...input,
            order: structuredClone(input.order),
            config: structuredClone(input.config),
          }),
        );
        expect(second.uid).toBe(first.uid);
        expect(second.payloadHash).toBe(first.payloadHash);
        expect(second.document).toEqual(first.document);
      }),
      { numRuns: 500 },
    );
  });
});
