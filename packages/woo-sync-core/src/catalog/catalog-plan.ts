import type { PushedValues } from '../ports/sync-store.js';
import type { UtcDateTime, WooProductFields } from '../ports/woocommerce-port.js';
import { CanonicalHasher } from './canonical-hash.js';
import { CatalogError } from './catalog-error.js';
import { renderCatalogPlanText } from './catalog-plan-text.js';
import type { CatalogReason } from './catalog-reasons.js';
import type { CatalogScope } from './catalog-snapshot.js';

/**
 * The format tag of a serialized plan.
 *
 * @example
 * ```ts
 * JSON.parse(text).format === CATALOG_PLAN_FORMAT;
 * ```
 */
export const CATALOG_PLAN_FORMAT = 'balance-sync/catalog-plan@1';

/**
 * What a plan decides for one Balance item:
 * - `adopt`: link an existing store product with the same SKU (or already carrying the
 *   item's `_balance_uid`), and update the fields the ownership rules allow;
 * - `create`: create a draft product;
 * - `update`: change the listed fields of the linked product;
 * - `unchanged`: nothing to write;
 * - `skip`: not imported, with a reason;
 * - `conflict`: needs a person, with a reason.
 *
 * @example
 * ```ts
 * plan.entries.filter((e) => e.kind === 'conflict');
 * ```
 */
export type CatalogEntryKind = 'adopt' | 'create' | 'update' | 'unchanged' | 'skip' | 'conflict';

/**
 * A product field the catalog writes. `sale` is the sale price together with its window.
 *
 * @example
 * ```ts
 * entry.changes?.map((c) => c.field); // ['regularPrice', 'sale']
 * ```
 */
export type CatalogField =
  | 'name'
  | 'sku'
  | 'regularPrice'
  | 'sale'
  | 'stock'
  | 'categories'
  | 'status';

/**
 * A sale price with its window, in UTC; `from: null` = already running, `to: null` = open-ended.
 *
 * @example
 * ```ts
 * const sale: SaleValue = { price: '15.90', from: null, to: '2026-01-06T20:00:00Z' };
 * ```
 */
export interface SaleValue {
  price: string;
  from: UtcDateTime | null;
  to: UtcDateTime | null;
}

/**
 * A WooCommerce category a product belongs to: the Balance group it stands for and its id,
 * which is absent while the category is still to be created by the same plan.
 *
 * @example
 * ```ts
 * const target: CategoryTarget = { group: coffeeGroupUid, id: 17 };
 * ```
 */
export interface CategoryTarget {
  group: string;
  id?: number;
}

/**
 * One field a plan changes, from the store's value to the new one.
 *
 * @example
 * ```ts
 * const change: FieldChange = { field: 'regularPrice', from: '17.50', to: '18.90' };
 * ```
 */
export interface FieldChange {
  field: CatalogField;
  from: unknown;
  to: unknown;
}

/**
 * A field that was edited in the store and is therefore not overwritten.
 *
 * @example
 * ```ts
 * const kept: FieldConflict = { field: 'name', store: 'Espresso', lastPushed: 'ესპრესო', balance: 'ესპრესო 250გ' };
 * ```
 */
export interface FieldConflict {
  field: CatalogField;
  /** The store's current value. */
  store: unknown;
  /** What the SDK last wrote (`undefined` when it never wrote the field). */
  lastPushed: unknown;
  /** What Balance says now. */
  balance: unknown;
}

/**
 * The WooCommerce write of an entry: a create or an update of the listed fields.
 *
 * @example
 * ```ts
 * const write: ProductWrite = { fields: { regularPrice: '18.90' } };
 * ```
 */
export interface ProductWrite {
  /** Fields to send (categories separately, as they may not have an id yet). */
  fields: Omit<WooProductFields, 'categoryIds'>;
  /** The new category set, when categories are written. */
  categories?: CategoryTarget[];
}

/**
 * What the SyncStore records for the entry once its write (if any) succeeded.
 *
 * @example
 * ```ts
 * const record: MappingRecord = { sku: 'CF-001', pushed: { regularPrice: '18.90', stockQuantity: 38 } };
 * ```
 */
export interface MappingRecord {
  sku: string;
  /**
   * The full set of last pushed values, as planned (the values to send for written fields).
   * For the fields it writes, `apply` records what the store stored instead, and the value
   * sent in `pushed.sent` where they differ.
   */
  pushed: PushedValues;
  /**
   * Last pushed categories that include one still to be created by this plan; `apply`
   * resolves them into `pushed.categoryIds`.
   */
  pendingCategories?: CategoryTarget[];
}

/**
 * The decision for one Balance item (or, for `missing-in-balance`, one linked product whose
 * item is gone).
 *
 * @example
 * ```ts
 * for (const entry of plan.entries) if (entry.kind === 'skip') console.log(entry.sku, entry.reason);
 * ```
 */
export interface CatalogPlanEntry {
  /** Stable id: `item:<uid>` or `missing:<uid>`. */
  id: string;
  kind: CatalogEntryKind;
  /**
   * Why (always for `skip` and `conflict`; `missing-in-balance` for missing items), or a
   * warning on an entry that is still imported (`unknown-group`, `group-cycle`; the kind
   * stays `create` / `adopt` / `update` / `unchanged`).
   */
  reason?: CatalogReason;
  /** One human sentence with the specifics (other item, other product, edited value). */
  detail?: string;
  balanceUid: string;
  sku: string;
  name: string;
  /** The product written to or linked (absent for creates and most skips). */
  wooId?: number;
  /** `0` for products, the parent id for variations. */
  wooParentId?: number;
  /**
   * The entry links the product to the item (an adoption; also on a `conflict` entry whose
   * product is being adopted while one of its fields is kept).
   */
  links?: boolean;
  /** Fields that change on an existing product, for the report (a create lists `write`). */
  changes?: FieldChange[];
  /** Fields left alone because they were edited in the store. */
  conflicts?: FieldConflict[];
  /** The WooCommerce write, if any. */
  write?: ProductWrite;
  /** What to remember after the write, if anything changes in the SyncStore. */
  record?: MappingRecord;
  /**
   * Fingerprint of the store product and its mapping when the plan was made; `apply`
   * refuses the plan if it changed.
   */
  expect?: string;
}

/**
 * What a plan decides for one Balance group.
 *
 * @example
 * ```ts
 * plan.categories.filter((c) => c.kind === 'create').map((c) => c.name);
 * ```
 */
export type CategoryEntryKind = 'create' | 'adopt' | 'unchanged' | 'conflict';

/**
 * The decision for one Balance group that products are filed under.
 *
 * @example
 * ```ts
 * for (const c of plan.categories) console.log(c.kind, c.name, c.wooId);
 * ```
 */
export interface CategoryPlanEntry {
  /** `group:<uid>`. */
  id: string;
  kind: CategoryEntryKind;
  reason?: CatalogReason;
  detail?: string;
  groupUid: string;
  name: string;
  /** The existing WooCommerce category (adopt, unchanged, configured). */
  wooId?: number;
  /** Parent of a category to create; `null` = top level. */
  parent?: CategoryTarget | null;
  /** 0 for top level; categories are created level by level. */
  depth: number;
  /** Whether the SyncStore mapping must be written. */
  record?: boolean;
}

/**
 * Counts per entry kind, per reason, and the writes the plan needs.
 *
 * @example
 * ```ts
 * const { create, update, skip, conflict, productWrites } = plan.summary;
 * ```
 */
export interface CatalogPlanSummary {
  adopt: number;
  create: number;
  update: number;
  unchanged: number;
  skip: number;
  conflict: number;
  /** Entries per reason code. */
  reasons: Partial<Record<CatalogReason, number>>;
  categories: Record<CategoryEntryKind, number>;
  /** Product writes (creates + updates sent to WooCommerce). */
  productWrites: number;
}

/**
 * Fingerprints of the inputs a plan was made from; `apply` compares them.
 *
 * @example
 * ```ts
 * plan.inputs.balance; // fingerprint of everything read from Balance
 * ```
 */
export interface CatalogPlanInputs {
  /** The store's catalog settings. */
  config: string;
  /** Everything read from Balance. */
  balance: string;
  /** The store's categories and the category mappings. */
  categories: string;
  /** Quantities of paid orders Balance has not received yet. */
  orders: string;
}

/**
 * A plan as plain JSON (what `toJSON()` returns and {@link CatalogPlan.fromJSON} reads).
 *
 * @example
 * ```ts
 * const data: CatalogPlanData = JSON.parse(readFileSync('plan.json', 'utf8'));
 * ```
 */
export interface CatalogPlanData {
  format: typeof CATALOG_PLAN_FORMAT;
  storeId: string;
  scope: CatalogScope;
  /** When the plan was made (UTC). Not part of the hash. */
  createdAt: UtcDateTime;
  /** The store time zone sale windows were read in. */
  timezone: string;
  currency: string;
  /** SHA-256 of everything the plan decides (not of `createdAt`). */
  hash: string;
  inputs: CatalogPlanInputs;
  summary: CatalogPlanSummary;
  categories: CategoryPlanEntry[];
  entries: CatalogPlanEntry[];
}

/**
 * The result of `engine.catalog.plan()`: what an import would do, as plain data. It is the
 * dry run a merchant reviews (`toText()`), a machine-readable document (`toJSON()`), and
 * the exact instruction list `engine.catalog.apply()` executes.
 *
 * @example
 * ```ts
 * const plan = await engine.catalog.plan({ storeId: 'main', scope: 'items' });
 * console.log(plan.toText());
 * writeFileSync('plan.json', JSON.stringify(plan));
 * // later
 * await engine.catalog.apply(CatalogPlan.fromJSON(JSON.parse(readFileSync('plan.json', 'utf8'))));
 * ```
 */
export class CatalogPlan implements CatalogPlanData {
  readonly format = CATALOG_PLAN_FORMAT;
  readonly storeId: string;
  readonly scope: CatalogScope;
  readonly createdAt: UtcDateTime;
  readonly timezone: string;
  readonly currency: string;
  readonly hash: string;
  readonly inputs: CatalogPlanInputs;
  readonly summary: CatalogPlanSummary;
  readonly categories: CategoryPlanEntry[];
  readonly entries: CatalogPlanEntry[];

  /**
   * Builds a plan from its parts and computes its hash and summary (the planner does this).
   *
   * @example
   * ```ts
   * const plan = CatalogPlan.create({ storeId, scope, createdAt, timezone, currency, inputs, categories, entries });
   * ```
   */
  static create(parts: Omit<CatalogPlanData, 'format' | 'hash' | 'summary'>): CatalogPlan {
    const data: CatalogPlanData = {
      format: CATALOG_PLAN_FORMAT,
      ...parts,
      hash: '',
      summary: summarizeCatalogPlan(parts.categories, parts.entries),
    };
    data.hash = hashCatalogPlan(data);
    return new CatalogPlan(data);
  }

  /**
   * Reads a plan back from its JSON form. Throws `catalog_plan_invalid` when it is not a
   * plan of this format or was edited (its hash no longer matches its content).
   *
   * @example
   * ```ts
   * const plan = CatalogPlan.fromJSON(JSON.parse(text));
   * ```
   */
  static fromJSON(json: unknown): CatalogPlan {
    const data = json as Partial<CatalogPlanData> | null;
    if (
      !data ||
      typeof data !== 'object' ||
      data.format !== CATALOG_PLAN_FORMAT ||
      typeof data.storeId !== 'string' ||
      (data.scope !== 'items' && data.scope !== 'stocks') ||
      !Array.isArray(data.entries) ||
      !Array.isArray(data.categories) ||
      typeof data.hash !== 'string' ||
      !data.inputs
    ) {
      throw new CatalogError(
        'catalog_plan_invalid',
        `Not a catalog plan of format ${CATALOG_PLAN_FORMAT}; make a new one with engine.catalog.plan().`,
      );
    }
    // The summary is derived, never trusted from the document.
    const plan = new CatalogPlan({
      ...(data as CatalogPlanData),
      summary: summarizeCatalogPlan(data.categories, data.entries),
    });
    if (hashCatalogPlan(plan) !== plan.hash) {
      throw new CatalogError(
        'catalog_plan_invalid',
        'The plan’s content does not match its hash (it was edited); make a new one with engine.catalog.plan().',
      );
    }
    return plan;
  }

  private constructor(data: CatalogPlanData) {
    this.storeId = data.storeId;
    this.scope = data.scope;
    this.createdAt = data.createdAt;
    this.timezone = data.timezone;
    this.currency = data.currency;
    this.hash = data.hash;
    this.inputs = data.inputs;
    this.summary = data.summary;
    this.categories = data.categories;
    this.entries = data.entries;
  }

  /**
   * The plan as plain JSON data (what `JSON.stringify(plan)` writes).
   *
   * @example
   * ```ts
   * writeFileSync('plan.json', JSON.stringify(plan.toJSON(), null, 2));
   * ```
   */
  toJSON(): CatalogPlanData {
    return {
      format: this.format,
      storeId: this.storeId,
      scope: this.scope,
      createdAt: this.createdAt,
      timezone: this.timezone,
      currency: this.currency,
      hash: this.hash,
      inputs: this.inputs,
      summary: this.summary,
      categories: this.categories,
      entries: this.entries,
    };
  }

  /**
   * The dry-run report a merchant reviews: counts, then every entry that does something or
   * needs attention, with its reason and fix. `unchanged` entries are counted, not listed
   * (except products whose item is gone from Balance), unless `includeUnchanged` is set.
   *
   * @example
   * ```ts
   * console.log(plan.toText());
   * ```
   */
  toText(options: { includeUnchanged?: boolean } = {}): string {
    return renderCatalogPlanText(this, options);
  }
}

/**
 * Counts entries per kind and reason.
 *
 * @example
 * ```ts
 * summarizeCatalogPlan(plan.categories, plan.entries).create; // 12
 * ```
 */
export function summarizeCatalogPlan(
  categories: readonly CategoryPlanEntry[],
  entries: readonly CatalogPlanEntry[],
): CatalogPlanSummary {
  const summary: CatalogPlanSummary = {
    adopt: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    skip: 0,
    conflict: 0,
    reasons: {},
    categories: { create: 0, adopt: 0, unchanged: 0, conflict: 0 },
    productWrites: 0,
  };
  for (const entry of entries) {
    summary[entry.kind] += 1;
    if (entry.reason) summary.reasons[entry.reason] = (summary.reasons[entry.reason] ?? 0) + 1;
    if (entry.write) summary.productWrites += 1;
  }
  for (const category of categories) {
    summary.categories[category.kind] += 1;
    if (category.reason) {
      summary.reasons[category.reason] = (summary.reasons[category.reason] ?? 0) + 1;
    }
  }
  return summary;
}

/** SHA-256 over everything a plan decides (format, store, scope, inputs, entries). */
function hashCatalogPlan(data: CatalogPlanData): string {
  const hasher = new CanonicalHasher();
  hasher.add({
    format: data.format,
    storeId: data.storeId,
    scope: data.scope,
    timezone: data.timezone,
    currency: data.currency,
    inputs: data.inputs,
  });
  for (const category of data.categories) hasher.add(category);
  hasher.addText('--');
  for (const entry of data.entries) hasher.add(entry);
  return hasher.digest();
}
