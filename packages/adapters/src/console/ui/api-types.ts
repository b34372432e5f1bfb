// The shapes of the answers the console reads: the parts of the server's types (engine,
// Balance client, admin and console API) that the pages use. They are written out here, not
// imported, because the server's sources are checked against Node's types and the UI
// against the browser's; test/console/api-types.check.ts makes the compiler verify that
// every server type still fits its shape here.

import type { CategoryChoice, StoreCategories } from '../category-choices.js';

export type { CategoryChoice, StoreCategories };

// ---- stores, connection

/** `GET admin/stores`. */
export interface StoreInfo {
  id: string;
  name: string;
  url: string;
  timezone: string;
  currency: string;
  webhooks: boolean;
  orderExport: boolean;
}

export type ConnectionCheckName =
  | 'authentication'
  | 'warehouses'
  | 'items'
  | 'groups'
  | 'item'
  | 'prices'
  | 'stocks';

export interface ConnectionCheck {
  readonly name: ConnectionCheckName;
  readonly status: 'pass' | 'warn' | 'fail' | 'skip';
  readonly message: string;
  readonly durationMs: number;
}

/** `POST admin/stores/:id/test-connection`. */
export interface StoreConnectionReport {
  storeId: string;
  ok: boolean;
  balance: {
    readonly verdict: 'ok' | 'warnings' | 'failed';
    readonly mode: 'cloud' | 'onprem';
    readonly baseUrl: string;
    readonly checks: readonly ConnectionCheck[];
    readonly warehouses: readonly { readonly uid: string; readonly name: string | undefined }[];
    readonly groups: readonly { readonly uid: string; readonly name: string | undefined }[];
    readonly itemFieldCandidates: { readonly sku: readonly string[] };
    readonly priceTypes: readonly string[];
  };
  woocommerce: {
    ok: boolean;
    url: string;
    latencyMs: number;
    categoriesSeen?: number;
    error?: { code: string; message: string };
  };
}

// ---- categories

/** `GET console/api/stores/:id/categories`. */
export interface CategoriesAnswer {
  groups: { uid: string; name: string; parent: string | null; items: number }[];
  wooCategories: { id: number; name: string; parentId: number }[];
  configured: StoreCategories;
  saved: SavedCategoryChoices | null;
  effective: StoreCategories;
  remembered: { groupUid: string; wooCategoryId: number; origin: string }[];
  createCategories: boolean;
}

export interface SavedCategoryChoices {
  format: string;
  groups: Record<string, CategoryChoice>;
  updatedAt: string;
}

/** Choices as the Categories page edits them. */
export type CategoryChoices = Record<string, CategoryChoice>;

// ---- catalog plan

export type CatalogEntryKind = 'adopt' | 'create' | 'update' | 'unchanged' | 'skip' | 'conflict';
export type CategoryEntryKind = 'create' | 'adopt' | 'unchanged' | 'conflict';
export type CatalogField =
  | 'name'
  | 'sku'
  | 'regularPrice'
  | 'sale'
  | 'stock'
  | 'categories'
  | 'status';
export type CatalogReason =
  | 'excluded-group'
  | 'service-item'
  | 'no-sku'
  | 'not-in-exchange'
  | 'missing-price'
  | 'invalid-price'
  | 'invalid-sale-price'
  | 'sale-not-below-regular'
  | 'linked-product-deleted'
  | 'not-imported'
  | 'duplicate-sku-in-balance'
  | 'duplicate-sku-in-store'
  | 'sku-owned-by-other-item'
  | 'duplicate-link'
  | 'unsupported-product-type'
  | 'sku-taken'
  | 'edited-in-store'
  | 'store-value-differs'
  | 'category-not-found'
  | 'unknown-group'
  | 'group-cycle'
  | 'missing-in-balance';

export interface CatalogPlanEntry {
  id: string;
  kind: CatalogEntryKind;
  reason?: CatalogReason;
  detail?: string;
  sku: string;
  name: string;
  changes?: { field: CatalogField; from: unknown; to: unknown }[];
  conflicts?: { field: CatalogField; store: unknown; balance: unknown }[];
}

export interface CategoryPlanEntry {
  id: string;
  kind: CategoryEntryKind;
  reason?: CatalogReason;
  detail?: string;
  name: string;
  wooId?: number;
  depth: number;
}

export interface CatalogPlanSummary {
  adopt: number;
  create: number;
  update: number;
  unchanged: number;
  skip: number;
  conflict: number;
  categories: Record<CategoryEntryKind, number>;
  productWrites: number;
}

export interface CatalogPlanData {
  storeId: string;
  createdAt: string;
  hash: string;
  summary: CatalogPlanSummary;
  categories: CategoryPlanEntry[];
  entries: CatalogPlanEntry[];
}

/** `POST admin/stores/:id/catalog/plan`. */
export interface PlanAnswer {
  planHash: string;
  summary: CatalogPlanSummary;
  plan: CatalogPlanData;
}

export type CatalogApplyState = 'running' | 'succeeded' | 'partial' | 'failed';

/** `POST|GET console/api/stores/:id/catalog/apply[/:hash]`. */
export interface CatalogApplyProgress {
  storeId: string;
  planHash: string;
  state: CatalogApplyState;
  done: number;
  total: number;
  counts?: {
    created: number;
    adopted: number;
    updated: number;
    recorded: number;
    failed: number;
    categoriesCreated: number;
  };
  failures: { entryId: string; sku: string; code: string; message: string }[];
  error?: { code: string; message: string };
}

// ---- ledger, queue, reconciliation

export type LedgerState = 'pending' | 'sent' | 'exported' | 'failed' | 'dead';
export type LedgerKind = 'sale' | 'credit' | 'return' | 'client';

export interface LedgerEntry {
  key: string;
  kind: LedgerKind;
  orderId: number;
  totalMinor: number;
  currency: string;
  state: LedgerState;
  attempts: number;
  lastError: {
    code: string;
    message: string;
    messages: string[];
    status?: number;
  } | null;
  drift: { detectedAt: string; summary: string } | null;
  updatedAt: string;
}

/** `GET admin/stores/:id/ledger`. */
export interface LedgerAnswer {
  counts: Record<LedgerState, number>;
  entries: LedgerEntry[];
  next?: string;
}

/** `GET console/api/stores/:id/drift`. */
export interface DriftAnswer {
  count: number;
  entries: LedgerEntry[];
  truncated: boolean;
}

/** `POST console/api/stores/:id/exports/retry-all` and `…/documents/:key/retry`. */
export interface RetryAnswer {
  jobs: string[];
  documents: string[];
  failures?: { key: string; code: string; message: string }[];
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'dead';

export interface Job {
  id: string;
  name: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  updatedAt: string;
  lastError: { message: string; code?: string } | null;
}

export type ReconciliationStatus =
  | 'ok'
  | 'missing-in-ledger'
  | 'missing-in-balance'
  | 'different'
  | 'drift'
  | 'failed'
  | 'dead'
  | 'in-progress';

export interface ReconciliationRow {
  status: ReconciliationStatus;
  key: string;
  orderNumber: string;
  storeTotalMinor: number | null;
  ledgerTotalMinor: number | null;
  balanceTotalMinor: number | null;
  detail: string;
  fix?: { command: string; description: string };
}

/** `GET admin/stores/:id/reconciliation`. */
export interface ReconciliationReport {
  orders: number;
  refunds: number;
  generatedAt: string;
  summary: Record<ReconciliationStatus, number>;
  rows: ReconciliationRow[];
}
