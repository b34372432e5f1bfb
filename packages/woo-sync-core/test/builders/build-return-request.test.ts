import {
  addCreditedTotals,
  buildCreditNote,
  buildReturnRequest,
  buildSale,
  type CreditedTotals,
  type CreditNoteBuild,
  type CreditNoteBuildResult,
  creditedTotalMinor,
  documentUid,
  NO_CREDITS,
  returnKey,
  type SaleBuild,
  storeNamespace,
  type WooOrder,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportConfig,
  GOODWILL_ITEM,
  ITEMS,
  order,
  productLine,
  RETAIL_CLIENT,
  refund,
  refundLine,
  resolveAny,
  resolveBySku,
  teaShopOrder,
  toMinor,
} from './support/fixtures.js';
import { orderSpecArb, wooOrderFromSpec } from './support/woo-order-generator.js';

function saleOf(o: WooOrder, config = exportConfig(), resolveItem = resolveBySku): SaleBuild {
  const result = buildSale({ order: o, client: RETAIL_CLIENT, resolveItem, config });
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function ok(result: CreditNoteBuildResult): CreditNoteBuild {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

const o = teaShopOrder();
const sale = saleOf(o);
const request = (
  requestId: string,
  lines: { sku: string; quantity: number }[],
  credited: CreditedTotals = NO_CREDITS,
) =>
  buildReturnRequest({
    order: o,
    sale,
    requestId,
    lines,
    requestedAt: '2026-03-04T16:45:00Z',
    credited,
    config: exportConfig(),
  });

describe('buildReturnRequest', () => {
  it('credits returned units at the Sale’s after-discount unit amounts', () => {
    const credit = ok(request('rma-7', [{ sku: 'CHURCHKHELA-3', quantity: 1 }]));
    expect(credit.key).toBe('return:1234:rma-7');
    expect(credit.uid).toBe(
      documentUid(storeNamespace({ id: 'tbilisi-tea' }), returnKey(1234, 'rma-7')),
    );
    expect(credit.kind).toBe('return');
    expect(credit.document).toMatchObject({
      BaseDocument: sale.uid,
      Date: '2026-03-04T20:45:00',
      OperationType: 'დაბრუნება',
      Comments: 'Return request rma-7 of WooCommerce order #1234',
    });
    expect(credit.document.Items).toEqual([
      {
        Item: ITEMS['CHURCHKHELA-3'],
        BaseDocument: sale.uid,
        StringCode: 'CHURCHKHELA-3',
        Quantity: '1',
        Price: '3.33',
        Amount: '3.33',
        AmountIncludingVAT: '3.33',
      },
    ]);
  });

  it('values units as the Sale expressed them, so three single returns add up to 10.00 exactly', () => {
    let credited: CreditedTotals = NO_CREDITS;
    const amounts: string[] = [];
    for (const id of ['a', 'b', 'c']) {
      const credit = ok(request(id, [{ sku: 'churchkhela-3 ', quantity: 1 }], credited));
      amounts.push(credit.document.Items[0]?.Amount ?? '');
      credited = addCreditedTotals(credited, credit);
    }
    expect(amounts).toEqual(['3.33', '3.33', '3.34']);
    expect(credited.parts['product:11']).toEqual({
      quantity: 3,
      amountMinor: 1000,
      spreadMinor: 0,
    });
    const fourth = request('d', [{ sku: 'CHURCHKHELA-3', quantity: 1 }], credited);
    expect(fourth.ok ? [] : fourth.issues.map((issue) => issue.code)).toEqual([
      'return_quantity_exceeds_sale',
    ]);
  });

  it('returns a whole line in one request with the configured rounding rule', () => {
    const credit = ok(
      request('all', [
        { sku: 'CHURCHKHELA-3', quantity: 3 },
        { sku: 'HONEY-500', quantity: 1 },
      ]),
    );
    expect(credit.document.Items.map((line) => [line.Quantity, line.Price, line.Amount])).toEqual([
      ['2', '3.33', '6.66'],
      ['1', '3.34', '3.34'],
      ['1', '25.00', '25.00'],
    ]);
    expect(credit.totalMinor).toBe(3500);
  });

  it('fills several order lines with the same SKU in order, and merges repeated SKUs', () => {
    const twoLines = order({
      total: '30.00',
      lineItems: [
        productLine(11, 'TEA-250', 2, '20.00', '0.00'),
        productLine(12, 'TEA-250', 1, '10.00', '0.00'),
      ],
    });
    const twoLineSale = saleOf(twoLines);
    const credit = ok(
      buildReturnRequest({
        order: twoLines,
        sale: twoLineSale,
        requestId: 'rma-8',
        lines: [
          { sku: 'TEA-250', quantity: 2 },
          { sku: 'TEA-250', quantity: 1 },
        ],
        requestedAt: '2026-03-04T16:45:00Z',
        config: exportConfig(),
      }),
    );
    expect(credit.parts.map((part) => [part.partKey, part.quantity, part.amountMinor])).toEqual([
      ['product:11', 2, 2000],
      ['product:12', 1, 1000],
    ]);
  });

  it('stops a later WooCommerce refund of the same goods from crediting them twice', () => {
    const returned = ok(request('rma-9', [{ sku: 'HONEY-500', quantity: 1 }]));
    const credited = addCreditedTotals(NO_CREDITS, returned);
    const sameHoney = refund({
      amount: '25.00',
      lineItems: [refundLine(31, 12, -1, '-21.19', '-3.81')],
    });
    const result = buildCreditNote({
      order: o,
      refund: sameHoney,
      sale,
      credited,
      config: exportConfig(),
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toContain(
      'credit_quantity_exceeds_sale',
    );
  });

  it('brings goods back without money when an amount-only refund already credited it', () => {
    const goodwill = exportConfig({
      credits: {
        returnOperationType: 'დაბრუნება',
        priceCorrectionOperationType: 'ფასის კორექტირება',
        amountOnly: { mode: 'item', item: GOODWILL_ITEM },
      },
    });
    const everything = ok(
      buildCreditNote({ order: o, refund: refund({ amount: '40.90' }), sale, config: goodwill }),
    );
    const credited = addCreditedTotals(NO_CREDITS, everything);
    const back = ok(
      buildReturnRequest({
        order: o,
        sale,
        requestId: 'rma-10',
        lines: [{ sku: 'HONEY-500', quantity: 1 }],
        requestedAt: '2026-03-06T09:00:00Z',
        credited,
        config: goodwill,
      }),
    );
    expect(back.document.Items).toEqual([
      expect.objectContaining({ Quantity: '1', Price: '0.00', Amount: '0.00' }),
    ]);
    expect(creditedTotalMinor(addCreditedTotals(credited, back))).toBe(sale.totalMinor);
  });

  it('names the SKU and says what to fix', () => {
    const unknown = request('x', [{ sku: 'SVANETI-SALT', quantity: 1 }]);
    expect(unknown.ok ? [] : unknown.issues).toEqual([
      expect.objectContaining({
        code: 'return_sku_not_in_order',
        sku: 'SVANETI-SALT',
        requestId: 'x',
        orderNumber: '1234',
      }),
    ]);
    const tooMany = request('y', [{ sku: 'HONEY-500', quantity: 2 }]);
    expect(tooMany.ok ? '' : tooMany.issues[0]?.message).toBe(
      'return request "y" of order #1234: 2 × HONEY-500 requested but only 1 of the 1 sold are not yet credited; lower the quantity',
    );
    const codes = (result: CreditNoteBuildResult) =>
      result.ok ? [] : result.issues.map((issue) => issue.code);
    expect(codes(request('z', [{ sku: 'HONEY-500', quantity: 0 }]))).toEqual([
      'invalid_return_line',
    ]);
    expect(codes(request('z', [{ sku: ' ', quantity: 1 }]))).toEqual(['invalid_return_line']);
    expect(codes(request('z', []))).toEqual(['empty_return_request']);
    expect(
      codes(
        buildReturnRequest({
          order: o,
          sale,
          requestId: 'w',
          lines: [{ sku: 'HONEY-500', quantity: 1 }],
          requestedAt: '2026-03-04 16:45',
          config: exportConfig(),
        }),
      ),
    ).toEqual(['invalid_date']);
  });

  it('all returns of every line, in any split, add up to the Sale exactly', () => {
    fc.assert(
      fc.property(
        orderSpecArb,
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 }),
        (spec, chunks) => {
          const generated = wooOrderFromSpec({
            ...spec,
            fees: spec.fees.filter((fee) => fee.permille > 0),
          });
          const generatedSale = saleOf(generated, exportConfig(), resolveAny);
          let credited: CreditedTotals = NO_CREDITS;
          let requestNo = 0;
          for (const part of generatedSale.parts.filter((p) => p.kind === 'product')) {
            let left = part.quantity;
            let chunk = 0;
            while (left > 0) {
              const quantity = Math.min(left, chunks[chunk++ % chunks.length] ?? 1);
              const credit = buildReturnRequest({
                order: generated,
                sale: generatedSale,
                requestId: `r${requestNo++}`,
                lines: [{ sku: part.sku ?? '', quantity }],
                requestedAt: '2026-03-04T16:45:00Z',
                credited,
                config: exportConfig(),
              });
              if (!credit.ok) throw new Error(credit.issues[0]?.message);
              const lineSum = credit.document.Items.reduce(
                (sum, line) => sum + toMinor(line.Amount),
                0,
              );
              expect(lineSum).toBe(credit.totalMinor);
              credited = addCreditedTotals(credited, credit);
              left -= quantity;
            }
            expect(credited.parts[part.key]?.amountMinor).toBe(part.amountMinor);
            expect(credited.parts[part.key]?.quantity).toBe(part.quantity);
          }
          const products = generatedSale.parts
            .filter((p) => p.kind === 'product')
            .reduce((sum, p) => sum + p.amountMinor, 0);
          expect(creditedTotalMinor(credited)).toBe(products);
        },
      ),
      { numRuns: 500 },
    );
  });
});
