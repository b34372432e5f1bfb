import {
  buildSale,
  createItemResolver,
  fillTemplate,
  type ProductMapping,
  saleLineUidsFromReadBack,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import {
  exportConfig,
  productLine,
  RETAIL_CLIENT,
  resolveBySku,
  teaShopOrder,
} from './support/fixtures.js';

const mapping = (wooId: number, balanceUid: string, sku: string): ProductMapping => ({
  balanceUid,
  wooId,
  wooParentId: 0,
  sku,
  lastPushed: {},
  updatedAt: '2026-03-01T00:00:00Z',
});

describe('createItemResolver', () => {
  const resolve = createItemResolver({
    mappings: [mapping(111, 'tea-uid', 'TEA-250'), mapping(902, 'red-variation-uid', 'SHIRT-RED')],
    itemsBySku: new Map([[' Honey-500 ', 'honey-uid']]),
  });

  it('uses the product mapping first, the variation’s own mapping for variations', () => {
    expect(resolve(productLine(11, 'TEA-250', 1, '1.00', '0.00'))).toEqual({
      item: 'tea-uid',
      stringCode: 'TEA-250',
    });
    expect(
      resolve(
        productLine(12, 'SHIRT-RED', 1, '1.00', '0.00', { productId: 901, variationId: 902 }),
      ),
    ).toEqual({
      item: 'red-variation-uid',
      stringCode: 'SHIRT-RED',
    });
  });

  it('falls back to the SKU, compared the WooCommerce way, and keeps the mapped SKU of deleted products', () => {
    expect(resolve(productLine(13, 'honey-500', 1, '1.00', '0.00', { productId: 555 }))).toEqual({
      item: 'honey-uid',
      stringCode: 'honey-500',
    });
    expect(resolve(productLine(11, null, 1, '1.00', '0.00'))).toEqual({
      item: 'tea-uid',
      stringCode: 'TEA-250',
    });
    expect(
      resolve(productLine(14, 'NOT-IN-BALANCE', 1, '1.00', '0.00', { productId: 556 })),
    ).toBeUndefined();
    expect(resolve(productLine(15, null, 1, '1.00', '0.00', { productId: 557 }))).toBeUndefined();
  });
});

describe('fillTemplate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('WooCommerce order #{number} ({id})', { number: 'GE-77', id: 77 })).toBe(
      'WooCommerce order #GE-77 (77)',
    );
    expect(fillTemplate('{numbr}', { number: '1' })).toBe('{numbr}');
    expect(fillTemplate('{constructor}', { number: '1' })).toBe('{constructor}');
  });
});

describe('saleLineUidsFromReadBack', () => {
  const result = buildSale({
    order: teaShopOrder(),
    client: RETAIL_CLIENT,
    resolveItem: resolveBySku,
    config: exportConfig(),
  });
  if (!result.ok) throw new Error('fixture');

  it('lists Balance’s line uids by Sale line position', () => {
    const readBack = { Items: [{ uid: 'l-1' }, { uid: ' l-2 ' }, {}, { uid: 'l-4' }] };
    expect(saleLineUidsFromReadBack(result, readBack)).toEqual(['l-1', 'l-2', undefined, 'l-4']);
  });

  it('pairs nothing when Balance returns another number of lines', () => {
    expect(saleLineUidsFromReadBack(result, { Items: [{ uid: 'l-1' }] })).toEqual([]);
  });
});
