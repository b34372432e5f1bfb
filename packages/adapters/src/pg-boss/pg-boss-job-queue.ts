import {
  type BackoffOptions,
  type EnqueueResult,
  emptyJobCounts,
  failedAttemptOutcome,
  type Job,
  type JobConsumerOptions,
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
  normalizeJobInput,
  queueMaxAttempts,
  settledWithin,
  silentLogger,
} from '@balance-sync/woo-sync-core';
import PQueue from 'p-queue';
import { type JobWithMetadata, PgBoss } from 'pg-boss';
import {
  JOB_ROW_COLUMNS,
  NOW_ISO_SQL,
  type PgBossJobData,
  type PgBossJobOutput,
  type PgBossJobRow,
  PORT_STATE_SQL,
  stateCondition,
  toJob,
} from './pg-boss-job-rows.js';

/** Options of {@link createPgBossQueue}. */
export interface PgBossQueueOptions {
  /** PostgreSQL connection string (its password never appears in errors or logs). */
  connectionString: string;
  /**
   * Schema of pg-boss's tables (created and migrated by pg-boss on start).
   * @default 'balance_sync_jobs'
   */
  schema?: string;
  /**
   * Name of the pg-boss queue holding every job of every store (created with the `short`
   * policy, which dedupe relies on).
   * @default 'balance-sync'
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
   * How long an active job may go without a heartbeat before pg-boss's supervisor puts it
   * back (a job whose worker died then runs again). Workers send a heartbeat every third of
   * it. pg-boss counts whole seconds, at least 10.
   * @default 30000
   */
  leaseMs?: number;
  /**
   * How often an idle consumer polls for jobs (jobs enqueued through this queue wake it at
   * once).
   * @default 1000
   */
  pollMs?: number;
  /**
   * How often this instance's pg-boss supervisor looks for jobs whose worker stopped
   * heart-beating (pg-boss's monitor and supervise intervals; at least 1000).
   * @default 30000
   */
  recoveryIntervalMs?: number;
  /**
   * Longest a handler may run: pg-boss fails the attempt after it even while heart-beating
   * (at most 24 hours).
   * @default 14400000
   */
  jobTimeoutMs?: number;
  /**
   * How long completed jobs are kept. Failed and dead jobs are kept until an operator
   * retries them.
   * @default 604800000
   */
  keepCompletedMs?: number;
  /**
   * Size of pg-boss's connection pool.
   * @default 10
   */
  poolSize?: number;
  /**
   * Where errors of pg-boss and the background consumer go (a failed poll, a job result that
   * could not be recorded). Handler errors are recorded on the job, not logged.
   * @default silentLogger
   */
  logger?: Logger;
}

interface Consumer {
  handler: JobHandler;
  concurrency: number;
  pqueue: PQueue;
  /** id → retry count (the attempt fence) of every job this consumer runs. */
  inFlight: Map<string, number>;
  fetching: boolean;
  again: boolean;
  wake: ReturnType<typeof setTimeout> | undefined;
  heartbeat: ReturnType<typeof setInterval>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Queued jobs are kept this long (pg-boss deletes older queued jobs): in effect, forever. */
const RETENTION_DAYS = 3_650;

function fetchedRow(job: JobWithMetadata<PgBossJobData>): PgBossJobRow {
  return {
    id: job.id,
    data: job.data,
    state: 'active',
    retry_count: job.retryCount,
    retry_limit: job.retryLimit,
    start_after: new Date(job.startAfter),
    started_on: job.startedOn ? new Date(job.startedOn) : new Date(),
    created_on: new Date(job.createdOn),
    completed_on: null,
    output: (job.output as PgBossJobOutput | null) ?? null,
    deferred: false,
  };
}

class PgBossJobQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #schema: string;
  readonly #name: string;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions | undefined;
  readonly #heartbeatSeconds: number;
  readonly #pollMs: number;
  readonly #jobTimeoutSeconds: number;
  readonly #keepCompletedSeconds: number;
  readonly #logger: Logger;
  readonly #lifecycle = new JobQueueLifecycle();
  #consumer: Consumer | undefined;
  #closed = false;

  constructor(boss: PgBoss, options: PgBossQueueOptions) {
    this.#boss = boss;
    this.#schema = options.schema ?? 'balance_sync_jobs';
    this.#name = options.queueName ?? 'balance-sync';
    this.#maxAttempts = queueMaxAttempts(options.maxAttempts);
    this.#backoff = options.backoff;
    this.#heartbeatSeconds = Math.max(10, Math.ceil((options.leaseMs ?? 30_000) / 1000));
    this.#pollMs = options.pollMs ?? 1_000;
    this.#jobTimeoutSeconds = Math.ceil((options.jobTimeoutMs ?? 4 * 3_600_000) / 1000);
    this.#keepCompletedSeconds = Math.ceil((options.keepCompletedMs ?? 7 * 86_400_000) / 1000);
    this.#logger = options.logger ?? silentLogger;
  }

  get #table(): string {
    return `${this.#schema}.job`;
  }

  async #sql<R>(text: string, values: unknown[]): Promise<R[]> {
    return (await this.#boss.getDb().executeSql(text, values)).rows as R[];
  }

  async enqueue<N extends JobName>(input: JobInput<N>): Promise<EnqueueResult> {
    this.#lifecycle.assertOpen();
    const job = normalizeJobInput(input, this.#maxAttempts);
    const data: PgBossJobData = {
      jobName: job.name,
      storeId: job.storeId,
      payload: JSON.parse(job.payloadJson) as Job['payload'],
      dedupeId: job.dedupeId,
    };
    for (let round = 0; round < 5; round += 1) {
      if (job.dedupeId !== null) {
        // The `short` policy's unique index covers `created` jobs only; a job waiting for its
        // next attempt (`retry`) holds the dedupe id too.
        const [held] = await this.#sql<{ id: string }>(
          `SELECT id::text AS id FROM ${this.#table}
           WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')
           ORDER BY created_on LIMIT 1`,
          [this.#name, job.dedupeId],
        );
        if (held) return { id: held.id, deduplicated: true };
      }
      const id = await this.#boss.send(this.#name, data as unknown as object, {
        // Jobs without a dedupe id get a key of their own, so the policy never merges them.
        singletonKey: job.dedupeId ?? `~${globalThis.crypto.randomUUID()}`,
        retryLimit: job.maxAttempts - 1,
        retryDelay: 0,
        retryBackoff: false,
        heartbeatSeconds: this.#heartbeatSeconds,
        expireInSeconds: this.#jobTimeoutSeconds,
        // Never deleted while queued, failed or dead; completion sets the retention.
        deleteAfterSeconds: 0,
        retentionSeconds: RETENTION_DAYS * 86_400,
        ...(job.delayMs > 0 ? { startAfter: job.delayMs / 1000 } : {}),
      });
      if (id) {
        this.#pumpSoon();
        return { id, deduplicated: false };
      }
      // A job with this dedupe id was created meanwhile: the next round finds it.
    }
    throw new JobQueueError(`Could not enqueue "${job.name}": its dedupe id kept changing hands`, {
      code: 'queue_contended',
    });
  }

  async start(handler: JobHandler, options: JobConsumerOptions = {}): Promise<void> {
    const concurrency = this.#lifecycle.startConsuming(options);
    const consumer: Consumer = {
      handler,
      concurrency,
      pqueue: new PQueue({ concurrency }),
      inFlight: new Map(),
      fetching: false,
      again: false,
      wake: undefined,
      heartbeat: setInterval(() => void this.#beat(consumer), (this.#heartbeatSeconds * 1000) / 3),
    };
    this.#consumer = consumer;
    void this.#pump();
  }

  async get(id: string): Promise<Job | undefined> {
    this.#lifecycle.assertOpen();
    if (!UUID.test(id)) return undefined;
    const [row] = await this.#sql<PgBossJobRow>(
      `SELECT ${JOB_ROW_COLUMNS} FROM ${this.#table} WHERE name = $1 AND id = $2::uuid`,
      [this.#name, id],
    );
    return row ? toJob(row) : undefined;
  }

  async list(query: JobQuery = {}): Promise<Job[]> {
    this.#lifecycle.assertOpen();
    const values: unknown[] = [this.#name];
    const where = ['name = $1', ...this.#filters(values, query.storeId, query.name)];
    if (query.states) {
      if (query.states.length === 0) return [];
      where.push(`(${query.states.map(stateCondition).join(' OR ')})`);
    }
    values.push(query.limit ?? 100, query.offset ?? 0);
    const rows = await this.#sql<PgBossJobRow>(
      `SELECT ${JOB_ROW_COLUMNS} FROM ${this.#table} WHERE ${where.join(' AND ')}
       ORDER BY created_on DESC, id DESC LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    );
    return rows.map(toJob);
  }

  async counts(query: { storeId?: string } = {}): Promise<Record<JobState, number>> {
    this.#lifecycle.assertOpen();
    const values: unknown[] = [this.#name];
    const where = ['name = $1', ...this.#filters(values, query.storeId, undefined)];
    const rows = await this.#sql<{ port_state: JobState; n: number }>(
      `SELECT ${PORT_STATE_SQL} AS port_state, count(*)::int AS n
       FROM ${this.#table} WHERE ${where.join(' AND ')} GROUP BY 1`,
      values,
    );
    const counts = emptyJobCounts();
    for (const row of rows) counts[row.port_state] += row.n;
    return counts;
  }

  /** The SET clause that puts failed jobs back to waiting with fresh attempts. */
  #retrySet(): string {
    return `state = 'retry', retry_count = 0, started_on = NULL, completed_on = NULL,
      heartbeat_on = NULL, start_after = now(),
      keep_until = now() + interval '${RETENTION_DAYS} days',
      deletion_seconds = 0,
      output = (COALESCE(output, '{}'::jsonb) - 'outcome')
        || jsonb_build_object('updatedAt', ${NOW_ISO_SQL})`;
  }

  async retry(id: string): Promise<boolean> {
    this.#lifecycle.assertOpen();
    if (!UUID.test(id)) return false;
    const rows = await this.#sql(
      `UPDATE ${this.#table} SET ${this.#retrySet()}
       WHERE name = $1 AND id = $2::uuid AND state IN ('failed', 'cancelled') RETURNING 1`,
      [this.#name, id],
    );
    if (rows.length > 0) this.#pumpSoon();
    return rows.length > 0;
  }

  async retryAll(
    query: { states?: readonly ('failed' | 'dead')[]; storeId?: string; name?: JobName } = {},
  ): Promise<number> {
    this.#lifecycle.assertOpen();
    const states = query.states ?? ['failed', 'dead'];
    if (states.length === 0) return 0;
    const values: unknown[] = [this.#name];
    const where = [
      'name = $1',
      ...this.#filters(values, query.storeId, query.name),
      `(${states.map(stateCondition).join(' OR ')})`,
    ];
    const rows = await this.#sql(
      `UPDATE ${this.#table} SET ${this.#retrySet()} WHERE ${where.join(' AND ')} RETURNING 1`,
      values,
    );
    if (rows.length > 0) this.#pumpSoon();
    return rows.length;
  }

  close(options: JobQueueCloseOptions = {}): Promise<void> {
    return this.#lifecycle.close(options, (timeoutMs) => this.#shutDown(timeoutMs));
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    const consumer = this.#consumer;
    if (consumer) {
      if (consumer.wake) clearTimeout(consumer.wake);
      const drained = await settledWithin(consumer.pqueue.onIdle(), timeoutMs);
      clearInterval(consumer.heartbeat);
      if (!drained)
        this.#logger.warn(
          { jobs: [...consumer.inFlight.keys()], heartbeatSeconds: this.#heartbeatSeconds },
          'Job queue closed with jobs still running; they run again once their heartbeat lapses',
        );
    }
    this.#closed = true;
    await this.#boss.stop({ graceful: false, close: true, timeout: 1_000 });
  }

  #filters(values: unknown[], storeId: string | undefined, name: JobName | undefined): string[] {
    const where: string[] = [];
    if (storeId !== undefined) {
      values.push(storeId);
      where.push(`data->>'storeId' = $${values.length}`);
    }
    if (name !== undefined) {
      values.push(name);
      where.push(`data->>'jobName' = $${values.length}`);
    }
    return where;
  }

  #pumpSoon(): void {
    if (this.#consumer && !this.#lifecycle.closing) setImmediate(() => void this.#pump());
  }

  /** Fetches due jobs for free slots, then sleeps `pollMs` unless a slot or an enqueue wakes it. */
  async #pump(): Promise<void> {
    const consumer = this.#consumer;
    if (!consumer || this.#lifecycle.closing) return;
    if (consumer.fetching) {
      consumer.again = true;
      return;
    }
    if (consumer.wake) clearTimeout(consumer.wake);
    consumer.wake = undefined;
    consumer.fetching = true;
    let full = false;
    try {
      const free = consumer.concurrency - consumer.inFlight.size;
      if (free > 0) {
        const jobs = await this.#boss.fetch<PgBossJobData>(this.#name, {
          batchSize: free,
          includeMetadata: true,
        });
        full = jobs.length === free;
        for (const fetched of jobs) {
          if (this.#lifecycle.closing) break; // fetched after close began: its heartbeat lapses, it reruns
          consumer.inFlight.set(fetched.id, fetched.retryCount);
          void consumer.pqueue.add(() => this.#run(consumer, fetched));
        }
      } else {
        full = true;
      }
    } catch (error) {
      if (!this.#lifecycle.closing)
        this.#logger.error({ err: error }, 'Job queue could not fetch jobs');
    } finally {
      consumer.fetching = false;
    }
    if (this.#lifecycle.closing) return;
    if (consumer.again || (full && consumer.inFlight.size < consumer.concurrency)) {
      consumer.again = false;
      setImmediate(() => void this.#pump());
      return;
    }
    consumer.wake = setTimeout(() => void this.#pump(), this.#pollMs);
  }

  async #beat(consumer: Consumer): Promise<void> {
    if (consumer.inFlight.size === 0 || this.#closed) return;
    try {
      await this.#boss.touch(
        this.#name,
        [...consumer.inFlight].map(([id, retryCount]) => ({ id, retryCount })),
      );
    } catch (error) {
      this.#logger.error({ err: error }, 'Job queue could not send its heartbeat');
    }
  }

  async #run(consumer: Consumer, fetched: JobWithMetadata<PgBossJobData>): Promise<void> {
    const job = toJob(fetchedRow(fetched));
    let failed = false;
    let error: unknown;
    try {
      await consumer.handler(job, { attempt: job.attempts, signal: this.#lifecycle.signal });
    } catch (caught) {
      failed = true;
      error = caught;
    }
    if (this.#closed) return; // gave up on this job: its heartbeat lapses and it runs again
    try {
      await this.#settle(job, fetched.retryCount, failed, error);
    } catch (settleError) {
      this.#logger.error(
        { err: settleError, jobId: job.id },
        'Job queue could not record a job result; it runs again once its heartbeat lapses',
      );
    }
    consumer.inFlight.delete(job.id);
    void this.#pump();
  }

  async #settle(job: Job, retryCount: number, failed: boolean, error: unknown): Promise<void> {
    const fence = [this.#name, job.id, retryCount];
    const where = `name = $1 AND id = $2::uuid AND retry_count = $3 AND state = 'active'`;
    if (!failed) {
      await this.#sql(
        `UPDATE ${this.#table}
         SET state = 'completed', completed_on = now(), heartbeat_on = NULL,
             deletion_seconds = ${this.#keepCompletedSeconds},
             output = COALESCE(output, '{}'::jsonb)
               || jsonb_build_object('updatedAt', ${NOW_ISO_SQL})
         WHERE ${where}`,
        fence,
      );
      return;
    }
    // The error's instant is the database clock's (NOW_ISO_SQL), as for every other write.
    const { next, delayMs, failure } = failedAttemptOutcome(error, {
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      now: Date.now(),
      backoff: this.#backoff,
    });
    // pg-boss's `failed` state holds both port states; `outcome` tells them apart.
    const state = next === 'retry' ? 'retry' : 'failed';
    const outcome = next === 'retry' ? null : next;
    await this.#sql(
      `UPDATE ${this.#table}
       SET state = $4::text::${this.#schema}.job_state,
           start_after = CASE WHEN $4::text = 'retry' THEN now() + $5::double precision * interval '1 millisecond'
                              ELSE start_after END,
           keep_until = CASE WHEN $4::text = 'retry'
                             THEN GREATEST(keep_until, now() + $5::double precision * interval '1 millisecond'
                                                       + interval '${RETENTION_DAYS} days')
                             ELSE keep_until END,
           completed_on = CASE WHEN $4::text = 'retry' THEN NULL ELSE now() END,
           heartbeat_on = NULL,
           output = jsonb_strip_nulls(jsonb_build_object(
             'lastError', jsonb_build_object('message', $6::text, 'code', $7::text, 'at', ${NOW_ISO_SQL}),
             'outcome', $8::text,
             'updatedAt', ${NOW_ISO_SQL}))
       WHERE ${where}`,
      [...fence, state, delayMs, failure.message, failure.code ?? null, outcome],
    );
  }
}

/**
 * The {@link JobQueue} on pg-boss 12 and PostgreSQL, for many workers on many machines without
 * Redis. How the port maps onto pg-boss:
 * - one pg-boss queue (`queueName`, policy `short`) holds every store's jobs; the port's data
 *   is the job `data` (`jobName`, `storeId`, `payload`, `dedupeId`), its last error and
 *   outcome the job `output`;
 * - `waiting`/`delayed` = pg-boss `created`/`retry` with `start_after` passed or not,
 *   `active`, `completed`; pg-boss `failed` holds both `failed` (output `outcome: 'failed'`)
 *   and `dead` (attempts ran out, or pg-boss's supervisor failed the job);
 * - dedupe: the `dedupeId` is the job's singleton key; the `short` policy's unique index lets
 *   one `created` job hold it, and the adapter also returns a job in `retry` holding it; an
 *   `active` job does not hold it, so a follow-up is queued;
 * - workers fetch with pg-boss (`SKIP LOCKED`), bounded by p-queue, heart-beat with
 *   `touch()` every third of the lease, and settle jobs with their own SQL (fenced by the
 *   attempt's retry count): the next attempt's delay is `backoffDelay` with full jitter or the
 *   `RetryLaterError` delay, in milliseconds, on the database clock;
 * - pg-boss's supervisor puts back jobs whose heartbeat lapsed (a killed worker's);
 * - listing, counting and operator retry are SQL on pg-boss's `job` table, as pg-boss's API
 *   has no state-and-data queries; they depend on pg-boss 12's table layout.
 *
 * @example
 * ```ts
 * const queue = await createPgBossQueue({ connectionString: process.env.DATABASE_URL! });
 * await queue.enqueue({ name: 'export-order', storeId: 'main', payload: { orderId: 42 }, dedupeId: 'order:main:42' });
 * await queue.start(async (job) => runJob(job), { concurrency: 8 });
 * ```
 */
export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const invalid = (message: string) => new JobQueueError(message, { code: 'invalid_job' });
  const schema = options.schema ?? 'balance_sync_jobs';
  if (!SQL_NAME.test(schema))
    throw invalid('Option "schema" must be a lower-case SQL name (letters, digits, underscores)');
  queueMaxAttempts(options.maxAttempts);
  const recoverySeconds = Math.max(1, Math.round((options.recoveryIntervalMs ?? 30_000) / 1000));
  const jobTimeoutMs = options.jobTimeoutMs ?? 4 * 3_600_000;
  if (!(jobTimeoutMs >= 1000 && jobTimeoutMs <= 24 * 3_600_000))
    throw invalid('Option "jobTimeoutMs" must be between 1 second and 24 hours');
  const name = options.queueName ?? 'balance-sync';
  const logger = options.logger ?? silentLogger;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: options.poolSize ?? 10,
    application_name: 'balance-sync-jobs',
    schedule: false,
    superviseIntervalSeconds: recoverySeconds,
    monitorIntervalSeconds: recoverySeconds,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  try {
    await boss.start();
    await boss.createQueue(name, { policy: 'short' });
    const queue = await boss.getQueue(name);
    if (queue?.policy !== 'short')
      throw new JobQueueError(
        `pg-boss queue "${name}" exists with policy "${String(queue?.policy)}"; the adapter needs "short" (use another queueName)`,
        { code: 'queue_misconfigured' },
      );
  } catch (error) {
    await boss.stop({ graceful: false, close: true, timeout: 1_000 }).catch(() => undefined);
    throw error;
  }
  return new PgBossJobQueue(boss, { ...options, schema, queueName: name });
}
