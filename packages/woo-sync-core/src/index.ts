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
export {
  type FailedAttempt,
  type FailedAttemptNext,
  type FailedAttemptOutcome,
  failedAttemptOutcome,
} from './jobs/failed-attempt-outcome.js';
export {
  describeJobFailure,
  type JobFailure,
  type JobFailureKind,
  jobErrorOf,
  MAX_JOB_ERROR_MESSAGE_LENGTH,
} from './jobs/job-failure.js';
export { JobQueueError, type JobQueueErrorCode } from './jobs/job-queue-error.js';
export { DEFAULT_CLOSE_TIMEOUT_MS, JobQueueLifecycle } from './jobs/job-queue-lifecycle.js';
export {
  consumerConcurrency,
  DEFAULT_CONSUMER_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  queueMaxAttempts,
} from './jobs/job-queue-options.js';
export { emptyJobCounts, JOB_STATES } from './jobs/job-states.js';
export {
  LEASE_EXPIRED_ERROR_CODE,
  leaseExpiredJobError,
} from './jobs/lease-expired-job-error.js';
export { type NewestFirstKey, newestFirst } from './jobs/newest-first.js';
export { type NormalizedJobInput, normalizeJobInput } from './jobs/normalize-job-input.js';
export { PermanentJobError } from './jobs/permanent-job-error.js';
export { RetryLaterError } from './jobs/retry-later-error.js';
export { type DeadlineTimers, settledWithin } from './jobs/settled-within.js';
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
  PushedFieldValues,
  PushedValues,
  RunKind,
  RunReport,
  RunReportQuery,
  RunStatus,
  SentValues,
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
export {
  emptyLedgerCounts,
  encodeLedgerCursor,
  LEDGER_STATES,
  type SyncStoreInputErrorCode,
  type SyncStoreInputRules,
  syncStoreInputRules,
} from './store/sync-store-values.js';

// ---- Catalog import (issue #4): planner, plan, applier, snapshot reader, engine factory.

export { CanonicalHasher, canonicalHash } from './catalog/canonical-hash.js';
export {
  CatalogApplier,
  type CatalogApplierDeps,
  type CatalogApplyCounts,
  type CatalogApplyFailure,
  type CatalogApplyOptions,
  type CatalogApplyResult,
  LAST_APPLIED_PLAN_SETTING,
} from './catalog/catalog-applier.js';
export { CatalogError, type CatalogErrorCode } from './catalog/catalog-error.js';
export type {
  CatalogAppliedEvent,
  CatalogEventMap,
  CatalogItemEvent,
  CatalogItemOutcome,
  CatalogPlannedEvent,
  CatalogProgressEvent,
} from './catalog/catalog-events.js';
export { BALANCE_UID_META } from './catalog/catalog-fingerprints.js';
export {
  CATALOG_PLAN_FORMAT,
  type CatalogEntryKind,
  type CatalogField,
  CatalogPlan,
  type CatalogPlanData,
  type CatalogPlanEntry,
  type CatalogPlanInputs,
  type CatalogPlanSummary,
  type CategoryEntryKind,
  type CategoryPlanEntry,
  type CategoryTarget,
  type FieldChange,
  type FieldConflict,
  type MappingRecord,
  type ProductWrite,
  type SaleValue,
  summarizeCatalogPlan,
} from './catalog/catalog-plan.js';
export { renderCatalogPlanText } from './catalog/catalog-plan-text.js';
export {
  CatalogPlanVerifier,
  type CatalogPlanVerifierDeps,
} from './catalog/catalog-plan-verifier.js';
export {
  CatalogPlanner,
  type CatalogPlannerConfig,
  skuKey,
} from './catalog/catalog-planner.js';
export {
  type CatalogConflictReason,
  type CatalogReason,
  type CatalogReasonHelp,
  type CatalogSkipReason,
  type CatalogWarningReason,
  type CategoryConflictReason,
  catalogReasonHelp,
} from './catalog/catalog-reasons.js';
export {
  type CatalogPlanRequest,
  type CatalogService,
  createCatalogService,
} from './catalog/catalog-service.js';
export type {
  BalanceCatalogItem,
  BalanceDiscountRule,
  BalancePriceRow,
  BalancePricingDocument,
  BalanceStockLine,
  CatalogScope,
  CatalogSnapshot,
  PendingOrderQuantity,
} from './catalog/catalog-snapshot.js';
export {
  type CatalogBalanceSource,
  type CatalogReadOptions,
  CatalogSnapshotReader,
  type CatalogSnapshotReaderDeps,
} from './catalog/catalog-snapshot-reader.js';
export {
  type CategoryChoice,
  type CategoryChoiceIssue,
  categoryChoiceOf,
  mergeCategoryChoices,
  parseCategoryChoices,
  type StoreCategories,
} from './catalog/category-choices.js';
export {
  CATEGORY_CHOICES_FORMAT,
  CATEGORY_CHOICES_SETTING,
  parseSavedCategoryChoices,
  readSavedCategoryChoices,
  type SavedCategoryChoices,
  saveCategoryChoices,
  withCategoryChoices,
} from './catalog/saved-category-choices.js';
export { createSyncEngine, type SyncEngine } from './engine/create-sync-engine.js';
export {
  createEngineContext,
  type EngineContext,
  type SyncEngineDeps,
  type WooCommercePorts,
} from './engine/engine-context.js';

// ---- end of catalog import exports

// ---- Order export documents (issue #5 §1–2): money, identity, Sale / credit-note builders.

export { toBalanceDateTime } from './builders/balance-date-time.js';
export type {
  ClientDocument,
  SaleDocument,
  SaleDocumentLine,
  SaleDocumentPayment,
  SalesCreditDocument,
  SalesCreditDocumentLine,
} from './builders/balance-documents.js';
export { BUILDER_LITERALS } from './builders/balance-literals.js';
export {
  buildCreditNote,
  type CreditNoteBuildInput,
} from './builders/build-credit-note.js';
export type { BuildFailure, BuildIssue, BuildIssueCode } from './builders/build-issue.js';
export {
  buildReturnRequest,
  type ReturnRequestBuildInput,
} from './builders/build-return-request.js';
export {
  buildSale,
  type SaleBuild,
  type SaleBuildInput,
  type SaleBuildResult,
  type SalePart,
  type SalePartKind,
} from './builders/build-sale.js';
export type {
  CreditKind,
  CreditNoteBuild,
  CreditNoteBuildResult,
  SaleLineUids,
} from './builders/credit-note-build.js';
export {
  addCreditedTotals,
  type CreditedAmount,
  type CreditedTotals,
  type CreditPart,
  creditedTotalMinor,
  NO_CREDITS,
} from './builders/credited-totals.js';
export {
  type CustomerIdentity,
  type CustomerIdentityResult,
  identifyCustomer,
  isValidPersonalNumber,
} from './builders/customer-identity.js';
export {
  expressLineAmount,
  type LineExpression,
  type RoundingRule,
} from './builders/express-line-amount.js';
export { fillTemplate } from './builders/fill-template.js';
export {
  createItemResolver,
  type ItemResolver,
  type ItemResolverSources,
  normalizeSku,
  type ResolvedItem,
} from './builders/item-resolver.js';
export type { OrderExportConfig } from './builders/order-export-config.js';
export {
  type CustomerDirectory,
  type CustomerResolution,
  type CustomerSource,
  type ResolveCustomerInput,
  resolveCustomer,
} from './builders/resolve-customer.js';
export { saleLineUidsFromReadBack } from './builders/sale-line-uids.js';
export {
  clientKey,
  creditKey,
  documentUid,
  returnKey,
  saleKey,
} from './identity/document-keys.js';
export { canonicalPayloadJson, payloadHash } from './identity/payload-hash.js';
export {
  PROJECT_UUID_NAMESPACE,
  type StoreNamespaceSource,
  storeNamespace,
} from './identity/store-namespace.js';
export { isUuid, UUID_NAMESPACE_DNS, UUID_NAMESPACE_URL, uuidV5 } from './identity/uuid-v5.js';
export { canonicalJson } from './json/canonical-json.js';
export { allocateProportionally } from './money/allocate-proportionally.js';
export { type ExactDecimal, parseExactDecimal } from './money/exact-decimal.js';
export { formatMoney } from './money/format-money.js';
export { DEFAULT_MONEY_DECIMALS, isMinorUnits, type MinorUnits } from './money/minor-units.js';
export {
  type MoneyParseFailure,
  type MoneyParseResult,
  parseMoney,
  parseMoneyRounded,
} from './money/parse-money.js';
export { formatQuantity, isWholeQuantity } from './money/quantity.js';
export { roundPreservingTotal } from './money/round-preserving-total.js';
export { type WallClock, wallClockAt, zoneOffsetAt } from './time/zoned-time.js';
// ---- end of order export document exports

// ---- Order export pipeline and reconciliation (issue #5 §3–4): ledger protocol, service,
// ---- job handler, events, sweep, dry run, reconciliation report.

export {
  type BalanceFailure,
  type BalanceFailureKind,
  classifyBalanceFailure,
} from './orders/balance-failure.js';
export type {
  DocumentAction,
  DocumentAttemptOptions,
  DocumentOutcome,
} from './orders/document-exporter.js';
export { type DocumentDraft, DocumentLedger } from './orders/document-ledger.js';
export type { RetryDocumentRequest, RetryDocumentResult } from './orders/document-retry.js';
export {
  canTransition,
  LEDGER_TRANSITIONS,
  type LedgerTransition,
  UNEXPORTED_STATES,
} from './orders/ledger-transitions.js';
export type { DryRunEntry, DryRunRequest, DryRunResult } from './orders/order-dry-run.js';
export type {
  DocumentDeadEvent,
  DocumentDriftEvent,
  DocumentDryRunEvent,
  DocumentEventBase,
  DocumentExportedEvent,
  DocumentFailedEvent,
  DocumentPendingEvent,
  DocumentRetryingEvent,
  DocumentSentEvent,
  OrderExportEventMap,
  OrdersReconciledEvent,
  OrdersSweptEvent,
  RefundWaitingEvent,
} from './orders/order-events.js';
export { OrderExportError, type OrderExportErrorCode } from './orders/order-export-error.js';
export {
  createOrderExportService,
  type OrderExportService,
} from './orders/order-export-service.js';
export type {
  OrderExportRequest,
  OrderExportResult,
  RefundExportRequest,
  ReturnRequestExportRequest,
} from './orders/order-exporter.js';
export {
  createJobHandler,
  isFinalAttempt,
  type JobHandlerTarget,
} from './orders/order-job-handler.js';
export { enqueueOrderExport, orderJobDedupeId } from './orders/order-jobs.js';
export type { ReconcileRequest } from './orders/order-reconciler.js';
export {
  ORDER_SWEEP_CURSOR,
  type SweepRequest,
  type SweepResult,
} from './orders/order-sweep.js';
export type { OrderExportOptions } from './orders/orders-context.js';
export { isPaidOrder, SALE_UID_META_KEY } from './orders/paid-order.js';
export type { DateRange } from './orders/paid-orders-in-range.js';
export {
  type ReadBackDocument,
  type ReadBackSummary,
  readBackMatches,
  summarizeReadBack,
} from './orders/read-back.js';
export {
  RECONCILIATION_STATUSES,
  type ReconciliationFix,
  type ReconciliationReport,
  type ReconciliationRow,
  type ReconciliationStatus,
  renderReconciliationText,
} from './orders/reconciliation-report.js';
// ---- end of order export pipeline exports
