import { createWooCommerceRest, type WooCommerceRest } from '@balance-sync/adapters/woocommerce';
import {
  createWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import type { BalanceClient } from '@balance-sync/balance-client';
import {
  type BalanceSimulator,
  createBalanceSimulator,
} from '@balance-sync/balance-client/testing';
import {
  createSyncEngine,
  type SyncConfigInput,
  type SyncEngine,
  type WooCommercePort,
} from '@balance-sync/woo-sync-core';
import { InMemorySyncStore, ManualClock } from '@balance-sync/woo-sync-core/testing';
import { seedConfig, simulatorClient } from './catalog-world.js';

/** Methods that change the store. */
export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A WooCommerce simulator reached through the REST adapter, in-process (no sockets). */
export function wooOverRest(
  clock: ManualClock,
  options: { latencyMs?: number; concurrency?: number } = {},
): { sim: WooCommerceSimulator; woo: WooCommerceRest } {
  const sim = createWooCommerceSimulator({
    url: 'https://shop.test',
    clock: { now: () => clock.now().getTime() },
    ...(options.latencyMs ? { faults: [{ type: 'latency', ms: options.latencyMs }] } : {}),
  });
  const key = sim.keys.default;
  const woo = createWooCommerceRest({
    url: sim.url,
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
    concurrency: options.concurrency ?? 4,
    clock,
    fetch: sim.inProcessFetch,
  });
  return { sim, woo };
}

/** Requests the WooCommerce simulator received that write (POST/PUT/PATCH/DELETE). */
export function writesOf(sim: WooCommerceSimulator): string[] {
  return sim.requests.entries
    .filter((entry) => WRITE_METHODS.has(entry.method))
    .map((entry) => `${entry.method} ${entry.path}`);
}

export interface SimulatorWorld {
  clock: ManualClock;
  balanceSim: BalanceSimulator;
  balance: BalanceClient;
  wooSim: WooCommerceSimulator;
  woo: WooCommerceRest;
  store: InMemorySyncStore;
  engine: SyncEngine;
}

/** Both simulators, the REST adapter, an in-memory SyncStore and an engine over them. */
export function createSimulatorWorld(
  options: {
    now?: string;
    config?: (sim: BalanceSimulator) => SyncConfigInput;
    port?: (woo: WooCommerceRest) => WooCommercePort;
    seedItems?: number;
  } = {},
): SimulatorWorld {
  const clock = new ManualClock(options.now ?? '2025-12-01T08:00:00Z');
  const balanceSim = createBalanceSimulator({
    clock,
    ...(options.seedItems ? { seed: { items: options.seedItems } } : {}),
  });
  const balance = simulatorClient(balanceSim);
  const { sim: wooSim, woo } = wooOverRest(clock);
  const store = new InMemorySyncStore();
  const engine = createSyncEngine({
    config: (options.config ?? seedConfig)(balanceSim),
    balance,
    woo: options.port ? options.port(woo) : woo,
    store,
    clock,
  });
  return { clock, balanceSim, balance, wooSim, woo, store, engine };
}
