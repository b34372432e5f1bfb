import type { JobConsumerOptions, JobQueueCloseOptions } from '../ports/job-queue.js';
import { JobQueueError } from './job-queue-error.js';
import { consumerConcurrency } from './job-queue-options.js';

/** How long `close()` waits for in-flight handlers when its caller sets no `timeoutMs`. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;

/**
 * The life every queue adapter goes through — open, then consuming after `start()`, then
 * closing — and the port's rules about it, kept in one place:
 * - `start()` is refused on a closed queue (`queue_closed`), a second time
 *   (`queue_already_started`) and with a bad `concurrency` (`invalid_job`);
 * - every other call is refused once `close()` has begun (`queue_closed`);
 * - `close()` runs the adapter's shutdown once, after aborting the `signal` the handlers
 *   received; later calls return the same promise.
 *
 * @example
 * ```ts
 * class MyQueue implements JobQueue {
 *   readonly #lifecycle = new JobQueueLifecycle();
 *   async get(id: string) {
 *     this.#lifecycle.assertOpen();
 *     return this.#read(id);
 *   }
 *   async start(handler: JobHandler, options: JobConsumerOptions = {}) {
 *     const concurrency = this.#lifecycle.startConsuming(options);
 *     this.#consume(handler, concurrency, this.#lifecycle.signal);
 *   }
 *   close(options: JobQueueCloseOptions = {}) {
 *     return this.#lifecycle.close(options, (timeoutMs) => this.#drain(timeoutMs));
 *   }
 * }
 * ```
 */
export class JobQueueLifecycle {
  readonly #abort = new AbortController();
  #consuming = false;
  #closing: Promise<void> | undefined;
  #closeBegun = false;

  /** Aborted once `close()` begins: the `signal` of every handler's context. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Whether `close()` has begun (consumers stop taking jobs from then on). */
  get closing(): boolean {
    return this.#closeBegun;
  }

  /** Throws a `queue_closed` {@link JobQueueError} once `close()` has begun. */
  assertOpen(): void {
    if (this.#closeBegun)
      throw new JobQueueError('The job queue is closed', { code: 'queue_closed' });
  }

  /**
   * The checks of `start()`: the queue is open and not consuming yet, and `concurrency` is an
   * integer ≥ 1 (default 4). Marks the queue consuming and returns the concurrency.
   */
  startConsuming(options: JobConsumerOptions): number {
    this.assertOpen();
    if (this.#consuming)
      throw new JobQueueError('This queue is already consuming jobs', {
        code: 'queue_already_started',
      });
    const concurrency = consumerConcurrency(options);
    this.#consuming = true;
    return concurrency;
  }

  /**
   * `close()`: the first call marks the queue closing, aborts {@link JobQueueLifecycle.signal}
   * and runs `shutDown` with the caller's timeout (default 30 s); every call returns that
   * shutdown's promise.
   */
  close(
    options: JobQueueCloseOptions,
    shutDown: (timeoutMs: number) => Promise<void>,
  ): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closeBegun = true;
    this.#abort.abort();
    this.#closing = shutDown(options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    return this.#closing;
  }
}
