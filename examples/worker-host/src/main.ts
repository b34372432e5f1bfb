// A background worker process: queue consumers, cron schedules, a health endpoint for the
// process supervisor, structured logs, and a graceful stop on SIGTERM / SIGINT.
//
// With a balance-sync.config.json (or BALANCE_SYNC_CONFIG) it runs against your systems;
// without one it starts the Balance and WooCommerce simulators and schedules a stock import
// every 10 seconds and an order sweep every 5 seconds, so there is work to watch.
import { existsSync } from 'node:fs';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { CONFIG_FILE_NAMES, loadSyncConfig } from '@balance-sync/adapters/runtime';
import { startWorker } from '@balance-sync/adapters/worker';
import type { SyncConfig } from '@balance-sync/woo-sync-core';

const useOwnConfig =
  Boolean(process.env.BALANCE_SYNC_CONFIG) || CONFIG_FILE_NAMES.some((name) => existsSync(name));
let simulators: DemoEnvironment | undefined;
let config: SyncConfig;
if (useOwnConfig) {
  ({ config } = await loadSyncConfig());
} else {
  simulators = await startDemoEnvironment();
  config = {
    ...simulators.config,
    // croner takes an optional seconds field: fast schedules for the simulators
    schedules: {
      catalogImport: undefined,
      stockImport: '*/10 * * * * *',
      orderSweep: '*/5 * * * * *',
      reconcile: undefined,
    },
  };
}

const worker = await startWorker({
  config,
  healthPort: Number(process.env.HEALTH_PORT ?? 8788),
  shutdownTimeoutMs: 30_000,
});

if (simulators) {
  // the first full import now; the schedules keep stock current afterwards
  await worker.runtime.queue.enqueue({
    name: 'catalog-import',
    storeId: 'demo',
    payload: { scope: 'items' },
    dedupeId: 'catalog:demo:items',
  });
}
console.error(`worker-host running; health at ${worker.healthUrl}`);

await worker.stopped; // SIGTERM / SIGINT: no new jobs, in-flight jobs finish, queue and store close
await simulators?.close();
console.error('worker-host stopped');
