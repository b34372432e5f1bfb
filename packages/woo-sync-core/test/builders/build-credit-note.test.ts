import type { SalesCreditInput } from '@balance-sync/balance-client';
import {
  addCreditedTotals,
  buildCreditNote,
  buildSale,
  type CreditedTotals,
  type CreditNoteBuild,
  type CreditNoteBuildResult,
  creditKey,
  documentUid,
  NO_CREDITS,
  type OrderExportConfig,
  type SaleBuild,
  storeNamespace,
  type WooOrder,
  type WooRefund,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_ITEM,
  exportConfig,
  GOODWILL_ITEM,
  ITEMS,
  order,
  productLine,
  RETAIL_CLIENT,
  refund,
  refundLine,
  resolveBySku,
  sumAmounts,
  teaShopOrder,
  WAREHOUSE,
} from './support/fixtures.js';

function saleOf(o: WooOrder, config: OrderExportConfig = exportConfig()): SaleBuild {
  const result = buildSale({ order: o, client: RETAIL_CLIENT, resolveItem: resolveBySku, config });
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function ok(result: CreditNoteBuildResult): CreditNoteBuild {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function codes(result: CreditNoteBuildResult): string[] {
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}

const goodwillConfig = exportConfig({
  credits: {
    returnOperationType: 'დაბრუნება',
    priceCorrectionOperationType: 'ფასის კორექტირება',
    amountOnly: { mode: 'item', item: GOODWILL_ITEM },
  },
});

/** One churchkhela back, as the admin refund screen computes it: 8.47 / 3 and 1.53 / 3. */
const oneChurchkhela = (id = 2001, overrides: Partial<WooRefund> = {}) =>
  refund({
    id,
    amount: '3.33',
    reason: 'დაზიანებული შეფუთვა',
    lineItems: [
      refundLine(id * 10, 11, -1, '-2.82', '-0.51', { sku: 'CHURCHKHELA-3', name: 'Churchkhela' }),
    ],
    ...overrides,
  });

describe('buildCreditNote — line refunds become return lines', () => {
  const o = teaShopOrder();
  const sale = saleOf(o);

  it('credits one returned unit against the Sale line it came from', () => {
    const credit = ok(
      buildCreditNote({
        order: o,
        refund: oneChurchkhela(),
        sale,
        saleLineUids: [
          'cccccccc-0000-4000-8000-000000000011',
          'cccccccc-0000-4000-8000-000000000012',
        ],
        config: exportConfig(),
      }),
    );
    expect(credit.kind).toBe('return');
    expect(credit.key).toBe('credit:2001');
    expect(credit.uid).toBe(documentUid(storeNamespace({ id: 'tbilisi-tea' }), creditKey(2001)));
    expect(credit.document).toEqual({
      uid: credit.uid,
      BaseDocument: sale.uid,
      Date: '2026-03-05T14:15:00',
      OperationType: 'დაბრუნება',
      Client: RETAIL_CLIENT,
      Warehouse: WAREHOUSE,
      AmountIncludesVAT: true,
      VATTaxable: 'იბეგრება დღგ-ით',
      Comments: 'WooCommerce refund #2001 of order #1234: დაზიანებული შეფუთვა',
      PrimaryDocument: '1234',
      Items: [
        {
          Item: ITEMS['CHURCHKHELA-3'],
          BaseDocument: 'cccccccc-0000-4000-8000-000000000011',
          StringCode: 'CHURCHKHELA-3',
          Quantity: '1',
          Price: '3.33',
          Amount: '3.33',
          AmountIncludingVAT: '3.33',
        },
      ],
    });
    expect(credit.totalMinor).toBe(333);
    expect(credit.grossTotalMinor).toBe(333);
    expect(credit.parts).toEqual([
      { partKey: 'product:11', quantity: 1, amountMinor: 333, spreadMinor: 0 },
    ]);
  });

  it('returns a split line against the Sale lines its units were sold on', () => {
    const lineUids = ['line-a', 'line-b', 'line-honey', 'line-delivery'];
    const allThree = refund({
      amount: '10.00',
      lineItems: [refundLine(71, 11, -3, '-8.47', '-1.53')],
    });
    const credit = ok(
      buildCreditNote({
        order: o,
        refund: allThree,
        sale,
        saleLineUids: lineUids,
        config: exportConfig(),
      }),
    );
    expect(
      credit.document.Items.map((line) => [
        line.BaseDocument,
        line.Quantity,
        line.Price,
        line.Amount,
      ]),
    ).toEqual([
      ['line-a', '2', '3.33', '6.66'],
      ['line-b', '1', '3.34', '3.34'],
    ]);
    // After one unit came back, the next two are the rest of line a and line b.
    const first = ok(
      buildCreditNote({
        order: o,
        refund: oneChurchkhela(),
        sale,
        saleLineUids: lineUids,
        config: exportConfig(),
      }),
    );
    expect(first.document.Items[0]?.BaseDocument).toBe('line-a');
    const twoMore = refund({
      id: 2002,
      amount: '6.67',
      lineItems: [refundLine(41, 11, -2, '-5.65', '-1.02')],
    });
    const second = ok(
      buildCreditNote({
        order: o,
        refund: twoMore,
        sale,
        credited: addCreditedTotals(NO_CREDITS, first),
        saleLineUids: lineUids,
        config: exportConfig(),
      }),
    );
    expect(
      second.document.Items.map((line) => [line.BaseDocument, line.Quantity, line.Amount]),
    ).toEqual([
      ['line-a', '1', '3.33'],
      ['line-b', '1', '3.34'],
    ]);
  });

  it('returns shipping once; a later shipping refund in a return is money on the returned goods', () => {
    const first = ok(
      buildCreditNote({
        order: o,
        refund: oneChurchkhela(2001, {
          amount: '6.28',
          shippingLines: [refundLine(22, 13, 0, '-2.50', '-0.45')],
        }),
        sale,
        config: exportConfig(),
      }),
    );
    expect(first.parts).toEqual([
      { partKey: 'product:11', quantity: 1, amountMinor: 333, spreadMinor: 0 },
      { partKey: 'shipping:13', quantity: 1, amountMinor: 295, spreadMinor: 0 },
    ]);
    expect(first.document.Items.map((line) => [line.Item, line.Quantity, line.Amount])).toEqual([
      [ITEMS['CHURCHKHELA-3'], '1', '3.33'],
      [DELIVERY_ITEM, '1', '2.95'],
    ]);
    const second = ok(
      buildCreditNote({
        order: o,
        refund: oneChurchkhela(2002, {
          amount: '6.28',
          shippingLines: [refundLine(23, 13, 0, '-2.50', '-0.45')],
        }),
        sale,
        credited: addCreditedTotals(NO_CREDITS, first),
        config: exportConfig(),
      }),
    );
    expect(second.document.Items.map((line) => [line.Item, line.Quantity, line.Amount])).toEqual([
      [ITEMS['CHURCHKHELA-3'], '1', '6.28'],
    ]);
  });

  it('falls back to the Sale uid as the line BaseDocument when the Sale line uid is unknown', () => {
    const credit = ok(
      buildCreditNote({ order: o, refund: oneChurchkhela(), sale, config: exportConfig() }),
    );
    expect(credit.document.Items[0]?.BaseDocument).toBe(sale.uid);
  });

  it('returns goods and shipping together, shipping as a service line', () => {
    const credit = ok(
      buildCreditNote({
        order: o,
        refund: refund({
          amount: '30.90',
          lineItems: [refundLine(31, 12, -1, '-21.19', '-3.81')],
          shippingLines: [refundLine(32, 13, 0, '-5.00', '-0.90')],
        }),
        sale,
        config: exportConfig(),
      }),
    );
    expect(credit.kind).toBe('return');
    expect(credit.document.Items.map((line) => [line.Item, line.Quantity, line.Amount])).toEqual([
      [ITEMS['HONEY-500'], '1', '25.00'],
      [DELIVERY_ITEM, '1', '5.90'],
    ]);
  });

  it('keeps several partial refunds separate and refuses the one that would return more than was sold', () => {
    let credited: CreditedTotals = NO_CREDITS;
    const first = ok(
      buildCreditNote({
        order: o,
        refund: oneChurchkhela(2001),
        sale,
        credited,
        config: exportConfig(),
      }),
    );
    credited = addCreditedTotals(credited, first);
    const twoMore = refund({
      id: 2002,
      amount: '6.67',
      lineItems: [refundLine(41, 11, -2, '-5.65', '-1.02')],
    });
    const second = ok(
      buildCreditNote({ order: o, refund: twoMore, sale, credited, config: exportConfig() }),
    );
    expect(second.uid).not.toBe(first.uid);
    expect(second.document.Items.map((line) => [line.Quantity, line.Price, line.Amount])).toEqual([
      ['1', '3.33', '3.33'],
      ['1', '3.34', '3.34'],
    ]);
    credited = addCreditedTotals(credited, second);
    expect(credited.parts['product:11']).toEqual({
      quantity: 3,
      amountMinor: 1000,
      spreadMinor: 0,
    });

    const oneTooMany = buildCreditNote({
      order: o,
      refund: oneChurchkhela(2003),
      sale,
      credited,
      config: exportConfig(),
    });
    expect(codes(oneTooMany)).toEqual(['credit_quantity_exceeds_sale', 'credit_exceeds_sale']);
    expect(oneTooMany.ok ? '' : oneTooMany.issues[0]?.message).toContain(
      'sold 3 (3 already credited)',
    );
  });

  it('refuses money on a line beyond what the Sale charged for it', () => {
    const credited = addCreditedTotals(NO_CREDITS, {
      parts: [{ partKey: 'product:11', quantity: 3, amountMinor: 1000, spreadMinor: 0 }],
      unallocatedMinor: 0,
      grossTotalMinor: 1000,
    });
    const extra = refund({
      id: 2004,
      amount: '1.00',
      lineItems: [refundLine(51, 11, 0, '-1.00', '0.00')],
    });
    expect(
      codes(buildCreditNote({ order: o, refund: extra, sale, credited, config: exportConfig() })),
    ).toEqual(['credit_exceeds_sale']);
  });

  it('uses the rounding rule for returned lines too (discount-field)', () => {
    const config = exportConfig({ rounding: 'discount-field' });
    const twoUnits = refund({
      amount: '6.67',
      lineItems: [refundLine(41, 11, -2, '-5.65', '-1.02')],
    });
    const credit = ok(
      buildCreditNote({ order: o, refund: twoUnits, sale: saleOf(o, config), config }),
    );
    expect(credit.document.Items).toEqual([
      expect.objectContaining({ Quantity: '2', Price: '3.34', Discount: '0.01', Amount: '6.67' }),
    ]);
  });

  it('never modifies the Sale', () => {
    const before = structuredClone(sale);
    buildCreditNote({ order: o, refund: oneChurchkhela(), sale, config: exportConfig() });
    expect(sale).toEqual(before);
  });

  it('is assignable to the Balance client’s SalesCreditInput', () => {
    const input: SalesCreditInput = ok(
      buildCreditNote({ order: o, refund: oneChurchkhela(), sale, config: exportConfig() }),
    ).document;
    expect(input.Items).toHaveLength(1);
  });
});

describe('buildCreditNote — amount-only refunds become price corrections', () => {
  const o = teaShopOrder();
  const sale = saleOf(o);
  const fiveLari = refund({ id: 2010, amount: '5.00', reason: 'compensation for late delivery' });

  it('spreads the amount over the Sale lines by what is left of each (largest remainder)', () => {
    const credit = ok(
      buildCreditNote({ order: o, refund: fiveLari, sale, config: exportConfig() }),
    );
    expect(credit.kind).toBe('price-correction');
    expect(credit.document.OperationType).toBe('ფასის კორექტირება');
    // 5.00 × (10.00, 25.00, 5.90) / 40.90 = 1.2225, 3.0562, 0.7213: floors 1.22 + 3.05 + 0.72
    // = 4.99, and the missing tetri goes to the largest remainder (honey's .62).
    expect(credit.parts).toEqual([
      { partKey: 'product:11', quantity: 0, amountMinor: 122, spreadMinor: 122 },
      { partKey: 'product:12', quantity: 0, amountMinor: 306, spreadMinor: 306 },
      { partKey: 'shipping:13', quantity: 0, amountMinor: 72, spreadMinor: 72 },
    ]);
    // A correction keeps the Sale line's quantity: 1.22 over 3 churchkhela = 1 × 0.40 + 2 × 0.41.
    expect(
      credit.document.Items.map((line) => [line.Item, line.Quantity, line.Price, line.Amount]),
    ).toEqual([
      [ITEMS['CHURCHKHELA-3'], '1', '0.40', '0.40'],
      [ITEMS['CHURCHKHELA-3'], '2', '0.41', '0.82'],
      [ITEMS['HONEY-500'], '1', '3.06', '3.06'],
      [DELIVERY_ITEM, '1', '0.72', '0.72'],
    ]);
    expect(sumAmounts(credit.document.Items)).toBe(500);
  });

  it('puts the amount on the configured item instead when credits.amountOnly is "item"', () => {
    const credit = ok(
      buildCreditNote({ order: o, refund: fiveLari, sale, config: goodwillConfig }),
    );
    expect(credit.document.Items).toEqual([
      {
        Item: GOODWILL_ITEM,
        BaseDocument: sale.uid,
        Quantity: '1',
        Price: '5.00',
        Amount: '5.00',
        AmountIncludingVAT: '5.00',
      },
    ]);
    expect(credit.unallocatedMinor).toBe(500);
    expect(credit.parts).toEqual([]);
  });

  it('treats a refund whose lines have quantity 0 as a correction of those lines', () => {
    const shippingOnly = refund({
      amount: '2.95',
      shippingLines: [refundLine(61, 13, 0, '-2.50', '-0.45')],
    });
    const credit = ok(
      buildCreditNote({ order: o, refund: shippingOnly, sale, config: exportConfig() }),
    );
    expect(credit.kind).toBe('price-correction');
    expect(credit.document.Items.map((line) => [line.Item, line.Quantity, line.Amount])).toEqual([
      [DELIVERY_ITEM, '1', '2.95'],
    ]);
  });

  it('a goodwill refund followed by the return of the goods is accepted, up to the Sale total', () => {
    const first = ok(buildCreditNote({ order: o, refund: fiveLari, sale, config: exportConfig() }));
    const credited = addCreditedTotals(NO_CREDITS, first);
    const allChurchkhela = refund({
      id: 2011,
      amount: '10.00',
      lineItems: [refundLine(71, 11, -3, '-8.47', '-1.53')],
    });
    const second = ok(
      buildCreditNote({ order: o, refund: allChurchkhela, sale, credited, config: exportConfig() }),
    );
    expect(second.totalMinor).toBe(1000);
    const everything = refund({ id: 2012, amount: '26.00' });
    expect(
      codes(
        buildCreditNote({
          order: o,
          refund: everything,
          sale,
          credited: addCreditedTotals(credited, second),
          config: goodwillConfig,
        }),
      ),
    ).toEqual(['credit_exceeds_sale']);
  });

  it('refuses an amount larger than what is left of the Sale', () => {
    const tooMuch = refund({ amount: '41.00' });
    expect(
      codes(buildCreditNote({ order: o, refund: tooMuch, sale, config: exportConfig() })),
    ).toEqual(['credit_exceeds_sale']);
    expect(
      codes(buildCreditNote({ order: o, refund: tooMuch, sale, config: goodwillConfig })),
    ).toEqual(['credit_exceeds_sale']);
  });
});

describe('buildCreditNote — refunds the builder cannot express are typed issues', () => {
  const o = teaShopOrder();
  const sale = saleOf(o);

  it('puts extra money of a return on the returned goods, up to what they sold for', () => {
    // One churchkhela back, 10.00 refunded: the whole line's 10.00 can go on the returned unit.
    for (const config of [exportConfig(), goodwillConfig]) {
      const credit = ok(
        buildCreditNote({
          order: o,
          refund: oneChurchkhela(2020, { amount: '10.00' }),
          sale,
          config,
        }),
      );
      expect(credit.kind).toBe('return');
      expect(credit.document.Items.map((line) => [line.Item, line.Quantity, line.Amount])).toEqual([
        [ITEMS['CHURCHKHELA-3'], '1', '10.00'],
      ]);
      expect(credit.unallocatedMinor).toBe(0);
    }
    // 20.00 for one churchkhela is more than the goods sold for: a return cannot carry it.
    const result = buildCreditNote({
      order: o,
      refund: oneChurchkhela(2021, { amount: '20.00' }),
      sale,
      config: goodwillConfig,
    });
    expect(codes(result)).toEqual(['mixed_refund']);
    expect(result.ok ? '' : result.issues[0]?.message).toContain('separate refund');
  });

  it('names the refund, line and SKU when a refunded line cannot be matched to the Sale', () => {
    const lost = refund({
      amount: '3.33',
      lineItems: [
        refundLine(81, null, -1, '-2.82', '-0.51', { sku: 'CHURCHKHELA-3', name: 'Churchkhela' }),
      ],
    });
    const result = buildCreditNote({ order: o, refund: lost, sale, config: exportConfig() });
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        code: 'refund_line_unmatched',
        refundId: 2001,
        lineId: 81,
        sku: 'CHURCHKHELA-3',
      }),
    ]);
    expect(result.ok ? '' : result.issues[0]?.message).toContain('_refunded_item_id');
    const wrong = refund({
      amount: '3.33',
      lineItems: [refundLine(82, 999, -1, '-2.82', '-0.51')],
    });
    expect(
      codes(buildCreditNote({ order: o, refund: wrong, sale, config: exportConfig() })),
    ).toEqual(['refund_line_unmatched']);
  });

  it('refuses lines that add up to more than the refund amount', () => {
    const short = oneChurchkhela(2021, { amount: '2.00' });
    expect(
      codes(buildCreditNote({ order: o, refund: short, sale, config: exportConfig() })),
    ).toEqual(['refund_lines_exceed_amount']);
  });

  it('refuses a refund of another order, an empty refund and a positive refund quantity', () => {
    expect(
      codes(
        buildCreditNote({
          order: o,
          refund: refund({ orderId: 99 }),
          sale,
          config: exportConfig(),
        }),
      ),
    ).toEqual(['refund_order_mismatch']);
    expect(
      codes(
        buildCreditNote({
          order: o,
          refund: refund({ amount: '0.00' }),
          sale,
          config: exportConfig(),
        }),
      ),
    ).toEqual(['empty_refund']);
    const positive = refund({
      amount: '3.33',
      lineItems: [refundLine(83, 11, 1, '-2.82', '-0.51')],
    });
    expect(
      codes(buildCreditNote({ order: o, refund: positive, sale, config: exportConfig() })),
    ).toEqual(['invalid_refund_quantity']);
  });
});

describe('buildCreditNote — rounding and VAT basis', () => {
  it('reconciles unrounded refund taxes with the refund amount', () => {
    const o = order({
      total: '2.38',
      lineItems: [
        productLine(11, 'TEA-250', 1, '1.00', '0.19', {
          taxes: [{ rateId: 1, total: '0.185', subtotal: '' }],
        }),
        productLine(12, 'HONEY-500', 1, '1.00', '0.19', {
          taxes: [{ rateId: 1, total: '0.185', subtotal: '' }],
        }),
      ],
    });
    const sale = saleOf(o);
    const both = refund({
      amount: '2.37',
      lineItems: [
        refundLine(91, 11, -1, '-1.00', '-0.19', {
          taxes: [{ rateId: 1, total: '-0.185', subtotal: '' }],
        }),
        refundLine(92, 12, -1, '-1.00', '-0.19', {
          taxes: [{ rateId: 1, total: '-0.185', subtotal: '' }],
        }),
      ],
    });
    const credit = ok(buildCreditNote({ order: o, refund: both, sale, config: exportConfig() }));
    expect(credit.document.Items.map((line) => line.Amount)).toEqual(['1.18', '1.19']);
    expect(credit.totalMinor).toBe(237);
  });

  it('credits net amounts when the Sale went out net (follow-order), keeping the gross for reconciliation', () => {
    const config = exportConfig({
      vat: {
        taxable: 'იბეგრება დღგ-ით',
        operationType: 'მიწოდება კომპენსაციით',
        amounts: 'follow-order',
      },
    });
    const o = order({
      pricesIncludeTax: false,
      total: '3.01',
      totalTax: '0.46',
      lineItems: [11, 12, 13].map((id) =>
        productLine(id, 'TEA-250', 1, '0.85', '0.15', {
          taxes: [{ rateId: 1, total: '0.153', subtotal: '0.153' }],
        }),
      ),
    });
    const sale = saleOf(o, config);
    const line = ok(
      buildCreditNote({
        order: o,
        refund: refund({ amount: '1.00', lineItems: [refundLine(95, 11, -1, '-0.85', '-0.15')] }),
        sale,
        config,
      }),
    );
    expect(line.document.AmountIncludesVAT).toBe(false);
    expect(line.document.Items).toEqual([
      expect.not.objectContaining({ AmountIncludingVAT: expect.anything() }),
    ]);
    expect(line.document.Items[0]).toMatchObject({ Quantity: '1', Amount: '0.85' });
    expect([line.totalMinor, line.grossTotalMinor]).toEqual([85, 100]);
    // An amount-only 1.00 at the Sale's net/gross ratio 2.55 / 3.01: 0.847 → 0.85 net.
    const amountOnly = ok(
      buildCreditNote({ order: o, refund: refund({ id: 2030, amount: '1.00' }), sale, config }),
    );
    expect([amountOnly.totalMinor, amountOnly.grossTotalMinor]).toEqual([85, 100]);
  });
});

describe('buildCreditNote — net Sales and VAT rounding left over by WooCommerce', () => {
  it('reports a refund that is only VAT, which a net credit note cannot carry', () => {
    const config = exportConfig({
      vat: {
        taxable: 'იბეგრება დღგ-ით',
        operationType: 'მიწოდება კომპენსაციით',
        amounts: 'follow-order',
      },
    });
    // 3 × 0.01 + 18% VAT: 0.0054 of tax rounds to 0.01, total 0.04.
    const o = order({
      pricesIncludeTax: false,
      total: '0.04',
      totalTax: '0.01',
      lineItems: [
        productLine(11, 'TEA-250', 3, '0.03', '0.01', {
          taxes: [{ rateId: 1, total: '0.0054', subtotal: '' }],
        }),
      ],
    });
    const sale = saleOf(o, config);
    let credited: CreditedTotals = NO_CREDITS;
    // The admin screen refunds one unit at a time: 0.01 net and round(0.01 / 3) = 0.00 VAT.
    for (const id of [3001, 3002, 3003]) {
      const unit = refund({
        id,
        amount: '0.01',
        lineItems: [refundLine(id, 11, -1, '-0.01', '0.00')],
      });
      credited = addCreditedTotals(
        credited,
        ok(buildCreditNote({ order: o, refund: unit, sale, credited, config })),
      );
    }
    const rest = buildCreditNote({
      order: o,
      refund: refund({ id: 3004, amount: '0.01' }),
      sale,
      credited,
      config,
    });
    expect(codes(rest)).toEqual(['vat_only_refund']);
    expect(rest.ok ? '' : rest.issues[0]?.message).toContain('orders.vat.amounts "gross"');
    // The same sequence on a gross Sale is a plain 0.01 price correction.
    const gross = saleOf(o);
    let grossCredited: CreditedTotals = NO_CREDITS;
    for (const id of [3001, 3002, 3003]) {
      const unit = refund({
        id,
        amount: '0.01',
        lineItems: [refundLine(id, 11, -1, '-0.01', '0.00')],
      });
      grossCredited = addCreditedTotals(
        grossCredited,
        ok(
          buildCreditNote({
            order: o,
            refund: unit,
            sale: gross,
            credited: grossCredited,
            config: exportConfig(),
          }),
        ),
      );
    }
    const grossRest = ok(
      buildCreditNote({
        order: o,
        refund: refund({ id: 3004, amount: '0.01' }),
        sale: gross,
        credited: grossCredited,
        config: exportConfig(),
      }),
    );
    expect(grossRest.totalMinor).toBe(1);
  });
});
