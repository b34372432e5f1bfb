import PQueue from 'p-queue';
import { type Clock, systemClock } from '../clock.js';
import type { BackoffOptions } from '../jobs/backoff.js';
import { failedAttemptOutcome } from '../jobs/failed-attempt-outcome.js';
import { JobQueueError } from '../jobs/job-queue-error.js';
import { JobQueueLifecycle } from '../jobs/job-queue-lifecycle.js';
import { queueMaxAttempts } from '../jobs/job-queue-options.js';
import { emptyJobCounts } from '../jobs/job-states.js';
import { leaseExpiredJobError } from '../jobs/lease-expired-job-error.js';
import { newestFirst } from '../jobs/newest-first.js';
import { normalizeJobInput } from '../jobs/normalize-job-input.js';
import { settledWithin } from '../jobs/settled-within.js';
import type {
  EnqueueResult,
  Job,
  JobConsumerOptions,
  JobError,
  JobHandler,
  JobInput,
  JobName,
  JobQuery,
  JobQueue,
  JobQueueCloseOptions,
  JobState,
} from '../ports/job-queue.js';

/**
 * Where the in-memory queue schedules its wake-ups; replace it (with the `clock`) to run
 * delays and backoff without waiting.
 */
export interface JobQueueTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link InMemoryJobQueue}. */
export interface InMemoryJobQueueOptions {
  /**
   * Attempts of a job whose input sets none.
   * @default 10
   */
  maxAttempts?: number;
  /**
   * Delays between attempts (exponential with full jitter, see `backoffDelay`).
   * @default { baseMs: 5000, maxMs: 900000 }
   */
  backoff?: BackoffOptions;
  /**
   * How long a job abandoned by a consumer (closed before its handler finished) stays
   * `active` before another consumer over the same jobs may take it.
   * @default 30000
   */
  leaseMs?: number;
  /**
   * Source of time for `runAt`, timestamps and due checks.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * Timers that wake consumers when a delayed job falls due.
   * @default the global `setTimeout` / `clearTimeout`
   */
  timers?: JobQueueTimers;
  /**
   * Uniform numbers in [0, 1) for the backoff jitter.
   * @default Math.random
   */
  random?: () => number;
}

/** A job as the table holds it; `queued` is `waiting` or `delayed` depending on `runAt`. */
interface StoredJob {
  id: string;
  seq: number;
  name: JobName;
  storeId: string;
  payloadJson: string;
  dedupeId: string | null;
  state: 'queued' | 'active' | 'completed' | 'failed' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAt: number;
  createdAt: number;
  updatedAt: number;
  lastError: JobError | null;
  /** The claim that holds an active job; a settle with another token is ignored. */
  claim: string | null;
  /** When an abandoned active job may be taken again (`Infinity` while its consumer lives). */
  leaseUntil: number;
}

/** The jobs shared by every queue made with {@link InMemoryJobQueue.share}. */
class JobTable {
  readonly jobs = new Map<string, StoredJob>();
  /** `queued` jobs ordered by (runAt, seq). */
  readonly queued: StoredJob[] = [];
  /** Active jobs whose consumer went away, waiting for their lease to run out. */
  readonly abandoned = new Set<StoredJob>();
  readonly listeners = new Set<() => void>();
  seq = 0;

  #position(job: StoredJob): number {
    let low = 0;
    let high = this.queued.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.queued[mid]!;
      if (other.runAt < job.runAt || (other.runAt === job.runAt && other.seq < job.seq))
        low = mid + 1;
      else high = mid;
    }
    return low;
  }

  enqueue(job: StoredJob): void {
    job.state = 'queued';
    this.queued.splice(this.#position(job), 0, job);
  }

  dequeue(job: StoredJob): void {
    const at = this.#position(job);
    if (this.queued[at] === job) this.queued.splice(at, 1);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

interface Consumer {
  handler: JobHandler;
  pqueue: PQueue;
  concurrency: number;
  inFlight: Map<StoredJob, string>;
  listener: () => void;
  wake: { handle: unknown; at: number } | undefined;
}

const defaultTimers: JobQueueTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const iso = (ms: number) => new Date(ms).toISOString();

const NEWEST_FIRST = newestFirst((job: StoredJob) => [job.createdAt, job.seq]);

/** Longest delay `setTimeout` takes without firing at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The {@link JobQueue} port in memory, with the same semantics as the durable adapters
 * (dedupe, attempts with backoff and jitter, `RetryLaterError`, `PermanentJobError`, dead
 * jobs, operator retry, bounded concurrency through p-queue, graceful close, lease expiry of
 * abandoned jobs). Nothing survives the process. Inject `clock` and `timers` to run delays
 * without waiting; use {@link InMemoryJobQueue.share} for a second consumer over the same
 * jobs, as a second worker process would be.
 *
 * @example
 * ```ts
 * const queue = new InMemoryJobQueue({ maxAttempts: 3, backoff: { baseMs: 10 } });
 * await queue.enqueue({ name: 'export-order', storeId: 'main', payload: { orderId: 42 } });
 * await queue.start(async (job) => exportOrder(job.payload), { concurrency: 2 });
 * ```
 */
export class InMemoryJobQueue implements JobQueue {
  #table = new JobTable();
  readonly #options: InMemoryJobQueueOptions;
  readonly #maxAttempts: number;
  readonly #leaseMs: number;
  readonly #clock: Clock;
  readonly #timers: JobQueueTimers;
  readonly #random: () => number;
  readonly #lifecycle = new JobQueueLifecycle();
  #consumer: Consumer | undefined;
  #closed = false;

  constructor(options: InMemoryJobQueueOptions = {}) {
    const maxAttempts = queueMaxAttempts(options.maxAttempts);
    const leaseMs = options.leaseMs ?? 30_000;
    if (!(leaseMs > 0))
      throw new JobQueueError('Option "leaseMs" must be > 0', { code: 'invalid_job' });
    this.#options = options;
    this.#maxAttempts = maxAttempts;
    this.#leaseMs = leaseMs;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? defaultTimers;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Another queue over the same jobs, with its own consumer and options (defaults: this
   * queue's) — what a second worker process is to a durable queue.
   *
   * @example
   * ```ts
   * const workerB = queue.share();
   * await workerB.start(handler);
   * ```
   */
  share(options: InMemoryJobQueueOptions = this.#options): InMemoryJobQueue {
    const sibling = new InMemoryJobQueue(options);
    sibling.#table = this.#table;
    return sibling;
  }

  async enqueue<N extends JobName>(input: JobInput<N>): Promise<EnqueueResult> {
    this.#lifecycle.assertOpen();
    const job = normalizeJobInput(input, this.#maxAttempts);
    const table = this.#table;
    if (job.dedupeId !== null) {
      const match = table.queued.find((queued) => queued.dedupeId === job.dedupeId);
      if (match) return { id: match.id, deduplicated: true };
    }
    const now = this.#now();
    const stored: StoredJob = {
      id: globalThis.crypto.randomUUID(),
      seq: ++table.seq,
      name: job.name,
      storeId: job.storeId,
      payloadJson: job.payloadJson,
      dedupeId: job.dedupeId,
      state: 'queued',
      attempts: 0,
      maxAttempts: job.maxAttempts,
      runAt: now + job.delayMs,
      createdAt: now,
      updatedAt: now,
      lastError: null,
      claim: null,
      leaseUntil: 0,
    };
    table.jobs.set(stored.id, stored);
    table.enqueue(stored);
    table.changed();
    return { id: stored.id, deduplicated: false };
  }

  async start(handler: JobHandler, options: JobConsumerOptions = {}): Promise<void> {
    const concurrency = this.#lifecycle.startConsuming(options);
    const consumer: Consumer = {
      handler,
      pqueue: new PQueue({ concurrency }),
      concurrency,
      inFlight: new Map(),
      listener: () => this.#pump(),
      wake: undefined,
    };
    this.#consumer = consumer;
    this.#table.listeners.add(consumer.listener);
    this.#pump();
  }

  async get(id: string): Promise<Job | undefined> {
    this.#lifecycle.assertOpen();
    const job = this.#table.jobs.get(id);
    return job ? this.#toJob(job, this.#now()) : undefined;
  }

  async list(query: JobQuery = {}): Promise<Job[]> {
    this.#lifecycle.assertOpen();
    const now = this.#now();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    return this.#matching(query.storeId, query.name)
      .map((job) => this.#toJob(job, now))
      .filter((job) => !query.states || query.states.includes(job.state))
      .slice(offset, offset + limit);
  }

  async counts(query: { storeId?: string } = {}): Promise<Record<JobState, number>> {
    this.#lifecycle.assertOpen();
    const now = this.#now();
    const counts = emptyJobCounts();
    for (const job of this.#table.jobs.values()) {
      if (query.storeId !== undefined && job.storeId !== query.storeId) continue;
      counts[this.#stateOf(job, now)] += 1;
    }
    return counts;
  }

  async retry(id: string): Promise<boolean> {
    this.#lifecycle.assertOpen();
    const job = this.#table.jobs.get(id);
    if (!job || (job.state !== 'failed' && job.state !== 'dead')) return false;
    this.#requeue(job);
    this.#table.changed();
    return true;
  }

  async retryAll(
    query: { states?: readonly ('failed' | 'dead')[]; storeId?: string; name?: JobName } = {},
  ): Promise<number> {
    this.#lifecycle.assertOpen();
    const states: readonly string[] = query.states ?? ['failed', 'dead'];
    let moved = 0;
    for (const job of this.#matching(query.storeId, query.name)) {
      if (!states.includes(job.state)) continue;
      this.#requeue(job);
      moved += 1;
    }
    if (moved > 0) this.#table.changed();
    return moved;
  }

  close(options: JobQueueCloseOptions = {}): Promise<void> {
    return this.#lifecycle.close(options, (timeoutMs) => this.#shutDown(timeoutMs));
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    const consumer = this.#consumer;
    if (consumer) {
      this.#table.listeners.delete(consumer.listener);
      this.#clearWake(consumer);
      if (consumer.inFlight.size > 0) {
        const drained = await settledWithin(consumer.pqueue.onIdle(), timeoutMs, this.#timers);
        if (!drained) {
          // The last "heartbeat" of these jobs is now: others may take them after the lease.
          const leaseUntil = this.#now() + this.#leaseMs;
          for (const job of consumer.inFlight.keys()) {
            job.leaseUntil = leaseUntil;
            this.#table.abandoned.add(job);
          }
          this.#table.changed();
        }
      }
    }
    this.#closed = true;
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  /** Matching jobs, newest first. */
  #matching(storeId: string | undefined, name: JobName | undefined): StoredJob[] {
    const jobs: StoredJob[] = [];
    for (const job of this.#table.jobs.values()) {
      if (storeId !== undefined && job.storeId !== storeId) continue;
      if (name !== undefined && job.name !== name) continue;
      jobs.push(job);
    }
    return jobs.sort(NEWEST_FIRST);
  }

  #stateOf(job: StoredJob, now: number): JobState {
    if (job.state === 'queued') return job.runAt > now ? 'delayed' : 'waiting';
    return job.state;
  }

  #toJob(job: StoredJob, now: number): Job {
    return {
      id: job.id,
      name: job.name,
      storeId: job.storeId,
      payload: JSON.parse(job.payloadJson) as Job['payload'],
      dedupeId: job.dedupeId,
      state: this.#stateOf(job, now),
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      runAt: iso(job.runAt),
      createdAt: iso(job.createdAt),
      updatedAt: iso(job.updatedAt),
      lastError: job.lastError ? { ...job.lastError } : null,
    };
  }

  #requeue(job: StoredJob): void {
    const now = this.#now();
    job.attempts = 0;
    job.runAt = now;
    job.updatedAt = now;
    job.claim = null;
    this.#table.enqueue(job);
  }

  /** Takes due jobs while this consumer has free slots, then sleeps until the next is due. */
  #pump(): void {
    const consumer = this.#consumer;
    if (!consumer || this.#lifecycle.closing) return;
    const table = this.#table;
    const now = this.#now();
    this.#reclaimAbandoned(now);
    // Claims only for free slots (in-flight counts until a run has settled its job), so p-queue,
    // which bounds the handlers themselves, never holds claimed jobs in its backlog.
    while (consumer.inFlight.size < consumer.concurrency) {
      const job = table.queued[0];
      if (!job || job.runAt > now) break;
      table.queued.shift();
      const claim = globalThis.crypto.randomUUID();
      job.state = 'active';
      job.attempts += 1;
      job.claim = claim;
      job.leaseUntil = Number.POSITIVE_INFINITY;
      job.updatedAt = now;
      consumer.inFlight.set(job, claim);
      void consumer.pqueue.add(() => this.#run(consumer, job, claim));
    }
    this.#scheduleWake(consumer, now);
  }

  #reclaimAbandoned(now: number): void {
    for (const job of this.#table.abandoned) {
      if (job.state !== 'active' || job.claim === null) {
        this.#table.abandoned.delete(job);
        continue;
      }
      if (job.leaseUntil > now) continue;
      this.#table.abandoned.delete(job);
      job.claim = null;
      job.updatedAt = now;
      job.lastError = leaseExpiredJobError(now);
      if (job.attempts >= job.maxAttempts) {
        job.state = 'dead';
      } else {
        job.runAt = now;
        this.#table.enqueue(job);
      }
    }
  }

  #scheduleWake(consumer: Consumer, now: number): void {
    let next = Number.POSITIVE_INFINITY;
    const head = this.#table.queued[0];
    if (head && head.runAt > now) next = head.runAt;
    for (const job of this.#table.abandoned) next = Math.min(next, job.leaseUntil);
    if (!Number.isFinite(next)) {
      this.#clearWake(consumer);
      return;
    }
    if (consumer.wake && consumer.wake.at <= next) return;
    this.#clearWake(consumer);
    consumer.wake = {
      at: next,
      handle: this.#timers.setTimeout(
        () => {
          consumer.wake = undefined;
          this.#pump();
        },
        Math.min(MAX_TIMER_MS, Math.max(0, next - now)),
      ),
    };
  }

  #clearWake(consumer: Consumer): void {
    if (!consumer.wake) return;
    this.#timers.clearTimeout(consumer.wake.handle);
    consumer.wake = undefined;
  }

  async #run(consumer: Consumer, job: StoredJob, claim: string): Promise<void> {
    const snapshot = this.#toJob(job, this.#now());
    let failed = false;
    let error: unknown;
    try {
      await consumer.handler(snapshot, {
        attempt: snapshot.attempts,
        signal: this.#lifecycle.signal,
      });
    } catch (caught) {
      failed = true;
      error = caught;
    }
    consumer.inFlight.delete(job);
    // A closed consumer has let go of its jobs; a newer claim belongs to someone else.
    if (this.#closed || job.claim !== claim || job.state !== 'active') return;
    this.#settle(job, failed, error);
    this.#table.changed();
    this.#pump();
  }

  #settle(job: StoredJob, failed: boolean, error: unknown): void {
    const now = this.#now();
    job.claim = null;
    job.updatedAt = now;
    this.#table.abandoned.delete(job);
    if (!failed) {
      job.state = 'completed';
      return;
    }
    const outcome = failedAttemptOutcome(error, {
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      now,
      backoff: this.#options.backoff,
      random: this.#random,
    });
    job.lastError = outcome.lastError;
    if (outcome.next === 'retry') {
      job.runAt = now + outcome.delayMs;
      this.#table.enqueue(job);
    } else {
      job.state = outcome.next;
    }
  }
}
