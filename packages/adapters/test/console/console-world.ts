// The console's test world: the Balance and WooCommerce simulators with seed data, a runtime
// on SQLite in a temporary folder with the in-process queue (few attempts, short backoff), a
// worker consuming its jobs, and an Express app with createSyncRouter({ console: true }).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSyncRouter } from '@balance-sync/adapters/express';
import { createSyncRuntime, type SyncRuntime } from '@balance-sync/adapters/runtime';
import {
  createWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { type SyncWorker, startWorker } from '@balance-sync/adapters/worker';
import {
  type BalanceSimulator,
  createBalanceSimulator,
  ITEM_TYPES,
} from '@balance-sync/balance-client/testing';
import { parseSyncConfig, type SyncConfig, silentLogger } from '@balance-sync/woo-sync-core';
import express from 'express';
import { demoConfigInput } from '../../src/cli/demo/demo-environment.js';

export const STORE = 'shop';

export interface ConsoleWorld {
  balance: BalanceSimulator;
  woo: WooCommerceSimulator;
  config: SyncConfig;
  runtime: SyncRuntime;
  worker: SyncWorker | undefined;
  /** `http://127.0.0.1:<port>` of the Express app. */
  url: string;
  adminToken: string;
  dir: string;
  /** Builds another runtime and router on the same SQLite file (a restart; a new port). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Groceries and sweets are deliberately left out of the configured mapping (and
 * `createCategories` is off), so the Categories page has groups to map.
 */
function worldConfig(
  balance: BalanceSimulator,
  woo: WooCommerceSimulator,
  dir: string,
  adminToken: string,
  maxAttempts: number,
): SyncConfig {
  const seed = balance.seed;
  const demo = demoConfigInput(balance, woo, ITEM_TYPES.service, { dir });
  const [store] = demo.stores;
  return parseSyncConfig({
    ...demo,
    catalog: { ...demo.catalog, createCategories: false },
    stores: [
      {
        ...store!,
        id: STORE,
        name: 'Tbilisi coffee shop',
        categories: {
          mapping: {
            [seed.groups.beverages]: 'create',
            [seed.groups.coffee]: 'create',
            [seed.groups.tea]: 'create',
            [seed.groups.household]: 'create',
          },
          excludedGroups: [seed.groups.expenses],
        },
      },
    ],
    queue: { driver: 'in-process', concurrency: 2, maxAttempts },
    server: { host: '127.0.0.1', port: 0, adminToken, console: true },
  });
}

/** Starts the world; `worker: false` leaves the jobs in the queue. */
export async function startConsoleWorld(
  options: { maxAttempts?: number; worker?: boolean } = {},
): Promise<ConsoleWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'balance-sync-console-'));
  const adminToken = randomBytes(18).toString('base64url');
  const balance = createBalanceSimulator({ seed: { prngSeed: 1, items: 24 } });
  const woo = createWooCommerceSimulator({ seed: 'console-e2e', settings: { https: false } });
  await balance.start();
  await woo.start();
  const config = worldConfig(balance, woo, dir, adminToken, options.maxAttempts ?? 2);

  let runtime!: SyncRuntime;
  let worker: SyncWorker | undefined;
  let server!: Server;
  let url = '';

  const open = async () => {
    runtime = await createSyncRuntime(config, {
      logger: silentLogger,
      balanceOptions: { retry: false },
      queueTuning: { backoff: { baseMs: 100, maxMs: 200 }, pollMs: 50, leaseMs: 5_000 },
    });
    if (options.worker !== false) {
      worker = await startWorker({ runtime, schedules: false, handleSignals: false });
    }
    const app = express();
    app.use(createSyncRouter({ runtime, adminToken, console: true }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const shut = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await worker?.stop();
    await runtime.close({ timeoutMs: 2_000 });
  };

  await open();
  const world: ConsoleWorld = {
    balance,
    woo,
    config,
    get runtime() {
      return runtime;
    },
    get worker() {
      return worker;
    },
    get url() {
      return url;
    },
    adminToken,
    dir,
    async restart() {
      await shut();
      await open();
    },
    async close() {
      await shut().catch(() => {});
      await Promise.allSettled([woo.stop(), balance.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Polls `check` every 50 ms until it holds, or fails after `timeoutMs` saying what it waited for. */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Publishes every imported product with plenty of stock, so the shopper can order them. */
export async function publishImportedProducts(world: ConsoleWorld): Promise<void> {
  for (const mapping of await world.runtime.store.products.list(STORE)) {
    await world.woo.admin.editProduct(mapping.wooId, {
      status: 'publish',
      manage_stock: true,
      stock_quantity: 100,
    });
  }
}
