// `pnpm bench order-export`: 10k paid orders exported through the whole pipeline — the sweep
// enqueues them, an in-memory queue runs the engine's job handler at the configured
// concurrency, and every Sale is PUT to the Balance simulator's real HTTP server with 50 ms
// injected latency (the simulator runs in a worker thread, as the real Balance is another
// machine; the peak RSS is the process's, both threads). Reported: orders/s beside the latency-bound maximum (concurrency ÷
// (latency × requests per order)), wall time, requests, and peak RSS. A second case at 4×
// the concurrency shows how throughput scales with it. Measures; asserts nothing but that
// every order ended as exactly one Sale with the order's total.
import { Worker } from 'node:worker_threads';
import { createBalanceClient } from '@balance-sync/balance-client';
import { loadAverageText, rssSampler } from '../../../scripts/bench/bench-support.js';
import type { BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import {
  createJobHandler,
  createSyncEngine,
  formatMoney,
  parseSyncConfig,
  type SyncConfig,
} from '../src/index.js';
import { InMemoryJobQueue, InMemorySyncStore, InMemoryWooCommerce } from '../src/testing/index.js';

const LATENCY_MS = 50;
const STORE = 'main';

async function waitForIdle(queue: InMemoryJobQueue): Promise<void> {
  for (;;) {
    const counts = await queue.counts();
    if (counts.waiting + counts.delayed + counts.active === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What the simulator thread says when it is listening. */
interface SimulatorReady {
  url: string;
  basePath: string;
  credentials: { username: string; password: string };
  seed: { warehouse: string; retailClient: string; priceType: string; items: string[] };
}

/** The Balance simulator in a worker thread (its CPU off the measured event loop). */
async function startSimulatorThread(latencyMs: number) {
  const worker = new Worker(new URL('./support/balance-simulator-thread.ts', import.meta.url), {
    workerData: { latencyMs },
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const ready = await next<SimulatorReady>('ready');
  return {
    ready,
    async clear() {
      const cleared = next('cleared');
      worker.postMessage({ type: 'clear' });
      await cleared;
    },
    async summary() {
      const summary = next<{
        requests: number;
        sales: number;
        writtenMoreThanOnce: number;
        totalTetri: number;
      }>('summary');
      worker.postMessage({ type: 'summary' });
      return summary;
    },
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'stop' });
      await exited;
    },
  };
}

async function exportRun(orderCount: number, concurrency: number, log: (message: string) => void) {
  const sim = await startSimulatorThread(LATENCY_MS);
  try {
    const { url, basePath, credentials, seed } = sim.ready;
    const connection = { mode: 'onprem' as const, baseUrl: url, basePath };
    const balance = createBalanceClient({ connection, ...credentials });
    const config: SyncConfig = parseSyncConfig({
      balance: { connection, ...credentials },
      catalog: {
        stock: { mode: 'single', warehouse: seed.warehouse },
        prices: { regularPriceType: seed.priceType },
      },
      orders: {
        customer: { mode: 'retail', retailClient: seed.retailClient },
        warehouse: seed.warehouse,
      },
      stores: [
        {
          id: STORE,
          woocommerce: { url: 'https://shop.example.ge', consumerKey: 'ck', consumerSecret: 'cs' },
        },
      ],
      queue: { driver: 'in-process', concurrency },
    });
    const woo = new InMemoryWooCommerce();
    const store = new InMemorySyncStore();
    const products = [];
    for (const [index, balanceUid] of seed.items.entries()) {
      const product = await woo.seed.addProduct({ sku: `SKU-${index}`, regularPrice: '10.00' });
      products.push(product);
      await store.products.upsert(STORE, [
        {
          balanceUid,
          wooId: product.id,
          wooParentId: 0,
          sku: product.sku,
          lastPushed: {},
          updatedAt: '2026-01-01T00:00:00Z',
        },
      ]);
    }
    let expectedTetri = 0;
    for (let index = 0; index < orderCount; index += 1) {
      const quantity = 1 + (index % 3);
      expectedTetri += 1237 * quantity + 405;
      await woo.seed.placeOrder({
        lines: [
          {
            productId: products[index % 3]?.id ?? 0,
            quantity,
            total: formatMoney(1237 * quantity),
          },
          { productId: products[(index + 1) % 3]?.id ?? 0, quantity: 1, total: '4.05' },
        ],
      });
    }

    const queue = new InMemoryJobQueue({ maxAttempts: config.queue.maxAttempts });
    const engine = createSyncEngine({ config, balance, woo, store, queue });
    const rss = rssSampler();
    const sweepStart = performance.now();
    const swept = await engine.orders.sweepOrders({ storeId: STORE });
    const sweepMs = performance.now() - sweepStart;
    await sim.clear();
    const exportStart = performance.now();
    await queue.start(createJobHandler(engine), { concurrency: config.queue.concurrency });
    await waitForIdle(queue);
    const exportMs = performance.now() - exportStart;
    const peakRss = rss.stop();
    await queue.close();

    const counts = await store.ledger.counts(STORE);
    const summary = await sim.summary();
    if (
      counts.exported !== orderCount ||
      summary.sales !== orderCount ||
      summary.writtenMoreThanOnce > 0 ||
      summary.totalTetri !== expectedTetri
    ) {
      throw new Error(
        `expected ${orderCount} Sales written once totalling ${expectedTetri} tetri; ledger ${JSON.stringify(counts)}, Balance ${JSON.stringify(summary)}`,
      );
    }
    log(
      `concurrency ${concurrency}: ${orderCount} orders in ${Math.round(exportMs)} ms (sweep ${Math.round(sweepMs)} ms, ${swept.enqueued} enqueued), ${summary.requests} requests, load ${loadAverageText()}`,
    );
    return { exportMs, sweepMs, requests: summary.requests, peakRss };
  } finally {
    await sim.stop();
  }
}

const suite: BenchSuite = {
  name: 'order export',
  async run({ scale, log }) {
    const orders = Math.max(100, Math.round(10_000 * scale));
    const configured = parseSyncConfig({
      balance: { connection: { mode: 'cloud', applicationId: '1' }, username: 'u', password: 'p' },
      catalog: {
        stock: { mode: 'single', warehouse: '00000000-0000-4000-8000-000000000001' },
        prices: { regularPriceType: '00000000-0000-4000-8000-000000000002' },
      },
      stores: [
        { id: STORE, woocommerce: { url: 'https://s.ge', consumerKey: 'k', consumerSecret: 's' } },
      ],
    }).queue.concurrency;
    const rows: BenchRow[] = [];
    for (const concurrency of [configured, configured * 4]) {
      const run = await exportRun(orders, concurrency, log);
      const requestsPerOrder = run.requests / orders;
      const bound = concurrency / ((LATENCY_MS / 1000) * requestsPerOrder);
      const throughput = orders / (run.exportMs / 1000);
      const label = `${orders.toLocaleString('en-US')} orders, ${LATENCY_MS} ms latency, concurrency ${concurrency}`;
      rows.push(
        {
          case: label,
          metric: 'throughput',
          value: Math.round(throughput * 10) / 10,
          unit: 'orders/s',
          baseline: { label: 'latency-bound max', value: Math.round(bound * 10) / 10 },
        },
        { case: label, metric: 'export wall time', value: Math.round(run.exportMs), unit: 'ms' },
        { case: label, metric: 'sweep (enqueue all)', value: Math.round(run.sweepMs), unit: 'ms' },
        {
          case: label,
          metric: 'Balance requests',
          value: run.requests,
          unit: 'req',
          baseline: { label: 'one PUT per order', value: orders },
        },
        {
          case: label,
          metric: 'peak RSS',
          value: Math.round(run.peakRss / 1024 / 1024),
          unit: 'MB',
        },
      );
    }
    return rows;
  },
};

export default suite;
