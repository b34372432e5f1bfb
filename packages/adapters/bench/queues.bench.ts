// `pnpm bench queues`: jobs per second of every JobQueue adapter with a no-op handler — enqueue
// N jobs one after the other (each durable when its promise resolves, each with a dedupe id as
// order exports have), then process them all — side by side, with in-memory as the baseline.
// BullMQ and pg-boss rows say "skipped" when REDIS_URL / DATABASE_URL is not set.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullMqQueue } from '@balance-sync/adapters/bullmq';
import { createPgBossQueue } from '@balance-sync/adapters/pg-boss';
import { createSqliteJobQueue } from '@balance-sync/adapters/sqlite';
import type { JobQueue } from '@balance-sync/woo-sync-core';
import { InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
import pg from 'pg';
import type { BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import { deleteRedisKeys } from '../test/queues/support/redis-keys.js';

/** Jobs per adapter at scale 1. */
const JOBS = 1_000;
/** Handlers run at once by the consumer. */
const CONCURRENCY = 8;

interface Adapter {
  label: string;
  /** Why it cannot run here, or undefined. */
  skipped?: string;
  open(): Promise<{ queue: JobQueue; cleanup(): Promise<void> }>;
}

interface Measured {
  enqueueMs: number;
  processMs: number;
}

async function measure(queue: JobQueue, jobs: number): Promise<Measured> {
  const startedAt = performance.now();
  for (let orderId = 1; orderId <= jobs; orderId += 1) {
    await queue.enqueue({
      name: 'export-order',
      storeId: 'bench',
      payload: { orderId },
      dedupeId: `order:bench:${orderId}`,
    });
  }
  const enqueuedAt = performance.now();
  let handled = 0;
  await queue.start(
    async () => {
      handled += 1;
    },
    { concurrency: CONCURRENCY },
  );
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (handled >= jobs && (await queue.counts()).completed >= jobs) break;
    if (Date.now() > deadline) throw new Error(`only ${handled} of ${jobs} jobs ran in 10 min`);
    await new Promise((resolve) => setTimeout(resolve, handled >= jobs ? 5 : 20));
  }
  const processedAt = performance.now();
  return { enqueueMs: enqueuedAt - startedAt, processMs: processedAt - enqueuedAt };
}

function adapters(): Adapter[] {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  return [
    {
      label: 'in-memory',
      open: async () => ({ queue: new InMemoryJobQueue(), cleanup: async () => {} }),
    },
    {
      label: 'SQLite (file, synchronous=FULL)',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bs-bench-queue-'));
        const queue = createSqliteJobQueue({ path: join(dir, 'queue.db'), pollMs: 50 });
        return { queue, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    {
      label: 'BullMQ (Redis)',
      ...(redisUrl ? {} : { skipped: 'skipped: REDIS_URL not set' }),
      open: async () => {
        const prefix = `bs-bench-${randomUUID().slice(0, 8)}`;
        const queue = await createBullMqQueue({ connection: redisUrl!, prefix });
        return {
          queue,
          cleanup: async () => void (await deleteRedisKeys(redisUrl!, `${prefix}:*`)),
        };
      },
    },
    {
      label: 'pg-boss (PostgreSQL)',
      ...(databaseUrl ? {} : { skipped: 'skipped: DATABASE_URL not set' }),
      open: async () => {
        const schema = `bs_bench_${randomUUID().slice(0, 8)}`;
        const queue = await createPgBossQueue({
          connectionString: databaseUrl!,
          schema,
          pollMs: 50,
        });
        return {
          queue,
          cleanup: async () => {
            const client = new pg.Client({ connectionString: databaseUrl });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await client.end();
          },
        };
      },
    },
  ];
}

const suite: BenchSuite = {
  name: 'queues',
  async run(context) {
    const jobs = Math.max(10, Math.round(JOBS * context.scale));
    const rows: BenchRow[] = [];
    let baseline: { enqueue: number; process: number } | undefined;
    for (const adapter of adapters()) {
      if (adapter.skipped) {
        rows.push({ case: adapter.label, metric: adapter.skipped, value: 0, unit: '' });
        continue;
      }
      const { queue, cleanup } = await adapter.open();
      let measured: Measured;
      try {
        measured = await measure(queue, jobs);
      } finally {
        await queue.close({ timeoutMs: 5_000 });
        await cleanup();
      }
      const enqueueRate = Math.round((jobs / measured.enqueueMs) * 1000);
      const processRate = Math.round((jobs / measured.processMs) * 1000);
      baseline ??= { enqueue: enqueueRate, process: processRate };
      const against = (value: number) =>
        adapter.label === 'in-memory' ? {} : { baseline: { label: 'in-memory', value } };
      context.log(
        `${adapter.label}: enqueue ${enqueueRate} jobs/s, process ${processRate} jobs/s (${jobs} jobs)`,
      );
      rows.push(
        {
          case: `${adapter.label}: enqueue ${jobs} (sequential, with dedupe id)`,
          metric: 'throughput',
          value: enqueueRate,
          unit: 'jobs/s',
          ...against(baseline.enqueue),
        },
        {
          case: `${adapter.label}: process ${jobs} (no-op, concurrency ${CONCURRENCY})`,
          metric: 'throughput',
          value: processRate,
          unit: 'jobs/s',
          ...against(baseline.process),
        },
        {
          case: `${adapter.label}: enqueue + process ${jobs}`,
          metric: 'wall time',
          value: Math.round(measured.enqueueMs + measured.processMs),
          unit: 'ms',
        },
      );
    }
    return rows;
  },
};

export default suite;
