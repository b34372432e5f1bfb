/**
 * Product and variation writes: a port of the v3 controllers' `prepare_object_for_database`
 * and of the product data store's save. Shared by single REST calls (after schema
 * validation), batch items (without it), the admin helpers and seeding.
 *
 * Internal module.
 */
import { parseGmtDateInput, parseLocalDateInput } from './dates.js';
import { WooRestError } from './errors.js';
import { upsertMeta } from './meta-data.js';
import {
  ksesPost,
  phpToInt,
  phpToString,
  wcClean,
  wcFormatDecimal,
  wcStringToBool,
} from './php.js';
import {
  assertUniqueSku,
  newProductRecord,
  REGISTERED_POST_STATUSES,
  STOCK_STATUSES,
  syncPriceAfterSave,
  syncVariableParent,
  uniqueProductSlug,
  validateStockProps,
} from './product-rules.js';
import type { ProductImage, ProductRecord, ProductType } from './store-state.js';
import type { WooStore } from './woo-store.js';

/**
 * REST-shaped product write parameters (`name`, `regular_price`, `stock_quantity`, …), as
 * `POST /products` takes them.
 *
 * @example
 * const fields: ProductParams = { name: 'Boot', sku: 'B-1', regular_price: '99.90' };
 */
export type ProductParams = Record<string, unknown>;

/** Options of a product write. */
export interface ProductWriteOptions {
  /** Skip action hooks (no webhooks): used by seeding. */
  silent?: boolean;
}

const PRODUCT_TYPES: readonly ProductType[] = ['simple', 'grouped', 'external', 'variable'];

function has(params: ProductParams, key: string): boolean {
  return params[key] !== undefined && params[key] !== null;
}

function present(params: ProductParams, key: string): boolean {
  return Object.hasOwn(params, key) && params[key] !== undefined;
}

function idList(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map((v) => phpToInt(v)).filter((v) => v > 0))];
}

function readImages(store: WooStore, value: unknown): ProductImage[] {
  if (!Array.isArray(value)) return [];
  const out: ProductImage[] = [];
  for (const raw of value) {
    if (raw === null || typeof raw !== 'object') continue;
    const img = raw as Record<string, unknown>;
    let id = phpToInt(img.id);
    const src = phpToString(img.src);
    if (id === 0 && src === '') continue;
    if (id === 0) id = store.state.allocatePostId();
    out.push({ id, src, name: phpToString(img.name), alt: phpToString(img.alt) });
  }
  return out;
}

function readAttributes(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((a): a is Record<string, unknown> => a !== null && typeof a === 'object')
    .map((a) => ({ ...a }));
}

function setTaxStatus(product: ProductRecord, value: unknown): void {
  const status = phpToString(value);
  if (status !== '' && !['taxable', 'shipping', 'none'].includes(status)) {
    throw new WooRestError('product_invalid_tax_status', 'Invalid product tax status.', {
      status: 400,
    });
  }
  product.taxStatus = status;
}

function setCatalogVisibility(product: ProductRecord, value: unknown): void {
  const v = phpToString(value);
  if (!['visible', 'catalog', 'search', 'hidden'].includes(v)) {
    throw new WooRestError(
      'product_invalid_catalog_visibility',
      'Invalid catalog visibility option.',
      {
        status: 400,
      },
    );
  }
  product.catalogVisibility = v;
}

function setStockStatus(product: ProductRecord, value: unknown): void {
  const v = phpToString(value);
  product.stockStatus = (STOCK_STATUSES as readonly string[]).includes(v) ? v : 'instock';
}

function statusOrDraft(value: unknown): string {
  const v = phpToString(value);
  return (REGISTERED_POST_STATUSES as readonly string[]).includes(v) ? v : 'draft';
}

/** Sale price and sale dates, shared by products and variations. */
function applyPricesAndDates(store: WooStore, product: ProductRecord, params: ProductParams): void {
  if (has(params, 'regular_price')) product.regularPrice = wcFormatDecimal(params.regular_price);
  if (has(params, 'sale_price')) product.salePrice = wcFormatDecimal(params.sale_price);
  const tz = store.tz;
  const setDate = (field: 'dateOnSaleFrom' | 'dateOnSaleTo', local: string, gmt: string): void => {
    if (present(params, local)) {
      const v = parseLocalDateInput(params[local], tz);
      if (v !== undefined) product[field] = v;
    }
    if (present(params, gmt)) {
      const v = parseGmtDateInput(params[gmt]);
      if (v !== undefined) product[field] = v;
    }
  };
  setDate('dateOnSaleFrom', 'date_on_sale_from', 'date_on_sale_from_gmt');
  setDate('dateOnSaleTo', 'date_on_sale_to', 'date_on_sale_to_gmt');
}

function applyCommon(store: WooStore, product: ProductRecord, params: ProductParams): void {
  if (has(params, 'description')) product.description = ksesPost(params.description);
  if (has(params, 'sku')) {
    const sku = wcClean(params.sku);
    assertUniqueSku(store.state, sku, product.id);
    product.sku = sku;
  }
  if (has(params, 'global_unique_id')) product.globalUniqueId = wcClean(params.global_unique_id);
  if (has(params, 'virtual')) product.virtual = wcStringToBool(params.virtual);
  if (has(params, 'downloadable')) product.downloadable = wcStringToBool(params.downloadable);
  if (has(params, 'tax_status')) setTaxStatus(product, params.tax_status);
  if (has(params, 'tax_class')) product.taxClass = phpToString(params.tax_class);
  if (has(params, 'weight')) product.weight = wcFormatDecimal(params.weight);
  if (has(params, 'dimensions') && typeof params.dimensions === 'object') {
    const d = params.dimensions as Record<string, unknown>;
    if (has(d, 'length')) product.dimensions.length = wcFormatDecimal(d.length);
    if (has(d, 'width')) product.dimensions.width = wcFormatDecimal(d.width);
    if (has(d, 'height')) product.dimensions.height = wcFormatDecimal(d.height);
  }
  if (has(params, 'shipping_class')) product.shippingClass = phpToString(params.shipping_class);
  if (has(params, 'menu_order')) product.menuOrder = phpToInt(params.menu_order);
  if (has(params, 'low_stock_amount')) product.lowStockAmount = phpToInt(params.low_stock_amount);
  if (present(params, 'low_stock_amount') && params.low_stock_amount === null)
    product.lowStockAmount = null;
  if (has(params, 'meta_data'))
    product.meta = upsertMeta(store.state, product.meta, params.meta_data);
  const tz = store.tz;
  if (present(params, 'date_created')) {
    const v = parseLocalDateInput(params.date_created, tz);
    if (typeof v === 'number') product.dateCreated = v;
  }
  if (present(params, 'date_created_gmt')) {
    const v = parseGmtDateInput(params.date_created_gmt);
    if (typeof v === 'number') product.dateCreated = v;
  }
}

function applyProductStock(store: WooStore, product: ProductRecord, params: ProductParams): void {
  const stockStatus = has(params, 'stock_status') ? params.stock_status : product.stockStatus;
  if (store.settings.manageStock) {
    if (has(params, 'manage_stock')) product.manageStock = wcStringToBool(params.manage_stock);
    if (has(params, 'backorders')) product.backorders = phpToString(params.backorders);
    if (product.type === 'grouped') {
      product.manageStock = false;
      product.backorders = 'no';
      product.stockQuantity = null;
    } else if (product.type === 'external') {
      product.manageStock = false;
      product.backorders = 'no';
      product.stockQuantity = null;
      product.stockStatus = 'instock';
    } else if (product.manageStock) {
      if (product.type !== 'variable') setStockStatus(product, stockStatus);
      if (has(params, 'stock_quantity')) {
        product.stockQuantity = phpToInt(params.stock_quantity);
      } else if (has(params, 'inventory_delta')) {
        product.stockQuantity = (product.stockQuantity ?? 0) + phpToInt(params.inventory_delta);
      }
    } else {
      product.manageStock = false;
      product.stockQuantity = null;
      if (product.type !== 'variable') setStockStatus(product, stockStatus);
    }
  } else if (product.type !== 'variable') {
    setStockStatus(product, stockStatus);
  }
}

function finishSave(
  store: WooStore,
  product: ProductRecord,
  before: ProductRecord | null,
  creating: boolean,
): void {
  const now = store.nowSec();
  const changed = {
    prices:
      before === null
        ? product.regularPrice !== '' || product.salePrice !== ''
        : before.regularPrice !== product.regularPrice || before.salePrice !== product.salePrice,
    dates:
      before === null
        ? product.dateOnSaleFrom !== null || product.dateOnSaleTo !== null
        : before.dateOnSaleFrom !== product.dateOnSaleFrom ||
          before.dateOnSaleTo !== product.dateOnSaleTo,
    type: before !== null && before.type !== product.type,
  };
  syncPriceAfterSave(product, changed, now);
  validateStockProps(product, store.settings.outOfStockThreshold);
  if (product.type !== 'variation') {
    const slugSource = product.slug !== '' ? product.slug : product.name;
    const publishedNow = !['draft', 'pending', 'auto-draft'].includes(product.status);
    if (product.slug !== '' || publishedNow) {
      product.slug = uniqueProductSlug(store, product, slugSource);
    }
  }
  if (creating) product.dateCreated = product.dateCreated || now;
  product.dateModified = now;
}

function applyCategories(
  store: WooStore,
  product: ProductRecord,
  params: ProductParams,
  creating: boolean,
): void {
  let requested: number[] | null = null;
  if (Array.isArray(params.categories)) {
    requested = [];
    for (const c of params.categories) {
      if (c !== null && typeof c === 'object') {
        requested.push(phpToInt((c as Record<string, unknown>).id));
      }
    }
    requested = [...new Set(requested)];
  }
  if (requested === null && !creating) return;
  let ids = requested ?? [];
  if (ids.length === 0) ids = [store.settings.defaultCategoryId];
  product.categoryIds = ids.filter((id) => store.state.categories.has(id));
}

/**
 * Creates a product from REST parameters (`POST /products`, batch create, seeding).
 * Throws {@link WooRestError} (nothing is stored) on invalid data.
 */
export function createProduct(
  store: WooStore,
  params: ProductParams,
  options: ProductWriteOptions = {},
): ProductRecord {
  const typeParam = phpToString(params.type);
  const type: ProductType = (PRODUCT_TYPES as readonly string[]).includes(typeParam)
    ? (typeParam as ProductType)
    : 'simple';
  const product = newProductRecord(0, store.nowSec());
  product.type = type;
  product.dateCreated = 0;
  applyProductParams(store, product, params, true);
  if (product.name === '') product.name = 'Product';
  product.id = store.state.allocatePostId();
  finishSave(store, product, null, true);
  store.state.putProduct(product);
  if (!options.silent) store.emit('woocommerce_new_product', product.id, 'product');
  return product;
}

/**
 * Updates a product (`PUT /products/{id}`, batch update, admin edits). The record is
 * replaced only when every field applied without error.
 */
export function updateProduct(
  store: WooStore,
  existing: ProductRecord,
  params: ProductParams,
  options: ProductWriteOptions = {},
): ProductRecord {
  const product = structuredClone(existing);
  if (has(params, 'type')) {
    const t = phpToString(params.type);
    product.type = (PRODUCT_TYPES as readonly string[]).includes(t) ? (t as ProductType) : 'simple';
  }
  applyProductParams(store, product, params, false);
  finishSave(store, product, existing, false);
  if (product.type === 'variable') syncVariableParent(store.state, product);
  store.state.putProduct(product);
  if (!options.silent) store.emit('woocommerce_update_product', product.id, 'product');
  return product;
}

function applyProductParams(
  store: WooStore,
  product: ProductRecord,
  params: ProductParams,
  creating: boolean,
): void {
  if (has(params, 'name')) product.name = ksesPost(params.name);
  applyCommon(store, product, params);
  if (has(params, 'short_description'))
    product.shortDescription = ksesPost(params.short_description);
  if (has(params, 'status')) product.status = statusOrDraft(params.status);
  if (has(params, 'slug')) product.slug = phpToString(params.slug);
  if (has(params, 'reviews_allowed'))
    product.reviewsAllowed = wcStringToBool(params.reviews_allowed);
  if (has(params, 'catalog_visibility')) setCatalogVisibility(product, params.catalog_visibility);
  if (has(params, 'purchase_note')) product.purchaseNote = ksesPost(params.purchase_note);
  if (has(params, 'featured')) product.featured = wcStringToBool(params.featured);
  if (has(params, 'sold_individually'))
    product.soldIndividually = wcStringToBool(params.sold_individually);
  if (has(params, 'external_url')) product.externalUrl = phpToString(params.external_url);
  if (has(params, 'button_text')) product.buttonText = phpToString(params.button_text);
  if (has(params, 'parent_id')) product.parentId = phpToInt(params.parent_id);
  if (has(params, 'attributes')) product.attributes = readAttributes(params.attributes);
  if (has(params, 'default_attributes'))
    product.defaultAttributes = readAttributes(params.default_attributes);
  if (has(params, 'grouped_products')) product.groupedProducts = idList(params.grouped_products);
  if (has(params, 'upsell_ids')) product.upsellIds = idList(params.upsell_ids);
  if (has(params, 'cross_sell_ids')) product.crossSellIds = idList(params.cross_sell_ids);
  if (has(params, 'images')) product.images = readImages(store, params.images);
  if (product.type === 'variable' || product.type === 'grouped') {
    product.regularPrice = '';
    product.salePrice = '';
    product.dateOnSaleFrom = null;
    product.dateOnSaleTo = null;
    product.price = '';
  } else {
    applyPricesAndDates(store, product, params);
  }
  applyProductStock(store, product, params);
  applyCategories(store, product, params, creating);
}

/** Name of a variation: the parent's name plus its attribute options. */
function variationName(parent: ProductRecord, attributes: Record<string, unknown>[]): string {
  const options = attributes.map((a) => phpToString(a.option)).filter((o) => o !== '');
  return options.length > 0 ? `${parent.name} - ${options.join(', ')}` : parent.name;
}

function applyVariationParams(
  store: WooStore,
  variation: ProductRecord,
  params: ProductParams,
): void {
  if (has(params, 'status')) variation.status = statusOrDraft(params.status);
  applyCommon(store, variation, params);
  if (has(params, 'image')) {
    const images = readImages(store, [params.image]);
    variation.images = images.slice(0, 1);
  }
  if (has(params, 'attributes')) {
    variation.attributes = readAttributes(params.attributes).map((a) => ({
      id: phpToInt(a.id),
      name: phpToString(a.name),
      option: phpToString(a.option),
    }));
  }
  applyPricesAndDates(store, variation, params);
  if (has(params, 'manage_stock')) {
    variation.manageStock =
      params.manage_stock === 'parent' ? false : wcStringToBool(params.manage_stock);
  }
  if (has(params, 'backorders')) variation.backorders = phpToString(params.backorders);
  if (variation.manageStock) {
    if (has(params, 'stock_quantity')) variation.stockQuantity = phpToInt(params.stock_quantity);
    else if (has(params, 'inventory_delta')) {
      variation.stockQuantity = (variation.stockQuantity ?? 0) + phpToInt(params.inventory_delta);
    }
  } else {
    variation.backorders = 'no';
    variation.stockQuantity = null;
  }
  if (has(params, 'stock_status')) setStockStatus(variation, params.stock_status);
}

function syncParentAfterVariationChange(store: WooStore, parentId: number, silent: boolean): void {
  const parent = store.state.products.get(parentId);
  if (parent?.type !== 'variable') return;
  const updated = structuredClone(parent);
  syncVariableParent(store.state, updated);
  updated.dateModified = store.nowSec();
  store.state.putProduct(updated);
  if (!silent) store.emit('woocommerce_update_product', updated.id, 'product');
}

/** Creates a variation of a variable product (`POST /products/{id}/variations`). */
export function createVariation(
  store: WooStore,
  parent: ProductRecord,
  params: ProductParams,
  options: ProductWriteOptions = {},
): ProductRecord {
  const variation = newProductRecord(0, store.nowSec());
  variation.type = 'variation';
  variation.parentId = parent.id;
  variation.taxClass = 'parent';
  variation.dateCreated = 0;
  applyVariationParams(store, variation, params);
  variation.name = variationName(parent, variation.attributes);
  variation.id = store.state.allocatePostId();
  finishSave(store, variation, null, true);
  store.state.putProduct(variation);
  if (!options.silent)
    store.emit('woocommerce_new_product_variation', variation.id, 'product_variation');
  syncParentAfterVariationChange(store, parent.id, options.silent === true);
  return variation;
}

/** Updates a variation (`PUT /products/{id}/variations/{vid}`). */
export function updateVariation(
  store: WooStore,
  existing: ProductRecord,
  params: ProductParams,
  options: ProductWriteOptions = {},
): ProductRecord {
  const variation = structuredClone(existing);
  applyVariationParams(store, variation, params);
  const parent = store.state.products.get(variation.parentId);
  if (parent) variation.name = variationName(parent, variation.attributes);
  finishSave(store, variation, existing, false);
  store.state.putProduct(variation);
  if (!options.silent)
    store.emit('woocommerce_update_product_variation', variation.id, 'product_variation');
  syncParentAfterVariationChange(store, variation.parentId, options.silent === true);
  return variation;
}

/** Moves a product to the trash (`wp_trash_post`): fires `product.deleted`. */
export function trashProduct(store: WooStore, product: ProductRecord): ProductRecord {
  const trashed = structuredClone(product);
  trashed.trashedFromStatus = product.status;
  trashed.status = 'trash';
  trashed.dateModified = store.nowSec();
  store.state.putProduct(trashed);
  store.emit(
    'wp_trash_post',
    trashed.id,
    trashed.type === 'variation' ? 'product_variation' : 'product',
  );
  return trashed;
}

/** Restores a trashed product (`untrashed_post`): fires `product.restored`. */
export function untrashProduct(store: WooStore, product: ProductRecord): ProductRecord {
  const restored = structuredClone(product);
  restored.status = product.trashedFromStatus ?? 'draft';
  restored.trashedFromStatus = null;
  restored.dateModified = store.nowSec();
  store.state.putProduct(restored);
  store.emit('untrashed_post', restored.id, 'product');
  return restored;
}

/** Deletes a product permanently (variations of a variable product too). No webhook. */
export function deleteProductPermanently(store: WooStore, product: ProductRecord): void {
  if (product.type === 'variable') {
    for (const childId of store.state.childIdsOf(product.id)) store.state.deleteProduct(childId);
  }
  store.state.deleteProduct(product.id);
  if (product.type === 'variation') syncParentAfterVariationChange(store, product.parentId, false);
}

/**
 * `wc_update_product_stock`: changes a managed product's stock by `delta`, recomputes its
 * stock status, saves it (bumping `date_modified`) and fires the update hook.
 */
export function changeStock(
  store: WooStore,
  productId: number,
  delta: number,
): ProductRecord | null {
  const existing = store.state.products.get(productId);
  if (!existing?.manageStock) return null;
  const product = structuredClone(existing);
  product.stockQuantity = (product.stockQuantity ?? 0) + delta;
  validateStockProps(product, store.settings.outOfStockThreshold);
  product.dateModified = store.nowSec();
  store.state.putProduct(product);
  if (product.type === 'variation') {
    store.emit('woocommerce_update_product_variation', product.id, 'product_variation');
    syncParentAfterVariationChange(store, product.parentId, false);
  } else {
    store.emit('woocommerce_update_product', product.id, 'product');
  }
  return product;
}
