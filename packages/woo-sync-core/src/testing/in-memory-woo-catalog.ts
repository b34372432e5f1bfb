// Products, variations and categories of the in-memory store, with WooCommerce's write rules
// (reference: woocommerce-rest-api.md §4, §5 and the simulator checklist 13–31).

import type {
  UtcDateTime,
  WooCategory,
  WooCategoryDraft,
  WooCategoryPatch,
  WooItemError,
  WooMeta,
  WooProduct,
  WooProductFields,
  WooProductType,
} from '../ports/woocommerce-port.js';
import { compareDecimals } from './woo-decimal-math.js';
import { normalizeWooSku, toUtcSeconds } from './woo-store-rules.js';

/** The result of one write: the stored item, or the error WooCommerce would answer. */
export type CatalogWriteResult<T> = { ok: true; item: T } | { ok: false; error: WooItemError };

function itemError(
  code: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): { ok: false; error: WooItemError } {
  const resourceId = extra.resource_id;
  return {
    ok: false,
    error: {
      code,
      message,
      status,
      ...(typeof resourceId === 'number' ? { resourceId } : {}),
      data: { status, ...extra },
    },
  };
}

function copyProduct(product: WooProduct): WooProduct {
  return {
    ...product,
    categoryIds: [...product.categoryIds],
    meta: product.meta.map((entry) => ({ ...entry })),
  };
}

function upsertMeta(current: WooMeta[], changes: readonly WooMeta[]): WooMeta[] {
  const next = current.map((entry) => ({ ...entry }));
  for (const change of changes) {
    const existing = next.find((entry) => entry.key === change.key);
    if (existing) existing.value = change.value;
    else next.push({ key: change.key, value: change.value });
  }
  return next;
}

function slugify(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'category' : slug;
}

function toInstant(value: UtcDateTime | null | undefined): UtcDateTime | null {
  return value == null || value === '' ? null : toUtcSeconds(Date.parse(value));
}

/** The catalog half of the in-memory store. Every method returns copies. */
export class InMemoryWooCatalog {
  readonly #products = new Map<number, WooProduct>();
  readonly #categories = new Map<number, WooCategory>();
  readonly #nextId: () => number;
  readonly #now: () => UtcDateTime;
  /** The id of "Uncategorized", which products without categories end up in. */
  readonly defaultCategoryId: number;

  readonly #filterName: (name: string) => string;

  constructor(
    nextId: () => number,
    now: () => UtcDateTime,
    filterName: (name: string) => string = (name) => name,
  ) {
    this.#nextId = nextId;
    this.#now = now;
    this.#filterName = filterName;
    this.defaultCategoryId = nextId();
    this.#categories.set(this.defaultCategoryId, {
      id: this.defaultCategoryId,
      name: 'Uncategorized',
      slug: 'uncategorized',
      parentId: 0,
    });
  }

  /** Every product and variation, including trashed ones, by id. */
  allProducts(): WooProduct[] {
    return [...this.#products.values()].sort((a, b) => a.id - b.id).map(copyProduct);
  }

  product(id: number): WooProduct | undefined {
    const product = this.#products.get(id);
    return product && copyProduct(product);
  }

  allCategories(): WooCategory[] {
    return [...this.#categories.values()].sort((a, b) => a.id - b.id).map((c) => ({ ...c }));
  }

  /** The id of the live product or variation holding `sku` (trash ignored, `''` never held). */
  skuOwner(sku: string, exceptId?: number): number | undefined {
    const wanted = normalizeWooSku(sku);
    if (wanted === '') return undefined;
    for (const product of this.#products.values()) {
      if (product.id === exceptId || product.status === 'trash') continue;
      if (normalizeWooSku(product.sku) === wanted) return product.id;
    }
    return undefined;
  }

  createProduct(
    fields: WooProductFields & { name: string; sku: string },
    type: Exclude<WooProductType, 'variation'> = 'simple',
  ): CatalogWriteResult<WooProduct> {
    const product: WooProduct = {
      id: 0,
      parentId: 0,
      type,
      status: 'publish',
      sku: '',
      name: '',
      regularPrice: '',
      salePrice: '',
      saleFrom: null,
      saleTo: null,
      manageStock: false,
      stockQuantity: null,
      stockStatus: 'instock',
      categoryIds: [],
      meta: [],
      dateModified: this.#now(),
    };
    return this.#write(product, fields, true);
  }

  createVariation(parentId: number, fields: WooProductFields): CatalogWriteResult<WooProduct> {
    const parent = this.#products.get(parentId);
    if (parent?.type !== 'variable') {
      return itemError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404);
    }
    const variation: WooProduct = {
      id: 0,
      parentId,
      type: 'variation',
      status: 'publish',
      sku: '',
      name: parent.name,
      regularPrice: '',
      salePrice: '',
      saleFrom: null,
      saleTo: null,
      manageStock: false,
      stockQuantity: null,
      stockStatus: 'instock',
      categoryIds: [],
      meta: [],
      dateModified: this.#now(),
    };
    return this.#write(variation, fields, true);
  }

  /**
   * Updates a product (`parentId` absent or 0: the `/products` endpoint) or a variation
   * (`parentId` > 0: the parent's `/variations` endpoint), with the errors each endpoint gives.
   */
  updateProduct(
    id: number,
    parentId: number | undefined,
    fields: WooProductFields,
  ): CatalogWriteResult<WooProduct> {
    const existing = this.#products.get(id);
    if (parentId !== undefined && parentId > 0) {
      if (existing?.type !== 'variation' || existing.parentId !== parentId) {
        return itemError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 400);
      }
    } else {
      if (!existing) return itemError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 400);
      if (existing.type === 'variation') {
        return itemError(
          'woocommerce_rest_invalid_product_id',
          'To manipulate product variations you should use the /products/<product_id>/variations/<id> endpoint.',
          404,
        );
      }
    }
    return this.#write(copyProduct(existing), fields, false);
  }

  /** Moves a product to the trash; like WooCommerce, its variations go with it. */
  trashProduct(id: number): boolean {
    const product = this.#products.get(id);
    if (!product || product.type === 'variation' || product.status === 'trash') return false;
    for (const item of this.#products.values()) {
      if (item.id === id || item.parentId === id) {
        item.status = 'trash';
        item.dateModified = this.#now();
      }
    }
    return true;
  }

  /** Applies an order's stock change to a product that manages stock. */
  adjustStock(id: number, delta: number): void {
    const product = this.#products.get(id);
    if (!product?.manageStock) return;
    product.stockQuantity = (product.stockQuantity ?? 0) + delta;
    product.stockStatus = product.stockQuantity > 0 ? 'instock' : 'outofstock';
    product.dateModified = this.#now();
  }

  #write(
    target: WooProduct,
    fields: WooProductFields,
    isCreate: boolean,
  ): CatalogWriteResult<WooProduct> {
    if (fields.sku !== undefined) {
      const sku = fields.sku.trim();
      const owner = this.skuOwner(sku, isCreate ? undefined : target.id);
      if (owner !== undefined) {
        return itemError('product_invalid_sku', 'Invalid or duplicated SKU.', 400, {
          resource_id: owner,
          unique_sku: `${sku}-1`,
        });
      }
      target.sku = sku;
    }
    if (fields.name !== undefined) target.name = this.#filterName(fields.name);
    // WooCommerce saves a new product without a name as "Product".
    if (isCreate && target.type !== 'variation' && target.name === '') target.name = 'Product';
    if (fields.status !== undefined) target.status = fields.status;
    if (target.type === 'variable' || target.type === 'grouped') {
      // Prices live on the children.
      target.regularPrice = '';
      target.salePrice = '';
    } else {
      if (fields.regularPrice !== undefined) target.regularPrice = fields.regularPrice;
      if (fields.salePrice !== undefined) target.salePrice = fields.salePrice;
      if (
        target.salePrice !== '' &&
        compareDecimals(target.salePrice, target.regularPrice || '0') >= 0
      ) {
        // WooCommerce drops a sale price that is not below the regular price, silently.
        target.salePrice = '';
      }
    }
    if (fields.saleFrom !== undefined) target.saleFrom = toInstant(fields.saleFrom);
    if (fields.saleTo !== undefined) target.saleTo = toInstant(fields.saleTo);
    this.#applyStock(target, fields);
    if (target.type !== 'variation') {
      if (fields.categoryIds !== undefined) {
        target.categoryIds = fields.categoryIds.filter((id) => this.#categories.has(id));
      }
      if (target.categoryIds.length === 0) target.categoryIds = [this.defaultCategoryId];
    }
    if (fields.meta !== undefined) target.meta = upsertMeta(target.meta, fields.meta);
    if (isCreate) target.id = this.#nextId();
    target.dateModified = this.#now();
    this.#products.set(target.id, target);
    return { ok: true, item: copyProduct(target) };
  }

  #applyStock(target: WooProduct, fields: WooProductFields): void {
    if (fields.manageStock !== undefined) target.manageStock = fields.manageStock;
    if (!target.manageStock) {
      target.stockQuantity = null;
      if (fields.stockStatus !== undefined) target.stockStatus = fields.stockStatus;
      return;
    }
    if (fields.stockQuantity !== undefined) target.stockQuantity = fields.stockQuantity ?? 0;
    else target.stockQuantity ??= 0;
    // Managed stock: the status follows the quantity whatever was sent (no backorders here).
    target.stockStatus = (target.stockQuantity ?? 0) > 0 ? 'instock' : 'outofstock';
  }

  createCategory(draft: WooCategoryDraft): CatalogWriteResult<WooCategory> {
    const name = draft.name.trim();
    if (name === '') return itemError('empty_term_name', 'A name is required for this term.', 400);
    const parentId = draft.parentId ?? 0;
    if (parentId !== 0 && !this.#categories.has(parentId)) {
      return itemError('missing_parent', 'Parent term does not exist.', 400);
    }
    const wantedSlug = draft.slug?.trim() ? slugify(draft.slug) : undefined;
    const twin = [...this.#categories.values()].find(
      (category) =>
        category.parentId === parentId && category.name.toLowerCase() === name.toLowerCase(),
    );
    const slugTaken = (slug: string) =>
      [...this.#categories.values()].some((category) => category.slug === slug);
    if (twin && (wantedSlug === undefined || slugTaken(wantedSlug))) {
      return itemError(
        'term_exists',
        'A term with the name provided already exists with this parent.',
        400,
        { resource_id: twin.id },
      );
    }
    let slug = wantedSlug ?? slugify(name);
    if (slugTaken(slug)) {
      const parent = this.#categories.get(parentId);
      if (parent && !slugTaken(`${slug}-${parent.slug}`)) slug = `${slug}-${parent.slug}`;
      else {
        let suffix = 2;
        while (slugTaken(`${slug}-${suffix}`)) suffix += 1;
        slug = `${slug}-${suffix}`;
      }
    }
    const category: WooCategory = { id: this.#nextId(), name, slug, parentId };
    this.#categories.set(category.id, category);
    return { ok: true, item: { ...category } };
  }

  updateCategory(patch: WooCategoryPatch): CatalogWriteResult<WooCategory> {
    const category = this.#categories.get(patch.id);
    if (!category)
      return itemError('woocommerce_rest_term_invalid', 'Resource does not exist.', 404);
    if (patch.parentId !== undefined && patch.parentId !== 0) {
      if (!this.#categories.has(patch.parentId)) {
        return itemError('missing_parent', 'Parent term does not exist.', 400);
      }
    }
    if (patch.name !== undefined) category.name = patch.name.trim();
    if (patch.parentId !== undefined) category.parentId = patch.parentId;
    return { ok: true, item: { ...category } };
  }
}
