// The world a fault run drives: both simulators (real HTTP servers in the test process), a
// configuration file for the real hosts with every secret in the environment instead, and a
// runtime in the test process that only *reads* the store and the queue the hosts share.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { createSyncRuntime, type SyncRuntime } from '@balance-sync/adapters/runtime';
import { parseSyncConfig, type SyncConfig, silentLogger } from '@balance-sync/woo-sync-core';
import { dropPostgresSchema } from '../../queues/support/postgres-schema.js';
import { deleteRedisKeys } from '../../queues/support/redis-keys.js';

/** The two deployments the suite runs against. */
export type FaultBackend = 'sqlite' | 'postgres-bullmq';

export interface FaultWorldOptions {
  backend: FaultBackend;
  /** Folder of this run (SQLite file, config file, logs). */
  dir: string;
  /** Balance items in the seed catalog. */
  items: number;
  /** Cron pattern of the order sweep (six fields: seconds first). */
  orderSweep: string;
  databaseUrl?: string;
  redisUrl?: string;
}

/** A secret the scan must never find, with a name for the report. */
export interface KnownSecret {
  name: string;
  value: string;
}

export interface FaultWorld {
  readonly backend: FaultBackend;
  readonly env: DemoEnvironment;
  /** The full configuration (with secrets) the hosts run with. */
  readonly config: SyncConfig;
  /** The configuration file the hosts read (no secrets in it). */
  readonly configPath: string;
  /** `BALANCE_SYNC_*` variables carrying the secrets. */
  readonly hostEnv: Record<string, string>;
  readonly storeId: string;
  readonly webhookSecret: string;
  readonly adminToken: string;
  /** Every secret of the deployment (for the scan). */
  readonly secrets: readonly KnownSecret[];
  /** Folder of this run (the hosts' working directory). */
  readonly dir: string;
  readonly logDir: string;
  /** Reads the store and the queue the hosts share (never consumes jobs). */
  inspector(): Promise<SyncRuntime>;
  close(): Promise<void>;
}

/** Starts the simulators and writes the hosts' configuration for one backend. */
export async function startFaultWorld(options: FaultWorldOptions): Promise<FaultWorld> {
  mkdirSync(options.dir, { recursive: true });
  const logDir = join(options.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const env = await startDemoEnvironment({ dir: options.dir, items: options.items });
  const runId = randomUUID().replaceAll('-', '').slice(0, 10);
  const schema = `faults_${runId}`;
  const prefix = `faults-${runId}`;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the configuration is edited as plain JSON
    const raw = structuredClone(env.config) as unknown as Record<string, any>;
    const store = raw.stores[0];
    const storeId: string = store.id;
    const adminToken = randomBytes(24).toString('base64url');
    raw.server.adminToken = adminToken;
    raw.schedules = { orderSweep: options.orderSweep };
    // the sweep re-reads this far back on every run; the suite's orders are all younger
    raw.orders.sweepSafetyWindowSeconds = 30;
    if (options.backend === 'sqlite') {
      raw.storage = { driver: 'sqlite', path: join(options.dir, 'balance-sync.db') };
      raw.queue = { driver: 'in-process', concurrency: 4, maxAttempts: 10 };
    } else {
      if (!options.databaseUrl || !options.redisUrl) throw new Error('DATABASE_URL and REDIS_URL');
      raw.storage = { driver: 'postgres', databaseUrl: options.databaseUrl, schema };
      raw.queue = {
        driver: 'bullmq',
        redisUrl: options.redisUrl,
        prefix,
        concurrency: 4,
        maxAttempts: 10,
      };
    }
    const config = parseSyncConfig(raw);

    // The file carries no secret: the hosts get them from BALANCE_SYNC_* variables, as an
    // operator's deployment would.
    const file = structuredClone(raw);
    const fileStore = file.stores[0];
    const hostEnv: Record<string, string> = {
      BALANCE_SYNC_BALANCE_PASSWORD: raw.balance.password,
      [`BALANCE_SYNC_STORES_${storeId.toUpperCase()}_CONSUMER_KEY`]: store.woocommerce.consumerKey,
      [`BALANCE_SYNC_STORES_${storeId.toUpperCase()}_CONSUMER_SECRET`]:
        store.woocommerce.consumerSecret,
      [`BALANCE_SYNC_STORES_${storeId.toUpperCase()}_WEBHOOK_SECRET`]:
        store.woocommerce.webhookSecret,
      BALANCE_SYNC_SERVER_ADMIN_TOKEN: adminToken,
      BALANCE_SYNC_LOG_LEVEL: 'info',
    };
    delete file.balance.password;
    delete fileStore.woocommerce.consumerKey;
    delete fileStore.woocommerce.consumerSecret;
    delete fileStore.woocommerce.webhookSecret;
    delete file.server.adminToken;
    const configPath = join(options.dir, 'balance-sync.config.json');
    writeFileSync(configPath, `${JSON.stringify(file, null, 2)}\n`);

    const username: string = raw.balance.username;
    const password: string = raw.balance.password;
    const consumerKey: string = store.woocommerce.consumerKey;
    const consumerSecret: string = store.woocommerce.consumerSecret;
    const secrets: KnownSecret[] = [
      { name: 'Balance password', value: password },
      { name: 'WooCommerce consumer secret', value: consumerSecret },
      { name: 'webhook secret', value: store.woocommerce.webhookSecret },
      { name: 'admin token', value: adminToken },
      {
        name: 'Balance Authorization header (base64 user:password)',
        value: Buffer.from(`${username}:${password}`).toString('base64'),
      },
      {
        name: 'WooCommerce Authorization header (base64 key:secret)',
        value: Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64'),
      },
    ];

    let inspector: SyncRuntime | undefined;
    return {
      backend: options.backend,
      env,
      config,
      configPath,
      hostEnv,
      storeId,
      webhookSecret: store.woocommerce.webhookSecret,
      adminToken,
      secrets,
      dir: options.dir,
      logDir,
      async inspector() {
        inspector ??= await createSyncRuntime(config, { logger: silentLogger });
        return inspector;
      },
      async close() {
        await inspector?.close({ timeoutMs: 1_000 }).catch(() => {});
        await env.close();
        if (options.backend === 'postgres-bullmq') {
          await dropPostgresSchema(options.databaseUrl as string, schema).catch(() => {});
          await deleteRedisKeys(options.redisUrl as string, `${prefix}:*`).catch(() => {});
        }
      },
    };
  } catch (error) {
    await env.close();
    throw error;
  }
}
