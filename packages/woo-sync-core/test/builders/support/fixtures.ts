import {
  type ItemResolver,
  type OrderExportConfig,
  type OrdersConfig,
  ordersConfigSchema,
  type WooAddress,
  type WooFeeLine,
  type WooOrder,
  type WooOrderLine,
  type WooRefund,
  type WooRefundLine,
  type WooShippingLine,
} from '@balance-sync/woo-sync-core';

// Balance references of a fictional Tbilisi tea shop.
export const RETAIL_CLIENT = 'aaaaaaaa-0000-4000-8000-000000000001';
export const WAREHOUSE = 'aaaaaaaa-0000-4000-8000-000000000002';
export const DELIVERY_ITEM = 'aaaaaaaa-0000-4000-8000-000000000003';
export const FEE_ITEM = 'aaaaaaaa-0000-4000-8000-000000000004';
export const GOODWILL_ITEM = 'aaaaaaaa-0000-4000-8000-000000000005';
export const CLIENT_GROUP = 'aaaaaaaa-0000-4000-8000-000000000006';

/** Balance item uids by WooCommerce SKU. */
export const ITEMS: Readonly<Record<string, string>> = {
  'TEA-250': 'bbbbbbbb-0000-4000-8000-000000000001',
  'CHURCHKHELA-3': 'bbbbbbbb-0000-4000-8000-000000000002',
  'HONEY-500': 'bbbbbbbb-0000-4000-8000-000000000003',
  'WINE-SAPERAVI': 'bbbbbbbb-0000-4000-8000-000000000004',
};

export const resolveBySku: ItemResolver = (line) => {
  const item = line.sku ? ITEMS[line.sku] : undefined;
  return item ? { item } : undefined;
};

/** A resolver that maps every line (generated orders use arbitrary SKUs). */
export const resolveAny: ItemResolver = (line) => ({ item: `item-${line.productId}` });

export function ordersConfig(
  overrides: Partial<Record<keyof OrdersConfig, unknown>> = {},
): OrdersConfig {
  return ordersConfigSchema.parse({
    customer: { mode: 'retail', retailClient: RETAIL_CLIENT },
    warehouse: WAREHOUSE,
    shippingItem: DELIVERY_ITEM,
    feeItem: FEE_ITEM,
    ...overrides,
  });
}

export function exportConfig(
  overrides: Partial<Record<keyof OrdersConfig, unknown>> = {},
): OrderExportConfig {
  return {
    store: { id: 'tbilisi-tea', timezone: 'Asia/Tbilisi', currency: 'GEL' },
    orders: ordersConfig(overrides),
  };
}

export function address(overrides: Partial<WooAddress> = {}): WooAddress {
  return {
    firstName: 'ნინო',
    lastName: 'ბერიძე',
    company: '',
    address1: 'ჭავჭავაძის გამზ. 12',
    address2: '',
    city: 'თბილისი',
    state: '',
    postcode: '0179',
    country: 'GE',
    email: 'nino@example.ge',
    phone: '+995555123456',
    ...overrides,
  };
}

export function productLine(
  id: number,
  sku: string | null,
  quantity: number,
  total: string,
  totalTax: string,
  overrides: Partial<WooOrderLine> = {},
): WooOrderLine {
  return {
    id,
    name: sku ? `Product ${sku}` : 'Deleted product',
    productId: 100 + id,
    variationId: 0,
    sku,
    quantity,
    subtotal: total,
    subtotalTax: totalTax,
    total,
    totalTax,
    taxes: totalTax === '0.00' ? [] : [{ rateId: 1, total: totalTax, subtotal: totalTax }],
    meta: [],
    ...overrides,
  };
}

export function shippingLine(id: number, total: string, totalTax: string): WooShippingLine {
  return {
    id,
    methodId: 'flat_rate',
    methodTitle: 'კურიერი თბილისში',
    total,
    totalTax,
    taxes: totalTax === '0.00' ? [] : [{ rateId: 1, total: totalTax, subtotal: '' }],
  };
}

export function feeLine(id: number, name: string, total: string, totalTax: string): WooFeeLine {
  return {
    id,
    name,
    taxStatus: totalTax === '0.00' ? 'none' : 'taxable',
    total,
    totalTax,
    taxes: totalTax === '0.00' ? [] : [{ rateId: 1, total: totalTax, subtotal: '' }],
  };
}

export function order(overrides: Partial<WooOrder> = {}): WooOrder {
  return {
    id: 1234,
    number: '1234',
    status: 'processing',
    currency: 'GEL',
    pricesIncludeTax: true,
    dateCreated: '2026-03-01T08:55:00Z',
    dateModified: '2026-03-01T09:00:00Z',
    datePaid: '2026-03-01T09:00:00Z',
    dateCompleted: null,
    total: '0.00',
    totalTax: '0.00',
    shippingTotal: '0.00',
    shippingTax: '0.00',
    discountTotal: '0.00',
    discountTax: '0.00',
    cartTax: '0.00',
    customerId: 0,
    customerNote: '',
    billing: address(),
    shipping: address({ email: '' }),
    paymentMethod: 'bacs',
    paymentMethodTitle: 'Bank transfer',
    transactionId: '',
    meta: [],
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    couponLines: [],
    taxLines: [],
    refunds: [],
    ...overrides,
  };
}

export function refundLine(
  id: number,
  refundedItemId: number | null,
  quantity: number,
  total: string,
  totalTax: string,
  overrides: Partial<WooRefundLine> = {},
): WooRefundLine {
  return {
    id,
    refundedItemId,
    name: `Refunded item ${refundedItemId}`,
    productId: 0,
    variationId: 0,
    sku: null,
    quantity,
    subtotal: total,
    total,
    totalTax,
    taxes: totalTax === '0.00' ? [] : [{ rateId: 1, total: totalTax, subtotal: totalTax }],
    ...overrides,
  };
}

export function refund(overrides: Partial<WooRefund> = {}): WooRefund {
  return {
    id: 2001,
    orderId: 1234,
    dateCreated: '2026-03-05T10:15:00Z',
    amount: '0.00',
    reason: '',
    refundedPayment: false,
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    meta: [],
    ...overrides,
  };
}

/** Σ Amount of document lines, in minor units (test-side, digit by digit). */
export function sumAmounts(lines: readonly { Amount: string }[]): number {
  return lines.reduce((sum, line) => sum + toMinor(line.Amount), 0);
}

/** "12.50" → 1250, test-side and independent of the code under test. */
export function toMinor(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a 2-decimal amount: ${text}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

/** 3 churchkhela for 10.00 (inclusive 18%), honey 25.00, courier 5.00 + 0.90 VAT. */
export function teaShopOrder(overrides: Partial<WooOrder> = {}): WooOrder {
  return order({
    total: '40.90',
    totalTax: '6.24',
    shippingTotal: '5.00',
    shippingTax: '0.90',
    cartTax: '5.34',
    lineItems: [
      productLine(11, 'CHURCHKHELA-3', 3, '8.47', '1.53', {
        taxes: [{ rateId: 1, total: '1.525424', subtotal: '1.525424' }],
      }),
      productLine(12, 'HONEY-500', 1, '21.19', '3.81', {
        taxes: [{ rateId: 1, total: '3.813559', subtotal: '3.813559' }],
      }),
    ],
    shippingLines: [shippingLine(13, '5.00', '0.90')],
    ...overrides,
  });
}
