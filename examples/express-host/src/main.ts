// An existing Express 5 app that hosts the sync: the router (webhooks + admin API) mounted
// under /sync before the app's own JSON parser, and the worker in the same process.
//
// With a balance-sync.config.json (or BALANCE_SYNC_CONFIG) it runs against your systems;
// without one it starts the Balance and WooCommerce simulators, imports the catalog and
// points the store's webhooks at itself, so the whole path can be tried with curl.

import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { createSyncRouter } from '@balance-sync/adapters/express';
import {
  CONFIG_FILE_NAMES,
  createSyncRuntime,
  loadSyncConfig,
} from '@balance-sync/adapters/runtime';
import { startWorker } from '@balance-sync/adapters/worker';
import type { SyncConfig } from '@balance-sync/woo-sync-core';
import express from 'express';

const useOwnConfig =
  Boolean(process.env.BALANCE_SYNC_CONFIG) || CONFIG_FILE_NAMES.some((name) => existsSync(name));
let simulators: DemoEnvironment | undefined;
let config: SyncConfig;
if (useOwnConfig) {
  ({ config } = await loadSyncConfig());
} else {
  simulators = await startDemoEnvironment();
  config = simulators.config;
}

const runtime = await createSyncRuntime(config);
const worker = await startWorker({ runtime, handleSignals: false, schedules: !simulators });

const app = express();
app.get('/', (_req, res) => {
  res.type('text').send('My shop backend. The sync lives under /sync.\n');
});
// The sync router first: webhook signatures cover the raw body, so no parser may run before it.
app.use(
  '/sync',
  createSyncRouter({
    runtime,
    ...(process.env.ADMIN_TOKEN ? { adminToken: process.env.ADMIN_TOKEN } : {}),
    workerHealth: () => worker.health(),
  }),
);
app.use(express.json());
if (simulators) {
  const sim = simulators;
  // Simulator only: a shopper checkout, so the webhook → queue → worker → Balance path can be seen.
  app.post('/demo/orders', async (req, res) => {
    const sku = typeof req.body?.sku === 'string' ? req.body.sku : 'CF-001';
    const order = await sim.woo.shopper.placeOrder({
      lines: [{ sku, quantity: 1 }],
      paymentMethod: 'card',
      paid: true,
    });
    await sim.woo.flushWebhooks();
    res.status(201).json({ orderId: order.id, total: order.total });
  });
}

const server = createServer(app);
await new Promise<void>((resolve) =>
  server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', resolve),
);
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

if (simulators) {
  const sim = simulators;
  const plan = await runtime.engine.catalog.plan({ storeId: 'demo', scope: 'items' });
  await runtime.engine.catalog.apply(plan);
  for (const mapping of await runtime.store.products.list('demo')) {
    await sim.woo.admin.editProduct(mapping.wooId, { status: 'publish' });
  }
  for (const topic of ['order.created', 'order.updated']) {
    await sim.woo.webhooks.create({
      topic,
      deliveryUrl: `${url}/sync/webhooks/woocommerce/demo`,
      secret: config.stores[0]?.woocommerce.webhookSecret as string,
    });
  }
  console.log(
    'simulators: catalog imported, webhooks point here; POST /demo/orders places an order',
  );
}
console.log(`express-host listening on ${url}`);
console.log(`  webhooks:  ${url}/sync/webhooks/woocommerce/<store id>`);
console.log(`  admin API: ${url}/sync/admin/health (Authorization: Bearer <admin token>)`);

const stop = async (signal: string) => {
  console.log(`${signal}: stopping`);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await worker.stop();
  await runtime.close();
  await simulators?.close();
  console.log('stopped');
};
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
