/**
 * The composition root the hosts share: configuration loading (file, `BALANCE_SYNC_*`
 * environment overrides, secrets from the environment or files), a pino logger that never
 * writes a secret, and `createSyncRuntime`, which builds the Balance client, the WooCommerce
 * adapters, the store, the queue, the engine and the job handler from one configuration.
 *
 * @packageDocumentation
 */

export {
  type ConfigEnvironmentValueType,
  type ConfigEnvironmentVariable,
  configEnvironmentVariables,
  RESERVED_ENVIRONMENT_VARIABLES,
} from './config/config-environment.js';
export {
  type LoadedSyncConfig,
  type LoadSyncConfigOptions,
  loadSyncConfig,
} from './config/load-sync-config.js';
export { CONFIG_FILE_NAMES } from './config/read-config-file.js';
export { createSyncRuntime } from './create-sync-runtime.js';
export { createSyncLogger, type SyncLoggerOptions } from './logging/create-sync-logger.js';
export { REDACTED_KEYS } from './logging/redact-secret-keys.js';
export type { JobQueueTuning } from './open-job-queue.js';
export type { SyncRuntime, SyncRuntimeOverrides } from './sync-runtime.js';
