// Issue #6, multi-process: three worker processes export 2,000 paid orders (with duplicate and
// replayed jobs) into the Balance simulator while one of them is killed with SIGKILL mid-run —
// once on BullMQ (Redis), once on pg-boss (PostgreSQL); the sync store is PostgreSQL, shared
// by every worker. Every order must end with exactly one Sale equal to its total, every ledger
// row `exported`, and no job left behind.
import { randomUUID } from 'node:crypto';
import { createBullMqQueue } from '@balance-sync/adapters/bullmq';
import { createPgBossQueue } from '@balance-sync/adapters/pg-boss';
import {
  enqueueOrderExport,
  type JobQueue,
  parseMoney,
  type SyncConfigInput,
  saleKey,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import { dropPostgresSchema } from '../queues/support/postgres-schema.js';
import { deleteRedisKeys } from '../queues/support/redis-keys.js';
import { until } from '../queues/support/spawn-consumer.js';
import { describeWithService } from '../support/services.js';
import { type ExportWorker, startExportWorker } from './support/export-worker-process.js';
import { createExportWorld, type ExportWorld, STORE } from './support/export-world.js';

const ORDERS = 2_000;
const WORKERS = 3;
const CONCURRENCY = 6;
/** Orders enqueued again without a dedupe id: a second job that may run beside the first. */
const RAW_DUPLICATES = 200;
/** Orders enqueued again once the killed worker is gone (most of them already exported). */
const REPLAYS = 500;
const DRAIN_TIMEOUT_MS = 240_000;

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';

/** The queue under test: how the test opens it, what a worker needs, how to clean up. */
interface QueueBackend {
  workerEnv: Record<string, string>;
  queueConfig: SyncConfigInput['queue'];
  open(): Promise<JobQueue>;
  dispose(): Promise<void>;
}

const tetri = (text: string): number => {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.minor;
};

/** Enqueues in batches of 100 (one round trip each at a time would take long). */
async function enqueueAll(ids: readonly number[], enqueue: (id: number) => Promise<unknown>) {
  for (let start = 0; start < ids.length; start += 100)
    await Promise.all(ids.slice(start, start + 100).map(enqueue));
}

async function exportWithKilledWorker(backend: QueueBackend, label: string): Promise<void> {
  const began = Date.now();
  const world: ExportWorld = await createExportWorld({ databaseUrl, orderCount: ORDERS });
  const workers: ExportWorker[] = [];
  const workerEnv = {
    ...backend.workerEnv,
    SYNC_CONFIG: JSON.stringify({ ...world.config, queue: backend.queueConfig }),
    CONCURRENCY: String(CONCURRENCY),
  };
  let opened: JobQueue | undefined;
  try {
    const queue = await backend.open();
    opened = queue;
    const orderIds = world.orders.map((order) => order.id);
    const seeded = Date.now();

    // Every order once, then again at once (deduplicated into its waiting job), and some again
    // with no dedupe id (a second job, which can run beside the first on another worker).
    await enqueueAll(orderIds, (id) => enqueueOrderExport(queue, STORE, id));
    await enqueueAll(orderIds, (id) => enqueueOrderExport(queue, STORE, id));
    await enqueueAll(orderIds.slice(0, RAW_DUPLICATES), (id) =>
      queue.enqueue({ name: 'export-order', storeId: STORE, payload: { orderId: id } }),
    );
    for (let index = 0; index < WORKERS; index += 1) workers.push(startExportWorker(workerEnv));
    await Promise.all(workers.map((worker) => worker.ready));

    // A third of the way in, kill the busiest worker in the middle of its jobs.
    await until('a third of the orders to be exported', 120_000, async () => {
      return (await world.store.ledger.counts(STORE)).exported >= ORDERS / 3;
    });
    const victim = workers.reduce((a, b) => (b.inFlight().length > a.inFlight().length ? b : a));
    victim.child.kill('SIGKILL');
    const { signal } = await victim.exit;
    expect(signal).toBe('SIGKILL');
    const interrupted = victim.inFlight();
    expect(interrupted.length, 'jobs in flight in the killed worker').toBeGreaterThan(0);
    const killedAt = Date.now();
    workers.push(startExportWorker(workerEnv));

    // Replays: the same exports again — after their job completed (a new job), while it runs
    // (a follow-up job) or while it waits (deduplicated).
    await enqueueAll(orderIds.slice(0, REPLAYS), (id) => enqueueOrderExport(queue, STORE, id));

    await until('the queue to drain', DRAIN_TIMEOUT_MS, async () => {
      const counts = await queue.counts();
      return counts.waiting + counts.delayed + counts.active === 0;
    });
    const drained = Date.now();

    // The queue: every job completed, none failed, dead or stuck active.
    const counts = await queue.counts();
    expect(counts).toMatchObject({ waiting: 0, delayed: 0, active: 0, failed: 0, dead: 0 });
    expect(counts.completed).toBeGreaterThanOrEqual(ORDERS + RAW_DUPLICATES);
    // The killed worker's jobs ran again elsewhere and completed.
    for (const id of interrupted) {
      const job = await queue.get(id);
      expect(job?.state, `job ${id} of the killed worker`).toBe('completed');
      expect(job?.attempts).toBeGreaterThanOrEqual(2);
    }

    // Balance: exactly one Sale per order — by uid and by order number — equal to its total.
    const sales = [...world.balanceSim.state.sales.values()];
    expect(sales).toHaveLength(ORDERS);
    expect(new Set(sales.map((sale) => sale.uid)).size).toBe(ORDERS);
    const byNumber = new Map<string, number[]>();
    for (const sale of sales) {
      const number = String(sale.body.PrimaryDocument);
      byNumber.set(number, [...(byNumber.get(number) ?? []), sale.totalTetri]);
    }
    const wrong: string[] = [];
    for (const order of world.orders) {
      const totals = byNumber.get(order.number) ?? [];
      if (totals.length !== 1 || totals[0] !== tetri(order.total))
        wrong.push(`#${order.number}: Sales ${JSON.stringify(totals)}, total ${order.total}`);
    }
    expect(wrong).toEqual([]);

    // The ledger: every Sale row exported, pointing at the Sale Balance holds.
    expect(await world.store.ledger.counts(STORE)).toEqual({
      pending: 0,
      sent: 0,
      exported: ORDERS,
      failed: 0,
      dead: 0,
    });
    const saleUids = new Set(sales.map((sale) => sale.uid));
    for (const order of world.orders.slice(0, 50)) {
      const row = await world.store.ledger.get(STORE, saleKey(order.id));
      expect(saleUids.has(row?.uid ?? '')).toBe(true);
    }

    // The surviving workers shut down cleanly.
    const survivors = workers.filter((worker) => worker !== victim);
    for (const worker of survivors) worker.child.kill('SIGTERM');
    for (const worker of survivors) {
      const { code, stderr } = await worker.exit;
      expect(code, stderr).toBe(0);
    }
    const rewrites = sales.filter((sale) => sale.writes > 1).length;
    console.info(
      `[multi-process ${label}] ${ORDERS} orders, ${WORKERS} workers × ${CONCURRENCY}: ` +
        `setup ${((seeded - began) / 1000).toFixed(1)} s, export ${((drained - seeded) / 1000).toFixed(1)} s ` +
        `(kill after ${((killedAt - seeded) / 1000).toFixed(1)} s, ${interrupted.length} jobs interrupted), ` +
        `${counts.completed} jobs completed, ${rewrites} Sales written more than once`,
    );
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exit));
    await opened?.close({ timeoutMs: 1_000 }).catch(() => undefined);
    await backend.dispose();
    await world.close();
  }
}

describeWithService('DATABASE_URL')('multi-process order export (PostgreSQL store)', () => {
  describeWithService('REDIS_URL')('on BullMQ (Redis)', () => {
    it('three workers, one killed mid-run: every order has exactly one Sale', async () => {
      const prefix = `bs-test-mp-${randomUUID().slice(0, 8)}`;
      await exportWithKilledWorker(
        {
          workerEnv: { QUEUE_DRIVER: 'bullmq', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix },
          queueConfig: { driver: 'bullmq', redisUrl, prefix },
          open: () => createBullMqQueue({ connection: redisUrl, prefix }),
          dispose: async () => {
            await deleteRedisKeys(redisUrl, `${prefix}:*`);
          },
        },
        'BullMQ',
      );
    }, 360_000);
  });

  describe('on pg-boss (PostgreSQL)', () => {
    it('three workers, one killed mid-run: every order has exactly one Sale', async () => {
      const schema = `bs_test_mp_jobs_${randomUUID().slice(0, 8)}`;
      await exportWithKilledWorker(
        {
          workerEnv: { QUEUE_DRIVER: 'pg-boss', DATABASE_URL: databaseUrl, QUEUE_SCHEMA: schema },
          queueConfig: { driver: 'pg-boss', databaseUrl, schema },
          open: () =>
            createPgBossQueue({
              connectionString: databaseUrl,
              schema,
              recoveryIntervalMs: 1_000,
              poolSize: 4,
            }),
          dispose: () => dropPostgresSchema(databaseUrl, schema),
        },
        'pg-boss',
      );
    }, 360_000);
  });
});
