import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configEnvironmentVariables, loadSyncConfig } from '@balance-sync/adapters/runtime';
import { ConfigError } from '@balance-sync/woo-sync-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const WAREHOUSE = '11111111-1111-1111-1111-111111111111';
const PRICE_TYPE = '22222222-2222-2222-2222-222222222222';

/** A configuration with no secret in it (they come from the environment). */
const fileConfig = {
  balance: { connection: { mode: 'cloud', applicationId: '1550' }, username: 'api' },
  catalog: {
    stock: { mode: 'single', warehouse: WAREHOUSE },
    prices: { regularPriceType: PRICE_TYPE },
  },
  stores: [
    { id: 'main', woocommerce: { url: 'https://shop.example.ge' } },
    { id: 'eu-shop', woocommerce: { url: 'https://eu.example.ge' } },
  ],
};

const secrets = {
  BALANCE_SYNC_BALANCE_PASSWORD: 'balance-pa55word!',
  BALANCE_SYNC_STORES_MAIN_CONSUMER_KEY: 'ck_main_0123456789',
  BALANCE_SYNC_STORES_MAIN_CONSUMER_SECRET: 'cs_main_0123456789',
  BALANCE_SYNC_STORES_EU_SHOP_WOOCOMMERCE_CONSUMER_KEY: 'ck_eu_0123456789',
  BALANCE_SYNC_STORES_EU_SHOP_CONSUMER_SECRET: 'cs_eu_0123456789',
};

async function failure(run: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSyncConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bs-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds balance-sync.config.json in cwd and takes secrets from the environment', async () => {
    writeFileSync(join(dir, 'balance-sync.config.json'), JSON.stringify(fileConfig));
    const { config, source, environment } = await loadSyncConfig({ cwd: dir, env: secrets });
    expect(source).toBe(join(dir, 'balance-sync.config.json'));
    expect(config.balance.password).toBe('balance-pa55word!');
    expect(config.stores[0]?.woocommerce).toMatchObject({
      consumerKey: 'ck_main_0123456789',
      consumerSecret: 'cs_main_0123456789',
    });
    expect(config.stores[1]?.woocommerce.consumerKey).toBe('ck_eu_0123456789');
    expect(environment['balance.password']).toBe('BALANCE_SYNC_BALANCE_PASSWORD');
    // a relative SQLite path is resolved against the file's folder
    expect(config.storage).toEqual({ driver: 'sqlite', path: join(dir, 'balance-sync.db') });
  });

  it('overrides typed fields from the environment and reads *_FILE secrets', async () => {
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify(fileConfig));
    writeFileSync(join(dir, 'token'), 'admin-token-from-file\n');
    const { config } = await loadSyncConfig({
      path: 'cfg.json',
      cwd: dir,
      env: {
        ...secrets,
        BALANCE_SYNC_SERVER_PORT: '9000',
        BALANCE_SYNC_SERVER_ADMIN_TOKEN_FILE: join(dir, 'token'),
        BALANCE_SYNC_CATALOG_CREATE_CATEGORIES: 'true',
        BALANCE_SYNC_STORES_EU_SHOP_ORDERS_PAID_STATUSES: 'completed, processing',
        BALANCE_SYNC_QUEUE_CONCURRENCY: '8',
        BALANCE_SYNC_LOG_LEVEL: 'debug',
      },
    });
    expect(config.server.port).toBe(9000);
    expect(config.server.adminToken).toBe('admin-token-from-file');
    expect(config.catalog.createCategories).toBe(true);
    // a field of a section the file leaves out starts from the section's default
    expect(config.queue).toEqual({ driver: 'in-process', concurrency: 8, maxAttempts: 10 });
    expect(config.stores[1]?.orders?.paidStatuses).toEqual(['completed', 'processing']);
  });

  it('loads .mjs modules (object or function default export)', async () => {
    writeFileSync(
      join(dir, 'balance-sync.config.mjs'),
      `export default async () => (${JSON.stringify(fileConfig)});`,
    );
    const { config } = await loadSyncConfig({ cwd: dir, env: secrets });
    expect(config.stores.map((s) => s.id)).toEqual(['main', 'eu-shop']);
  });

  it('loads TypeScript configuration files', async () => {
    writeFileSync(
      join(dir, 'balance-sync.config.ts'),
      `const config: Record<string, unknown> = ${JSON.stringify(fileConfig)};\nexport default config;\n`,
    );
    const { config } = await loadSyncConfig({ cwd: dir, env: secrets });
    expect(config.balance.username).toBe('api');
  });

  it('names the missing secret, the variable to set and never prints a secret value', async () => {
    writeFileSync(join(dir, 'balance-sync.config.json'), JSON.stringify(fileConfig));
    const { BALANCE_SYNC_BALANCE_PASSWORD: _, ...partial } = secrets;
    const error = await failure(() =>
      loadSyncConfig({ cwd: dir, env: { ...partial, BALANCE_SYNC_SERVER_PORT: 'eighty' } }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['balance.password', 'server.port']);
    const password = error.issues.find((i) => i.path === 'balance.password');
    expect(password?.message).toMatch(
      /BALANCE_SYNC_BALANCE_PASSWORD \(or BALANCE_SYNC_BALANCE_PASSWORD_FILE/,
    );
    const port = error.issues.find((i) => i.path === 'server.port');
    expect(port?.message).toBe('BALANCE_SYNC_SERVER_PORT must be a number (got "eighty")');
    expect(error.message).toContain(join(dir, 'balance-sync.config.json'));
    for (const value of Object.values(partial)) expect(error.message).not.toContain(value);
  });

  it('says which value is wrong, where it came from and how to fix it', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: a deliberately broken copy
    const bad = structuredClone(fileConfig) as Record<string, any>;
    bad.stores[0].timezone = 'Mars/Olympus';
    writeFileSync(join(dir, 'balance-sync.config.json'), JSON.stringify(bad));
    const error = await failure(() =>
      loadSyncConfig({
        cwd: dir,
        env: {
          ...secrets,
          BALANCE_SYNC_STORES_MAIN_URL: 'not a url',
          BALANCE_SYNC_STORES_MAIN_CONSUMER_SECRET: 'x',
        },
      }),
    );
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath['stores.0.timezone']).toMatch(
      /IANA time zone.*\(got "Mars\/Olympus"\); fix it in the file/,
    );
    expect(byPath['stores.0.woocommerce.url']).toMatch(
      /\(got "not a url"\); the value comes from BALANCE_SYNC_STORES_MAIN_URL/,
    );
    // the secret that is too short is named, but its value is not echoed
    expect(Object.keys(byPath)).not.toContain('stores.0.woocommerce.consumerSecret');
  });

  it('refuses unknown BALANCE_SYNC_* variables with a suggestion, and unknown stores', async () => {
    writeFileSync(join(dir, 'balance-sync.config.json'), JSON.stringify(fileConfig));
    const error = await failure(() =>
      loadSyncConfig({
        cwd: dir,
        env: {
          ...secrets,
          BALANCE_SYNC_BALANCE_PASWORD: 'typo',
          BALANCE_SYNC_STORES_OTHER_URL: 'https://x.ge',
        },
      }),
    );
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath['env.BALANCE_SYNC_BALANCE_PASWORD']).toMatch(
      /did you mean BALANCE_SYNC_BALANCE_PASSWORD\?/,
    );
    expect(byPath['env.BALANCE_SYNC_STORES_OTHER_URL']).toMatch(/one of: EU_SHOP, MAIN/);
  });

  it('reports JSON syntax errors with line and column', async () => {
    writeFileSync(join(dir, 'balance-sync.config.json'), '{\n  "balance": {,\n}');
    const error = await failure(() => loadSyncConfig({ cwd: dir, env: {} }));
    expect(error.issues[0]?.message).toMatch(/line 2, column \d+/);
  });

  it('explains what to do when there is no configuration file', async () => {
    const error = await failure(() => loadSyncConfig({ cwd: dir, env: {} }));
    expect(error.message).toMatch(/no balance-sync\.config\.json.*--config.*balance-woo demo/s);
    const missing = await failure(() =>
      loadSyncConfig({ cwd: dir, env: { BALANCE_SYNC_CONFIG: 'nope.json' } }),
    );
    expect(missing.message).toContain(join(dir, 'nope.json'));
  });

  it('lists every environment variable with its path', () => {
    const names = configEnvironmentVariables().map((v) => v.alias ?? v.name);
    expect(names).toContain('BALANCE_SYNC_BALANCE_PASSWORD');
    expect(names).toContain('BALANCE_SYNC_SERVER_ADMIN_TOKEN');
    expect(names).toContain('BALANCE_SYNC_STORES_<ID>_WEBHOOK_SECRET');
    expect(
      configEnvironmentVariables()
        .filter((v) => v.secret)
        .map((v) => v.path),
    ).toEqual(
      expect.arrayContaining([
        'balance.password',
        'server.adminToken',
        'stores.<id>.woocommerce.consumerSecret',
      ]),
    );
  });
});
