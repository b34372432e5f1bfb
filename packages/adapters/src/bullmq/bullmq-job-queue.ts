import { randomUUID } from 'node:crypto';
import {
  type BackoffOptions,
  type EnqueueResult,
  emptyJobCounts,
  failedAttemptOutcome,
  JOB_STATES,
  type Job,
  type JobConsumerOptions,
  type JobError,
  type JobHandler,
  type JobInput,
  type JobName,
  type JobQuery,
  type JobQueue,
  type JobQueueCloseOptions,
  JobQueueError,
  JobQueueLifecycle,
  type JobState,
  type Logger,
  leaseExpiredJobError,
  newestFirst,
  normalizeJobInput,
  queueMaxAttempts,
  settledWithin,
  silentLogger,
} from '@balance-sync/woo-sync-core';
import {
  type Job as BullJob,
  type JobType as BullJobType,
  Queue,
  UnrecoverableError,
  Worker,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { openRedisClient } from './open-redis-client.js';
import { defineQueueLuaCommands, type QueueLuaCommands } from './queue-lua-commands.js';
import { redactRedisError } from './redact-redis-error.js';
import {
  type BullMqConnection,
  parseRedisConnection,
  redisConnectionSecrets,
  redisServerLabel,
} from './redis-connection-options.js';
import { timeOrderedId } from './time-ordered-id.js';

/** Options of {@link createBullMqQueue}. */
export interface BullMqQueueOptions {
  /** The Redis server: a `redis://` / `rediss://` URL or host/port/password options. */
  connection: BullMqConnection;
  /**
   * Prefix of every Redis key of the queue (BullMQ's `prefix`); give each deployment its own.
   * @default 'balance-sync'
   */
  prefix?: string;
  /**
   * Name of the BullMQ queue holding every job of every store.
   * @default 'jobs'
   */
  queueName?: string;
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
   * BullMQ's lock duration: a job whose worker died is moved back to waiting by another
   * worker's stalled check once the lock is this old (and runs again). Workers renew it every
   * half of it while the handler runs; the stalled check runs this often too.
   * @default 30000
   */
  leaseMs?: number;
  /**
   * How many completed jobs to keep, and for how long (older ones are removed as new jobs
   * complete). Failed and dead jobs are kept until an operator retries them.
   * @default { count: 10000, ageMs: 604800000 }
   */
  keepCompleted?: { count: number; ageMs?: number };
  /**
   * Where errors of BullMQ and the background consumer go (connection losses, a job result
   * that could not be recorded). Handler errors are recorded on the job, not logged.
   * @default silentLogger
   */
  logger?: Logger;
}

/** What the adapter stores as BullMQ job data: the port's fields BullMQ has no place for. */
interface BullJobData {
  storeId: string;
  payload: Job['payload'];
  dedupeId: string | null;
  /** Epoch ms of the next run when the adapter scheduled it (retries, operator retry). */
  runAt?: number;
  /** Epoch ms of the adapter's last change to the job. */
  updatedAt?: number;
  lastError?: JobError | null;
  /**
   * Why a job is in BullMQ's failed set: `failed` after a `PermanentJobError`, `dead` once
   * attempts ran out. Jobs BullMQ failed itself (e.g. stalled too often) have none: `dead`.
   */
  outcome?: 'failed' | 'dead' | null;
}

/** An error the processor throws so BullMQ retries after `retryDelayMs`. */
class RetryAfterError extends Error {
  override readonly name = 'RetryAfterError';
  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
  }
}

const BACKOFF_TYPE = 'balance-sync';
const DEDUPE_KEY_TTL_MS = 30 * 24 * 3_600_000;
const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 15_000;
const WAITING_STATES = new Set(['waiting', 'wait', 'prioritized', 'paused', 'waiting-children']);
/** BullMQ sets to read for each port state. */
const BULL_TYPES: Record<JobState, readonly BullJobType[]> = {
  waiting: ['waiting', 'prioritized'],
  delayed: ['delayed'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
  dead: ['failed'],
};

const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function portState(bullState: string, data: BullJobData): JobState | undefined {
  if (WAITING_STATES.has(bullState)) return 'waiting';
  if (bullState === 'delayed' || bullState === 'active' || bullState === 'completed')
    return bullState;
  if (bullState === 'failed') return data.outcome === 'failed' ? 'failed' : 'dead';
  return undefined;
}

function toJob(bullJob: BullJob<BullJobData>, state: JobState): Job {
  const data = bullJob.data;
  const maxAttempts = bullJob.opts.attempts ?? 1;
  const runAt = data.runAt ?? bullJob.timestamp + (bullJob.opts.delay ?? 0);
  const lastError =
    data.lastError ??
    (state === 'dead' && bullJob.failedReason
      ? { message: bullJob.failedReason, at: iso(bullJob.finishedOn ?? bullJob.timestamp) }
      : null);
  const updatedAt = Math.max(
    bullJob.timestamp,
    bullJob.processedOn ?? 0,
    bullJob.finishedOn ?? 0,
    data.updatedAt ?? 0,
  );
  return {
    id: bullJob.id as string,
    name: bullJob.name as JobName,
    storeId: data.storeId,
    payload: data.payload,
    dedupeId: data.dedupeId,
    state,
    // A start beyond maxAttempts (after a stall) ran no handler: it is reported as dead.
    attempts: Math.min(bullJob.attemptsStarted, maxAttempts),
    maxAttempts,
    runAt: iso(runAt),
    createdAt: iso(bullJob.timestamp),
    updatedAt: iso(updatedAt),
    lastError,
  };
}

/** Ids are UUIDv7s: they break ties between jobs created in the same millisecond. */
const NEWEST_FIRST = newestFirst((job: Job) => [job.createdAt, job.id]);

class BullMqJobQueue implements JobQueue {
  readonly #client: Redis;
  readonly #lua: QueueLuaCommands;
  readonly #secrets: readonly string[];
  readonly #queue: Queue<BullJobData>;
  readonly #prefix: string;
  readonly #queueName: string;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions | undefined;
  readonly #leaseMs: number;
  readonly #keepCompleted: { count: number; age?: number };
  readonly #logger: Logger;
  readonly #lifecycle = new JobQueueLifecycle();
  #worker: Worker<BullJobData> | undefined;

  constructor(
    client: Redis,
    queue: Queue<BullJobData>,
    secrets: readonly string[],
    options: BullMqQueueOptions,
  ) {
    this.#client = client;
    this.#lua = defineQueueLuaCommands(client);
    this.#secrets = secrets;
    this.#queue = queue;
    this.#prefix = options.prefix ?? 'balance-sync';
    this.#queueName = options.queueName ?? 'jobs';
    this.#maxAttempts = queueMaxAttempts(options.maxAttempts);
    this.#backoff = options.backoff;
    this.#leaseMs = options.leaseMs ?? 30_000;
    const keep = options.keepCompleted ?? { count: 10_000, ageMs: 7 * 24 * 3_600_000 };
    this.#keepCompleted =
      keep.ageMs === undefined
        ? { count: keep.count }
        : { count: keep.count, age: Math.ceil(keep.ageMs / 1000) };
    this.#logger = options.logger ?? silentLogger;
  }

  #key(...parts: string[]): string {
    return [this.#prefix, this.#queueName, 'bsq', ...parts].join(':');
  }

  async enqueue<N extends JobName>(input: JobInput<N>): Promise<EnqueueResult> {
    this.#lifecycle.assertOpen();
    const job = normalizeJobInput(input, this.#maxAttempts);
    const add = async (): Promise<string> => {
      const id = timeOrderedId();
      const data: BullJobData = {
        storeId: job.storeId,
        payload: JSON.parse(job.payloadJson) as Job['payload'],
        dedupeId: job.dedupeId,
      };
      await this.#queue.add(job.name, data, {
        jobId: id,
        attempts: job.maxAttempts,
        backoff: { type: BACKOFF_TYPE },
        delay: job.delayMs,
        removeOnComplete: this.#keepCompleted,
        removeOnFail: false,
      });
      return id;
    };
    if (job.dedupeId === null) return { id: await add(), deduplicated: false };

    const dedupeKey = this.#key('dedupe', job.dedupeId);
    return this.#withLock(this.#key('lock', job.dedupeId), async () => {
      const existing = await this.#client.get(dedupeKey);
      if (existing) {
        const state = await this.#queue.getJobState(existing);
        if (WAITING_STATES.has(state) || state === 'delayed')
          return { id: existing, deduplicated: true };
      }
      const id = await add();
      await this.#client.set(dedupeKey, id, 'PX', DEDUPE_KEY_TTL_MS);
      return { id, deduplicated: false };
    });
  }

  /** Runs `work` holding a short Redis lock (so concurrent enqueues of one dedupeId agree). */
  async #withLock<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    while ((await this.#lua.lock(lockKey, token, LOCK_TTL_MS)) !== 'OK') {
      if (Date.now() > deadline)
        throw new JobQueueError(`Could not take the dedupe lock ${lockKey} in time`, {
          code: 'queue_contended',
        });
      await sleep(5 + Math.random() * 20);
    }
    try {
      return await work();
    } finally {
      await this.#lua.deleteIfEquals(lockKey, token).catch(() => undefined);
    }
  }

  async start(handler: JobHandler, options: JobConsumerOptions = {}): Promise<void> {
    const concurrency = this.#lifecycle.startConsuming(options);
    const worker = new Worker<BullJobData>(
      this.#queueName,
      (bullJob, _token, signal) => this.#process(handler, bullJob, signal),
      {
        connection: this.#client,
        prefix: this.#prefix,
        concurrency,
        lockDuration: this.#leaseMs,
        stalledInterval: this.#leaseMs,
        // Stalls count against attempts in #process instead (a start beyond maxAttempts is dead).
        maxStalledCount: 1_000_000,
        settings: {
          backoffStrategy: (_attempts, _type, error) =>
            error instanceof RetryAfterError ? error.retryDelayMs : 0,
        },
      },
    );
    worker.on('error', (error) =>
      this.#logger.error({ err: redactRedisError(error, this.#secrets) }, 'BullMQ worker error'),
    );
    this.#worker = worker;
    await worker.waitUntilReady();
  }

  async #process(
    handler: JobHandler,
    bullJob: BullJob<BullJobData>,
    bullSignal: AbortSignal | undefined,
  ): Promise<void> {
    const maxAttempts = bullJob.opts.attempts ?? 1;
    const data = bullJob.data;
    if (bullJob.attemptsStarted > maxAttempts) {
      // Its worker died on the last attempt (stalled job moved back to waiting).
      await this.#recordFailure(bullJob, leaseExpiredJobError(Date.now()), 'dead');
      throw new UnrecoverableError('Attempts exhausted: the worker stopped during the last one');
    }
    const job = toJob(bullJob, 'active');
    const signal = bullSignal
      ? AbortSignal.any([this.#lifecycle.signal, bullSignal])
      : this.#lifecycle.signal;
    try {
      await handler(job, { attempt: bullJob.attemptsStarted, signal });
    } catch (error) {
      const now = Date.now();
      const { next, delayMs, failure, lastError } = failedAttemptOutcome(error, {
        attempts: bullJob.attemptsStarted,
        maxAttempts,
        now,
        backoff: this.#backoff,
      });
      if (next !== 'retry') {
        await this.#recordFailure(bullJob, lastError, next);
        throw new UnrecoverableError(failure.message);
      }
      await bullJob.updateData({ ...data, lastError, runAt: now + delayMs, updatedAt: now });
      throw new RetryAfterError(failure.message, delayMs);
    }
    if (data.dedupeId !== null) {
      // Best effort: a finished job no longer needs its dedupe pointer.
      await this.#lua
        .deleteIfEquals(this.#key('dedupe', data.dedupeId), bullJob.id as string)
        .catch(() => undefined);
    }
  }

  async #recordFailure(
    bullJob: BullJob<BullJobData>,
    lastError: JobError,
    outcome: 'failed' | 'dead',
  ): Promise<void> {
    const now = Date.now();
    await bullJob.updateData({ ...bullJob.data, lastError, outcome, updatedAt: now });
  }

  async get(id: string): Promise<Job | undefined> {
    this.#lifecycle.assertOpen();
    const bullJob = await this.#queue.getJob(id);
    if (!bullJob) return undefined;
    const state = portState(await bullJob.getState(), bullJob.data);
    return state ? toJob(bullJob, state) : undefined;
  }

  /** Every job in the given port states (read set by set; a job moving between reads is kept once). */
  async #load(states: readonly JobState[]): Promise<Job[]> {
    const types = new Set<BullJobType>();
    for (const state of states) for (const type of BULL_TYPES[state]) types.add(type);
    const jobs = new Map<string, Job>();
    for (const type of types) {
      const bullJobs = (await this.#queue.getJobs([type], 0, -1, false)) as BullJob<BullJobData>[];
      for (const bullJob of bullJobs) {
        if (!bullJob?.id || jobs.has(bullJob.id)) continue;
        const state = portState(type, bullJob.data);
        if (state && states.includes(state)) jobs.set(bullJob.id, toJob(bullJob, state));
      }
    }
    return [...jobs.values()];
  }

  async list(query: JobQuery = {}): Promise<Job[]> {
    this.#lifecycle.assertOpen();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    return (await this.#load(query.states ?? JOB_STATES))
      .filter((job) => query.storeId === undefined || job.storeId === query.storeId)
      .filter((job) => query.name === undefined || job.name === query.name)
      .sort(NEWEST_FIRST)
      .slice(offset, offset + limit);
  }

  async counts(query: { storeId?: string } = {}): Promise<Record<JobState, number>> {
    this.#lifecycle.assertOpen();
    const counts = emptyJobCounts();
    if (query.storeId === undefined) {
      const bull = await this.#queue.getJobCounts(
        'waiting',
        'prioritized',
        'delayed',
        'active',
        'completed',
      );
      counts.waiting = (bull.waiting ?? 0) + (bull.prioritized ?? 0);
      counts.delayed = bull.delayed ?? 0;
      counts.active = bull.active ?? 0;
      counts.completed = bull.completed ?? 0;
      for (const job of await this.#load(['failed', 'dead'])) counts[job.state] += 1;
      return counts;
    }
    for (const job of await this.#load(JOB_STATES))
      if (job.storeId === query.storeId) counts[job.state] += 1;
    return counts;
  }

  async retry(id: string): Promise<boolean> {
    this.#lifecycle.assertOpen();
    const bullJob = await this.#queue.getJob(id);
    if (!bullJob || (await bullJob.getState()) !== 'failed') return false;
    return this.#retryFailed(bullJob);
  }

  async #retryFailed(bullJob: BullJob<BullJobData>): Promise<boolean> {
    const now = Date.now();
    try {
      await bullJob.updateData({ ...bullJob.data, outcome: null, runAt: now, updatedAt: now });
      await bullJob.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    } catch (error) {
      // Someone else retried or removed it first.
      this.#logger.debug({ err: error, jobId: bullJob.id }, 'Job was not retried');
      return false;
    }
  }

  async retryAll(
    query: { states?: readonly ('failed' | 'dead')[]; storeId?: string; name?: JobName } = {},
  ): Promise<number> {
    this.#lifecycle.assertOpen();
    const states = query.states ?? ['failed', 'dead'];
    if (states.length === 0) return 0;
    const failed = (await this.#queue.getJobs(['failed'], 0, -1, false)) as BullJob<BullJobData>[];
    let moved = 0;
    for (const bullJob of failed) {
      if (!bullJob) continue;
      const state = portState('failed', bullJob.data) as 'failed' | 'dead';
      if (!states.includes(state)) continue;
      if (query.storeId !== undefined && bullJob.data.storeId !== query.storeId) continue;
      if (query.name !== undefined && bullJob.name !== query.name) continue;
      if (await this.#retryFailed(bullJob)) moved += 1;
    }
    return moved;
  }

  close(options: JobQueueCloseOptions = {}): Promise<void> {
    return this.#lifecycle.close(options, (timeoutMs) => this.#shutDown(timeoutMs));
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    const worker = this.#worker;
    // BullMQ's close() waits for the running handlers; it closes the worker's blocking
    // connection (a duplicate it owns) but not the shared client.
    const drained = worker ? await settledWithin(worker.close(), timeoutMs) : true;
    if (!drained)
      this.#logger.warn(
        { leaseMs: this.#leaseMs },
        'Job queue closed with jobs still running; another worker runs them again once their lock expires',
      );
    await this.#queue.close().catch(() => undefined);
    // Given up on: drop the connection at once, so the abandoned jobs' locks stop being renewed.
    if (drained) await this.#client.quit().catch(() => this.#client.disconnect());
    else this.#client.disconnect();
  }
}

/**
 * The {@link JobQueue} on BullMQ 6 and Redis, for many workers on many machines. How the
 * port maps onto BullMQ:
 * - one BullMQ queue (`queueName`) holds every store's jobs; the port's data (store, payload,
 *   dedupe id, last error, outcome) lives in the job data; job ids are UUIDv7s;
 * - `waiting` = BullMQ waiting/prioritized/paused, `delayed`, `active`, `completed` as in
 *   BullMQ; BullMQ's single failed set holds both `failed` (data `outcome: 'failed'`, after a
 *   `PermanentJobError`, thrown on as an `UnrecoverableError`) and `dead` (attempts ran out,
 *   or BullMQ failed the job itself);
 * - dedupe: enqueues with a `dedupeId` take a short Redis lock, look up the job their dedupe
 *   key points to, and return it while it is waiting or delayed; otherwise (active, finished,
 *   gone) they add a new job — so a change arriving mid-processing gets a follow-up run;
 * - retries: the processor computes the delay (`backoffDelay` with full jitter, or the
 *   `RetryLaterError` delay) and hands it to BullMQ through a custom backoff strategy;
 * - leases: BullMQ's lock (`lockDuration` = `leaseMs`, renewed while the handler runs) and
 *   stalled check; a job restarted beyond its attempts is `dead`;
 * - `close()` is BullMQ's `worker.close()` (stops fetching, waits for in-flight jobs), bounded
 *   by `timeoutMs`.
 *
 * It talks to Redis through one ioredis client (`ioredis` is an optional peer dependency,
 * as `bullmq` is), opened with `maxRetriesPerRequest: null` as BullMQ requires of workers and
 * shared by the BullMQ `Queue`, the `Worker` (BullMQ duplicates it for the worker's blocking
 * connection) and the adapter's own commands; an unreachable server or refused credentials
 * fail the factory with `queue_unavailable`. Passwords never appear in errors or logs.
 * `list`, `counts({ storeId })` and `retryAll` read the job sets they need in full: keep
 * `keepCompleted` modest on large installations.
 *
 * @example
 * ```ts
 * const queue = await createBullMqQueue({ connection: process.env.REDIS_URL!, prefix: 'shop-a' });
 * await queue.enqueue({ name: 'export-order', storeId: 'main', payload: { orderId: 42 }, dedupeId: 'order:main:42' });
 * await queue.start(async (job) => runJob(job), { concurrency: 8 });
 * ```
 */
export async function createBullMqQueue(options: BullMqQueueOptions): Promise<JobQueue> {
  const invalid = (message: string) => new JobQueueError(message, { code: 'invalid_job' });
  queueMaxAttempts(options.maxAttempts);
  if (
    options.leaseMs !== undefined &&
    !(Number.isFinite(options.leaseMs) && options.leaseMs >= 100)
  )
    throw invalid('Option "leaseMs" must be at least 100 ms');
  let redisOptions: ReturnType<typeof parseRedisConnection>;
  try {
    redisOptions = parseRedisConnection(options.connection);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const secrets = redisConnectionSecrets(options.connection);
  const logger = options.logger ?? silentLogger;
  const client = await openRedisClient(redisOptions, { logger, secrets });
  const queue = new Queue<BullJobData>(options.queueName ?? 'jobs', {
    connection: client,
    prefix: options.prefix ?? 'balance-sync',
  });
  queue.on('error', (error) =>
    logger.error({ err: redactRedisError(error, secrets) }, 'BullMQ queue error'),
  );
  try {
    await queue.waitUntilReady();
  } catch (error) {
    await queue.close().catch(() => undefined);
    client.disconnect();
    const reason = redactRedisError(error, secrets);
    throw new JobQueueError(
      `BullMQ could not use Redis at ${redisServerLabel(redisOptions)}: ${reason.message}`,
      { code: 'queue_unavailable', cause: reason },
    );
  }
  return new BullMqJobQueue(client, queue, secrets, options);
}
