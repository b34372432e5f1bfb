import type { SyncConfig } from '@balance-sync/woo-sync-core';
import { type DestinationStream, type Logger as PinoLogger, pino, stdSerializers } from 'pino';
import { redactSecretKeys } from './redact-secret-keys.js';
import { collectSecrets, createSecretScrubber } from './secret-values.js';

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
   * The configuration whose secret values (passwords, keys, tokens, database URLs, and the
   * Basic credentials built from them) must never appear in a line: they are replaced with
   * `[redacted]` even inside messages, error messages, causes and stacks.
   */
  config?: SyncConfig;
  /** More secret values to scrub. */
  secrets?: readonly string[];
  /** Fields on every line (`{ host: 'worker' }`). */
  base?: Record<string, unknown>;
}

/**
 * A pino logger for the hosts that never writes a secret, at a few microseconds a line:
 *
 * 1. members named like secrets ({@link REDACTED_KEYS}: `password`, `consumerSecret`,
 *    `webhookSecret`, `adminToken`, `authorization`, database URLs, …) are replaced with
 *    `[redacted]` at any depth of the logged object, of child bindings and of serialized
 *    errors (one walk over the object's keys; nothing is copied unless something is
 *    redacted);
 * 2. the finished line is scrubbed of every secret value of the configuration (and
 *    `secrets`) in each form it could take — as is, JSON-escaped, percent- or form-encoded,
 *    HTML-escaped, and as the base64 Basic credentials of Balance and WooCommerce — and of
 *    any `Authorization: <scheme> <value>` and URL password, so a secret that slipped into
 *    a message, an error message or a cause's stack is still not written.
 *
 * @example
 * ```ts
 * const logger = createSyncLogger({ config, base: { host: 'worker' } });
 * logger.info({ storeId: 'main' }, 'worker started');
 * ```
 */
export function createSyncLogger(options: SyncLoggerOptions = {}): PinoLogger {
  const scrub = createSecretScrubber([
    ...(options.config ? collectSecrets(options.config) : []),
    ...(options.secrets ?? []),
  ]);
  const logger = pino(
    {
      level: options.level ?? process.env.BALANCE_SYNC_LOG_LEVEL ?? 'info',
      base: options.base ?? {},
      // `err` is left to its serializer below, which redacts the serialized error.
      formatters: {
        log: (object) => redactSecretKeys(object, 'err'),
        bindings: (bindings) => redactSecretKeys(bindings),
      },
      serializers: {
        err: (error: unknown) => redactSecretKeys(stdSerializers.err(error as Error)),
      },
      hooks: { streamWrite: scrub },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino formats only the root's bindings; children (and theirs, which inherit this) redact
  // theirs here, once per child.
  const child = logger.child;
  logger.child = function redactedChild(this: PinoLogger, bindings, childOptions) {
    return child.call(this, redactSecretKeys(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}
