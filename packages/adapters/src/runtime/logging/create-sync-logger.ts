import type { SyncConfig } from '@balance-sync/woo-sync-core';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import { collectSecrets, scrubSecrets } from './secret-values.js';

/**
 * Keys whose values pino replaces with `[redacted]` wherever they appear (up to 5 levels deep).
 *
 * @example
 * ```ts
 * logger.info({ password: 'x' }); // {"password":"[redacted]"}
 * ```
 */
export const REDACTED_KEYS: readonly string[] = Object.freeze([
  'password',
  'consumerKey',
  'consumerSecret',
  'webhookSecret',
  'adminToken',
  'authorization',
  'Authorization',
  'cookie',
  'databaseUrl',
  'redisUrl',
  'connectionString',
  'x-wc-webhook-signature',
]);

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of REDACTED_KEYS) {
    const identifier = /^[A-Za-z_$][\w$]*$/.test(key);
    for (let depth = 0; depth <= 4; depth += 1) {
      if (identifier) paths.push(`${'*.'.repeat(depth)}${key}`);
      else if (depth > 0) paths.push(`${'*.'.repeat(depth - 1)}*["${key}"]`);
    }
  }
  return paths;
}

/**
 * Options of {@link createSyncLogger}.
 *
 * @example
 * ```ts
 * const logger = createSyncLogger({ config, level: 'debug', base: { host: 'worker-1' } });
 * ```
 */
export interface SyncLoggerOptions {
  /**
   * The pino level.
   * @default process.env.BALANCE_SYNC_LOG_LEVEL ?? 'info'
   */
  level?: string;
  /**
   * Where log lines go (one JSON object a line).
   * @default process.stdout
   */
  destination?: DestinationStream;
  /**
   * The configuration whose secret values (passwords, keys, tokens, database URLs) must never
   * appear in a line: they are replaced with `[redacted]` even inside messages and stacks.
   */
  config?: SyncConfig;
  /** More secret values to scrub. */
  secrets?: readonly string[];
  /** Fields on every line (`{ host: 'worker' }`). */
  base?: Record<string, unknown>;
}

/**
 * A pino logger for the hosts: JSON lines, secret keys (`password`, `consumerSecret`,
 * `webhookSecret`, `adminToken`, `authorization`, database URLs, …) redacted at any depth,
 * and every secret value of the configuration scrubbed from the finished line, so a secret
 * that slipped into an error message is still not written.
 *
 * @example
 * ```ts
 * const logger = createSyncLogger({ config, base: { host: 'worker' } });
 * logger.info({ storeId: 'main' }, 'worker started');
 * ```
 */
export function createSyncLogger(options: SyncLoggerOptions = {}): PinoLogger {
  const secrets = [
    ...(options.config ? collectSecrets(options.config) : []),
    ...(options.secrets ?? []),
  ];
  return pino(
    {
      level: options.level ?? process.env.BALANCE_SYNC_LOG_LEVEL ?? 'info',
      base: options.base ?? {},
      redact: { paths: redactPaths(), censor: '[redacted]' },
      hooks: {
        streamWrite: (line) => scrubSecrets(line, secrets, true),
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
