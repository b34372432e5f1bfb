import {
  ConfigError,
  type ConfigIssue,
  type JobInput,
  type JobName,
  type Logger,
  type SchedulesConfig,
} from '@balance-sync/woo-sync-core';
import { Cron } from 'croner';
import type { SyncRuntime } from '../runtime/sync-runtime.js';

/**
 * How far back a scheduled reconciliation looks (two days: yesterday and today).
 *
 * @example
 * ```ts
 * const from = new Date(Date.now() - SCHEDULED_RECONCILE_WINDOW_MS);
 * ```
 */
export const SCHEDULED_RECONCILE_WINDOW_MS = 48 * 60 * 60 * 1000;

/**
 * One cron schedule of the worker, for one store.
 *
 * @example
 * ```ts
 * for (const s of worker.health().schedules) console.log(s.storeId, s.name, s.nextRun);
 * ```
 */
export interface WorkerSchedule {
  /** `catalogImport`, `stockImport`, `orderSweep` or `reconcile`. */
  name: keyof SchedulesConfig;
  storeId: string;
  pattern: string;
  timezone: string;
  /** The next run (ISO), `null` when stopped. */
  nextRun: string | null;
  /** The last run that enqueued its job (ISO). */
  lastRun: string | null;
}

const JOBS: Record<keyof SchedulesConfig, (storeId: string, now: Date) => JobInput<JobName>> = {
  catalogImport: (storeId) => ({
    name: 'catalog-import',
    storeId,
    payload: { scope: 'items' },
    dedupeId: `catalog:${storeId}:items`,
  }),
  stockImport: (storeId) => ({
    name: 'catalog-import',
    storeId,
    payload: { scope: 'stocks' },
    dedupeId: `catalog:${storeId}:stocks`,
  }),
  orderSweep: (storeId) => ({
    name: 'sweep-orders',
    storeId,
    payload: {},
    dedupeId: `sweep:${storeId}`,
  }),
  reconcile: (storeId, now) => ({
    name: 'reconcile',
    storeId,
    payload: {
      from: new Date(now.getTime() - SCHEDULED_RECONCILE_WINDOW_MS).toISOString(),
      to: now.toISOString(),
    },
    dedupeId: `reconcile:${storeId}`,
  }),
};

/** The running cron jobs of a worker. */
export interface WorkerScheduler {
  list(): WorkerSchedule[];
  stop(): void;
}

/**
 * Starts one croner job per configured schedule and store, in the store's timezone. A tick
 * only enqueues the job (with a dedupe id, so several workers or a slow run never pile the
 * same job up); the queue consumers do the work. Throws `ConfigError` for a bad pattern.
 */
export function startSchedules(runtime: SyncRuntime, logger: Logger): WorkerScheduler {
  const schedules = runtime.config.schedules;
  const issues: ConfigIssue[] = [];
  const jobs: { cron: Cron; info: Omit<WorkerSchedule, 'nextRun'> }[] = [];
  for (const store of runtime.config.stores) {
    for (const name of Object.keys(JOBS) as (keyof SchedulesConfig)[]) {
      const pattern = schedules[name];
      if (!pattern) continue;
      const info = {
        name,
        storeId: store.id,
        pattern,
        timezone: store.timezone,
        lastRun: null as string | null,
      };
      try {
        const cron = new Cron(
          pattern,
          { name: `${store.id}:${name}`, timezone: store.timezone, protect: true, paused: true },
          async () => {
            const now = runtime.clock.now();
            const input = JOBS[name](store.id, now);
            try {
              const { id, deduplicated } = await runtime.queue.enqueue(input);
              info.lastRun = now.toISOString();
              logger.info(
                { schedule: name, storeId: store.id, jobId: id, deduplicated },
                'scheduled job enqueued',
              );
            } catch (error) {
              logger.error(
                { schedule: name, storeId: store.id, err: error },
                'scheduled job could not be enqueued',
              );
            }
          },
        );
        jobs.push({ cron, info });
      } catch (error) {
        issues.push({
          path: `schedules.${name}`,
          message: `"${pattern}" is not a cron pattern (${error instanceof Error ? error.message : String(error)}); use five fields such as "*/5 * * * *"`,
        });
      }
    }
  }
  if (issues.length > 0) {
    for (const job of jobs) job.cron.stop();
    throw new ConfigError(issues);
  }
  for (const job of jobs) job.cron.resume();
  return {
    list: () =>
      jobs.map(({ cron, info }) => ({ ...info, nextRun: cron.nextRun()?.toISOString() ?? null })),
    stop: () => {
      for (const job of jobs) job.cron.stop();
    },
  };
}
