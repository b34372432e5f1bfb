import type { StoreSyncConfig } from '../config/parse-sync-config.js';
import type { ProductMapping } from '../ports/sync-store.js';
import type { WooProduct, WooProductFields } from '../ports/woocommerce-port.js';
import { toUtcIso } from '../time/utc-instant.js';
import { formatMinor, moneyToMinor } from './catalog-decimal.js';
import {
  BALANCE_UID_META,
  balanceUidOf,
  configFingerprint,
  productFingerprint,
  snapshotFingerprints,
} from './catalog-fingerprints.js';
import { CatalogPlan, type CatalogPlanEntry, type FieldChange } from './catalog-plan.js';
import type { CatalogReason, CatalogSkipReason } from './catalog-reasons.js';
import type { BalanceCatalogItem, CatalogSnapshot } from './catalog-snapshot.js';
import { CategoryPlanner } from './category-planner.js';
import { type GroupChainIssue, GroupTree } from './group-tree.js';
import { type DesiredProduct, decideProduct, forgetSent } from './product-decision.js';
import { SalePriceResolver } from './sale-price-resolver.js';
import { canonicalSale } from './sale-state.js';
import { StockCalculator } from './stock-calculator.js';

/**
 * The settings of one store that a catalog plan depends on (what `resolveStoreConfig`
 * returns; order settings are not needed).
 *
 * @example
 * ```ts
 * const config: CatalogPlannerConfig = resolveStoreConfig(parseSyncConfig(raw), 'main');
 * ```
 */
export type CatalogPlannerConfig = Pick<StoreSyncConfig, 'store' | 'catalog'>;

/**
 * Normalizes a SKU the way WooCommerce compares SKUs (trimmed, case-insensitive).
 *
 * @example
 * ```ts
 * skuKey(' cf-001 ') === skuKey('CF-001'); // true
 * ```
 */
export function skuKey(sku: string): string {
  return sku.trim().toLowerCase();
}

/**
 * The pure catalog planner: from a snapshot of Balance, the store and the SyncStore, and the
 * current time, decides per item exactly one of adopt / create / update / unchanged / skip /
 * conflict, plus the categories to create (see `docs/catalog-import.md` for every rule). It
 * reads nothing and writes nothing; the same inputs always give the same plan and hash.
 *
 * @example
 * ```ts
 * const planner = new CatalogPlanner(resolveStoreConfig(config, 'main'));
 * const plan = planner.plan(snapshot, new Date());
 * plan.summary.create; // 12
 * ```
 */
export class CatalogPlanner {
  readonly #config: CatalogPlannerConfig;

  constructor(config: CatalogPlannerConfig) {
    this.#config = config;
  }

  /** Makes the plan for `snapshot` at instant `now`. */
  plan(snapshot: CatalogSnapshot, now: Date): CatalogPlan {
    const { store, catalog } = this.#config;
    const scope = snapshot.scope;
    const items = snapshot.balance.items;
    const tree = new GroupTree(items);
    const excluded = new Set(store.categories.excludedGroups);
    const serviceGroups = new Set(catalog.services.serviceGroups);
    const serviceValues = new Set(catalog.services.serviceValues.map((v) => v.trim()));
    const sellOnline = new Set(catalog.services.sellOnline);

    // ---- indexes of the store and the SyncStore
    const productsById = new Map<number, WooProduct>();
    const productsBySku = new Map<string, WooProduct[]>();
    const productsByMeta = new Map<string, WooProduct[]>();
    for (const product of snapshot.store.products) {
      if (product.status === 'trash') continue;
      productsById.set(product.id, product);
      const key = skuKey(product.sku);
      if (key !== '') push(productsBySku, key, product);
      const uid = balanceUidOf(product);
      if (uid) push(productsByMeta, uid, product);
    }
    const mappingByUid = new Map<string, ProductMapping>();
    const mappingByWooId = new Map<number, ProductMapping>();
    for (const mapping of snapshot.mappings.products) {
      mappingByUid.set(mapping.balanceUid, mapping);
      mappingByWooId.set(mapping.wooId, mapping);
    }
    const linkedUidOf = (product: WooProduct): string | undefined =>
      mappingByWooId.get(product.id)?.balanceUid ?? balanceUidOf(product);

    // ---- Balance prices and stock
    const regularType = catalog.prices.regularPriceType;
    const regularPrices = new Map<string, string>();
    const priced = new Set<string>();
    for (const row of snapshot.balance.prices) {
      priced.add(row.item);
      if (row.priceType === regularType) regularPrices.set(row.item, row.price);
    }
    const stock = new StockCalculator(
      catalog.stock,
      store.stockWarehouses,
      snapshot.balance.stocks,
      snapshot.store.pendingOrders,
    );
    const sales = new SalePriceResolver(
      catalog.prices.sale,
      snapshot.balance,
      tree,
      store.timezone,
      now,
    );
    const minimumSale = moneyToMinor(catalog.prices.minimumSalePrice) ?? 0;

    // ---- pass 1: what is not a product at all
    const entries: CatalogPlanEntry[] = [];
    const candidates: BalanceCatalogItem[] = [];
    const itemUids = new Set<string>();
    for (const item of items) {
      itemUids.add(item.uid);
      if (item.isGroup) continue;
      const reason = this.#skipReason(
        item,
        tree,
        excluded,
        serviceGroups,
        serviceValues,
        sellOnline,
      );
      if (reason) entries.push(skip(item, reason));
      else candidates.push(item);
    }

    // Unlinked items sharing a SKU cannot be told apart.
    const candidatesBySku = new Map<string, number>();
    for (const item of candidates) {
      const key = skuKey(item.sku);
      candidatesBySku.set(key, (candidatesBySku.get(key) ?? 0) + 1);
    }

    // ---- categories (items scope)
    const categories = new CategoryPlanner(
      tree,
      store.categories,
      catalog.createCategories,
      excluded,
      scope === 'items' ? snapshot.store.categories : [],
      snapshot.mappings.categories,
    );
    // Groups that will hold a product (items without a regular price are skipped).
    const groupsInUse = new Set<string>();
    for (const item of candidates) {
      if (item.parent !== null && regularPrices.has(item.uid)) groupsInUse.add(item.parent);
    }
    const categoryEntries = scope === 'items' ? categories.plan(groupsInUse) : [];

    // ---- pass 2: each candidate item
    const defaultCategory = snapshot.store.categories.find((c) => c.slug === 'uncategorized');
    const context: ItemContext = {
      defaultCategoryId: defaultCategory?.id,
      scope,
      now,
      productsById,
      productsBySku,
      productsByMeta,
      mappingByUid,
      mappingByWooId,
      linkedUidOf,
      candidatesBySku,
      stock,
      sales,
      minimumSale,
      categories,
    };
    const usedProducts = new Set<number>();
    for (const item of candidates) {
      const entry = this.#planItem(
        item,
        context,
        regularPrices.get(item.uid),
        priced.has(item.uid) || stock.isListed(item.uid),
      );
      if (entry.wooId !== undefined && (entry.write || entry.record)) usedProducts.add(entry.wooId);
      if (scope === 'items' && entry.kind !== 'skip') {
        const issue = tree.chainIssue(item.parent);
        // An unknown group mapped to a category id in the configuration is taken care of.
        if (
          issue &&
          (issue.kind === 'group-cycle' || categories.targetFor(item.parent) === undefined)
        ) {
          noteGroupIssue(entry, issue, tree);
        }
      }
      entries.push(entry);
    }

    // ---- linked products whose item is gone from Balance (the read was complete)
    for (const mapping of snapshot.mappings.products) {
      if (itemUids.has(mapping.balanceUid)) continue;
      const product = productsById.get(mapping.wooId);
      if (!product || usedProducts.has(product.id)) continue;
      entries.push(this.#planMissing(mapping, product, scope));
    }

    return CatalogPlan.create({
      storeId: snapshot.storeId,
      scope,
      createdAt: toUtcIso(now.getTime()),
      timezone: store.timezone,
      currency: store.currency,
      inputs: { config: configFingerprint(this.#config), ...snapshotFingerprints(snapshot) },
      categories: categoryEntries,
      entries,
    });
  }

  #skipReason(
    item: BalanceCatalogItem,
    tree: GroupTree,
    excluded: ReadonlySet<string>,
    serviceGroups: ReadonlySet<string>,
    serviceValues: ReadonlySet<string>,
    sellOnline: ReadonlySet<string>,
  ): CatalogSkipReason | undefined {
    if (excluded.has(item.uid) || tree.isWithin(item.parent, excluded)) return 'excluded-group';
    const { services } = this.#config.catalog;
    const isService =
      (item.itemType !== undefined && serviceValues.has(item.itemType.trim())) ||
      tree.isWithin(item.parent, serviceGroups);
    if (isService && !services.sellServices && !sellOnline.has(item.uid)) return 'service-item';
    if (item.sku.trim() === '') return 'no-sku';
    return undefined;
  }

  #planItem(
    item: BalanceCatalogItem,
    ctx: ItemContext,
    regularPrice: string | undefined,
    inExchange: boolean,
  ): CatalogPlanEntry {
    const { scope } = ctx;
    const duplicateInBalance = (ctx.candidatesBySku.get(skuKey(item.sku)) ?? 0) > 1;
    const base = { id: `item:${item.uid}`, balanceUid: item.uid, sku: item.sku, name: item.name };

    // ---- the product this item is (or will be) linked to
    let product: WooProduct | undefined;
    let mapping: ProductMapping | undefined;
    let mode: 'linked' | 'adopt' | 'create';
    const mapped = ctx.mappingByUid.get(item.uid);
    if (mapped) {
      product = ctx.productsById.get(mapped.wooId);
      if (!product) {
        return {
          ...base,
          kind: 'skip',
          reason: 'linked-product-deleted',
          wooId: mapped.wooId,
          detail: `product #${mapped.wooId} no longer exists in the store`,
        };
      }
      mapping = mapped;
      mode = 'linked';
    } else {
      const carriers = (ctx.productsByMeta.get(item.uid) ?? []).filter(
        (p) => (ctx.mappingByWooId.get(p.id)?.balanceUid ?? item.uid) === item.uid,
      );
      if (carriers.length > 1) {
        return conflict(
          base,
          'duplicate-link',
          `products ${carriers.map((p) => `#${p.id}`).join(', ')} all carry this item’s ${BALANCE_UID_META}`,
        );
      }
      if (carriers.length === 1) {
        product = carriers[0];
        mode = 'adopt';
      } else if (scope === 'stocks') {
        return { ...base, kind: 'skip', reason: 'not-imported' };
      } else if (duplicateInBalance) {
        return conflict(
          base,
          'duplicate-sku-in-balance',
          `${ctx.candidatesBySku.get(skuKey(item.sku))} Balance items have SKU “${item.sku}”`,
        );
      } else {
        const owners = ctx.productsBySku.get(skuKey(item.sku)) ?? [];
        if (owners.length > 1) {
          return conflict(
            base,
            'duplicate-sku-in-store',
            `products ${owners.map((p) => `#${p.id}`).join(', ')} have SKU “${item.sku}”`,
          );
        }
        const owner = owners[0];
        if (owner) {
          const linkedTo = ctx.linkedUidOf(owner);
          if (linkedTo !== undefined && linkedTo !== item.uid) {
            return {
              ...conflict(
                base,
                'sku-owned-by-other-item',
                `product #${owner.id} with this SKU is linked to Balance item ${linkedTo}`,
              ),
              wooId: owner.id,
            };
          }
          if (owner.type === 'variable' || owner.type === 'grouped') {
            return {
              ...conflict(
                base,
                'unsupported-product-type',
                `product #${owner.id} with this SKU is a ${owner.type} product`,
              ),
              wooId: owner.id,
            };
          }
          product = owner;
          mode = 'adopt';
        } else {
          mode = 'create';
        }
      }
    }

    // ---- what Balance says the product should be
    const wooId = product?.id;
    const desired: DesiredProduct = {
      balanceUid: item.uid,
      sku: item.sku.trim(),
      name: item.name.trim(),
      stock: ctx.stock.available(item.uid, wooId),
    };
    if (scope === 'items') {
      if (!inExchange) {
        return { ...base, kind: 'skip', reason: 'not-in-exchange', ...(wooId ? { wooId } : {}) };
      }
      if (regularPrice === undefined) {
        return { ...base, kind: 'skip', reason: 'missing-price', ...(wooId ? { wooId } : {}) };
      }
      const regular = moneyToMinor(regularPrice);
      if (regular === undefined || regular <= 0) {
        return {
          ...base,
          kind: 'skip',
          reason: 'invalid-price',
          detail: `regular price “${regularPrice}”`,
          ...(wooId ? { wooId } : {}),
        };
      }
      desired.regularPrice = formatMinor(regular);
      const sale = ctx.sales.resolve(item.uid, item.parent, regular);
      if (sale) {
        if (sale.minor === undefined || sale.minor < ctx.minimumSale) {
          return {
            ...base,
            kind: 'skip',
            reason: 'invalid-sale-price',
            detail: `sale price from ${sale.source}`,
            ...(wooId ? { wooId } : {}),
          };
        }
        if (sale.minor >= regular) {
          return {
            ...base,
            kind: 'skip',
            reason: 'sale-not-below-regular',
            detail: `sale ${formatMinor(sale.minor)} ≥ regular ${formatMinor(regular)} (${sale.source})`,
            ...(wooId ? { wooId } : {}),
          };
        }
        desired.sale = canonicalSale(
          { price: formatMinor(sale.minor), from: sale.from, to: sale.to },
          ctx.now,
        );
      } else {
        desired.sale = null;
      }
      const target = ctx.categories.targetFor(item.parent);
      if (target) desired.categories = target;
    }

    if (mode === 'create' || !product) return createEntry(base, desired);

    // ---- compare with the store product
    const skuOwners = ctx.productsBySku.get(skuKey(desired.sku)) ?? [];
    const decision = decideProduct(desired, product, mapping, mode, {
      ownership: this.#config.catalog.ownership,
      scope,
      now: ctx.now,
      skuAvailable: !duplicateInBalance && skuOwners.every((p) => p.id === product.id),
      ...(ctx.defaultCategoryId !== undefined ? { defaultCategoryId: ctx.defaultCategoryId } : {}),
    });
    const entry: CatalogPlanEntry = {
      ...base,
      kind: decision.kind,
      wooId: product.id,
      wooParentId: product.parentId,
    };
    if (decision.reason) entry.reason = decision.reason;
    if (mode === 'adopt') entry.links = true;
    if (decision.reason === 'sku-taken') {
      entry.detail = `SKU “${desired.sku}” is used by another product; the product keeps “${product.sku}”`;
    } else if (decision.reason) {
      const fieldsKept = decision.conflicts.map((c) => c.field).join(', ');
      entry.detail =
        mode === 'adopt'
          ? `links product #${product.id}; keeps its ${fieldsKept}`
          : `keeps the store’s ${fieldsKept}`;
    } else if (mode === 'adopt') {
      entry.detail =
        balanceUidOf(product) === item.uid
          ? `product #${product.id} already carries this item’s ${BALANCE_UID_META}`
          : `product #${product.id} has the same SKU`;
    }
    if (decision.changes.length) entry.changes = decision.changes;
    if (decision.conflicts.length) entry.conflicts = decision.conflicts;
    if (decision.write) entry.write = decision.write;
    if (decision.record) entry.record = decision.record;
    if (decision.write || decision.record) entry.expect = productFingerprint(product, mapping);
    return entry;
  }

  #planMissing(
    mapping: ProductMapping,
    product: WooProduct,
    scope: 'items' | 'stocks',
  ): CatalogPlanEntry {
    const policy = this.#config.catalog.missingItems;
    const base: CatalogPlanEntry = {
      id: `missing:${mapping.balanceUid}`,
      kind: 'unchanged',
      reason: 'missing-in-balance',
      balanceUid: mapping.balanceUid,
      sku: product.sku,
      name: product.name,
      wooId: product.id,
      wooParentId: product.parentId,
      detail: `policy “${policy}”`,
    };
    const fields: WooProductFields = {};
    const changes: FieldChange[] = [];
    const pushed = { ...mapping.lastPushed };
    const isVariation = product.parentId > 0 || product.type === 'variation';
    if (policy === 'draft' && scope === 'items' && !isVariation && product.status !== 'draft') {
      fields.status = 'draft';
      pushed.status = 'draft';
      changes.push({ field: 'status', from: product.status, to: 'draft' });
    } else if (policy === 'out-of-stock' && !(product.manageStock && product.stockQuantity === 0)) {
      fields.manageStock = true;
      fields.stockQuantity = 0;
      pushed.stockQuantity = 0;
      changes.push({
        field: 'stock',
        from: product.manageStock ? product.stockQuantity : null,
        to: 0,
      });
    }
    if (changes.length === 0) return base;
    forgetSent(pushed, fields.status !== undefined ? ['status'] : ['stockQuantity']);
    return {
      ...base,
      kind: 'update',
      changes,
      write: { fields },
      record: { sku: mapping.sku, pushed },
      expect: productFingerprint(product, mapping),
    };
  }
}

interface ItemContext {
  defaultCategoryId: number | undefined;
  scope: 'items' | 'stocks';
  now: Date;
  productsById: ReadonlyMap<number, WooProduct>;
  productsBySku: ReadonlyMap<string, WooProduct[]>;
  productsByMeta: ReadonlyMap<string, WooProduct[]>;
  mappingByUid: ReadonlyMap<string, ProductMapping>;
  mappingByWooId: ReadonlyMap<number, ProductMapping>;
  linkedUidOf: (product: WooProduct) => string | undefined;
  candidatesBySku: ReadonlyMap<string, number>;
  stock: StockCalculator;
  sales: SalePriceResolver;
  minimumSale: number;
  categories: CategoryPlanner;
}

/**
 * Puts a warning about the item's group chain on an entry that is still imported: as its
 * reason when it has none (the kind stays), and in its detail either way.
 */
function noteGroupIssue(entry: CatalogPlanEntry, issue: GroupChainIssue, tree: GroupTree): void {
  const nameOf = (group: string) => `“${tree.get(group)?.name ?? group}” (${group})`;
  const note =
    issue.kind === 'unknown-group'
      ? `group ${issue.group} is not a Balance group, so the product gets no category from Balance: check the item’s group in Balance, or map ${issue.group} to a category id in stores[].categories.mapping`
      : `the groups above the item loop: ${[...issue.groups, issue.groups[0] ?? ''].map(nameOf).join(' → ')}; correct the parent of one of them in Balance`;
  entry.detail = entry.detail ? `${entry.detail}; ${note}` : note;
  entry.reason ??= issue.kind;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function skip(item: BalanceCatalogItem, reason: CatalogSkipReason): CatalogPlanEntry {
  return {
    id: `item:${item.uid}`,
    kind: 'skip',
    reason,
    balanceUid: item.uid,
    sku: item.sku,
    name: item.name,
  };
}

function conflict(
  base: Pick<CatalogPlanEntry, 'id' | 'balanceUid' | 'sku' | 'name'>,
  reason: CatalogReason,
  detail: string,
): CatalogPlanEntry {
  return { ...base, kind: 'conflict', reason, detail };
}

function createEntry(
  base: Pick<CatalogPlanEntry, 'id' | 'balanceUid' | 'sku' | 'name'>,
  desired: DesiredProduct,
): CatalogPlanEntry {
  const sale = desired.sale ?? null;
  const fields: WooProductFields = {
    sku: desired.sku,
    name: desired.name,
    status: 'draft',
    ...(desired.regularPrice !== undefined ? { regularPrice: desired.regularPrice } : {}),
    ...(sale ? { salePrice: sale.price, saleFrom: sale.from, saleTo: sale.to } : {}),
    manageStock: true,
    stockQuantity: desired.stock,
    meta: [{ key: BALANCE_UID_META, value: desired.balanceUid }],
  };
  const known = desired.categories?.every((t) => t.id !== undefined) ?? true;
  return {
    ...base,
    kind: 'create',
    write: { fields, ...(desired.categories ? { categories: desired.categories } : {}) },
    record: {
      sku: desired.sku,
      pushed: {
        name: desired.name,
        status: 'draft',
        ...(desired.regularPrice !== undefined ? { regularPrice: desired.regularPrice } : {}),
        salePrice: sale?.price ?? '',
        saleFrom: sale?.from ?? null,
        saleTo: sale?.to ?? null,
        stockQuantity: desired.stock,
        ...(desired.categories && known
          ? { categoryIds: desired.categories.map((t) => t.id as number) }
          : {}),
      },
      ...(desired.categories && !known ? { pendingCategories: desired.categories } : {}),
    },
  };
}
