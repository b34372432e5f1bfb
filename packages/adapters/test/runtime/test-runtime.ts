// Shared by the host tests: a configuration whose secrets are recognisable, a runtime on a
// temporary SQLite file, and a log sink to check that no secret is ever written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSyncLogger,
  createSyncRuntime,
  type SyncRuntime,
  type SyncRuntimeOverrides,
} from '@balance-sync/adapters/runtime';
import { parseSyncConfig, type SyncConfig } from '@balance-sync/woo-sync-core';

// biome-ignore lint/suspicious/noExplicitAny: tests patch raw configurations freely
type RawConfig = Record<string, any>;

export const SECRETS = {
  balancePassword: 'balance-Pa55word-0001',
  consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567',
  consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567',
  webhookSecret: 'whsec-G6x&kT9#pQ-0001',
  adminToken: 'admin-token-0123456789',
} as const;

export function testConfig(dir: string, patch: (raw: RawConfig) => void = () => {}): SyncConfig {
  const raw: RawConfig = {
    balance: {
      connection: { mode: 'onprem', baseUrl: 'http://127.0.0.1:9' },
      username: 'woo-sync',
      password: SECRETS.balancePassword,
    },
    catalog: {
      stock: { mode: 'single', warehouse: '11111111-1111-1111-1111-111111111111' },
      prices: { regularPriceType: '22222222-2222-2222-2222-222222222222' },
    },
    stores: [
      {
        id: 'main',
        woocommerce: {
          url: 'http://127.0.0.1:9',
          consumerKey: SECRETS.consumerKey,
          consumerSecret: SECRETS.consumerSecret,
          webhookSecret: SECRETS.webhookSecret,
        },
      },
      {
        id: 'nosecret',
        woocommerce: {
          url: 'http://127.0.0.1:9',
          consumerKey: SECRETS.consumerKey,
          consumerSecret: SECRETS.consumerSecret,
        },
      },
    ],
    storage: { driver: 'sqlite', path: join(dir, 'sync.db') },
    server: { adminToken: SECRETS.adminToken },
  };
  patch(raw);
  return parseSyncConfig(raw);
}

export interface TestRuntime {
  runtime: SyncRuntime;
  dir: string;
  logs: string[];
  dispose(): Promise<void>;
}

export async function createTestRuntime(
  options: { patch?: (raw: RawConfig) => void; overrides?: SyncRuntimeOverrides } = {},
): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-host-'));
  const config = testConfig(dir, options.patch);
  const logs: string[] = [];
  const logger = createSyncLogger({
    config,
    level: 'debug',
    destination: { write: (line: string) => void logs.push(line) },
  });
  const runtime = await createSyncRuntime(config, { logger, ...options.overrides });
  return {
    runtime,
    dir,
    logs,
    async dispose() {
      await runtime.close({ timeoutMs: 1000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fails when any secret of {@link SECRETS} appears in the text. */
export function expectNoSecrets(text: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    if (text.includes(value))
      throw new Error(
        `secret ${name} leaked: …${text.slice(Math.max(0, text.indexOf(value) - 80), text.indexOf(value) + 20)}…`,
      );
  }
}
