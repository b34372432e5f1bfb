import { resolve } from 'node:path';
import {
  type BackoffOptions,
  type Clock,
  ConfigError,
  type JobQueue,
  type Logger,
  type SyncConfig,
} from '@balance-sync/woo-sync-core';

/**
 * Tuning of the queue that the configuration does not carry (tests and the demo shorten it).
 *
 * @example
 * ```ts
 * await createSyncRuntime(config, { queueTuning: { backoff: { baseMs: 250, maxMs: 1000 }, pollMs: 50 } });
 * ```
 */
export interface JobQueueTuning {
  /** Delays between attempts. @default { baseMs: 5000, maxMs: 900000 } */
  backoff?: BackoffOptions;
  /** How often an idle in-process consumer looks for work. @default 1000 */
  pollMs?: number;
  /** How long a job stays `active` after its worker's last heartbeat. @default 30000 */
  leaseMs?: number;
}

/**
 * Opens the configured {@link JobQueue}, loading only the chosen adapter: the in-process
 * queue shares the SQLite file of the store; BullMQ and pg-boss load their libraries only
 * when chosen.
 */
export async function openJobQueue(
  config: SyncConfig,
  deps: { clock: Clock; logger: Logger; tuning?: JobQueueTuning },
): Promise<JobQueue> {
  const queue = config.queue;
  const tuning = deps.tuning ?? {};
  switch (queue.driver) {
    case 'in-process': {
      if (config.storage.driver === 'memory') {
        const { InMemoryJobQueue } = await import('@balance-sync/woo-sync-core/testing');
        return new InMemoryJobQueue({
          maxAttempts: queue.maxAttempts,
          clock: deps.clock,
          ...(tuning.backoff ? { backoff: tuning.backoff } : {}),
          ...(tuning.leaseMs ? { leaseMs: tuning.leaseMs } : {}),
        });
      }
      if (config.storage.driver !== 'sqlite') {
        throw new ConfigError([
          {
            path: 'queue.driver',
            message:
              'the in-process queue keeps its jobs in the SQLite store file, but storage.driver is "postgres"; set queue.driver to "pg-boss" (same database) or "bullmq"',
          },
        ]);
      }
      const { createSqliteJobQueue } = await import('../sqlite/index.js');
      const path = config.storage.path === ':memory:' ? ':memory:' : resolve(config.storage.path);
      return createSqliteJobQueue({
        path,
        maxAttempts: queue.maxAttempts,
        clock: deps.clock,
        logger: deps.logger,
        ...tuning,
      });
    }
    case 'bullmq': {
      const { createBullMqQueue } = await import('../bullmq/index.js');
      return createBullMqQueue({
        connection: queue.redisUrl,
        prefix: queue.prefix,
        maxAttempts: queue.maxAttempts,
        logger: deps.logger,
        ...(tuning.backoff ? { backoff: tuning.backoff } : {}),
        ...(tuning.leaseMs ? { leaseMs: tuning.leaseMs } : {}),
      });
    }
    case 'pg-boss': {
      const { createPgBossQueue } = await import('../pg-boss/index.js');
      return createPgBossQueue({
        connectionString: queue.databaseUrl,
        schema: queue.schema,
        maxAttempts: queue.maxAttempts,
        logger: deps.logger,
        ...tuning,
      });
    }
  }
}
