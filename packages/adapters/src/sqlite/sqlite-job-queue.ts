import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import {
  type BackoffOptions,
  type Clock,
  type EnqueueResult,
  emptyJobCounts,
  failedAttemptOutcome,
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
  normalizeJobInput,
  queueMaxAttempts,
  settledWithin,
  silentLogger,
  systemClock,
} from '@balance-sync/woo-sync-core';
import PQueue from 'p-queue';
import { GroupCommit } from './group-commit.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import {
  SQLITE_JOB_QUEUE_MIGRATION_NAMESPACE,
  SQLITE_JOB_QUEUE_MIGRATIONS,
} from './sqlite-job-queue-migrations.js';
import { applySqliteMigrations } from './sqlite-migrations.js';
import { immediateTransaction } from './sqlite-transaction.js';

/**
 * Options of {@link createSqliteJobQueue}. Give either `path` or `database`.
 */
export interface SqliteJobQueueOptions {
  /**
   * Path of the database file (created with its directory when missing). It may be the sync
   * store's file: the queue's tables are all prefixed `job_queue_`.
   */
  path?: string;
  /** An open `node:sqlite` database to use instead of `path`; `close()` leaves it open. */
  database?: DatabaseSync;
  /**
   * How long a job stays `active` after its worker's last heartbeat; a job whose worker died
   * runs again (elsewhere, or after a restart) once it is over. Workers renew the lease every
   * third of it while the handler runs.
   * @default 30000
   */
  leaseMs?: number;
  /**
   * How often an idle consumer looks for jobs that other processes enqueued or whose lease ran
   * out (jobs enqueued through this queue, and delayed jobs falling due, wake it at once).
   * @default 1000
   */
  pollMs?: number;
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
   * Source of time for `runAt`, leases and timestamps.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * How long a write waits for another process's write lock, in milliseconds (with `path`).
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Where errors of the background consumer go (a failed lease renewal, a database error
   * while claiming). Handler errors are recorded on the job, not logged.
   * @default silentLogger
   */
  logger?: Logger;
}

type Row = Record<string, SQLOutputValue>;
type Params = Record<string, SQLInputValue>;

interface ClaimedJob {
  job: Job;
  claim: string;
}

/** A handler run waiting for its result to be written. */
interface FinishedRun {
  consumer: Consumer;
  job: Job;
  claim: string;
  failed: boolean;
  error: unknown;
  recorded(): void;
}

interface Consumer {
  handler: JobHandler;
  concurrency: number;
  pqueue: PQueue;
  /** id → claim of every job this consumer runs. */
  inFlight: Map<string, string>;
  wake: ReturnType<typeof setTimeout> | undefined;
  renew: ReturnType<typeof setInterval>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const text = (row: Row, column: string) => row[column] as string;
const int = (row: Row, column: string) => Number(row[column]);

function toJob(row: Row, now: number): Job {
  const state = text(row, 'state');
  const runAt = int(row, 'run_at');
  const lastError =
    row.last_error === null ? null : (JSON.parse(text(row, 'last_error')) as JobError);
  return {
    id: text(row, 'id'),
    name: text(row, 'name') as JobName,
    storeId: text(row, 'store_id'),
    payload: JSON.parse(text(row, 'payload')) as Job['payload'],
    dedupeId: row.dedupe_id === null ? null : text(row, 'dedupe_id'),
    state: (state === 'queued' ? (runAt > now ? 'delayed' : 'waiting') : state) as JobState,
    attempts: int(row, 'attempts'),
    maxAttempts: int(row, 'max_attempts'),
    runAt: iso(runAt),
    createdAt: iso(int(row, 'created_at')),
    updatedAt: iso(int(row, 'updated_at')),
    lastError,
  };
}

/** SQL condition for one port state (`waiting`/`delayed` are `queued` split by `run_at`). */
function stateCondition(state: JobState): string {
  switch (state) {
    case 'waiting':
      return "(state = 'queued' AND run_at <= :now)";
    case 'delayed':
      return "(state = 'queued' AND run_at > :now)";
    default:
      return `state = '${state}'`;
  }
}

class SqliteJobQueue implements JobQueue {
  readonly #db: DatabaseSync;
  readonly #ownsDatabase: boolean;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions | undefined;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #lifecycle = new JobQueueLifecycle();
  readonly #sql: Record<
    | 'insert'
    | 'findDedupe'
    | 'get'
    | 'reclaim'
    | 'claim'
    | 'nextDue'
    | 'renew'
    | 'complete'
    | 'fail'
    | 'retry',
    StatementSync
  >;
  /**
   * Enqueues of one turn of the event loop, committed in one transaction (one fsync). The
   * fsync stays (`synchronous = FULL`): in WAL, `NORMAL` may lose the last commits on power
   * loss, and a resolved enqueue is what lets a host acknowledge a webhook.
   */
  readonly #enqueues = new GroupCommit<Params, EnqueueResult>((group) => this.#insert(group));
  #consumer: Consumer | undefined;
  #results: FinishedRun[] = [];
  #closed = false;

  constructor(db: DatabaseSync, ownsDatabase: boolean, options: SqliteJobQueueOptions) {
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#maxAttempts = queueMaxAttempts(options.maxAttempts);
    this.#backoff = options.backoff;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#sql = {
      insert: db.prepare(`
        INSERT INTO job_queue_jobs
          (id, name, store_id, payload, dedupe_id, state, attempts, max_attempts, run_at,
           created_at, updated_at)
        VALUES
          (:id, :name, :storeId, :payload, :dedupeId, 'queued', 0, :maxAttempts, :runAt,
           :now, :now)`),
      findDedupe: db.prepare(
        "SELECT id FROM job_queue_jobs WHERE dedupe_id = ? AND state = 'queued' LIMIT 1",
      ),
      get: db.prepare('SELECT * FROM job_queue_jobs WHERE id = ?'),
      reclaim: db.prepare(`
        UPDATE job_queue_jobs
        SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
            run_at = :now, claim = NULL, lease_until = NULL, updated_at = :now,
            last_error = :lastError
        WHERE state = 'active' AND lease_until <= :now`),
      claim: db.prepare(`
        UPDATE job_queue_jobs
        SET state = 'active', attempts = attempts + 1, claim = :claim,
            lease_until = :leaseUntil, updated_at = :now
        WHERE seq IN (
          SELECT seq FROM job_queue_jobs
          WHERE state = 'queued' AND run_at <= :now
          ORDER BY run_at, seq
          LIMIT :limit
        )
        RETURNING *`),
      nextDue: db.prepare(
        "SELECT MIN(run_at) AS next FROM job_queue_jobs WHERE state = 'queued' AND run_at > ?",
      ),
      renew: db.prepare(`
        UPDATE job_queue_jobs SET lease_until = :leaseUntil
        WHERE id = :id AND claim = :claim AND state = 'active'`),
      complete: db.prepare(`
        UPDATE job_queue_jobs
        SET state = 'completed', claim = NULL, lease_until = NULL, updated_at = :now
        WHERE id = :id AND claim = :claim AND state = 'active'`),
      fail: db.prepare(`
        UPDATE job_queue_jobs
        SET state = :state, run_at = :runAt, claim = NULL, lease_until = NULL,
            updated_at = :now, last_error = :lastError
        WHERE id = :id AND claim = :claim AND state = 'active'`),
      retry: db.prepare(`
        UPDATE job_queue_jobs
        SET state = 'queued', attempts = 0, run_at = :now, updated_at = :now, claim = NULL,
            lease_until = NULL
        WHERE id = :id AND state IN ('failed', 'dead')`),
    };
  }

  async enqueue<N extends JobName>(input: JobInput<N>): Promise<EnqueueResult> {
    this.#lifecycle.assertOpen();
    const job = normalizeJobInput(input, this.#maxAttempts);
    const now = this.#now();
    // resolves once the transaction holding it committed (synchronous = FULL)
    return this.#enqueues.add({
      id: randomUUID(),
      name: job.name,
      storeId: job.storeId,
      payload: job.payloadJson,
      dedupeId: job.dedupeId,
      maxAttempts: job.maxAttempts,
      runAt: now + job.delayMs,
      now,
    });
  }

  /**
   * Writes a group of enqueues in one transaction, in order: a dedupe id matching a queued
   * job — also one inserted earlier in the group — joins it instead.
   */
  #insert(group: readonly Params[]): EnqueueResult[] {
    const results = immediateTransaction(this.#db, () =>
      group.map((params): EnqueueResult => {
        if (params.dedupeId !== null) {
          const match = this.#sql.findDedupe.get(params.dedupeId as string);
          if (match) return { id: text(match, 'id'), deduplicated: true };
        }
        this.#sql.insert.run(params);
        return { id: params.id as string, deduplicated: false };
      }),
    );
    if (results.some((result) => !result.deduplicated)) this.#pumpSoon();
    return results;
  }

  async start(handler: JobHandler, options: JobConsumerOptions = {}): Promise<void> {
    const concurrency = this.#lifecycle.startConsuming(options);
    const consumer: Consumer = {
      handler,
      concurrency,
      pqueue: new PQueue({ concurrency }),
      inFlight: new Map(),
      wake: undefined,
      renew: setInterval(() => this.#renewLeases(consumer), Math.max(10, this.#leaseMs / 3)),
    };
    this.#consumer = consumer;
    this.#pump();
  }

  async get(id: string): Promise<Job | undefined> {
    this.#lifecycle.assertOpen();
    const row = this.#sql.get.get(id);
    return row ? toJob(row, this.#now()) : undefined;
  }

  async list(query: JobQuery = {}): Promise<Job[]> {
    this.#lifecycle.assertOpen();
    const now = this.#now();
    const params: Params = { limit: query.limit ?? 100, offset: query.offset ?? 0 };
    const where = this.#filters(params, query.storeId, query.name);
    if (query.states) {
      if (query.states.length === 0) return [];
      const conditions = query.states.map(stateCondition);
      if (conditions.some((condition) => condition.includes(':now'))) params.now = now;
      where.push(`(${conditions.join(' OR ')})`);
    }
    const rows = this.#db
      .prepare(
        `SELECT * FROM job_queue_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, seq DESC LIMIT :limit OFFSET :offset`,
      )
      .all(params);
    return rows.map((row) => toJob(row, now));
  }

  async counts(query: { storeId?: string } = {}): Promise<Record<JobState, number>> {
    this.#lifecycle.assertOpen();
    const params: Params = { now: this.#now() };
    const where = this.#filters(params, query.storeId, undefined);
    const rows = this.#db
      .prepare(
        `SELECT CASE WHEN state = 'queued'
                     THEN CASE WHEN run_at > :now THEN 'delayed' ELSE 'waiting' END
                     ELSE state END AS port_state,
                COUNT(*) AS n
         FROM job_queue_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         GROUP BY port_state`,
      )
      .all(params);
    const counts = emptyJobCounts();
    for (const row of rows) counts[text(row, 'port_state') as JobState] = int(row, 'n');
    return counts;
  }

  async retry(id: string): Promise<boolean> {
    this.#lifecycle.assertOpen();
    const moved = Number(this.#sql.retry.run({ id, now: this.#now() }).changes) > 0;
    if (moved) this.#pumpSoon();
    return moved;
  }

  async retryAll(
    query: { states?: readonly ('failed' | 'dead')[]; storeId?: string; name?: JobName } = {},
  ): Promise<number> {
    this.#lifecycle.assertOpen();
    const states = query.states ?? ['failed', 'dead'];
    if (states.length === 0) return 0;
    const params: Params = { now: this.#now() };
    const where = this.#filters(params, query.storeId, query.name);
    where.push(
      `state IN (${states.map((state) => (state === 'dead' ? "'dead'" : "'failed'")).join(', ')})`,
    );
    const moved = Number(
      this.#db
        .prepare(
          `UPDATE job_queue_jobs
           SET state = 'queued', attempts = 0, run_at = :now, updated_at = :now, claim = NULL,
               lease_until = NULL
           WHERE ${where.join(' AND ')}`,
        )
        .run(params).changes,
    );
    if (moved > 0) this.#pumpSoon();
    return moved;
  }

  close(options: JobQueueCloseOptions = {}): Promise<void> {
    return this.#lifecycle.close(options, (timeoutMs) => this.#shutDown(timeoutMs));
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    this.#enqueues.flush(); // enqueues already accepted are committed, not dropped
    const consumer = this.#consumer;
    if (consumer) {
      if (consumer.wake) clearTimeout(consumer.wake);
      if (consumer.inFlight.size > 0) {
        const drained = await settledWithin(consumer.pqueue.onIdle(), timeoutMs);
        if (!drained)
          this.#logger.warn(
            { jobs: [...consumer.inFlight.keys()], leaseMs: this.#leaseMs },
            'Job queue closed with jobs still running; they run again once their lease expires',
          );
      }
      clearInterval(consumer.renew);
    }
    this.#closed = true;
    if (this.#ownsDatabase) this.#db.close();
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  #filters(params: Params, storeId: string | undefined, name: JobName | undefined): string[] {
    const where: string[] = [];
    if (storeId !== undefined) {
      where.push('store_id = :storeId');
      params.storeId = storeId;
    }
    if (name !== undefined) {
      where.push('name = :name');
      params.name = name;
    }
    return where;
  }

  /** Runs the consumer loop soon (not inside the caller's transaction or stack). */
  #pumpSoon(): void {
    if (this.#consumer && !this.#lifecycle.closing) setImmediate(() => this.#pump());
  }

  /** Claims due jobs for free slots, then sleeps until the next is due (at most `pollMs`). */
  #pump(): void {
    const consumer = this.#consumer;
    if (!consumer || this.#lifecycle.closing) return;
    try {
      const claimed = immediateTransaction(this.#db, () =>
        this.#claim(consumer.concurrency - consumer.inFlight.size),
      );
      this.#dispatch(consumer, claimed);
    } catch (error) {
      this.#logger.error({ err: error }, 'Job queue could not claim jobs; retrying');
      this.#sleep(consumer, this.#pollMs);
    }
  }

  /** Inside a transaction: puts back jobs whose lease ran out, then claims up to `limit`. */
  #claim(limit: number): ClaimedJob[] {
    if (limit <= 0) return [];
    const now = this.#now();
    const claim = randomUUID();
    this.#sql.reclaim.run({ now, lastError: JSON.stringify(leaseExpiredJobError(now)) });
    return this.#sql.claim
      .all({ claim, now, leaseUntil: now + this.#leaseMs, limit })
      .sort((a, b) => int(a, 'run_at') - int(b, 'run_at') || int(a, 'seq') - int(b, 'seq'))
      .map((row) => ({ job: toJob(row, now), claim }));
  }

  /** Starts claimed jobs, then sleeps until the next job is due (at most `pollMs`). */
  #dispatch(consumer: Consumer, claimed: ClaimedJob[]): void {
    for (const { job, claim } of claimed) {
      consumer.inFlight.set(job.id, claim);
      void consumer.pqueue.add(() => this.#run(consumer, job, claim));
    }
    let sleepMs = this.#pollMs;
    if (consumer.inFlight.size < consumer.concurrency) {
      const now = this.#now();
      const next = this.#sql.nextDue.get(now)?.next;
      if (typeof next === 'number') sleepMs = Math.min(sleepMs, Math.max(0, next - now));
    }
    this.#sleep(consumer, sleepMs);
  }

  #sleep(consumer: Consumer, ms: number): void {
    if (consumer.wake) clearTimeout(consumer.wake);
    consumer.wake = setTimeout(() => this.#pump(), ms);
  }

  #renewLeases(consumer: Consumer): void {
    if (consumer.inFlight.size === 0 || this.#closed) return;
    try {
      const leaseUntil = this.#now() + this.#leaseMs;
      immediateTransaction(this.#db, () => {
        for (const [id, claim] of consumer.inFlight) this.#sql.renew.run({ id, claim, leaseUntil });
      });
    } catch (error) {
      this.#logger.error({ err: error }, 'Job queue could not renew its leases');
    }
  }

  async #run(consumer: Consumer, job: Job, claim: string): Promise<void> {
    let failed = false;
    let error: unknown;
    try {
      await consumer.handler(job, { attempt: job.attempts, signal: this.#lifecycle.signal });
    } catch (caught) {
      failed = true;
      error = caught;
    }
    if (this.#closed) return; // gave up on this job: its lease runs out and it runs again
    // Results finishing together are written in one transaction (one fsync), which also
    // claims the next jobs for the freed slots.
    await new Promise<void>((recorded) => {
      this.#results.push({ consumer, job, claim, failed, error, recorded });
      if (this.#results.length === 1) setImmediate(() => this.#flushResults());
    });
  }

  #flushResults(): void {
    const results = this.#results;
    this.#results = [];
    const consumer = results[0]?.consumer;
    if (!consumer || this.#closed) {
      for (const result of results) result.recorded();
      return;
    }
    let claimed: ClaimedJob[] = [];
    try {
      claimed = immediateTransaction(this.#db, () => {
        for (const { job, claim, failed, error } of results)
          this.#settle(job, claim, failed, error);
        const free = consumer.concurrency - consumer.inFlight.size + results.length;
        return this.#lifecycle.closing ? [] : this.#claim(free);
      });
    } catch (settleError) {
      this.#logger.error(
        { err: settleError, jobs: results.map((result) => result.job.id) },
        'Job queue could not record job results; they run again once their lease expires',
      );
    }
    for (const result of results) {
      consumer.inFlight.delete(result.job.id);
      result.recorded();
    }
    if (!this.#lifecycle.closing) this.#dispatch(consumer, claimed);
  }

  #settle(job: Job, claim: string, failed: boolean, error: unknown): void {
    const now = this.#now();
    if (!failed) {
      this.#sql.complete.run({ id: job.id, claim, now });
      return;
    }
    const outcome = failedAttemptOutcome(error, {
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      now,
      backoff: this.#backoff,
    });
    this.#sql.fail.run({
      id: job.id,
      claim,
      state: outcome.next === 'retry' ? 'queued' : outcome.next,
      runAt: now + outcome.delayMs,
      now,
      lastError: JSON.stringify(outcome.lastError),
    });
  }
}

/**
 * The embedded, durable {@link JobQueue} on Node's built-in `node:sqlite`: jobs survive a
 * restart (an enqueue is committed with `synchronous = FULL` before its promise resolves;
 * enqueues made in the same turn of the event loop share one transaction, so a burst of
 * webhooks costs one fsync, not one each), several processes may share the file, a job whose
 * worker died runs again once its lease runs out, concurrency is bounded by p-queue, failed
 * attempts are retried with backoff and jitter, and `failed`/`dead` jobs wait for an
 * operator's `retry`. Its tables and migrations (namespace `job-queue`) live beside the sync
 * store's and may share its file.
 *
 * @example
 * ```ts
 * const queue = createSqliteJobQueue({ path: './balance-sync.db' });
 * await queue.enqueue({ name: 'export-order', storeId: 'main', payload: { orderId: 42 }, dedupeId: 'order:main:42' });
 * await queue.start(async (job) => runJob(job), { concurrency: 4 });
 * process.once('SIGTERM', () => void queue.close({ timeoutMs: 30_000 }));
 * ```
 */
export function createSqliteJobQueue(options: SqliteJobQueueOptions): JobQueue {
  const invalid = (message: string) => new JobQueueError(message, { code: 'invalid_job' });
  if ((options.path === undefined) === (options.database === undefined))
    throw invalid('createSqliteJobQueue needs exactly one of "path" and "database"');
  for (const field of ['leaseMs', 'pollMs'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw invalid(`Option "${field}" must be a positive number`);
  }
  queueMaxAttempts(options.maxAttempts);
  const clock = options.clock ?? systemClock;
  const db =
    options.database ??
    openSqliteDatabase({
      path: options.path as string,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
  try {
    applySqliteMigrations(db, {
      namespace: SQLITE_JOB_QUEUE_MIGRATION_NAMESPACE,
      migrations: SQLITE_JOB_QUEUE_MIGRATIONS,
      now: () => clock.now().toISOString(),
    });
    return new SqliteJobQueue(db, options.database === undefined, options);
  } catch (error) {
    if (options.database === undefined) db.close();
    throw error;
  }
}
