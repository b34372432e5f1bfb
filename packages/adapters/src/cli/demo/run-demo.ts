import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formatMoney,
  type LedgerEntry,
  type Logger,
  silentLogger,
} from '@balance-sync/woo-sync-core';
import { createSyncRouter } from '../../express/index.js';
import { createSyncRuntime } from '../../runtime/create-sync-runtime.js';
import { testStoreConnection } from '../../runtime/operations/test-store-connection.js';
import type { SyncRuntime } from '../../runtime/sync-runtime.js';
import type { WooOrder } from '../../woocommerce/testing/index.js';
import { type SyncWorker, startWorker } from '../../worker/index.js';
import { DEMO_STORE_ID, type DemoEnvironment, startDemoEnvironment } from './demo-environment.js';

/** One step of the demo story. */
export interface DemoStep {
  step: number;
  title: string;
  /** Whether what the step checks held. */
  ok: boolean;
  durationMs: number;
  /** Facts of the step (counts, uids, totals). */
  details: Record<string, unknown>;
}

/** What `balance-woo demo` reports. */
export interface DemoReport {
  ok: boolean;
  durationMs: number;
  /** Where the SQLite file lived (removed at the end). */
  dir: string;
  steps: DemoStep[];
}

/** How the demo talks while it runs. */
export interface DemoNarrator {
  /** A step starts. */
  step(step: number, title: string): void;
  /** A line of the current step. */
  line(text: string): void;
  /** Progress of a long part. */
  progress(label: string): { update(done: number, total: number): void; stop(): void };
}

const STORE = DEMO_STORE_ID;

async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`The demo timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

const gel = (minor: number | null | undefined) =>
  minor == null ? '—' : `${formatMoney(minor, 2)} GEL`;

/**
 * The merchant's whole setup and first days, on simulators: test connection → category
 * mapping → dry-run import → import → shopper orders → webhooks → Sale export → a partial
 * and a full refund → credit notes → a Balance outage and recovery → reconciliation. Every
 * step checks what it claims; the report says whether all held.
 */
export async function runDemo(
  narrator: DemoNarrator,
  options: { logger?: Logger } = {},
): Promise<DemoReport> {
  const started = performance.now();
  const steps: DemoStep[] = [];
  let env: DemoEnvironment | undefined;
  let runtime: SyncRuntime | undefined;
  let worker: SyncWorker | undefined;
  let server: Server | undefined;

  const run = async (
    step: number,
    title: string,
    body: () => Promise<{ ok: boolean; details: Record<string, unknown> }>,
  ) => {
    narrator.step(step, title);
    const t0 = performance.now();
    const { ok, details } = await body();
    steps.push({ step, title, ok, durationMs: Math.round(performance.now() - t0), details });
    if (!ok) narrator.line('✘ this step did not go as expected (see --json for details)');
  };

  try {
    env = await startDemoEnvironment();
    const demo = env;
    narrator.line(`Balance simulator ${demo.balance.url} · WooCommerce simulator ${demo.woo.url}`);
    narrator.line(`SQLite store and in-process queue in ${demo.dir}`);
    runtime = await createSyncRuntime(demo.config, {
      logger: options.logger ?? silentLogger,
      balanceOptions: { retry: { limit: 1, backoffMs: 50, maxDelayMs: 100 } },
      wooOptions: () => ({ retry: { limit: 2, backoffMs: 50, maxDelayMs: 200 } }),
      queueTuning: { backoff: { baseMs: 250, maxMs: 1_000 }, pollMs: 50 },
    });
    const rt = runtime;
    const ledgerOf = async (orderId: number) => rt.store.ledger.listByOrder(STORE, orderId);

    // 1 ---------------------------------------------------------------- test connection
    await run(1, 'Test connection', async () => {
      const report = await testStoreConnection(rt, STORE);
      narrator.line(
        `${report.balance.ok ? '✔' : '✘'} Balance (${report.balance.mode}): ${report.balance.verdict} — ${report.balance.warehouses.length} warehouses, ${report.balance.groups.length} groups, ${report.balance.priceTypes.length} price types`,
      );
      narrator.line(
        `${report.woocommerce.ok ? '✔' : '✘'} WooCommerce: ${report.woocommerce.ok ? 'REST keys work' : report.woocommerce.error?.message}`,
      );
      return {
        ok: report.ok,
        details: { balance: report.balance.verdict, woocommerce: report.woocommerce.ok },
      };
    });

    // 2 ---------------------------------------------------------------- category mapping
    await run(2, 'Category mapping', async () => {
      const groups = new Map(
        (await rt.balance.testConnection()).groups.map((g) => [g.uid, g.name ?? g.uid]),
      );
      const store = rt.config.stores[0];
      const mapping = Object.entries(store?.categories.mapping ?? {}).map(([uid, target]) => ({
        group: groups.get(uid) ?? uid,
        target,
      }));
      narrator.line(
        `The merchant maps Balance groups to store categories: ${mapping.map((m) => `${m.group} → ${m.target === 'create' ? 'new category' : `#${m.target}`}`).join(', ')}`,
      );
      const excluded = (store?.categories.excludedGroups ?? []).map(
        (uid) => groups.get(uid) ?? uid,
      );
      narrator.line(`Excluded (never sold online): ${excluded.join(', ')}`);
      return { ok: mapping.length > 0, details: { mapping, excluded } };
    });

    // 3 ---------------------------------------------------------------- dry run
    const plan = await (async () => {
      let made: Awaited<ReturnType<typeof rt.engine.catalog.plan>> | undefined;
      await run(3, 'Dry-run import report', async () => {
        made = await rt.engine.catalog.plan({ storeId: STORE, scope: 'items' });
        const s = made.summary;
        narrator.line(
          `Plan ${made.hash.slice(0, 12)}: ${s.create} to create (as drafts), ${s.adopt} to adopt, ${s.update} to update, ${s.skip} skipped, ${s.conflict} conflicts, ${s.categories.create} categories to create`,
        );
        const reasons = Object.entries(s.reasons)
          .map(([reason, count]) => `${reason} ${count}`)
          .join(', ');
        narrator.line(`Skips and conflicts, each with its reason and fix: ${reasons}`);
        narrator.line(
          'Nothing was written: `balance-woo import-items --dry-run` prints the full plan.',
        );
        return { ok: s.create > 0, details: { planHash: made.hash, summary: s } };
      });
      return made as NonNullable<typeof made>;
    })();

    // 4 ---------------------------------------------------------------- import
    await run(4, 'Import', async () => {
      const progress = narrator.progress('Applying the plan');
      const onProgress = (e: { done: number; total: number }) => progress.update(e.done, e.total);
      rt.engine.catalog.events.on('progress', onProgress);
      const result = await rt.engine.catalog.apply(plan).finally(() => {
        rt.engine.catalog.events.off('progress', onProgress);
        progress.stop();
      });
      narrator.line(
        `✔ ${result.counts.created} products created as drafts, ${result.counts.categoriesCreated} categories created, ${result.counts.failed} failed`,
      );
      const mappings = await rt.store.products.list(STORE);
      for (const mapping of mappings) {
        await demo.woo.admin.editProduct(mapping.wooId, { status: 'publish' });
      }
      narrator.line(`The merchant reviews the drafts and publishes them (${mappings.length}).`);
      const again = await rt.engine.catalog.plan({ storeId: STORE, scope: 'items' });
      const rerun = await rt.engine.catalog.apply(again);
      const writes = rerun.counts.created + rerun.counts.updated + rerun.counts.adopted;
      narrator.line(`Importing again on an unchanged catalog writes nothing (${writes} writes).`);
      return {
        ok: result.counts.failed === 0 && result.counts.created > 0 && writes === 0,
        details: { counts: result.counts, published: mappings.length, rerunWrites: writes },
      };
    });

    // hosts: web host (webhooks + admin API) and worker, as `balance-woo serve` runs them
    const { default: express } = await import('express');
    const app = express();
    app.use(createSyncRouter({ runtime: rt }));
    server = createServer(app);
    const web = server;
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const hostUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    worker = await startWorker({ runtime: rt, schedules: false, handleSignals: false });
    const webhookSecret = rt.config.stores[0]?.woocommerce.webhookSecret as string;
    for (const topic of ['order.created', 'order.updated']) {
      await demo.woo.webhooks.create({
        topic,
        deliveryUrl: `${hostUrl}/webhooks/woocommerce/${STORE}`,
        secret: webhookSecret,
        ping: true,
      });
    }

    // 5 ---------------------------------------------------------------- shopper orders
    const orders: Record<'card' | 'cod' | 'transfer', WooOrder> = {} as never;
    await run(5, 'Shopper orders', async () => {
      orders.card = await demo.woo.shopper.placeOrder({
        lines: [
          { sku: 'CF-001', quantity: 2 },
          { sku: 'HH-001', quantity: 1 },
        ],
        paymentMethod: 'card',
        paid: true,
        shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
        customer: {
          billing: { first_name: 'ნინო', last_name: 'ბერიძე', email: 'nino@example.ge' },
        },
      });
      orders.cod = await demo.woo.shopper.placeOrder({
        lines: [
          { sku: 'CF-002', quantity: 1 },
          { sku: 'P-00005', quantity: 2 },
        ],
        paymentMethod: 'cod',
        paid: false,
        coupon: { code: 'WELCOME10', type: 'percent', amount: 10 },
        shipping: { methodId: 'local_pickup', title: 'Pickup', total: '0.00' },
      });
      orders.transfer = await demo.woo.shopper.placeOrder({
        lines: [{ sku: 'P-00008', quantity: 3 }],
        paymentMethod: 'bacs',
        paid: false,
      });
      narrator.line(
        `#${orders.card.id} card, 2 lines + courier shipping: ${orders.card.total} GEL — ${orders.card.status}`,
      );
      narrator.line(
        `#${orders.cod.id} cash on delivery, coupon WELCOME10 (−10 %): ${orders.cod.total} GEL — ${orders.cod.status}`,
      );
      narrator.line(
        `#${orders.transfer.id} bank transfer, not paid yet: ${orders.transfer.total} GEL — ${orders.transfer.status}`,
      );
      return {
        ok: orders.card.status === 'processing' && orders.transfer.status === 'on-hold',
        details: Object.fromEntries(
          Object.entries(orders).map(([k, o]) => [
            k,
            { id: o.id, total: o.total, status: o.status },
          ]),
        ),
      };
    });

    // 6 ---------------------------------------------------------------- webhooks
    await run(6, 'Webhooks', async () => {
      await demo.woo.flushWebhooks();
      const deliveries = demo.woo.webhooks.deliveries;
      const pings = deliveries.filter((d) => d.kind === 'ping');
      const events = deliveries.filter((d) => d.kind === 'delivery');
      const accepted = events.filter((d) => d.responseStatus === 202);
      const slowest = Math.round(Math.max(0, ...events.map((d) => d.durationMs)));
      narrator.line(
        `Webhook creation pings answered ${pings.map((p) => p.responseStatus).join(', ')}; ${events.length} signed deliveries, ${accepted.length} answered 202 (slowest ${slowest} ms): each only verified and queued`,
      );
      const jobs = await rt.queue.list({ name: 'export-order', limit: 100 });
      narrator.line(
        `${new Set(jobs.map((j) => j.dedupeId)).size} orders queued for export (deliveries of one order share one waiting job)`,
      );
      return {
        ok:
          pings.every((p) => p.responseStatus === 200) &&
          accepted.length === events.length &&
          events.length > 0,
        details: {
          pings: pings.length,
          deliveries: events.length,
          accepted: accepted.length,
          slowestMs: slowest,
        },
      };
    });

    // 7 ---------------------------------------------------------------- Sale export
    await run(7, 'Sale export', async () => {
      await until(
        async () =>
          (await ledgerOf(orders.card.id)).some(
            (e) => e.kind === 'sale' && e.state === 'exported',
          ) &&
          (await ledgerOf(orders.cod.id)).some((e) => e.kind === 'sale' && e.state === 'exported'),
        20_000,
        'the Sales to be exported',
      );
      const sales: Record<string, unknown>[] = [];
      let ok = true;
      for (const order of [orders.card, orders.cod]) {
        const sale = (await ledgerOf(order.id)).find((e) => e.kind === 'sale') as LedgerEntry;
        const inBalance = demo.balance.state.sales.get(sale.uid);
        const orderMinor = Math.round(Number(order.total) * 100);
        ok &&= inBalance?.totalTetri === orderMinor && sale.totalMinor === orderMinor;
        narrator.line(
          `${inBalance ? '✔' : '✘'} order #${order.id} → Sale ${sale.uid}: order ${order.total} GEL, Balance ${gel(inBalance?.totalTetri)}`,
        );
        sales.push({
          orderId: order.id,
          uid: sale.uid,
          totalMinor: sale.totalMinor,
          balanceTotalMinor: inBalance?.totalTetri ?? null,
        });
      }
      const unpaid = await ledgerOf(orders.transfer.id);
      narrator.line(
        `· order #${orders.transfer.id} is not paid: left alone (${unpaid.length} documents)`,
      );
      return { ok: ok && unpaid.length === 0, details: { sales, unpaidDocuments: unpaid.length } };
    });

    // 8/9 ---------------------------------------------------------------- refunds
    await run(8, 'A partial and a full refund', async () => {
      const line = orders.card.line_items[0];
      const partial = await demo.woo.admin.refund(orders.card.id, {
        lines: [{ itemId: line?.id as number, quantity: 1 }],
        reason: 'One bag arrived torn',
      });
      const full = await demo.woo.admin.refund(orders.cod.id, {
        lines: orders.cod.line_items.map((l) => ({ itemId: l.id, quantity: l.quantity })),
        shipping: true,
        reason: 'Order returned',
      });
      narrator.line(
        `Partial refund #${partial.id} of order #${orders.card.id}: 1 × ${line?.sku} = ${partial.amount} GEL`,
      );
      narrator.line(
        `Full refund #${full.id} of order #${orders.cod.id}: ${full.amount} GEL (order now ${demo.woo.read.order(orders.cod.id).status})`,
      );
      await demo.woo.flushWebhooks();
      return {
        ok: true,
        details: {
          partial: { id: partial.id, amount: partial.amount },
          full: { id: full.id, amount: full.amount },
        },
      };
    });

    await run(9, 'Credit notes', async () => {
      await until(
        async () =>
          (await rt.store.ledger.list({ storeId: STORE, kinds: ['credit'], states: ['exported'] }))
            .entries.length >= 2,
        20_000,
        'the credit notes to be exported',
      );
      const credits = (await rt.store.ledger.list({ storeId: STORE, kinds: ['credit'] })).entries;
      let ok = credits.length === 2;
      for (const credit of credits) {
        const inBalance = demo.balance.state.salesCredits.get(credit.uid);
        const sale = (await ledgerOf(credit.orderId)).find((e) => e.kind === 'sale');
        const payload = Array.isArray(credit.payload) ? credit.payload[0] : credit.payload;
        const base = (payload as { BaseDocument?: unknown } | undefined)?.BaseDocument;
        ok &&= Boolean(inBalance) && base === sale?.uid;
        narrator.line(
          `${inBalance ? '✔' : '✘'} refund #${credit.refundId} → Sales Credit Note ${credit.uid}: ${gel(credit.totalMinor)} (Balance ${gel(inBalance?.totalTetri)}), based on the Sale of order #${credit.orderId}`,
        );
      }
      narrator.line('The Sales were not edited: each refund is its own credit note.');
      return {
        ok,
        details: {
          credits: credits.map((c) => ({
            refundId: c.refundId,
            uid: c.uid,
            totalMinor: c.totalMinor,
          })),
        },
      };
    });

    // 10 ---------------------------------------------------------------- outage
    await run(10, 'A Balance outage and recovery', async () => {
      demo.balance.faults.set({ down: { answer: 'connection-reset' } });
      narrator.line('Balance goes down (connections reset).');
      await demo.woo.admin.markPaid(orders.transfer.id);
      narrator.line(
        `The bank transfer of order #${orders.transfer.id} arrives; the merchant marks it paid.`,
      );
      await demo.woo.flushWebhooks();
      const jobOf = async () =>
        (await rt.queue.list({ name: 'export-order', limit: 100 })).find(
          (j) =>
            (j.payload as { orderId: number }).orderId === orders.transfer.id && j.attempts > 0,
        );
      await until(
        async () => {
          const job = await jobOf();
          return (job?.attempts ?? 0) >= 2 && job?.state === 'delayed';
        },
        20_000,
        'export attempts during the outage',
      );
      const failing = await jobOf();
      narrator.line(
        `The export fails and waits: ${failing?.attempts} attempts so far (of ${failing?.maxAttempts}), the job is ${failing?.state} until its next try: ${failing?.lastError?.message.split(/\.(\s|$)/)[0]}. Checkout is not affected.`,
      );
      demo.balance.faults.clear();
      narrator.line('Balance is back.');
      await until(
        async () =>
          (await ledgerOf(orders.transfer.id)).some(
            (e) => e.kind === 'sale' && e.state === 'exported',
          ),
        20_000,
        'the export after the outage',
      );
      const sale = (await ledgerOf(orders.transfer.id)).find(
        (e) => e.kind === 'sale',
      ) as LedgerEntry;
      const number = String(orders.transfer.number);
      const copies = [...demo.balance.state.sales.values()].filter(
        (doc) => String(doc.body.PrimaryDocument) === number,
      ).length;
      narrator.line(
        `✔ order #${orders.transfer.id} → Sale ${sale.uid} after ${sale.attempts} send attempts: nothing lost, ${copies === 1 ? 'nothing duplicated' : `${copies} copies!`}`,
      );
      return {
        ok: copies === 1,
        details: {
          orderId: orders.transfer.id,
          attempts: sale.attempts,
          jobAttempts: failing?.attempts,
          copiesInBalance: copies,
        },
      };
    });

    // 11 ---------------------------------------------------------------- reconciliation
    await run(11, 'Reconciliation', async () => {
      const now = Date.now();
      const report = await rt.engine.orders.reconcile({
        storeId: STORE,
        from: new Date(now - 24 * 3600_000).toISOString(),
        to: new Date(now + 60_000).toISOString(),
      });
      const problems = report.rows.filter((r) => r.status !== 'ok');
      narrator.line(
        `${report.orders} paid orders and ${report.refunds} refunds: store, ledger and Balance ${problems.length === 0 ? 'agree to the tetri' : `disagree on ${problems.length}`}`,
      );
      for (const row of report.rows) {
        narrator.line(
          `  ${row.status === 'ok' ? '✔' : '✘'} ${row.key.padEnd(12)} store ${gel(row.storeTotalMinor)} · ledger ${gel(row.ledgerTotalMinor)} · Balance ${gel(row.balanceTotalMinor)}`,
        );
      }
      return {
        ok: problems.length === 0 && report.rows.length === 5,
        details: { summary: report.summary, orders: report.orders, refunds: report.refunds },
      };
    });

    return {
      ok: steps.every((s) => s.ok),
      durationMs: Math.round(performance.now() - started),
      dir: demo.dir,
      steps,
    };
  } finally {
    if (server) {
      const web = server;
      await new Promise<void>((resolve) => {
        web.close(() => resolve());
        web.closeAllConnections();
      });
    }
    await worker?.stop().catch(() => {});
    await runtime?.close({ timeoutMs: 2_000 }).catch(() => {});
    await env?.close();
  }
}
