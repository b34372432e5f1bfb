/**
 * Product rules WooCommerce applies on save and read: sale detection, price sync, stock
 * status, slugs, SKU uniqueness.
 *
 * Internal module.
 */
import { WooRestError } from './errors.js';
import { phpToFloat, sanitizeTitle } from './php.js';
import type { ProductRecord, StoreState } from './store-state.js';
import type { WooStore } from './woo-store.js';

/** Statuses registered with WordPress (`get_post_status_object`). */
export const REGISTERED_POST_STATUSES = [
  'publish',
  'future',
  'draft',
  'pending',
  'private',
  'trash',
  'auto-draft',
  'inherit',
] as const;

/** Stock statuses (`wc_get_product_stock_status_options`). */
export const STOCK_STATUSES = ['instock', 'outofstock', 'onbackorder'] as const;

/** A fresh product record with WooCommerce's object defaults. */
export function newProductRecord(id: number, now: number): ProductRecord {
  return {
    id,
    type: 'simple',
    parentId: 0,
    name: '',
    slug: '',
    status: 'publish',
    featured: false,
    catalogVisibility: 'visible',
    description: '',
    shortDescription: '',
    sku: '',
    globalUniqueId: '',
    price: '',
    regularPrice: '',
    salePrice: '',
    dateOnSaleFrom: null,
    dateOnSaleTo: null,
    totalSales: 0,
    virtual: false,
    downloadable: false,
    externalUrl: '',
    buttonText: '',
    taxStatus: 'taxable',
    taxClass: '',
    manageStock: false,
    stockQuantity: null,
    stockStatus: 'instock',
    backorders: 'no',
    lowStockAmount: null,
    soldIndividually: false,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shippingClass: '',
    reviewsAllowed: true,
    purchaseNote: '',
    categoryIds: [],
    tagIds: [],
    images: [],
    attributes: [],
    defaultAttributes: [],
    groupedProducts: [],
    upsellIds: [],
    crossSellIds: [],
    menuOrder: 0,
    meta: [],
    dateCreated: now,
    dateModified: now,
    trashedFromStatus: null,
  };
}

/**
 * `WC_Product::is_on_sale()`: a non-empty sale price below the regular price, inside the sale
 * window at `nowSec`.
 */
export function isOnSale(product: ProductRecord, nowSec: number): boolean {
  if (product.type === 'variable' || product.type === 'grouped') return false;
  if (product.salePrice === '') return false;
  if (!(phpToFloat(product.regularPrice) > phpToFloat(product.salePrice))) return false;
  if (product.dateOnSaleFrom !== null && product.dateOnSaleFrom > nowSec) return false;
  if (product.dateOnSaleTo !== null && product.dateOnSaleTo < nowSec) return false;
  return true;
}

/**
 * `handle_updated_props` of the product data store: clears a sale price that is not below the
 * regular price (silently), then stores the active price.
 */
export function syncPriceAfterSave(
  product: ProductRecord,
  changed: { prices: boolean; dates: boolean; type: boolean },
  nowSec: number,
): void {
  if (product.type === 'variable' || product.type === 'grouped') return;
  if (changed.prices && product.salePrice !== '') {
    if (phpToFloat(product.salePrice) >= phpToFloat(product.regularPrice)) product.salePrice = '';
  }
  if (changed.prices || changed.dates || changed.type) {
    product.price = isOnSale(product, nowSec) ? product.salePrice : product.regularPrice;
  }
}

/** `WC_Product::validate_props()`: aligns stock fields before saving. */
export function validateStockProps(product: ProductRecord, threshold: number): void {
  if (product.type === 'variable' || product.type === 'grouped' || product.type === 'external') {
    if (!product.manageStock) {
      product.stockQuantity = null;
      product.backorders = 'no';
      product.lowStockAmount = null;
    }
    return;
  }
  if (!product.manageStock) {
    product.stockQuantity = null;
    product.backorders = 'no';
    product.lowStockAmount = null;
    return;
  }
  const qty = product.stockQuantity ?? 0;
  if (qty > threshold) product.stockStatus = 'instock';
  else if (product.backorders !== 'no') product.stockStatus = 'onbackorder';
  else product.stockStatus = 'outofstock';
}

/** Syncs a variable product's price and stock status from its published variations. */
export function syncVariableParent(state: StoreState, parent: ProductRecord): void {
  if (parent.type !== 'variable') return;
  const children = state
    .childIdsOf(parent.id)
    .map((id) => state.products.get(id))
    .filter((c): c is ProductRecord => c !== undefined && c.status === 'publish');
  const prices = children.map((c) => c.price).filter((p) => p !== '');
  if (prices.length === 0) {
    parent.price = '';
  } else {
    let min = prices[0] ?? '';
    for (const p of prices) if (phpToFloat(p) < phpToFloat(min)) min = p;
    parent.price = min;
  }
  if (!parent.manageStock) {
    if (children.some((c) => c.stockStatus === 'instock')) parent.stockStatus = 'instock';
    else if (children.some((c) => c.stockStatus === 'onbackorder'))
      parent.stockStatus = 'onbackorder';
    else parent.stockStatus = 'outofstock';
  }
}

/**
 * The owner of a SKU among non-trashed products and variations other than `selfId`
 * (`wc_product_has_unique_sku`), or 0.
 */
export function skuOwner(state: StoreState, sku: string, selfId: number): number {
  for (const id of state.findProductIdsBySku(sku)) {
    if (id === selfId) continue;
    const p = state.products.get(id);
    if (p && p.status !== 'trash') return id;
  }
  return 0;
}

/** `WC_Product::set_sku()` with the uniqueness check (throws `product_invalid_sku`). */
export function assertUniqueSku(state: StoreState, sku: string, selfId: number): void {
  // PHP's empty() is true for "" and "0": those are never checked.
  if (sku === '' || sku === '0') return;
  const owner = skuOwner(state, sku, selfId);
  if (owner === 0) return;
  let index = 0;
  let candidate: string;
  do {
    index++;
    candidate = `${sku}-${index}`;
  } while (skuOwner(state, candidate, selfId) !== 0);
  throw new WooRestError('product_invalid_sku', 'Invalid or duplicated SKU.', {
    status: 400,
    resource_id: owner,
    unique_sku: candidate,
  });
}

/** `wp_unique_post_slug` among products (drafts and pending keep their slug as given). */
export function uniqueProductSlug(
  store: WooStore,
  product: ProductRecord,
  desired: string,
): string {
  const base = sanitizeTitle(desired);
  if (['draft', 'pending', 'auto-draft'].includes(product.status)) return base;
  if (base === '') return base;
  const taken = (slug: string): boolean => store.state.isProductSlugTaken(slug, product.id);
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
