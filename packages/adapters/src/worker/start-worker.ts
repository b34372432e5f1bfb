import { createServer, type Server } from 'node:http';
import type { JobHandler, SyncConfig, SyncConfigInput } from '@balance-sync/woo-sync-core';
import { createSyncRuntime } from '../runtime/create-sync-runtime.js';
import type { SyncRuntime, SyncRuntimeOverrides } from '../runtime/sync-runtime.js';
import { logEngineEvents } from './log-engine-events.js';
import { startSchedules, type WorkerSchedule, type WorkerScheduler } from './worker-schedules.js';

/**
 * Options of {@link startWorker}. Give `config` or a ready `runtime`.
 *
 * @example
 * ```ts
 * await startWorker({ config, concurrency: 8, healthPort: 8788, shutdownTimeoutMs: 60_000 });
 * ```
 */
export interface StartWorkerOptions {
  /** The configuration (validated here); a runtime is built from it and closed on stop. */
  config?: SyncConfig | SyncConfigInput;
  /** A ready runtime instead (the worker does not close it; e.g. a web host shares it). */
  runtime?: SyncRuntime;
  /** Passed to `createSyncRuntime` with `config`. */
  overrides?: SyncRuntimeOverrides;
  /**
   * Jobs run at the same time.
   * @default config.queue.concurrency
   */
  concurrency?: number;
  /**
   * Run the cron schedules of `config.schedules` (catalog import, stock import, order sweep,
   * reconciliation). Turn off on all but one worker if you prefer a single scheduler (it is
   * safe either way: ticks enqueue with dedupe ids).
   * @default true
   */
  schedules?: boolean;
  /**
   * Stop gracefully on SIGTERM and SIGINT (a second signal exits at once with code 1).
   * @default true
   */
  handleSignals?: boolean;
  /**
   * How long a stop waits for jobs in flight before leaving them to the queue's lease.
   * @default 30000
   */
  shutdownTimeoutMs?: number;
  /**
   * Serve `GET /health` (200 while running, 503 otherwise) on this port for a process
   * supervisor. `0` picks a free port (see `worker.healthUrl`).
   */
  healthPort?: number;
  /**
   * Host of the health endpoint.
   * @default '127.0.0.1'
   */
  healthHost?: string;
}

/**
 * What {@link SyncWorker.health} reports.
 *
 * @example
 * ```ts
 * const { status, inFlight, processed } = worker.health();
 * ```
 */
export interface WorkerHealth {
  status: 'running' | 'stopping' | 'stopped';
  startedAt: string;
  uptimeSeconds: number;
  stores: readonly string[];
  queue: string;
  concurrency: number;
  /** Jobs running now. */
  inFlight: number;
  /** Jobs finished by this process since it started. */
  processed: { completed: number; failed: number };
  lastJobAt: string | null;
  /** The last failed job (no secrets: the message of the engine's error). */
  lastFailure: { jobId: string; name: string; storeId: string; message: string; at: string } | null;
  schedules: WorkerSchedule[];
}

/**
 * A running worker.
 *
 * @example
 * ```ts
 * const worker = await startWorker({ config });
 * process.once('SIGUSR2', () => void worker.stop());
 * await worker.stopped;
 * ```
 */
export interface SyncWorker {
  readonly runtime: SyncRuntime;
  /** `http://host:port/health` when `healthPort` was given. */
  readonly healthUrl: string | undefined;
  health(): WorkerHealth;
  /** Stops taking jobs, finishes (or times out) in-flight ones, closes everything it opened. */
  stop(): Promise<void>;
  /** Resolves once the worker has stopped (after `stop()` or a signal). */
  readonly stopped: Promise<void>;
}

/**
 * Starts the background worker: queue consumers running every job (order and refund
 * exports, sweeps, imports, reconciliations), the cron schedules, structured pino logs with
 * secrets redacted, a health report, and a graceful stop on SIGTERM / SIGINT (stop taking
 * jobs, let in-flight ones finish, close the queue and the store).
 *
 * @example
 * ```ts
 * import { startWorker } from '@balance-sync/adapters/worker';
 * import { loadSyncConfig } from '@balance-sync/adapters/runtime';
 *
 * const { config } = await loadSyncConfig();
 * const worker = await startWorker({ config, healthPort: 8788 });
 * await worker.stopped; // until SIGTERM
 * ```
 */
export async function startWorker(options: StartWorkerOptions): Promise<SyncWorker> {
  if (!options.runtime && !options.config) {
    throw new TypeError('startWorker needs `config` (or a ready `runtime`)');
  }
  const ownsRuntime = !options.runtime;
  const runtime =
    options.runtime ??
    (await createSyncRuntime(options.config as SyncConfig | SyncConfigInput, options.overrides));
  const logger = runtime.logger;
  const concurrency = options.concurrency ?? runtime.config.queue.concurrency;
  const startedAt = new Date();
  let status: WorkerHealth['status'] = 'running';
  let inFlight = 0;
  const processed = { completed: 0, failed: 0 };
  let lastJobAt: string | null = null;
  let lastFailure: WorkerHealth['lastFailure'] = null;

  const handler: JobHandler = async (job, context) => {
    inFlight += 1;
    const started = performance.now();
    const fields = { jobId: job.id, job: job.name, storeId: job.storeId, attempt: context.attempt };
    logger.debug(fields, 'job started');
    try {
      await runtime.handleJob(job, context);
      processed.completed += 1;
      logger.info({ ...fields, durationMs: Math.round(performance.now() - started) }, 'job done');
    } catch (error) {
      processed.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      lastFailure = {
        jobId: job.id,
        name: job.name,
        storeId: job.storeId,
        message,
        at: new Date().toISOString(),
      };
      logger.warn(
        { ...fields, durationMs: Math.round(performance.now() - started), err: error },
        'job failed',
      );
      throw error;
    } finally {
      inFlight -= 1;
      lastJobAt = new Date().toISOString();
    }
  };

  let scheduler: WorkerScheduler | undefined;
  const stopLoggingEvents = logEngineEvents(runtime.engine, logger);
  try {
    if (options.schedules !== false) scheduler = startSchedules(runtime, logger);
    await runtime.queue.start(handler, { concurrency });
  } catch (error) {
    scheduler?.stop();
    stopLoggingEvents();
    if (ownsRuntime) await runtime.close().catch(() => {});
    throw error;
  }

  const health = (): WorkerHealth => ({
    status,
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    stores: runtime.storeIds,
    queue: runtime.config.queue.driver,
    concurrency,
    inFlight,
    processed: { ...processed },
    lastJobAt,
    lastFailure,
    schedules: scheduler?.list() ?? [],
  });

  let server: Server | undefined;
  let healthUrl: string | undefined;
  if (options.healthPort !== undefined) {
    server = createServer((req, res) => {
      const body = health();
      const ok = req.url === '/health' && body.status === 'running';
      res.writeHead(req.url === '/health' ? (ok ? 200 : 503) : 404, {
        'content-type': 'application/json',
      });
      res.end(
        JSON.stringify(
          req.url === '/health' ? body : { error: { code: 'not_found', message: 'GET /health' } },
        ),
      );
    });
    const host = options.healthHost ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(options.healthPort, host, () => resolve());
    });
    const address = server.address();
    healthUrl =
      typeof address === 'object' && address ? `http://${host}:${address.port}/health` : undefined;
  }

  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.error({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'signal received: stopping gracefully');
    void stop();
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      status = 'stopping';
      scheduler?.stop();
      logger.info({ inFlight }, 'worker stopping: no new jobs; waiting for jobs in flight');
      const timeoutMs = options.shutdownTimeoutMs ?? 30_000;
      try {
        if (ownsRuntime) await runtime.close({ timeoutMs });
        else await runtime.queue.close({ timeoutMs });
      } catch (error) {
        logger.error({ err: error }, 'error while closing');
      }
      stopLoggingEvents();
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      if (options.handleSignals !== false) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      status = 'stopped';
      logger.info({ processed }, 'worker stopped');
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  logger.info(
    {
      stores: runtime.storeIds,
      queue: runtime.config.queue.driver,
      storage: runtime.config.storage.driver,
      concurrency,
      schedules: (scheduler?.list() ?? []).map((s) => `${s.storeId}:${s.name} ${s.pattern}`),
      ...(healthUrl ? { healthUrl } : {}),
    },
    'worker started',
  );

  return { runtime, healthUrl, health, stop, stopped };
}
