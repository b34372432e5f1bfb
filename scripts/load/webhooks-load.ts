// `pnpm test:load`: 2,000 signed WooCommerce webhooks at 200 per second (open loop: each
// request leaves on schedule, whether or not earlier ones were answered) against the real web
// host (`balance-woo serve --no-worker`, a child process) with a worker process exporting the
// orders to the Balance simulator. Reports acknowledge latency (p50 / p90 / p99 / max), that
// every delivery got 202, that every job was processed (every order has its exported Sale and
// the queue is drained), and the resident memory of both processes sampled over the run.
// It measures; it asserts nothing about timings. Exit code 1 only when a delivery was not
// acknowledged or an order was not exported.
//
// LOAD_COUNT=2000 LOAD_RATE=200 LOAD_BACKEND=sqlite|postgres-bullmq pnpm test:load
import { spawn as spawnProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type FaultBackend,
  startFaultWorld,
} from '../../packages/adapters/test/faults/support/fault-world.js';
import {
  freePort,
  type HostProcess,
  repoRoot,
  rssMb,
  sleep,
  spawnHost,
  stopHost,
  waitUntil,
} from '../../packages/adapters/test/faults/support/host-processes.js';
import { percentile } from '../bench/bench-support.js';

const COUNT = Number(process.env.LOAD_COUNT ?? 2000);
const RATE = Number(process.env.LOAD_RATE ?? 200);
const BACKEND = (process.env.LOAD_BACKEND ?? 'sqlite') as FaultBackend;
const resultsDir = join(repoRoot, 'test-results', 'load');
const dir = join(resultsDir, `${BACKEND}-run`);

const tsxLoader = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  const world = await startFaultWorld({
    backend: BACKEND,
    dir,
    items: 60,
    orderSweep: '0 0 1 1 *', // no sweep: every job of this run comes from a webhook
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  });
  const hosts: HostProcess[] = [];
  const startHost = (name: string, args: readonly string[]) => {
    const host = spawnHost({
      name,
      args: [...args, '--config', world.configPath],
      cwd: dir,
      env: world.hostEnv,
      logDir: world.logDir,
    });
    hosts.push(host);
    return host;
  };
  try {
    const { woo } = world.env;
    console.log(`Importing the catalog and placing ${COUNT} paid orders in the simulator…`);
    const imported = startHost('import-items', ['import-items', '--json']);
    if ((await imported.exit).code !== 0)
      throw new Error(`import failed:\n${imported.output.text}`);
    const skus: string[] = [];
    for (const product of woo.state.products.values()) {
      if (product.type !== 'simple' || !product.sku) continue;
      await woo.admin.editProduct(product.id, {
        status: 'publish',
        manage_stock: false,
        stock_status: 'instock',
      });
      skus.push(product.sku);
    }
    const orderIds: number[] = [];
    for (let i = 0; i < COUNT; i += 1) {
      const order = await woo.shopper.placeOrder({
        lines: [
          { sku: skus[i % skus.length] as string, quantity: 1 + (i % 3) },
          { sku: skus[(i * 7 + 3) % skus.length] as string, quantity: 1 },
        ],
        paymentMethod: 'card',
        paid: true,
      });
      orderIds.push(order.id);
    }
    // what WooCommerce would deliver: the order as the REST API renders it, signed
    const deliveries = orderIds.map((id, i) => {
      const { _links, ...order } = woo.read.order(id) as unknown as Record<string, unknown>;
      const body = JSON.stringify(order);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'WooCommerce/9.9.0 Hookshot (WordPress/6.8)',
          'x-wc-webhook-source': `${woo.url}/`,
          'x-wc-webhook-topic': i % 2 === 0 ? 'order.created' : 'order.updated',
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-event': i % 2 === 0 ? 'created' : 'updated',
          'x-wc-webhook-id': '1',
          'x-wc-webhook-delivery-id': `load-${i}`,
          'x-wc-webhook-signature': createHmac('sha256', world.webhookSecret)
            .update(body)
            .digest('base64'),
        },
      };
    });

    const port = await freePort();
    const serve = startHost('serve', ['serve', '--no-worker', '--port', String(port)]);
    const worker = startHost('worker', ['worker']);
    await waitUntil(
      () =>
        serve.output.text.includes('web host listening') &&
        worker.output.text.includes('worker started'),
      90_000,
      'the hosts',
    );
    await sleep(1_000);

    const samples: Array<{ t: number; serve?: number; worker?: number }> = [];
    const t0 = performance.now();
    const sampler = setInterval(() => {
      samples.push({
        t: Math.round(performance.now() - t0),
        serve: rssMb(serve.pid),
        worker: rssMb(worker.pid),
      });
    }, 250);
    samples.push({ t: 0, serve: rssMb(serve.pid), worker: rssMb(worker.pid) });

    console.log(`Sending ${COUNT} signed webhooks at ${RATE}/s to http://127.0.0.1:${port}…`);
    const deliveriesFile = join(dir, 'deliveries.jsonl');
    writeFileSync(deliveriesFile, deliveries.map((d) => JSON.stringify(d)).join('\n'));
    const sendStart = performance.now();
    const generator = spawnProcess(
      process.execPath,
      [
        '--import',
        tsxLoader,
        join(repoRoot, 'scripts/load/send-webhooks.ts'),
        deliveriesFile,
        String(port),
        `/webhooks/woocommerce/${world.storeId}`,
        String(RATE),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let generated = '';
    generator.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      generated += chunk;
    });
    const [exitCode] = (await once(generator, 'close')) as [number | null];
    if (exitCode !== 0) throw new Error(`the load generator exited with ${exitCode}`);
    const sent = JSON.parse(generated) as {
      latencies: number[];
      timeline: Array<[number, number]>;
      statuses: Record<string, number>;
      retriedOnStaleSocket: number;
      lateStarts: number;
      sendMs: number;
    };
    const { latencies, timeline, statuses, retriedOnStaleSocket, lateStarts, sendMs } = sent;
    // when the slow acknowledgements happened: per second of the run, those over 250 ms
    const slowBySecond: Record<string, number> = {};
    for (const [at, latency] of timeline) {
      if (latency > 250) {
        const second = String(Math.floor(at / 1000));
        slowBySecond[second] = (slowBySecond[second] ?? 0) + 1;
      }
    }

    console.log('All sent; waiting for the worker to export every order…');
    const inspector = await world.inspector();
    const exportedCount = async () => {
      let exported = 0;
      let cursor: string | undefined;
      do {
        const page = await inspector.store.ledger.list({
          storeId: world.storeId,
          kinds: ['sale'],
          states: ['exported'],
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        exported += page.entries.length;
        cursor = page.next;
      } while (cursor);
      return exported;
    };
    let exported = 0;
    let pending = -1;
    const drainDeadline = Date.now() + 600_000;
    while (Date.now() < drainDeadline) {
      exported = await exportedCount();
      pending = (
        await inspector.queue.list({ states: ['waiting', 'delayed', 'active'], limit: 1000 })
      ).length;
      if (exported >= (statuses['202'] ?? 0) && pending === 0) break;
      await sleep(500);
    }
    const drainedMs = performance.now() - sendStart;
    await sleep(30_000); // the "end" memory figure is taken after 30 s of idle
    clearInterval(sampler);
    samples.push({
      t: Math.round(performance.now() - t0),
      serve: rssMb(serve.pid),
      worker: rssMb(worker.pid),
    });
    const queueCounts = await inspector.queue.counts({ storeId: world.storeId });
    const sales = world.env.balance.state.sales.size;

    await Promise.all(hosts.map((h) => stopHost(h)));
    const sorted = [...latencies].sort((a, b) => a - b);
    const memory = (key: 'serve' | 'worker') => {
      const values = samples.map((s) => s[key]).filter((v): v is number => v !== undefined);
      return {
        startMb: round(values[0] ?? NaN),
        peakMb: round(Math.max(...values)),
        endMb: round(values.at(-1) ?? NaN),
      };
    };
    const result = {
      at: new Date().toISOString(),
      node: process.version,
      backend: BACKEND,
      deliveries: COUNT,
      targetRatePerSecond: RATE,
      achievedRatePerSecond: round((COUNT * 1000) / sendMs),
      lateStarts,
      statuses,
      retriedOnStaleSocket,
      slowAcksBySecond: slowBySecond,
      ackLatencyMs: {
        p50: round(percentile(sorted, 50), 2),
        p90: round(percentile(sorted, 90), 2),
        p99: round(percentile(sorted, 99), 2),
        max: round(sorted.at(-1) ?? NaN, 2),
        mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 2),
      },
      processed: {
        salesExported: exported,
        salesInBalance: sales,
        queuePendingAtEnd: pending,
        queueCounts,
        allProcessedWithinMs: Math.round(drainedMs),
        jobsPerSecond: round((exported * 1000) / drainedMs),
      },
      memory: { serve: memory('serve'), worker: memory('worker'), samples: samples.length },
    };
    const accepted = statuses['202'] ?? 0;
    const table = [
      `Webhook load: ${COUNT} signed deliveries at ${RATE}/s against \`balance-woo serve --no-worker\` (${BACKEND}), one worker process`,
      '',
      '| measure | value |',
      '|---|---|',
      `| deliveries sent / acknowledged 202 | ${COUNT} / ${accepted}${retriedOnStaleSocket ? ` (${retriedOnStaleSocket} sent twice after a reset on a reused keep-alive socket)` : ''} |`,
      `| answers other than 202 | ${
        Object.entries(statuses)
          .filter(([status]) => status !== '202')
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ') || 'none'
      } |`,
      `| achieved send rate | ${result.achievedRatePerSecond} /s (${lateStarts} requests left > 5 ms late) |`,
      `| acknowledge latency p50 / p90 / p99 / max | ${result.ackLatencyMs.p50} / ${result.ackLatencyMs.p90} / ${result.ackLatencyMs.p99} / ${result.ackLatencyMs.max} ms |`,
      `| orders exported (Sale in the ledger) / Sales in Balance | ${exported} / ${sales} |`,
      `| queue jobs still pending at the end | ${pending} |`,
      `| all processed after the first delivery | ${(drainedMs / 1000).toFixed(1)} s (${result.processed.jobsPerSecond} orders/s) |`,
      `| web host RSS start / peak / end (after 30 s idle) | ${result.memory.serve.startMb} / ${result.memory.serve.peakMb} / ${result.memory.serve.endMb} MB |`,
      `| worker RSS start / peak / end (after 30 s idle) | ${result.memory.worker.startMb} / ${result.memory.worker.peakMb} / ${result.memory.worker.endMb} MB |`,
    ].join('\n');
    console.log(`\n${table}\n`);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `webhooks-load-${BACKEND}-${COUNT}.json`),
      `${JSON.stringify({ ...result, samples, timeline }, null, 2)}\n`,
    );
    writeFileSync(join(resultsDir, `webhooks-load-${BACKEND}-${COUNT}.md`), `${table}\n`);
    return accepted === COUNT && exported >= COUNT && pending === 0 ? 0 : 1;
  } finally {
    await Promise.all(hosts.map((h) => stopHost(h, 5_000)));
    await world.close();
  }
}

process.exitCode = await main();
