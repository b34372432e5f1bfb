import type { RunReport } from '../ports/sync-store.js';
import type { CatalogEntryKind, CatalogPlanSummary } from './catalog-plan.js';
import type { CatalogScope } from './catalog-snapshot.js';

/**
 * Emitted when a plan has been made (a dry run is complete).
 *
 * @example
 * ```ts
 * engine.catalog.events.on('planned', ({ storeId, summary }) => console.log(storeId, summary.create));
 * ```
 */
export interface CatalogPlannedEvent {
  storeId: string;
  scope: CatalogScope;
  planHash: string;
  summary: CatalogPlanSummary;
}

/**
 * What happened to one plan entry during `apply`.
 *
 * @example
 * ```ts
 * engine.catalog.events.on('item', (e) => metrics.increment(`catalog.${e.outcome}`));
 * ```
 */
export type CatalogItemOutcome =
  | 'created'
  | 'adopted'
  | 'updated'
  | 'recorded'
  | 'failed'
  | 'category-created'
  | 'category-adopted';

/**
 * Emitted once per plan entry that `apply` acted on.
 *
 * @example
 * ```ts
 * engine.catalog.events.on('item', (e) => e.outcome === 'failed' && console.warn(e.sku, e.error?.message));
 * ```
 */
export interface CatalogItemEvent {
  storeId: string;
  planHash: string;
  /** The plan entry (`item:<uid>`, `missing:<uid>`, `group:<uid>`). */
  entryId: string;
  /** The entry's kind in the plan. */
  kind: CatalogEntryKind | 'category';
  outcome: CatalogItemOutcome;
  balanceUid: string;
  sku: string;
  /** The WooCommerce product or category id, when known. */
  wooId?: number;
  /** For `failed`: WooCommerce's error code and message, or the SDK's. */
  error?: { code: string; message: string };
}

/**
 * Emitted after each batch: how many of the plan's writes are done.
 *
 * @example
 * ```ts
 * engine.catalog.events.on('progress', ({ done, total }) => bar.update(done / total));
 * ```
 */
export interface CatalogProgressEvent {
  storeId: string;
  planHash: string;
  done: number;
  total: number;
}

/**
 * Emitted when `apply` finished (also when some items failed).
 *
 * @example
 * ```ts
 * engine.catalog.events.on('applied', ({ status, report }) => console.log(status, report.summary));
 * ```
 */
export interface CatalogAppliedEvent {
  storeId: string;
  planHash: string;
  status: 'succeeded' | 'partial';
  report: RunReport;
}

/**
 * The catalog's typed events (eventemitter3), on `engine.catalog.events`.
 *
 * @example
 * ```ts
 * engine.catalog.events.on('progress', ({ done, total }) => console.log(`${done}/${total}`));
 * engine.catalog.events.on('item', (e) => e.outcome === 'failed' && console.warn(e.sku, e.error));
 * ```
 */
export interface CatalogEventMap {
  planned: [CatalogPlannedEvent];
  item: [CatalogItemEvent];
  progress: [CatalogProgressEvent];
  applied: [CatalogAppliedEvent];
}
