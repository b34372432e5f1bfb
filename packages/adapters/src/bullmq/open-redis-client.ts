import { JobQueueError, type Logger } from '@balance-sync/woo-sync-core';
import { Redis, type RedisOptions } from 'ioredis';
import { redactRedisError } from './redact-redis-error.js';
import { type BullMqRedisOptions, redisServerLabel } from './redis-connection-options.js';

/**
 * Opens the ioredis client the BullMQ adapter shares between its `Queue`, its `Worker` (whose
 * blocking connection BullMQ duplicates from it) and its own commands, and waits until it is
 * ready. `maxRetriesPerRequest: null` is what BullMQ requires of a worker's connections:
 * commands wait through a reconnect instead of failing. A server that cannot be reached, or
 * that refuses the credentials, fails fast with a {@link JobQueueError} `queue_unavailable`
 * naming the server without its password. Client errors are logged (at debug level, BullMQ
 * reports them on its queue and worker too) with secrets redacted.
 *
 * @example
 * ```ts
 * const client = await openRedisClient({ host: 'redis.internal', password }, {
 *   logger, secrets: [password],
 * });
 * new Queue('jobs', { connection: client });
 * ```
 */
export async function openRedisClient(
  options: BullMqRedisOptions,
  context: { logger: Logger; secrets: readonly string[] },
): Promise<Redis> {
  const { logger, secrets } = context;
  const { connectTimeoutMs, tls, ...server } = options;
  const redisOptions: RedisOptions = {
    ...server,
    ...(tls ? { tls: { servername: options.host, ...(tls === true ? {} : tls) } } : {}),
    connectTimeout: connectTimeoutMs ?? 10_000,
    maxRetriesPerRequest: null,
    lazyConnect: true,
  };
  const client = new Redis(redisOptions);
  let lastError: unknown;
  const remember = (error: unknown) => {
    lastError = error;
  };
  client.on('error', remember);
  client.on('error', (error: unknown) =>
    logger.debug({ err: redactRedisError(error, secrets) }, 'Redis client error'),
  );
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const reason = redactRedisError(lastError ?? error, secrets);
    throw new JobQueueError(
      `Could not connect to Redis at ${redisServerLabel(options)}: ${reason.message}`,
      { code: 'queue_unavailable', cause: reason },
    );
  } finally {
    client.off('error', remember);
  }
  return client;
}
