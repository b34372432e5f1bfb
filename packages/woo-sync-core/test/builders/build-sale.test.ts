import type { SaleInput } from '@balance-sync/balance-client';
import {
  buildSale,
  documentUid,
  payloadHash,
  type SaleBuild,
  type SaleBuildResult,
  saleKey,
  storeNamespace,
  type WooOrder,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_ITEM,
  exportConfig,
  FEE_ITEM,
  feeLine,
  ITEMS,
  order,
  productLine,
  RETAIL_CLIENT,
  resolveBySku,
  shippingLine,
  sumAmounts,
  teaShopOrder,
  WAREHOUSE,
} from './support/fixtures.js';

function ok(result: SaleBuildResult): SaleBuild {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

const build = (o: WooOrder, config = exportConfig()) =>
  buildSale({ order: o, client: RETAIL_CLIENT, resolveItem: resolveBySku, config });

describe('buildSale — a paid Georgian order', () => {
  it('builds the header and one line per order line, after discounts, including VAT', () => {
    const sale = ok(build(teaShopOrder()));
    const namespace = storeNamespace({ id: 'tbilisi-tea' });
    expect(sale.key).toBe('sale:1234');
    expect(sale.uid).toBe(documentUid(namespace, saleKey(1234)));
    expect(sale.document).toEqual({
      uid: sale.uid,
      Date: '2026-03-01T13:00:00',
      VATTaxable: 'იბეგრება დღგ-ით',
      OperationType: 'მიწოდება კომპენსაციით',
      PaymentDate: '2026-03-01T13:00:00',
      Warehouse: WAREHOUSE,
      Client: RETAIL_CLIENT,
      AmountIncludesVAT: true,
      Comments: 'WooCommerce order #1234',
      PrimaryDocument: '1234',
      Items: [
        {
          Item: ITEMS['CHURCHKHELA-3'],
          StringCode: 'CHURCHKHELA-3',
          Quantity: '2',
          Price: '3.33',
          Amount: '6.66',
        },
        {
          Item: ITEMS['CHURCHKHELA-3'],
          StringCode: 'CHURCHKHELA-3',
          Quantity: '1',
          Price: '3.34',
          Amount: '3.34',
        },
        {
          Item: ITEMS['HONEY-500'],
          StringCode: 'HONEY-500',
          Quantity: '1',
          Price: '25.00',
          Amount: '25.00',
        },
        { Item: DELIVERY_ITEM, Quantity: '1', Price: '5.90', Amount: '5.90' },
      ],
    });
    expect(sale.totalMinor).toBe(4090);
    expect(sale.orderTotalMinor).toBe(4090);
    expect(sale.payloadHash).toBe(payloadHash(sale.document));
    expect(
      sale.parts.map((part) => [part.key, part.quantity, part.amountMinor, part.lineIndexes]),
    ).toEqual([
      ['product:11', 3, 1000, [0, 1]],
      ['product:12', 1, 2500, [2]],
      ['shipping:13', 1, 590, [3]],
    ]);
  });

  it('expresses 3 × 3.33 ≠ 10.00 with a Discount when rounding is "discount-field"', () => {
    const sale = ok(build(teaShopOrder(), exportConfig({ rounding: 'discount-field' })));
    expect(sale.document.Items[0]).toEqual({
      Item: ITEMS['CHURCHKHELA-3'],
      StringCode: 'CHURCHKHELA-3',
      Quantity: '3',
      Price: '3.34',
      Discount: '0.02',
      Amount: '10.00',
    });
    expect(sumAmounts(sale.document.Items)).toBe(4090);
  });

  it('is deterministic: same order, same document, same hash, whatever the line order', () => {
    const first = ok(build(teaShopOrder()));
    const shuffled = teaShopOrder();
    shuffled.lineItems.reverse();
    const second = ok(build(shuffled));
    expect(second.document).toEqual(first.document);
    expect(second.payloadHash).toBe(first.payloadHash);
  });

  it('gives the same order a different uid in another store, and the pinned namespace on request', () => {
    const other = ok(
      buildSale({
        order: teaShopOrder(),
        client: RETAIL_CLIENT,
        resolveItem: resolveBySku,
        config: {
          ...exportConfig(),
          store: { id: 'batumi', timezone: 'Asia/Tbilisi', currency: 'GEL' },
        },
      }),
    );
    expect(other.uid).not.toBe(ok(build(teaShopOrder())).uid);
    const pinned = ok(
      buildSale({
        order: teaShopOrder(),
        client: RETAIL_CLIENT,
        resolveItem: resolveBySku,
        config: {
          ...exportConfig(),
          store: {
            id: 'batumi',
            timezone: 'Asia/Tbilisi',
            currency: 'GEL',
            documentNamespace: storeNamespace({ id: 'tbilisi-tea' }),
          },
        },
      }),
    );
    expect(pinned.uid).toBe(ok(build(teaShopOrder())).uid);
  });

  it('is assignable to the Balance client’s SaleInput', () => {
    const input: SaleInput = ok(build(teaShopOrder())).document;
    expect(input.Items).toHaveLength(4);
  });
});

describe('buildSale — header fields from configuration', () => {
  const config = exportConfig({
    vat: {
      taxable: 'იბეგრება დღგ-ით',
      operationType: 'მიწოდება კომპენსაციით',
      vatArticle: 'მიწოდება კომპენსაციით',
      vatRate: 'ჩვეულებრივი',
    },
    accounts: {
      receivables: '1410.01',
      revenue: '6110',
      income: '6110',
      vatPayable: '3330',
      expenses: '7110',
    },
    payments: {
      enabled: true,
      methods: { cod: { paymentType: 'ნაღდი ფული', paymentAccount: '1110' } },
    },
    primaryDocument: 'WEB-{number}',
    comments: 'shop order {number} (id {id})',
  });

  it('puts accounts, VAT literals, templates and the COD payment row in place', () => {
    const sale = ok(build(teaShopOrder({ paymentMethod: 'cod', number: 'GE-1234' }), config));
    expect(sale.document).toMatchObject({
      ReceivablesAccount: '1410.01',
      RevenueAccount: '6110',
      VATArticle: 'მიწოდება კომპენსაციით',
      PrimaryDocument: 'WEB-GE-1234',
      Comments: 'shop order GE-1234 (id 1234)',
      Payment: [{ PaymentType: 'ნაღდი ფული', PaymentAccount: '1110', Amount: '40.90' }],
    });
    expect(sale.document.Items[0]).toMatchObject({
      VATRate: 'ჩვეულებრივი',
      IncomeAccount: '6110',
      VATPayableAccount: '3330',
      ExpensesAccount: '7110',
    });
  });

  it('sends VATRate only on lines WooCommerce taxed (0% lines keep the item default)', () => {
    const zeroRated = teaShopOrder({
      total: '45.90',
      lineItems: [...teaShopOrder().lineItems, productLine(14, 'WINE-SAPERAVI', 1, '5.00', '0.00')],
    });
    const sale = ok(build(zeroRated, config));
    const wine = sale.document.Items.find((line) => line.StringCode === 'WINE-SAPERAVI');
    expect(wine).toBeDefined();
    expect(wine?.VATRate).toBeUndefined();
    expect(sale.document.Items[0]?.VATRate).toBe('ჩვეულებრივი');
  });

  it('adds no Payment row for unmapped methods, disabled payments or an empty comment template', () => {
    expect(
      ok(build(teaShopOrder({ paymentMethod: 'tbc_card' }), config)).document.Payment,
    ).toBeUndefined();
    const disabled = exportConfig({
      payments: { enabled: false, methods: { cod: { paymentType: 'x', paymentAccount: '1' } } },
    });
    expect(
      ok(build(teaShopOrder({ paymentMethod: 'cod' }), disabled)).document.Payment,
    ).toBeUndefined();
    expect(ok(build(teaShopOrder(), exportConfig({ comments: '  ' }))).document).not.toHaveProperty(
      'Comments',
    );
  });

  it('dates the Sale at date_paid in the store’s time zone (Tbilisi is UTC+4)', () => {
    const late = ok(build(teaShopOrder({ datePaid: '2026-03-01T21:30:00Z' })));
    expect(late.document.Date).toBe('2026-03-02T01:30:00');
    const unpaid = ok(
      build(teaShopOrder({ datePaid: null, dateCompleted: '2026-03-03T06:00:00Z' })),
    );
    expect(unpaid.document.Date).toBe('2026-03-03T10:00:00');
  });
});

describe('buildSale — VAT basis', () => {
  /** Three items at 0.85 + 18% VAT, tax rounded at subtotal: 2.55 + 0.46 = 3.01. */
  const exclusive = () =>
    order({
      pricesIncludeTax: false,
      total: '3.01',
      totalTax: '0.46',
      lineItems: [11, 12, 13].map((id) =>
        productLine(id, 'TEA-250', 1, '0.85', '0.15', {
          taxes: [{ rateId: 1, total: '0.153', subtotal: '0.153' }],
        }),
      ),
    });

  it('gross (default): amounts include VAT, and the tetri that per-line rounding lost lands on one line', () => {
    const sale = ok(build(exclusive()));
    expect(sale.document.AmountIncludesVAT).toBe(true);
    expect(sale.document.Items.map((line) => line.Amount)).toEqual(['1.01', '1.00', '1.00']);
    expect(sale.parts.map((part) => part.wooAmountMinor)).toEqual([100, 100, 100]);
    expect(sale.totalMinor).toBe(301);
  });

  it('follow-order: an order priced without tax goes out net, and Balance adds the VAT', () => {
    const sale = ok(
      build(
        exclusive(),
        exportConfig({
          vat: {
            taxable: 'იბეგრება დღგ-ით',
            operationType: 'მიწოდება კომპენსაციით',
            amounts: 'follow-order',
          },
        }),
      ),
    );
    expect(sale.document.AmountIncludesVAT).toBe(false);
    expect(sale.document.Items.map((line) => line.Amount)).toEqual(['0.85', '0.85', '0.85']);
    expect(sale.totalMinor).toBe(255);
    expect(sale.orderTotalMinor).toBe(301);
  });

  it('follow-order keeps gross amounts for orders whose prices include tax', () => {
    const config = exportConfig({
      vat: {
        taxable: 'იბეგრება დღგ-ით',
        operationType: 'მიწოდება კომპენსაციით',
        amounts: 'follow-order',
      },
    });
    const sale = ok(build(teaShopOrder(), config));
    expect(sale.document.AmountIncludesVAT).toBe(true);
    expect(sale.totalMinor).toBe(4090);
  });

  it('refuses a total that rounding cannot explain, and says what to do', () => {
    const result = build({ ...exclusive(), total: '3.25' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'order_total_mismatch', orderNumber: '1234' });
    expect(result.issues[0]?.message).toContain('Recalculate');
  });
});

describe('buildSale — shipping and fees', () => {
  /** Tea 2 × 15.00, honey 10.00 (inclusive), loyalty discount fee −4.00 − 0.72 VAT. */
  const discounted = () =>
    order({
      total: '35.28',
      lineItems: [
        productLine(11, 'TEA-250', 2, '25.42', '4.58'),
        productLine(12, 'HONEY-500', 1, '8.47', '1.53'),
      ],
      feeLines: [feeLine(15, 'ლოიალობის ფასდაკლება', '-4.00', '-0.72')],
    });

  it('spread-discount: a negative fee lowers the product lines proportionally (largest remainder)', () => {
    const sale = ok(build(discounted()));
    expect(sale.document.Items).toEqual([
      {
        Item: ITEMS['TEA-250'],
        StringCode: 'TEA-250',
        Quantity: '2',
        Price: '13.23',
        Amount: '26.46',
      },
      {
        Item: ITEMS['HONEY-500'],
        StringCode: 'HONEY-500',
        Quantity: '1',
        Price: '8.82',
        Amount: '8.82',
      },
    ]);
    expect(sale.parts.map((part) => [part.amountMinor, part.wooAmountMinor])).toEqual([
      [2646, 3000],
      [882, 1000],
    ]);
  });

  it('negative-line: the negative fee becomes a line with a negative amount on the fee item', () => {
    const sale = ok(build(discounted(), exportConfig({ negativeFees: 'negative-line' })));
    expect(sale.document.Items.at(-1)).toEqual({
      Item: FEE_ITEM,
      Quantity: '1',
      Price: '-4.72',
      Amount: '-4.72',
    });
    expect(sumAmounts(sale.document.Items)).toBe(3528);
  });

  it('refuses a negative fee larger than the product lines it would be spread over', () => {
    const result = build(
      order({
        total: '5.00',
        lineItems: [productLine(11, 'TEA-250', 1, '10.00', '0.00')],
        shippingLines: [shippingLine(13, '15.00', '0.00')],
        feeLines: [feeLine(15, 'Voucher', '-20.00', '0.00')],
      }),
    );
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      'negative_fee_exceeds_lines',
    ]);
  });

  it('leaves free shipping out but keeps free products (they still move stock)', () => {
    const sale = ok(
      build(
        order({
          total: '10.00',
          lineItems: [
            productLine(11, 'TEA-250', 1, '10.00', '0.00'),
            productLine(12, 'HONEY-500', 2, '0.00', '0.00'),
          ],
          shippingLines: [shippingLine(13, '0.00', '0.00')],
        }),
      ),
    );
    expect(
      sale.document.Items.map((line) => [line.StringCode, line.Quantity, line.Amount]),
    ).toEqual([
      ['TEA-250', '1', '10.00'],
      ['HONEY-500', '2', '0.00'],
    ]);
  });

  it('asks for the service items when the order has shipping or fees but they are not configured', () => {
    const config = exportConfig({ shippingItem: undefined, feeItem: undefined });
    const withFee = teaShopOrder({
      total: '42.90',
      feeLines: [feeLine(14, 'Gift wrap', '2.00', '0.00')],
    });
    const result = build(withFee, config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.code)).toEqual([
      'shipping_item_missing',
      'fee_item_missing',
    ]);
    expect(result.issues[0]?.message).toContain('orders.shippingItem');
    expect(result.issues[1]).toMatchObject({ lineId: 14, lineName: 'Gift wrap' });
  });
});

describe('buildSale — problems come back as issues naming order, line and SKU', () => {
  it('reports every unmapped line at once', () => {
    const result = build(
      order({
        number: 'GE-77',
        total: '20.00',
        lineItems: [
          productLine(21, 'TEA-250', 1, '5.00', '0.00'),
          productLine(22, 'SVANETI-SALT', 1, '5.00', '0.00', { name: 'სვანური მარილი' }),
          productLine(23, null, 2, '10.00', '0.00', { name: 'Deleted product' }),
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'unmapped_line',
        orderNumber: 'GE-77',
        lineId: 22,
        lineName: 'სვანური მარილი',
        sku: 'SVANETI-SALT',
      }),
      expect.objectContaining({ code: 'unmapped_line', lineId: 23, sku: null }),
    ]);
    expect(result.issues[0]?.message).toBe(
      'order #GE-77: line "სვანური მარილი" (item 22, SKU SVANETI-SALT) has no Balance item; link the product to a Balance item (catalog import, or a product mapping) or give it the SKU of a Balance item, then export again',
    );
    expect(result.issues[1]?.message).toContain('(item 23, no SKU)');
  });

  it('reports unreadable amounts and quantities with the field at fault', () => {
    const result = build(
      order({
        total: '10.00',
        lineItems: [
          productLine(11, 'TEA-250', 0, '10.00', '0.00'),
          productLine(12, 'HONEY-500', 1, '1e1', '0.00'),
        ],
      }),
    );
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['invalid_quantity', 'line_items[0].quantity'],
      ['invalid_amount', 'line_items[1].total'],
    ]);
  });

  it('refuses an order in another currency and a date without a zone', () => {
    const result = build(teaShopOrder({ currency: 'USD', datePaid: '2026-03-01T09:00:00' }));
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      'currency_mismatch',
      'invalid_date',
    ]);
  });

  it('refuses a product line with a negative amount', () => {
    const result = build(
      order({ total: '-1.00', lineItems: [productLine(11, 'TEA-250', 1, '-1.00', '0.00')] }),
    );
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      'negative_line_amount',
    ]);
  });
});
