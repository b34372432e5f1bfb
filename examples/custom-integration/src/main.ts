// An integrator's own script: the engine assembled by hand from the packages (no hosts), with
// typed events, a reviewed catalog plan, an order export and a reconciliation.
//
// It runs against the Balance and WooCommerce simulators so it works anywhere; to run it
// against real systems, replace `startDemoEnvironment()` with your own configuration
// (`loadSyncConfig()` from '@balance-sync/adapters/runtime' reads balance-sync.config.json).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoEnvironment } from '@balance-sync/adapters/cli';
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
import { createBalanceClient } from '@balance-sync/balance-client';
import { createSyncEngine, formatMoney } from '@balance-sync/woo-sync-core';

const simulators = await startDemoEnvironment();
const config = simulators.config;
const storeId = 'demo';
const store = config.stores[0];
if (!store) throw new Error('no store configured');
const dir = mkdtempSync(join(tmpdir(), 'custom-integration-'));

// 1. The adapters: Balance client, the store's REST adapter, the SQLite store.
const balance = createBalanceClient({
  connection: config.balance.connection,
  username: config.balance.username,
  password: config.balance.password,
  exchangeUid: config.balance.exchangeUid,
});
const woo = createWooCommerceRest({
  url: store.woocommerce.url,
  consumerKey: store.woocommerce.consumerKey,
  consumerSecret: store.woocommerce.consumerSecret,
  auth: store.woocommerce.auth,
});
const storage = createSqliteStore({ path: join(dir, 'sync.db') });

// 2. The engine, and the typed events an integration can feed into its own monitoring.
const engine = createSyncEngine({ config, balance, woo, store: storage });
engine.catalog.events.on('applied', ({ planHash, status }) =>
  console.log(`event applied: plan ${planHash.slice(0, 12)} ${status}`),
);
engine.orders.events.on('exported', (event) =>
  console.log(`event exported: ${event.key} → ${event.uid}`),
);

try {
  // 3. Plan, review, apply — the plan is data with a stable hash.
  const plan = await engine.catalog.plan({ storeId, scope: 'items' });
  const { create, adopt, update, skip, conflict } = plan.summary;
  console.log(
    `plan ${plan.hash.slice(0, 12)}: create ${create}, adopt ${adopt}, update ${update}, skip ${skip}, conflict ${conflict}`,
  );
  const applied = await engine.catalog.apply(plan);
  console.log(
    `imported: ${applied.counts.created} products created as drafts, ${applied.counts.failed} failed`,
  );

  // 4. A shopper buys something (the simulator's storefront) and the integration exports it.
  for (const mapping of await storage.products.list(storeId)) {
    await simulators.woo.admin.editProduct(mapping.wooId, { status: 'publish' });
  }
  const order = await simulators.woo.shopper.placeOrder({
    lines: [
      { sku: 'CF-001', quantity: 1 },
      { sku: 'TE-002', quantity: 2 },
    ],
    paymentMethod: 'card',
    paid: true,
  });
  const exported = await engine.orders.exportOrder({ storeId, orderId: order.id });
  for (const document of exported.documents) {
    console.log(`order ${order.id}: ${document.key} ${document.action} (${document.uid})`);
  }

  // 5. Reconcile today: store vs ledger vs Balance, to the tetri.
  const now = Date.now();
  const report = await engine.orders.reconcile({
    storeId,
    from: new Date(now - 3_600_000).toISOString(),
    to: new Date(now + 60_000).toISOString(),
  });
  for (const row of report.rows) {
    console.log(
      `reconcile ${row.key}: ${row.status} (Balance ${row.balanceTotalMinor === null ? '—' : formatMoney(row.balanceTotalMinor, 2)} GEL)`,
    );
  }
  const ok =
    applied.counts.failed === 0 &&
    exported.documents.every((d) => d.action === 'exported') &&
    report.rows.every((r) => r.status === 'ok');
  console.log(ok ? 'custom integration: done' : 'custom integration: something did not match');
  process.exitCode = ok ? 0 : 1;
} finally {
  await storage.close();
  await simulators.close();
  rmSync(dir, { recursive: true, force: true });
}
