import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackoffOptions } from '../jobs/backoff.js';
import { PermanentJobError } from '../jobs/permanent-job-error.js';
import { RetryLaterError } from '../jobs/retry-later-error.js';
import type {
  Job,
  JobContext,
  JobHandler,
  JobInput,
  JobQueue,
  JobState,
} from '../ports/job-queue.js';

/** Queue options the conformance suite asks a backend for (small delays keep it fast). */
export interface JobQueueConformanceOptions {
  /** Attempts of a job whose input sets none. */
  maxAttempts: number;
  /** Backoff between attempts. */
  backoff: BackoffOptions;
  /** Lease of an active job whose worker stopped (see {@link JobQueueConformanceSettings}). */
  leaseMs: number;
}

/**
 * One test's isolated backend (a temp file, a Redis key prefix, a PostgreSQL queue name…).
 * Every queue opened from it shares its jobs, as worker processes on one backend do.
 */
export interface JobQueueConformanceBackend {
  /** Opens a queue on this backend; the suite closes it. */
  open(options: JobQueueConformanceOptions): Promise<JobQueue>;
  /** Removes what the test stored, after its queues are closed. */
  dispose?(): Promise<void>;
}

/** Makes a fresh, isolated backend for each test. */
export type JobQueueConformanceFactory = () =>
  | JobQueueConformanceBackend
  | Promise<JobQueueConformanceBackend>;

/** Settings of {@link describeJobQueueConformance}. */
export interface JobQueueConformanceSettings {
  /**
   * The lease asked of the backend: the smallest one it supports well (lease tests wait a
   * few of these).
   * @default 250
   */
  leaseMs?: number;
  /**
   * How long to wait for something the test expects before failing (on top of leases).
   * @default 10000
   */
  waitTimeoutMs?: number;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than `undefined`. */
async function eventually<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(15);
  }
}

const order = (orderId: number, storeId = 'store-a'): JobInput<'export-order'> => ({
  name: 'export-order',
  storeId,
  payload: { orderId },
});

/**
 * The behaviour every {@link JobQueue} adapter must show: enqueue/get/list/counts, dedupe
 * (while waiting or delayed, and a follow-up while active), bounded concurrency, retries with
 * backoff then `dead`, {@link RetryLaterError} delays, {@link PermanentJobError} → `failed`,
 * operator retry, graceful close, lease expiry of a stopped worker's job, payload round-trip
 * and isolation by store. Call it from a vitest test file.
 *
 * @param name - shown in the test names
 * @param factory - a fresh, isolated backend per test
 * @example
 * ```ts
 * import { describeJobQueueConformance, InMemoryJobQueue } from '@balance-sync/woo-sync-core/testing';
 *
 * describeJobQueueConformance('in-memory', () => {
 *   let first: InMemoryJobQueue | undefined;
 *   return {
 *     open: async (options) => first?.share(options) ?? (first = new InMemoryJobQueue(options)),
 *   };
 * });
 * ```
 */
export function describeJobQueueConformance(
  name: string,
  factory: JobQueueConformanceFactory,
  settings: JobQueueConformanceSettings = {},
): void {
  const leaseMs = settings.leaseMs ?? 250;
  const waitMs = settings.waitTimeoutMs ?? 10_000;
  const leaseTestTimeout = leaseMs * 4 + waitMs * 2;

  describe(`JobQueue conformance: ${name}`, () => {
    let backend: JobQueueConformanceBackend;
    let opened: JobQueue[] = [];
    let hanging: Deferred[] = [];

    const open = async (overrides: Partial<JobQueueConformanceOptions> = {}) => {
      const queue = await backend.open({
        maxAttempts: 3,
        backoff: { baseMs: 20, maxMs: 80 },
        leaseMs,
        ...overrides,
      });
      opened.push(queue);
      return queue;
    };
    /** A promise a handler can wait on; released at the latest when the test ends. */
    const hang = () => {
      const gate = deferred();
      hanging.push(gate);
      return gate;
    };
    const waitForJob = (
      queue: JobQueue,
      id: string,
      states: JobState | readonly JobState[],
      timeoutMs = waitMs,
    ): Promise<Job> => {
      const wanted: readonly JobState[] = typeof states === 'string' ? [states] : states;
      return eventually(`job ${id} to be ${wanted.join('|')}`, timeoutMs, async () => {
        const job = await queue.get(id);
        return job && wanted.includes(job.state) ? job : undefined;
      });
    };

    beforeEach(async () => {
      backend = await factory();
    });

    afterEach(async () => {
      for (const gate of hanging) gate.resolve();
      hanging = [];
      for (const queue of opened.reverse()) await queue.close({ timeoutMs: 500 }).catch(() => {});
      opened = [];
      await backend.dispose?.();
    });

    describe('enqueue and read', () => {
      it('stores a waiting job that get() returns', async () => {
        const queue = await open();
        const before = Date.now();
        const result = await queue.enqueue({ ...order(42), dedupeId: 'order:store-a:42' });
        expect(result.deduplicated).toBe(false);
        expect(typeof result.id).toBe('string');
        const job = await queue.get(result.id);
        expect(job).toMatchObject({
          id: result.id,
          name: 'export-order',
          storeId: 'store-a',
          payload: { orderId: 42 },
          dedupeId: 'order:store-a:42',
          state: 'waiting',
          attempts: 0,
          maxAttempts: 3,
          lastError: null,
        });
        for (const field of ['runAt', 'createdAt', 'updatedAt'] as const) {
          expect(job?.[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        }
        // Same clock on one machine; one second of slack for backends that stamp on the server.
        expect(Date.parse(job!.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
        expect(Date.parse(job!.runAt)).toBeLessThanOrEqual(Date.now() + 1_000);
      });

      it('a job without dedupeId has dedupeId null and takes maxAttempts from its input', async () => {
        const queue = await open();
        const { id } = await queue.enqueue({ ...order(1), maxAttempts: 7 });
        expect(await queue.get(id)).toMatchObject({ dedupeId: null, maxAttempts: 7 });
      });

      it('get() of an unknown id resolves undefined', async () => {
        const queue = await open();
        expect(await queue.get('no-such-job')).toBeUndefined();
        expect(await queue.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it('a job enqueued on one queue is visible to another queue on the same backend', async () => {
        const producer = await open();
        const reader = await open();
        const { id } = await producer.enqueue(order(5));
        expect(await reader.get(id)).toMatchObject({ id, state: 'waiting' });
      });

      it('round-trips payloads unchanged (nested arrays, unicode, empty objects)', async () => {
        const queue = await open();
        const payload = {
          orderId: 7,
          requestId: 'დაბრუნება-№1 "quoted" \\ back\nslash',
          lines: [
            { sku: 'X-1', quantity: 2 },
            { sku: 'ყავა/250გ', quantity: 0.5 },
          ],
        };
        const { id } = await queue.enqueue({
          name: 'push-return-request',
          storeId: 'store-a',
          payload,
        });
        const sweep = await queue.enqueue({
          name: 'sweep-orders',
          storeId: 'store-a',
          payload: {},
        });
        expect((await queue.get(id))?.payload).toEqual(payload);
        expect((await queue.get(sweep.id))?.payload).toEqual({});
        const seen = new Map<string, unknown>();
        await queue.start(async (job) => {
          seen.set(job.id, job.payload);
        });
        await waitForJob(queue, sweep.id, 'completed');
        await waitForJob(queue, id, 'completed');
        expect(seen.get(id)).toEqual(payload);
        expect(seen.get(sweep.id)).toEqual({});
      });

      it('delayMs makes a delayed job that runs no earlier than its runAt', async () => {
        const queue = await open();
        const { id } = await queue.enqueue({ ...order(3), delayMs: 400 });
        const delayed = await queue.get(id);
        expect(delayed?.state).toBe('delayed');
        expect(Date.parse(delayed!.runAt) - Date.parse(delayed!.createdAt)).toBeGreaterThanOrEqual(
          390,
        );
        let startedAt = 0;
        await queue.start(async () => {
          startedAt = Date.now();
        });
        await waitForJob(queue, id, 'completed');
        expect(startedAt).toBeGreaterThanOrEqual(Date.parse(delayed!.runAt) - 50);
      });

      it('list() is newest first and filters by state, name and storeId with limit and offset', async () => {
        const queue = await open();
        const o1 = await queue.enqueue(order(1));
        const o2 = await queue.enqueue(order(2));
        const o3 = await queue.enqueue(order(3));
        const o4 = await queue.enqueue(order(4));
        const refund = await queue.enqueue({
          name: 'export-refund',
          storeId: 'store-b',
          payload: { orderId: 5, refundId: 9 },
        });
        const sweep = await queue.enqueue({
          name: 'sweep-orders',
          storeId: 'store-a',
          payload: {},
          delayMs: 60_000,
        });
        const ids = async (query?: Parameters<JobQueue['list']>[0]) =>
          (await queue.list(query)).map((job) => job.id);

        expect(await ids()).toEqual([sweep.id, refund.id, o4.id, o3.id, o2.id, o1.id]);
        expect(await ids({ storeId: 'store-a' })).toEqual([sweep.id, o4.id, o3.id, o2.id, o1.id]);
        expect(await ids({ storeId: 'store-b' })).toEqual([refund.id]);
        expect(await ids({ name: 'export-order' })).toEqual([o4.id, o3.id, o2.id, o1.id]);
        expect(await ids({ states: ['delayed'] })).toEqual([sweep.id]);
        expect(await ids({ states: ['completed', 'failed', 'dead', 'active'] })).toEqual([]);
        expect(await ids({ states: ['waiting'], storeId: 'store-a', limit: 2, offset: 1 })).toEqual(
          [o3.id, o2.id],
        );
        expect(await ids({ limit: 1 })).toEqual([sweep.id]);
      });

      it('counts() reports every state and can be scoped to a store', async () => {
        const queue = await open();
        await queue.enqueue(order(1));
        await queue.enqueue(order(2));
        await queue.enqueue({ ...order(3, 'store-b'), delayMs: 60_000 });
        expect(await queue.counts()).toEqual({
          waiting: 2,
          delayed: 1,
          active: 0,
          completed: 0,
          failed: 0,
          dead: 0,
        });
        expect(await queue.counts({ storeId: 'store-b' })).toEqual({
          waiting: 0,
          delayed: 1,
          active: 0,
          completed: 0,
          failed: 0,
          dead: 0,
        });
        expect(await queue.counts({ storeId: 'store-c' })).toEqual({
          waiting: 0,
          delayed: 0,
          active: 0,
          completed: 0,
          failed: 0,
          dead: 0,
        });
      });
    });

    describe('dedupe', () => {
      it('does not queue a job whose dedupeId matches a waiting job', async () => {
        const queue = await open();
        const first = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        const again = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        expect(again).toEqual({ id: first.id, deduplicated: true });
        const other = await queue.enqueue({ ...order(2), dedupeId: 'order:store-a:2' });
        expect(other.deduplicated).toBe(false);
        const plain1 = await queue.enqueue(order(1));
        const plain2 = await queue.enqueue(order(1));
        expect(plain1.deduplicated || plain2.deduplicated).toBe(false);
        expect(plain1.id).not.toBe(plain2.id);
        expect((await queue.counts()).waiting).toBe(4);
      });

      it('does not queue a job whose dedupeId matches a delayed job', async () => {
        const queue = await open();
        const first = await queue.enqueue({
          ...order(1),
          dedupeId: 'order:store-a:1',
          delayMs: 60_000,
        });
        const again = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        expect(again).toEqual({ id: first.id, deduplicated: true });
        expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 1 });
      });

      it('dedupes into a job delayed for its next attempt', async () => {
        const queue = await open();
        await queue.start(async () => {
          throw new RetryLaterError('Sale not exported yet', {
            code: 'waiting_for_sale',
            delayMs: 60_000,
          });
        });
        const first = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        await waitForJob(queue, first.id, 'delayed');
        const again = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        expect(again).toEqual({ id: first.id, deduplicated: true });
      });

      it('queues a follow-up when the matching job is active, and dedupes into that follow-up', async () => {
        const queue = await open();
        const gate = hang();
        const runs: string[] = [];
        await queue.start(
          async (job) => {
            runs.push(job.id);
            if (runs.length === 1) await gate.promise;
          },
          { concurrency: 1 },
        );
        const first = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        await waitForJob(queue, first.id, 'active');
        const followUp = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        expect(followUp.deduplicated).toBe(false);
        expect(followUp.id).not.toBe(first.id);
        const third = await queue.enqueue({ ...order(1), dedupeId: 'order:store-a:1' });
        expect(third).toEqual({ id: followUp.id, deduplicated: true });
        gate.resolve();
        await waitForJob(queue, followUp.id, 'completed');
        expect((await queue.get(first.id))?.state).toBe('completed');
        expect(runs).toEqual([first.id, followUp.id]);
      });
    });

    describe('running jobs', () => {
      it('runs waiting jobs with the job and its context, then marks them completed', async () => {
        const queue = await open();
        const { id } = await queue.enqueue(order(10));
        const seen: Array<{ job: Job; attempt: number; aborted: boolean }> = [];
        await queue.start(async (job, context) => {
          seen.push({ job, attempt: context.attempt, aborted: context.signal.aborted });
        });
        const done = await waitForJob(queue, id, 'completed');
        expect(done).toMatchObject({ attempts: 1, lastError: null });
        expect(seen).toHaveLength(1);
        expect(seen[0]?.attempt).toBe(1);
        expect(seen[0]?.aborted).toBe(false);
        expect(seen[0]?.job).toMatchObject({
          id,
          name: 'export-order',
          storeId: 'store-a',
          payload: { orderId: 10 },
          state: 'active',
          attempts: 1,
        });
      });

      it('runs jobs enqueued after start()', async () => {
        const queue = await open();
        const ran: number[] = [];
        await queue.start(async (job) => {
          ran.push((job.payload as { orderId: number }).orderId);
        });
        const a = await queue.enqueue(order(1));
        const b = await queue.enqueue(order(2));
        await waitForJob(queue, a.id, 'completed');
        await waitForJob(queue, b.id, 'completed');
        expect(ran.sort()).toEqual([1, 2]);
      });

      it('never runs more than `concurrency` handlers at once', async () => {
        const queue = await open();
        const concurrency = 3;
        let inFlight = 0;
        let most = 0;
        const handler: JobHandler = async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          // Wait (bounded) for the others, so an adapter that under-uses its slots shows it.
          const until = Date.now() + 3_000;
          while (inFlight < concurrency && Date.now() < until) await sleep(5);
          await sleep(30);
          most = Math.max(most, inFlight);
          inFlight -= 1;
        };
        const ids: string[] = [];
        for (let i = 1; i <= 2 * concurrency; i += 1) ids.push((await queue.enqueue(order(i))).id);
        await queue.start(handler, { concurrency });
        for (const id of ids) await waitForJob(queue, id, 'completed', waitMs + 6_000);
        expect(most).toBe(concurrency);
      });

      it('retries a failed attempt with backoff and keeps the last error', async () => {
        const queue = await open();
        const attempts: number[] = [];
        await queue.start(async (_job, context) => {
          attempts.push(context.attempt);
          if (context.attempt === 1) throw new Error('flaky');
        });
        const { id } = await queue.enqueue(order(1));
        const done = await waitForJob(queue, id, 'completed');
        expect(attempts).toEqual([1, 2]);
        expect(done.attempts).toBe(2);
        expect(done.lastError?.message).toBe('flaky');
      });

      it('retries with backoff, then marks the job dead after maxAttempts with the last error', async () => {
        const queue = await open();
        const attempts: number[] = [];
        await queue.start(async (_job, context) => {
          attempts.push(context.attempt);
          throw Object.assign(new Error(`boom ${context.attempt}`), { code: 'E_BOOM' });
        });
        const { id } = await queue.enqueue(order(1));
        const dead = await waitForJob(queue, id, 'dead');
        expect(dead.attempts).toBe(3);
        expect(dead.lastError).toMatchObject({ message: 'boom 3', code: 'E_BOOM' });
        expect(Number.isNaN(Date.parse(dead.lastError!.at))).toBe(false);
        await sleep(300); // longer than the largest backoff: nothing runs it again
        expect(attempts).toEqual([1, 2, 3]);
        expect((await queue.get(id))?.state).toBe('dead');
      });

      it('honours RetryLaterError: the job is delayed as asked, with its error recorded', async () => {
        const queue = await open();
        const delayMs = 400;
        let failedAt = 0;
        let retriedAt = 0;
        await queue.start(async (_job, context) => {
          if (context.attempt === 1) {
            failedAt = Date.now();
            throw new RetryLaterError('Sale of order #1 is not exported yet', {
              code: 'waiting_for_sale',
              delayMs,
            });
          }
          retriedAt = Date.now();
        });
        const { id } = await queue.enqueue(order(1));
        const delayed = await waitForJob(queue, id, 'delayed');
        expect(delayed.attempts).toBe(1);
        expect(delayed.lastError).toMatchObject({
          message: 'Sale of order #1 is not exported yet',
          code: 'waiting_for_sale',
        });
        expect(
          Date.parse(delayed.runAt) - Date.parse(delayed.lastError!.at),
        ).toBeGreaterThanOrEqual(delayMs - 50);
        const done = await waitForJob(queue, id, 'completed');
        expect(done.attempts).toBe(2);
        expect(retriedAt - failedAt).toBeGreaterThanOrEqual(delayMs - 50);
      });

      it('counts RetryLaterError as an attempt: the job is dead once attempts run out', async () => {
        const queue = await open({ maxAttempts: 2 });
        await queue.start(async () => {
          throw new RetryLaterError('still waiting', { code: 'waiting_for_sale', delayMs: 10 });
        });
        const { id } = await queue.enqueue(order(1));
        const dead = await waitForJob(queue, id, 'dead');
        expect(dead.attempts).toBe(2);
        expect(dead.lastError?.code).toBe('waiting_for_sale');
      });

      it('marks a job failed at once on PermanentJobError, with its message and code', async () => {
        const queue = await open();
        let calls = 0;
        await queue.start(async () => {
          calls += 1;
          throw new PermanentJobError('Order #1 line 2 (SKU "X-1") maps to no Balance item', {
            code: 'unmapped_line',
          });
        });
        const { id } = await queue.enqueue(order(1));
        const failed = await waitForJob(queue, id, 'failed');
        expect(failed.attempts).toBe(1);
        expect(failed.lastError).toMatchObject({
          message: 'Order #1 line 2 (SKU "X-1") maps to no Balance item',
          code: 'unmapped_line',
        });
        await sleep(300);
        expect(calls).toBe(1);
        expect((await queue.get(id))?.state).toBe('failed');
      });
    });

    describe('operator retry', () => {
      it('retry(id) moves a failed or dead job back to waiting with fresh attempts', async () => {
        const worker = await open({ maxAttempts: 2 });
        await worker.start(async (job) => {
          if ((job.payload as { orderId: number }).orderId === 1)
            throw new PermanentJobError('rejected', { code: 'rejected' });
          throw new Error('unreachable service');
        });
        const failed = await worker.enqueue(order(1));
        const dead = await worker.enqueue(order(2));
        await waitForJob(worker, failed.id, 'failed');
        expect((await waitForJob(worker, dead.id, 'dead')).attempts).toBe(2);
        await worker.close();

        const operator = await open({ maxAttempts: 2 });
        expect(await operator.retry('no-such-job')).toBe(false);
        expect(await operator.retry(failed.id)).toBe(true);
        expect(await operator.retry(failed.id)).toBe(false); // already waiting
        expect(await operator.retry(dead.id)).toBe(true);
        expect(await operator.get(failed.id)).toMatchObject({ state: 'waiting', attempts: 0 });
        expect(await operator.get(dead.id)).toMatchObject({ state: 'waiting', attempts: 0 });

        const attempts: number[] = [];
        await operator.start(async (_job, context) => {
          attempts.push(context.attempt);
        });
        expect((await waitForJob(operator, failed.id, 'completed')).attempts).toBe(1);
        expect((await waitForJob(operator, dead.id, 'completed')).attempts).toBe(1);
        expect(attempts).toEqual([1, 1]);
        expect(await operator.retry(failed.id)).toBe(false); // completed jobs are not retried
      });

      it('retryAll() moves matching failed and dead jobs back, by state, store and name', async () => {
        const worker = await open({ maxAttempts: 1 });
        await worker.start(async (job) => {
          if ((job.payload as { orderId: number }).orderId % 2 === 1)
            throw new PermanentJobError('rejected', { code: 'rejected' });
          throw new Error('down');
        });
        const aFailed = await worker.enqueue(order(1));
        const aDead = await worker.enqueue(order(2));
        const bFailed = await worker.enqueue(order(3, 'store-b'));
        const bDead = await worker.enqueue({
          name: 'export-refund',
          storeId: 'store-b',
          payload: { orderId: 4, refundId: 1 },
        });
        // no orderId, so it fails like an even one: dead
        const sweep = await worker.enqueue({
          name: 'sweep-orders',
          storeId: 'store-a',
          payload: {},
        });
        await waitForJob(worker, aFailed.id, 'failed');
        await waitForJob(worker, aDead.id, 'dead');
        await waitForJob(worker, bFailed.id, 'failed');
        await waitForJob(worker, bDead.id, 'dead');
        await waitForJob(worker, sweep.id, 'dead');
        await worker.close();

        const operator = await open({ maxAttempts: 1 });
        expect(await operator.retryAll({ states: ['dead'], storeId: 'store-a' })).toBe(2);
        expect((await operator.get(aDead.id))?.state).toBe('waiting');
        expect((await operator.get(aFailed.id))?.state).toBe('failed');
        expect(await operator.retryAll({ name: 'export-refund' })).toBe(1);
        expect((await operator.get(bDead.id))?.state).toBe('waiting');
        expect(await operator.retryAll({ storeId: 'store-b' })).toBe(1);
        expect((await operator.get(bFailed.id))?.state).toBe('waiting');
        expect(await operator.retryAll()).toBe(1);
        expect(await operator.get(aFailed.id)).toMatchObject({ state: 'waiting', attempts: 0 });
        expect(await operator.retryAll()).toBe(0);
        expect(await operator.counts()).toMatchObject({ waiting: 5, failed: 0, dead: 0 });
      });
    });

    describe('shutdown', () => {
      it('close() waits for in-flight jobs and takes no new ones', async () => {
        const queue = await open();
        const first = await queue.enqueue(order(1));
        const second = await queue.enqueue(order(2));
        const third = await queue.enqueue(order(3));
        let calls = 0;
        let firstFinished = false;
        await queue.start(
          async (job) => {
            calls += 1;
            if (job.id === first.id) {
              await sleep(300);
              firstFinished = true;
            }
          },
          { concurrency: 1 },
        );
        await waitForJob(queue, first.id, 'active');
        await queue.close();
        expect(firstFinished).toBe(true);
        expect(calls).toBe(1);

        const reader = await open();
        expect((await reader.get(first.id))?.state).toBe('completed');
        expect((await reader.get(second.id))?.state).toBe('waiting');
        expect((await reader.get(third.id))?.state).toBe('waiting');
      });

      it('close() aborts the handlers’ signal so they can stop early', async () => {
        const queue = await open();
        const { id } = await queue.enqueue(order(1));
        let sawAbort = false;
        await queue.start(async (_job, context: JobContext) => {
          await eventually('the abort signal', 5_000, () =>
            context.signal.aborted ? true : undefined,
          ).catch(() => undefined);
          sawAbort = context.signal.aborted;
        });
        await waitForJob(queue, id, 'active');
        await queue.close();
        expect(sawAbort).toBe(true);
      });

      it('close() is idempotent and a closed queue refuses new work', async () => {
        const queue = await open();
        await queue.start(async () => {});
        await queue.close();
        await queue.close();
        await expect(queue.enqueue(order(1))).rejects.toMatchObject({ code: 'queue_closed' });
      });

      it('start() twice is refused', async () => {
        const queue = await open();
        await queue.start(async () => {});
        await expect(queue.start(async () => {})).rejects.toMatchObject({
          code: 'queue_already_started',
        });
      });
    });

    describe('leases', () => {
      it(
        'a job whose worker stopped without finishing runs again elsewhere after the lease',
        async () => {
          const stopped = await open();
          const gate = hang();
          await stopped.start(() => gate.promise, { concurrency: 1 });
          const { id } = await stopped.enqueue(order(1));
          await waitForJob(stopped, id, 'active');
          await stopped.close({ timeoutMs: 50 }); // gives up on the stuck handler

          const survivor = await open();
          const attempts: number[] = [];
          await survivor.start(async (_job, context) => {
            attempts.push(context.attempt);
          });
          const done = await waitForJob(survivor, id, 'completed', leaseMs * 3 + waitMs);
          expect(attempts).toEqual([2]);
          expect(done.attempts).toBe(2);
        },
        leaseTestTimeout,
      );

      it(
        'a handler running longer than the lease keeps its job (no second run)',
        async () => {
          const a = await open();
          const b = await open();
          let calls = 0;
          const slow: JobHandler = async () => {
            calls += 1;
            await sleep(leaseMs * 1.5);
          };
          await a.start(slow, { concurrency: 1 });
          await b.start(slow, { concurrency: 1 });
          const { id } = await a.enqueue(order(1));
          const done = await waitForJob(a, id, 'completed', leaseMs * 3 + waitMs);
          expect(done.attempts).toBe(1);
          expect(calls).toBe(1);
        },
        leaseTestTimeout,
      );
    });
  });
}
