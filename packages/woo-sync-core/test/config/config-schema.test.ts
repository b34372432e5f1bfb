import { readFileSync } from 'node:fs';
import {
  ConfigError,
  parseSyncConfig,
  resolveStoreConfig,
  syncConfigJsonSchema,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

const WAREHOUSE = '11111111-1111-1111-1111-111111111111';
const PRICE_TYPE = '22222222-2222-2222-2222-222222222222';
const CLIENT = '33333333-3333-3333-3333-333333333333';

// The tests build invalid configurations by mutating a copy, so the copy is untyped.
// biome-ignore lint/suspicious/noExplicitAny: deliberately loose test input
type LooseConfig = Record<string, any>;

const minimal = {
  balance: {
    connection: { mode: 'cloud', applicationId: '1550' },
    username: 'api',
    password: 'secret-password',
  },
  catalog: {
    stock: { mode: 'single', warehouse: WAREHOUSE },
    prices: { regularPriceType: PRICE_TYPE },
  },
  stores: [
    {
      id: 'main',
      woocommerce: { url: 'https://shop.example.ge', consumerKey: 'ck_1', consumerSecret: 'cs_1' },
    },
  ],
};

describe('configuration schema', () => {
  it('docs/config.schema.json is current (run `pnpm run generate:config-schema`)', () => {
    const checkedIn = JSON.parse(
      readFileSync(new URL('../../../../docs/config.schema.json', import.meta.url), 'utf8'),
    );
    expect(checkedIn).toEqual(syncConfigJsonSchema());
  });

  it('applies defaults to a minimal configuration', () => {
    const config = parseSyncConfig(minimal);
    expect(config.balance.connection).toEqual({
      mode: 'cloud',
      applicationId: '1550',
      segment: 'o',
    });
    expect(config.stores[0]?.timezone).toBe('Asia/Tbilisi');
    expect(config.catalog.ownership.status).toBe('store');
    expect(config.storage).toEqual({ driver: 'sqlite', path: './balance-sync.db' });
    expect(config.orders).toBeUndefined();
  });

  it('lists every bad path in one error', () => {
    const bad = structuredClone(minimal) as LooseConfig;
    bad.balance.connection.applicationId = 'abc';
    bad.stores[0].woocommerce.url = 'not a url';
    bad.stores[0].timezone = 'Mars/Olympus';
    bad.stores.push({ ...bad.stores[0] });
    bad.unknownKey = true;
    const error = (() => {
      try {
        parseSyncConfig(bad, { source: 'balance-sync.config.json' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        '',
        'balance.connection.applicationId',
        'stores.0.timezone',
        'stores.0.woocommerce.url',
        'stores.1.id',
        'stores.1.timezone',
        'stores.1.woocommerce.url',
      ].sort(),
    );
    expect((error as ConfigError).message).toContain('balance-sync.config.json');
    expect((error as ConfigError).message).toContain('Asia/Tbilisi');
  });

  it('per-store stock mode requires the store’s warehouses', () => {
    const input = structuredClone(minimal) as LooseConfig;
    input.catalog.stock = { mode: 'per-store' };
    expect(() => parseSyncConfig(input)).toThrow(/stores\.0\.stockWarehouses/);
    input.stores[0].stockWarehouses = [WAREHOUSE];
    expect(parseSyncConfig(input).catalog.stock.mode).toBe('per-store');
  });

  it('store overrides replace shared fields without re-applying defaults', () => {
    const input = structuredClone(minimal) as LooseConfig;
    input.orders = {
      customer: { mode: 'retail', retailClient: CLIENT },
      warehouse: WAREHOUSE,
      rounding: 'discount-field',
    };
    input.catalog.missingItems = 'draft';
    input.stores[0].orders = { paidStatuses: ['completed'] };
    input.stores[0].catalog = { skuField: 'InternalArticle' };
    const resolved = resolveStoreConfig(parseSyncConfig(input), 'main');
    expect(resolved.orders?.paidStatuses).toEqual(['completed']);
    expect(resolved.orders?.rounding).toBe('discount-field');
    expect(resolved.catalog.skuField).toBe('InternalArticle');
    expect(resolved.catalog.missingItems).toBe('draft');
    expect(() => resolveStoreConfig(parseSyncConfig(input), 'other')).toThrow(
      /configured stores: main/,
    );
  });
});
