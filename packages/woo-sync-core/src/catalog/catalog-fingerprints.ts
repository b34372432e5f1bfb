import { createHash } from 'node:crypto';
import type { StoreSyncConfig } from '../config/parse-sync-config.js';
import { canonicalJson } from '../json/canonical-json.js';
import type { CategoryMapping, ProductMapping } from '../ports/sync-store.js';
import type { WooCategory, WooProduct } from '../ports/woocommerce-port.js';
import { CanonicalHasher, canonicalHash } from './canonical-hash.js';
import type { CatalogPlanInputs } from './catalog-plan.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';

/**
 * The meta key that links a WooCommerce product to its Balance item.
 *
 * @example
 * ```ts
 * product.meta.find((m) => m.key === BALANCE_UID_META)?.value; // the Balance item uid
 * ```
 */
export const BALANCE_UID_META = '_balance_uid';

const SEP = '\u0001';

/**
 * The `_balance_uid` meta value of a product, or `undefined`.
 *
 * @example
 * ```ts
 * balanceUidOf(product); // '6f0c1c2e-…'
 * ```
 */
export function balanceUidOf(product: WooProduct): string | undefined {
  for (const meta of product.meta) {
    if (meta.key === BALANCE_UID_META && typeof meta.value === 'string' && meta.value !== '') {
      return meta.value;
    }
  }
  return undefined;
}

/**
 * Fingerprint of the catalog settings of one store (no secrets are read). `store.categories`
 * is what the plan was made with: the configured mapping with the category choices saved in
 * the SyncStore merged over it, so a plan made before the choices change is stale.
 *
 * @example
 * ```ts
 * configFingerprint(resolveStoreConfig(config, 'main'));
 * ```
 */
export function configFingerprint(config: Pick<StoreSyncConfig, 'store' | 'catalog'>): string {
  const { store, catalog } = config;
  return canonicalHash({
    storeId: store.id,
    timezone: store.timezone,
    currency: store.currency,
    categories: store.categories,
    stockWarehouses: store.stockWarehouses,
    catalog,
  });
}

/**
 * Fingerprints of a snapshot's inputs: Balance's data, the store's categories with the
 * category mappings, and the unexported order quantities.
 *
 * @example
 * ```ts
 * snapshotFingerprints(snapshot).balance; // 64 hex digits
 * ```
 */
export function snapshotFingerprints(snapshot: CatalogSnapshot): Omit<CatalogPlanInputs, 'config'> {
  const balance = new CanonicalHasher();
  balance.addText(snapshot.scope);
  for (const i of snapshot.balance.items) {
    balance.addText(
      `${i.uid}${SEP}${i.name}${SEP}${i.parent ?? ''}${SEP}${i.isGroup ? 1 : 0}${SEP}${i.sku}${SEP}${i.itemType ?? ''}`,
    );
  }
  balance.addText('stocks');
  for (const s of snapshot.balance.stocks) {
    balance.addText(`${s.item}${SEP}${s.warehouse}${SEP}${s.quantity}${SEP}${s.reserve}`);
  }
  balance.addText('prices');
  for (const p of snapshot.balance.prices) {
    balance.addText(`${p.priceType}${SEP}${p.item}${SEP}${p.price}`);
  }
  balance.addText('pricing');
  for (const doc of snapshot.balance.pricingDocuments) {
    balance.addText(`${doc.uid}${SEP}${doc.priceType}${SEP}${doc.date}`);
    for (const line of doc.items) balance.addText(`${line.item}${SEP}${line.price}`);
  }
  balance.addText('discounts');
  for (const rule of snapshot.balance.discounts) balance.add(rule);

  return {
    balance: balance.digest(),
    categories: categoriesFingerprint(snapshot.store.categories, snapshot.mappings.categories),
    orders: canonicalHash(
      [...snapshot.store.pendingOrders].sort(
        (a, b) => a.wooId - b.wooId || a.quantity - b.quantity,
      ),
    ),
  };
}

/**
 * Fingerprint of the store's categories and the category mappings.
 *
 * @example
 * ```ts
 * categoriesFingerprint(categories, mappings);
 * ```
 */
export function categoriesFingerprint(
  categories: readonly WooCategory[],
  mappings: readonly CategoryMapping[],
): string {
  return canonicalHash({
    categories: [...categories]
      .map((c) => [c.id, c.name, c.parentId])
      .sort((a, b) => (a[0] as number) - (b[0] as number)),
    mappings: [...mappings]
      .map((m) => [m.groupUid, m.wooCategoryId])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  });
}

/**
 * Fingerprint of a store product (the fields the catalog reads) and its mapping, recorded in
 * a plan entry and compared by `apply` before writing to the product.
 *
 * @example
 * ```ts
 * productFingerprint(product, mapping);
 * ```
 */
export function productFingerprint(
  product: WooProduct,
  mapping: ProductMapping | undefined,
): string {
  const text = JSON.stringify([
    product.id,
    product.parentId,
    product.type,
    product.status,
    product.sku,
    product.name,
    product.regularPrice,
    product.salePrice,
    product.saleFrom,
    product.saleTo,
    product.manageStock,
    product.stockQuantity,
    [...product.categoryIds].sort((a, b) => a - b),
    balanceUidOf(product) ?? null,
    mapping ? [mapping.balanceUid, mapping.wooId, mapping.sku] : null,
  ]);
  const pushed = mapping ? canonicalJson(mapping.lastPushed) : '';
  return createHash('sha1').update(text).update(pushed).digest('base64url');
}
