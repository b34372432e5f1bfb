import type { UtcDateTime } from './woocommerce-port.js';

/** A line of a return request: which SKU and how many come back. */
export interface ReturnRequestLine {
  sku: string;
  quantity: number;
}

/**
 * Payload of each job the engine knows, by job name. Payloads are plain JSON; they carry ids,
 * never whole documents, so a job always works on fresh data.
 */
export interface JobPayloads {
  /** Export an order's Sale (when paid) and then its refunds. */
  'export-order': { orderId: number };
  /** Export one refund as a credit note (waits for the Sale). */
  'export-refund': { orderId: number; refundId: number };
  /** Read orders and refunds changed since the cursor and enqueue their exports. */
  'sweep-orders': Record<string, never>;
  /**
   * Push a return credit note for given lines of an exported order. `requestedAt` (when the
   * return was requested: the credit note's date) is set by whoever enqueues the job, so that
   * every delivery and retry of it builds the same document; without it (jobs enqueued by
   * older releases) the time the request is first recorded is used.
   */
  'push-return-request': {
    orderId: number;
    requestId: string;
    lines: ReturnRequestLine[];
    requestedAt?: UtcDateTime;
  };
  /** Plan and apply a catalog import. */
  'catalog-import': { scope: 'items' | 'stocks' };
  /** Reconcile a date range and store the report. */
  reconcile: { from: UtcDateTime; to: UtcDateTime };
}

/** Names of the jobs the engine runs. */
export type JobName = keyof JobPayloads;

/**
 * Where a job is:
 * - `waiting`: ready to run; `delayed`: waiting for `runAt`; `active`: a worker holds it;
 * - `completed`: done;
 * - `failed`: the handler said it cannot succeed by retrying (e.g. Balance rejected the
 *   document); `dead`: attempts ran out. Both wait for an operator's retry.
 */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'dead';

/** The last error of a job. */
export interface JobError {
  message: string;
  /** Stable code of the error, when it had one. */
  code?: string;
  at: UtcDateTime;
}

/** A job as stored by the queue. */
export interface Job<N extends JobName = JobName> {
  id: string;
  name: N;
  storeId: string;
  payload: JobPayloads[N];
  /** Jobs with the same dedupe id are not queued twice while one is waiting. */
  dedupeId: string | null;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  /** When the job may run next. */
  runAt: UtcDateTime;
  createdAt: UtcDateTime;
  updatedAt: UtcDateTime;
  lastError: JobError | null;
}

/** A job to enqueue. */
export interface JobInput<N extends JobName = JobName> {
  name: N;
  storeId: string;
  payload: JobPayloads[N];
  /**
   * When a job with this id is `waiting` or `delayed`, no new job is queued. When it is
   * `active`, a new one is queued to run after it (so a change that arrives mid-processing is
   * never lost). Handlers must therefore be idempotent.
   */
  dedupeId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Overrides the queue's default attempts. */
  maxAttempts?: number;
}

/** What `enqueue` did. */
export interface EnqueueResult {
  /** The id of the new job, or of the waiting job it was deduplicated into. */
  id: string;
  deduplicated: boolean;
}

/** What a handler receives besides the job. */
export interface JobContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the queue is closing and the job should stop early if it can. */
  signal: AbortSignal;
}

/**
 * Runs one job. Resolve to complete it. Throw a {@link PermanentJobError} to mark it
 * `failed` at once; throw a {@link RetryLaterError} to retry after a given delay; any other
 * error retries with exponential backoff and jitter until `maxAttempts`, then `dead`.
 */
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

/** Filters for listing jobs. */
export interface JobQuery {
  states?: readonly JobState[];
  name?: JobName;
  storeId?: string;
  /** @default 100 */
  limit?: number;
  /** @default 0 */
  offset?: number;
}

/** Options for consuming jobs. */
export interface JobConsumerOptions {
  /**
   * Jobs run at the same time by this consumer.
   * @default 4
   */
  concurrency?: number;
}

/** Options for closing a queue. */
export interface JobQueueCloseOptions {
  /**
   * How long to wait for in-flight jobs before giving up on them (they become visible to
   * other workers again after the queue's lease timeout).
   * @default 30000
   */
  timeoutMs?: number;
}

/**
 * A durable job queue. Adapters: in-memory (`/testing`), in-process durable through SQLite
 * (the embedded default), BullMQ on Redis, pg-boss on PostgreSQL. Every adapter passes the
 * same conformance suite; many workers on many machines are safe with the distributed ones.
 *
 * @example
 * ```ts
 * await queue.enqueue({
 *   name: 'export-order', storeId: 'main', payload: { orderId: 42 },
 *   dedupeId: 'order:main:42',
 * });
 * await queue.start(async (job) => runJob(job), { concurrency: 4 });
 * ```
 */
export interface JobQueue {
  /** Durably enqueues a job; when the promise resolves, the job survives a crash. */
  enqueue<N extends JobName>(input: JobInput<N>): Promise<EnqueueResult>;
  /** Starts consuming jobs with `handler`; resolves once consumers are running. */
  start(handler: JobHandler, options?: JobConsumerOptions): Promise<void>;
  get(id: string): Promise<Job | undefined>;
  /** Newest first. */
  list(query?: JobQuery): Promise<Job[]>;
  /** Job counts per state. */
  counts(query?: { storeId?: string }): Promise<Record<JobState, number>>;
  /** Moves one `failed` or `dead` job back to `waiting` with fresh attempts. */
  retry(id: string): Promise<boolean>;
  /** Moves every matching `failed`/`dead` job back to `waiting`; returns how many. */
  retryAll(query?: {
    states?: readonly ('failed' | 'dead')[];
    storeId?: string;
    name?: JobName;
  }): Promise<number>;
  /** Stops taking jobs, waits for in-flight ones, and releases resources. */
  close(options?: JobQueueCloseOptions): Promise<void>;
}
