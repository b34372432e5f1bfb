/**
 * The sync engine between Balance and WooCommerce: configuration, ports, catalog planning and
 * applying, Sale and credit-note builders, the export pipeline and reconciliation. It performs
 * no I/O of its own: Balance is reached through an injected client, the store and storage
 * through ports, time through a clock.
 *
 * @packageDocumentation
 */

export { type Clock, systemClock } from './clock.js';
export { ConfigError, type ConfigIssue } from './config/config-error.js';
export { syncConfigJsonSchema } from './config/config-json-schema.js';
export {
  parseSyncConfig,
  resolveStoreConfig,
  type StoreSyncConfig,
} from './config/parse-sync-config.js';
export {
  type BalanceConfig,
  balanceConfigSchema,
  type CatalogConfig,
  catalogConfigSchema,
  type OrdersConfig,
  type OwnershipMode,
  ordersConfigSchema,
  ownershipModeSchema,
  type QueueConfig,
  queueConfigSchema,
  type SchedulesConfig,
  type ServerConfig,
  type StorageConfig,
  type StoreConfig,
  type SyncConfig,
  type SyncConfigInput,
  schedulesConfigSchema,
  serverConfigSchema,
  storageConfigSchema,
  storeConfigSchema,
  syncConfigSchema,
  type WooCommerceConfig,
  wooCommerceConfigSchema,
} from './config/sync-config-schema.js';
export { type BackoffOptions, backoffDelay } from './jobs/backoff.js';
export { PermanentJobError } from './jobs/permanent-job-error.js';
export { RetryLaterError } from './jobs/retry-later-error.js';
export { type LogFields, type Logger, silentLogger } from './logger.js';
export type {
  EnqueueResult,
  Job,
  JobConsumerOptions,
  JobContext,
  JobError,
  JobHandler,
  JobInput,
  JobName,
  JobPayloads,
  JobQuery,
  JobQueue,
  JobQueueCloseOptions,
  JobState,
  ReturnRequestLine,
} from './ports/job-queue.js';
export type {
  ApplyJournalEntry,
  ApplyJournalState,
  CategoryMapping,
  CategoryMappingOrigin,
  LedgerDrift,
  LedgerEntry,
  LedgerError,
  LedgerKind,
  LedgerPage,
  LedgerPatch,
  LedgerQuery,
  LedgerState,
  NewLedgerEntry,
  ProductMapping,
  PushedValues,
  RunKind,
  RunReport,
  RunReportQuery,
  RunStatus,
  SyncStore,
} from './ports/sync-store.js';
export type {
  ChangeCursor,
  OrderChangesQuery,
  ProductListQuery,
  RefundChangesQuery,
  UtcDateTime,
  WooAddress,
  WooBatchOutcome,
  WooBatchResult,
  WooCategory,
  WooCategoryBatch,
  WooCategoryDraft,
  WooCategoryPatch,
  WooCommercePort,
  WooCouponLine,
  WooDecimal,
  WooFeeLine,
  WooItemError,
  WooLineTax,
  WooMeta,
  WooOrder,
  WooOrderLine,
  WooOrderRefundRef,
  WooOrderStatus,
  WooProduct,
  WooProductBatch,
  WooProductDraft,
  WooProductFields,
  WooProductPatch,
  WooProductStatus,
  WooProductType,
  WooRefund,
  WooRefundLine,
  WooShippingLine,
  WooStockStatus,
  WooTaxLine,
} from './ports/woocommerce-port.js';
