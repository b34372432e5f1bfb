// Webhook acknowledgement latency of the Express host: signed order deliveries over real HTTP
// (keep-alive, like WooCommerce's Action Scheduler runner) into the default runtime — SQLite
// store and in-process queue, each enqueue committed with synchronous = FULL before the 202
// (enqueues arriving together share one commit).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSyncConfig, silentLogger } from '@balance-sync/woo-sync-core';
import express from 'express';
import { percentile } from '../../../scripts/bench/bench-support.js';
import type { BenchContext, BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import { createSyncRouter } from '../src/express/index.js';
import { createSyncRuntime } from '../src/runtime/index.js';

const SECRET = 'bench-webhook-secret-0123456789';
const TARGET_P99_MS = 50;

/** The load generator, run with `node --input-type=module -e`: keep-alive, N in flight. */
const LOAD_GENERATOR = `
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
const env = process.env;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const count = Number(env.BENCH_COUNT), concurrency = Number(env.BENCH_CONCURRENCY);
const first = Number(env.BENCH_FIRST_ID), distinct = Number(env.BENCH_DISTINCT);
const deliver = (orderId) => new Promise((resolve, reject) => {
  const body = JSON.stringify({ id: orderId, status: 'processing', total: '118.00',
    line_items: [{ id: 1, sku: 'CF-001', quantity: 2, total: '100.00' }] });
  const started = performance.now();
  const req = request({ agent, host: '127.0.0.1', port: Number(env.BENCH_PORT), method: 'POST',
    path: '/webhooks/woocommerce/main', headers: { 'content-type': 'application/json',
    'content-length': Buffer.byteLength(body), 'x-wc-webhook-topic': 'order.updated',
    'x-wc-webhook-signature': createHmac('sha256', env.BENCH_SECRET).update(body).digest('base64') } },
    (res) => { let text = ''; res.setEncoding('utf8').on('data', (chunk) => { text += chunk; });
      res.on('end', () => res.statusCode === 202 && JSON.parse(text).enqueued === true
        ? resolve(performance.now() - started) : reject(new Error(res.statusCode + ' ' + text))); });
  req.on('error', reject);
  req.end(body);
});
const latencies = [];
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < count) { const i = next++; latencies.push(await deliver(first + (i % distinct))); }
}));
process.stdout.write(JSON.stringify({ latencies, wallMs: performance.now() - started }));
agent.destroy();
`;

const suite: BenchSuite = {
  name: 'webhook acknowledgement (Express host, SQLite queue)',
  async run({ scale, log }: BenchContext): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
    const config = parseSyncConfig({
      balance: {
        connection: { mode: 'onprem', baseUrl: 'http://127.0.0.1:9' },
        username: 'u',
        password: 'bench-password',
      },
      catalog: {
        stock: { mode: 'single', warehouse: '11111111-1111-1111-1111-111111111111' },
        prices: { regularPriceType: '22222222-2222-2222-2222-222222222222' },
      },
      stores: [
        {
          id: 'main',
          woocommerce: {
            url: 'https://shop.example.ge',
            consumerKey: 'ck_bench',
            consumerSecret: 'cs_bench',
            webhookSecret: SECRET,
          },
          // without order export configured the handler answers 202 without enqueueing
          orders: {
            customer: { mode: 'retail', retailClient: '33333333-3333-3333-3333-333333333333' },
            warehouse: '11111111-1111-1111-1111-111111111111',
          },
        },
      ],
      storage: { driver: 'sqlite', path: join(dir, 'bench.db') },
    });
    const runtime = await createSyncRuntime(config, { logger: silentLogger });
    const app = express();
    app.use(createSyncRouter({ runtime }));
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // time in the handler: from the parsed request to the 202 written (excludes waiting for
    // the event loop, which the round trip measured by the client includes)
    let serverTimes: number[] = [];
    app.set('etag', false);
    server.prependListener('request', (_req, res) => {
      const started = performance.now();
      res.on('finish', () => serverTimes.push(performance.now() - started));
    });

    const rows: BenchRow[] = [];
    // The deliveries come from a separate process, as they come from WooCommerce: the load
    // generator does not share the server's event loop.
    const measure = async (
      label: string,
      count: number,
      concurrency: number,
      firstId: number,
      distinct: number,
    ) => {
      serverTimes = [];
      const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD_GENERATOR], {
        env: {
          ...process.env,
          BENCH_PORT: String(port),
          BENCH_SECRET: SECRET,
          BENCH_COUNT: String(count),
          BENCH_CONCURRENCY: String(concurrency),
          BENCH_FIRST_ID: String(firstId),
          BENCH_DISTINCT: String(distinct),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      const [code] = (await once(child, 'close')) as [number];
      if (code !== 0) throw new Error(`load generator exited with ${code}`);
      const { latencies, wallMs } = JSON.parse(out) as { latencies: number[]; wallMs: number };
      latencies.sort((a, b) => a - b);
      const server = [...serverTimes].sort((a, b) => a - b);
      const p99 = percentile(latencies, 99);
      log(
        `${label}: ${count} deliveries; acknowledged (round trip) p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; in the handler p50 ${percentile(server, 50).toFixed(2)} ms, p99 ${percentile(server, 99).toFixed(2)} ms`,
      );
      rows.push(
        {
          case: label,
          metric: 'ack p50 (round trip)',
          value: percentile(latencies, 50),
          unit: 'ms',
        },
        {
          case: label,
          metric: 'ack p99 (round trip)',
          value: p99,
          unit: 'ms',
          target: `< ${TARGET_P99_MS} ms`,
          met: p99 < TARGET_P99_MS,
        },
        { case: label, metric: 'ack max (round trip)', value: latencies.at(-1) ?? 0, unit: 'ms' },
        { case: label, metric: 'in-handler p99', value: percentile(server, 99), unit: 'ms' },
        { case: label, metric: 'throughput', value: (count / wallMs) * 1000, unit: 'req/s' },
      );
    };

    try {
      const count = Math.max(200, Math.round(2_000 * scale));
      await measure('warm-up', 200, 1, 1_000_000, 200);
      rows.length = 0;
      await measure('new orders, 1 at a time', count, 1, 1, count);
      await measure('new orders, 4 concurrent', count, 4, 100_000, count);
      await measure('new orders, 16 concurrent (burst)', count, 16, 200_000, count);
      // repeated deliveries of orders whose job is still waiting (no consumer runs here)
      await measure('same orders again (deduplicated)', count, 4, 1, 50);
      const counts = await runtime.queue.counts();
      const expected = 200 + 3 * count;
      log(`queued jobs: ${counts.waiting} waiting (expected ${expected})`);
      if (counts.waiting !== expected) throw new Error('the deliveries were not all enqueued');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default suite;
