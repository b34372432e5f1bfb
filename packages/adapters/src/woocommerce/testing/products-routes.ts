/**
 * `/products` and `/products/{id}/variations` routes (v3).
 *
 * Internal module.
 */
import { runBatch } from './batch.js';
import { collectionArgs, filterCommon, paginate, sortItems } from './collection.js';
import { WooRestError } from './errors.js';
import { phpToFloat, phpToInt, phpToString, restSanitizeBoolean } from './php.js';
import { productToJson, type RestContext, variationToJson } from './product-json.js';
import { isOnSale } from './product-rules.js';
import {
  createProduct,
  createVariation,
  deleteProductPermanently,
  trashProduct,
  updateProduct,
  updateVariation,
} from './product-writes.js';
import {
  type RestResult,
  type RouteContext,
  type RouteDefinition,
  requirePermission,
  route,
} from './router.js';
import type { ProductRecord } from './store-state.js';
import { trashOrDelete } from './trash-or-delete.js';
import { type ArgSchema, type ArgSchemas, wpParseIdList } from './validation.js';
import type { WooStore } from './woo-store.js';

const PRODUCT_STATUS_ENUM = ['draft', 'pending', 'private', 'publish', 'future'];

const stringArg: ArgSchema = { type: 'string' };
const boolArg: ArgSchema = { type: 'boolean' };
const intArg: ArgSchema = { type: 'integer' };
const undatedArg: ArgSchema = { type: ['date-time', 'null'] };

const termRefs: ArgSchema = {
  type: 'array',
  items: { type: 'object', properties: { id: intArg, name: stringArg, slug: stringArg } },
};
const metaArg: ArgSchema = {
  type: 'array',
  items: { type: 'object', properties: { key: stringArg, value: { type: 'mixed' } } },
};
const dimensionsArg: ArgSchema = {
  type: 'object',
  properties: { length: stringArg, width: stringArg, height: stringArg },
};
const imageArg: ArgSchema = {
  type: 'object',
  properties: {
    id: intArg,
    src: { type: 'string', format: 'uri' },
    name: stringArg,
    alt: stringArg,
  },
};

/** Writable product properties in schema order; `defaults` only on create. */
function productWriteArgs(creating: boolean): ArgSchemas {
  const d = <T>(value: T): { default?: T } => (creating ? { default: value } : {});
  return {
    name: stringArg,
    slug: stringArg,
    date_created: undatedArg,
    date_created_gmt: undatedArg,
    type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'], ...d('simple') },
    status: { type: 'string', enum: PRODUCT_STATUS_ENUM, ...d('publish') },
    featured: { ...boolArg, ...d(false) },
    catalog_visibility: {
      type: 'string',
      enum: ['visible', 'catalog', 'search', 'hidden'],
      ...d('visible'),
    },
    description: stringArg,
    short_description: stringArg,
    sku: stringArg,
    global_unique_id: stringArg,
    regular_price: stringArg,
    sale_price: stringArg,
    date_on_sale_from: undatedArg,
    date_on_sale_from_gmt: undatedArg,
    date_on_sale_to: undatedArg,
    date_on_sale_to_gmt: undatedArg,
    virtual: { ...boolArg, ...d(false) },
    downloadable: { ...boolArg, ...d(false) },
    external_url: { type: 'string', format: 'uri' },
    button_text: stringArg,
    tax_status: { type: 'string', enum: ['taxable', 'shipping', 'none'], ...d('taxable') },
    tax_class: stringArg,
    manage_stock: { ...boolArg, ...d(false) },
    stock_quantity: intArg,
    backorders: { type: 'string', enum: ['no', 'notify', 'yes'], ...d('no') },
    low_stock_amount: { type: ['integer', 'null'] },
    sold_individually: { ...boolArg, ...d(false) },
    weight: stringArg,
    dimensions: dimensionsArg,
    shipping_class: stringArg,
    reviews_allowed: { ...boolArg, ...d(true) },
    upsell_ids: { type: 'array', items: intArg },
    cross_sell_ids: { type: 'array', items: intArg },
    parent_id: intArg,
    purchase_note: stringArg,
    categories: termRefs,
    tags: termRefs,
    images: { type: 'array', items: imageArg },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: intArg,
          name: stringArg,
          position: intArg,
          visible: boolArg,
          variation: boolArg,
          options: { type: 'array', items: stringArg },
        },
      },
    },
    default_attributes: {
      type: 'array',
      items: { type: 'object', properties: { id: intArg, name: stringArg, option: stringArg } },
    },
    menu_order: intArg,
    meta_data: metaArg,
    stock_status: {
      type: 'string',
      enum: ['instock', 'outofstock', 'onbackorder'],
      ...d('instock'),
    },
    grouped_products: { type: 'array', items: intArg },
  };
}

/** Writable variation properties; defaults only on create. */
function variationWriteArgs(creating: boolean): ArgSchemas {
  const d = <T>(value: T): { default?: T } => (creating ? { default: value } : {});
  return {
    description: stringArg,
    sku: stringArg,
    global_unique_id: stringArg,
    regular_price: stringArg,
    sale_price: stringArg,
    date_on_sale_from: undatedArg,
    date_on_sale_from_gmt: undatedArg,
    date_on_sale_to: undatedArg,
    date_on_sale_to_gmt: undatedArg,
    status: { type: 'string', enum: ['draft', 'pending', 'private', 'publish'], ...d('publish') },
    virtual: { ...boolArg, ...d(false) },
    downloadable: { ...boolArg, ...d(false) },
    tax_status: { type: 'string', enum: ['taxable', 'shipping', 'none'], ...d('taxable') },
    tax_class: stringArg,
    manage_stock: { ...boolArg, ...d(false) },
    stock_quantity: intArg,
    stock_status: {
      type: 'string',
      enum: ['instock', 'outofstock', 'onbackorder'],
      ...d('instock'),
    },
    backorders: { type: 'string', enum: ['no', 'notify', 'yes'], ...d('no') },
    low_stock_amount: { type: ['integer', 'null'] },
    weight: stringArg,
    dimensions: dimensionsArg,
    shipping_class: stringArg,
    image: imageArg,
    attributes: {
      type: 'array',
      items: { type: 'object', properties: { id: intArg, name: stringArg, option: stringArg } },
    },
    menu_order: intArg,
    meta_data: metaArg,
  };
}

function defaultsOf(args: ArgSchemas): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v.default !== undefined) out[k] = v.default;
  return out;
}

const contextArg: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'], default: 'view' },
};

const productListArgs = collectionArgs(
  [
    'date',
    'id',
    'include',
    'title',
    'slug',
    'modified',
    'menu_order',
    'price',
    'popularity',
    'rating',
  ],
  {
    parent: { type: 'array', items: intArg, default: [], sanitize: 'id-list' },
    parent_exclude: { type: 'array', items: intArg, default: [], sanitize: 'id-list' },
    slug: stringArg,
    status: {
      type: 'string',
      enum: ['any', 'future', 'trash', ...PRODUCT_STATUS_ENUM],
      default: 'any',
    },
    type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'] },
    sku: stringArg,
    featured: boolArg,
    category: stringArg,
    tag: stringArg,
    on_sale: boolArg,
    min_price: stringArg,
    max_price: stringArg,
    stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
    virtual: boolArg,
    downloadable: boolArg,
  },
);

function context(ctx: RouteContext): RestContext {
  return ctx.params.context === 'edit' ? 'edit' : 'view';
}

function matchesSearch(p: ProductRecord, search: string): boolean {
  const haystack = `${p.name}\n${p.description}\n${p.shortDescription}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => haystack.includes(w));
}

const listCache = new WeakMap<WooStore, Map<string, { version: number; ids: number[] }>>();

function listProducts(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'list');
  const { store, params } = ctx;
  const cacheKey = JSON.stringify(
    Object.entries(params)
      .filter(([k]) => !['page', 'offset', 'context', '_fields', 'per_page'].includes(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  let cache = listCache.get(store);
  if (!cache) {
    cache = new Map();
    listCache.set(store, cache);
  }
  const hit = cache.get(cacheKey);
  let ids: number[];
  if (hit && hit.version === store.state.catalogVersion && !ctx.params.on_sale) {
    ids = hit.ids;
  } else {
    ids = queryProducts(ctx).map((p) => p.id);
    if (cache.size > 200) cache.clear();
    cache.set(cacheKey, { version: store.state.catalogVersion, ids });
  }
  const ctxName = context(ctx);
  return paginate(ctx, ids, (id) => {
    const p = store.state.products.get(id) as ProductRecord;
    return productToJson(store, p, ctxName);
  });
}

function queryProducts(ctx: RouteContext): ProductRecord[] {
  const { store, params } = ctx;
  const now = store.nowSec();
  const skuParam = phpToString(params.sku);
  let candidates: Iterable<ProductRecord>;
  let skuSet: Set<number> | null = null;
  if (skuParam !== '') {
    const skus = skuParam.split(',');
    if (skus.length > 1) skus.push(skuParam);
    skuSet = new Set(skus.flatMap((s) => store.state.findProductIdsBySku(s)));
    candidates = [...skuSet]
      .map((id) => store.state.products.get(id))
      .filter((p): p is ProductRecord => !!p);
  } else {
    candidates = store.state.products.values();
  }
  const status = phpToString(params.status ?? 'any');
  const type = params.type === undefined ? null : phpToString(params.type);
  const categories = params.category === undefined ? null : wpParseIdList(params.category);
  const parents = (params.parent as number[] | undefined) ?? [];
  const parentExclude = (params.parent_exclude as number[] | undefined) ?? [];
  const search = phpToString(params.search ?? '');
  const slug = params.slug === undefined ? null : String(params.slug).split(',');
  const minPrice = params.min_price === undefined ? null : phpToFloat(params.min_price);
  const maxPrice = params.max_price === undefined ? null : phpToFloat(params.max_price);
  const filtered: ProductRecord[] = [];
  for (const p of candidates) {
    if (p.type === 'variation' && skuSet === null) continue;
    if (status === 'any') {
      if (p.status === 'trash' || p.status === 'auto-draft') continue;
    } else if (p.status !== status) continue;
    if (type !== null && p.type !== type) continue;
    if (params.featured !== undefined && p.featured !== restSanitizeBoolean(params.featured))
      continue;
    if (params.virtual !== undefined && p.virtual !== restSanitizeBoolean(params.virtual)) continue;
    if (
      params.downloadable !== undefined &&
      p.downloadable !== restSanitizeBoolean(params.downloadable)
    )
      continue;
    if (params.stock_status !== undefined && p.stockStatus !== params.stock_status) continue;
    if (params.on_sale !== undefined && isOnSale(p, now) !== restSanitizeBoolean(params.on_sale))
      continue;
    if (categories && !p.categoryIds.some((c) => categories.includes(c))) continue;
    if (parents.length > 0 && !parents.includes(p.parentId)) continue;
    if (parentExclude.includes(p.parentId)) continue;
    if (slug && !slug.includes(p.slug)) continue;
    if (minPrice !== null && !(p.price !== '' && phpToFloat(p.price) >= minPrice)) continue;
    if (maxPrice !== null && !(p.price !== '' && phpToFloat(p.price) <= maxPrice)) continue;
    if (search !== '' && !matchesSearch(p, search)) continue;
    filtered.push(p);
  }
  const common = filterCommon(ctx, filtered, {
    id: (p) => p.id,
    created: (p) => p.dateCreated,
    modified: (p) => p.dateModified,
  });
  return sortItems(ctx, common, {
    id: (p) => p.id,
    created: (p) => p.dateCreated,
    modified: (p) => p.dateModified,
    sortValue: (p, orderby) => {
      switch (orderby) {
        case 'title':
          return p.name;
        case 'slug':
          return p.slug;
        case 'menu_order':
          return p.menuOrder;
        case 'price':
          return phpToFloat(p.price);
        case 'popularity':
          return p.totalSales;
        default:
          return p.id;
      }
    },
  });
}

function productInvalidId(status: number): WooRestError {
  return new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', { status });
}

function variationEndpointError(): WooRestError {
  return new WooRestError(
    'woocommerce_rest_invalid_product_id',
    'To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.',
    { status: 404 },
  );
}

function getProduct(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  const p = ctx.store.state.products.get(id);
  if (p) requirePermission(ctx, 'view');
  if (!p) throw productInvalidId(404);
  return { status: 200, data: productToJson(ctx.store, p, context(ctx)) };
}

function createProductRoute(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'create');
  if (
    ctx.params.id !== undefined &&
    ctx.params.id !== null &&
    ctx.params.id !== 0 &&
    ctx.params.id !== ''
  ) {
    throw new WooRestError('woocommerce_rest_product_exists', 'Cannot create existing product.', {
      status: 400,
    });
  }
  const p = createProduct(ctx.store, ctx.params);
  return {
    status: 201,
    data: productToJson(ctx.store, p, 'edit'),
    headers: { Location: ctx.store.restUrl(`/wc/v3/products/${p.id}`) },
  };
}

function updateProductById(
  ctx: RouteContext,
  id: number,
  params: Record<string, unknown>,
): ProductRecord {
  const existing = ctx.store.state.products.get(id);
  if (existing?.type === 'variation') throw variationEndpointError();
  if (!existing) throw productInvalidId(400);
  return updateProduct(ctx.store, existing, params);
}

function updateProductRoute(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  if (ctx.store.state.products.has(id)) requirePermission(ctx, 'edit');
  const p = updateProductById(ctx, id, ctx.params);
  return { status: 200, data: productToJson(ctx.store, p, 'edit') };
}

function deleteProductById(ctx: RouteContext, id: number, force: boolean): Record<string, unknown> {
  const p = ctx.store.state.products.get(id);
  if (!p) throw productInvalidId(404);
  if (p.type === 'variation') throw variationEndpointError();
  return trashOrDelete(p, {
    postType: 'product',
    force,
    toJson: (product) => productToJson(ctx.store, product, 'edit'),
    deletePermanently: (product) => deleteProductPermanently(ctx.store, product),
    trash: (product) => trashProduct(ctx.store, product),
  });
}

function deleteProductRoute(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  if (ctx.store.state.products.has(id)) requirePermission(ctx, 'delete');
  return { status: 200, data: deleteProductById(ctx, id, ctx.params.force === true) };
}

function batchProducts(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'batch');
  const store = ctx.store;
  return runBatch(ctx, {
    createDefaults: defaultsOf(productWriteArgs(true)),
    create: (item) => {
      if (item.id !== undefined && item.id !== null && item.id !== 0 && item.id !== '') {
        throw new WooRestError(
          'woocommerce_rest_product_exists',
          'Cannot create existing product.',
          {
            status: 400,
          },
        );
      }
      return productToJson(store, createProduct(store, item), 'edit');
    },
    update: (item) => productToJson(store, updateProductById(ctx, phpToInt(item.id), item), 'edit'),
    delete: (id) => deleteProductById(ctx, id, true),
  });
}

// Variations -----------------------------------------------------------------------------

function variationInvalidId(status: number): WooRestError {
  return new WooRestError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', {
    status,
  });
}

function parentOf(ctx: RouteContext): ProductRecord {
  const parent = ctx.store.state.products.get(phpToInt(ctx.params.product_id));
  if (!parent || parent.type === 'variation') {
    throw new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', { status: 404 });
  }
  return parent;
}

function variationOf(ctx: RouteContext, id: number, missingStatus: number): ProductRecord {
  const v = ctx.store.state.products.get(id);
  if (v?.type !== 'variation') throw variationInvalidId(missingStatus);
  if (v.parentId !== phpToInt(ctx.params.product_id)) {
    throw new WooRestError(
      'woocommerce_rest_cannot_view',
      'Parent product does not match current variation.',
      {
        status: ctx.user ? 403 : 401,
      },
    );
  }
  return v;
}

function listVariations(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'list');
  const parent = parentOf(ctx);
  const store = ctx.store;
  const status = phpToString(ctx.params.status ?? 'any');
  const sku = ctx.params.sku === undefined ? null : phpToString(ctx.params.sku);
  const items = store.state
    .childIdsOf(parent.id)
    .map((id) => store.state.products.get(id))
    .filter((v): v is ProductRecord => v !== undefined)
    .filter((v) => (status === 'any' ? v.status !== 'trash' : v.status === status))
    .filter((v) => sku === null || v.sku.toLowerCase() === sku.toLowerCase());
  const filtered = filterCommon(ctx, items, {
    id: (v) => v.id,
    created: (v) => v.dateCreated,
    modified: (v) => v.dateModified,
  });
  const sorted = sortItems(ctx, filtered, {
    id: (v) => v.id,
    created: (v) => v.dateCreated,
    modified: (v) => v.dateModified,
    sortValue: (v, orderby) =>
      orderby === 'menu_order' ? v.menuOrder : orderby === 'title' ? v.name : v.id,
  });
  const c = context(ctx);
  return paginate(ctx, sorted, (v) => variationToJson(store, v, c));
}

function getVariation(ctx: RouteContext): RestResult {
  const v = variationOf(ctx, phpToInt(ctx.params.id), 404);
  requirePermission(ctx, 'view');
  return { status: 200, data: variationToJson(ctx.store, v, context(ctx)) };
}

function createVariationRoute(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'create');
  const parent = parentOf(ctx);
  if (
    ctx.params.id !== undefined &&
    ctx.params.id !== null &&
    ctx.params.id !== 0 &&
    ctx.params.id !== ''
  ) {
    throw new WooRestError(
      'woocommerce_rest_product_variation_exists',
      'Cannot create existing product_variation.',
      {
        status: 400,
      },
    );
  }
  const v = createVariation(ctx.store, parent, ctx.params);
  return {
    status: 201,
    data: variationToJson(ctx.store, v, 'edit'),
    headers: { Location: ctx.store.restUrl(`/wc/v3/products/${parent.id}/variations/${v.id}`) },
  };
}

function updateVariationRoute(ctx: RouteContext): RestResult {
  const v = variationOf(ctx, phpToInt(ctx.params.id), 400);
  requirePermission(ctx, 'edit');
  return {
    status: 200,
    data: variationToJson(ctx.store, updateVariation(ctx.store, v, ctx.params), 'edit'),
  };
}

function deleteVariationRoute(ctx: RouteContext): RestResult {
  const v = variationOf(ctx, phpToInt(ctx.params.id), 404);
  requirePermission(ctx, 'delete');
  return { status: 200, data: deleteVariation(ctx, v, ctx.params.force === true) };
}

function deleteVariation(
  ctx: RouteContext,
  v: ProductRecord,
  force: boolean,
): Record<string, unknown> {
  return trashOrDelete(v, {
    postType: 'product_variation',
    force,
    toJson: (variation) => variationToJson(ctx.store, variation, 'edit'),
    deletePermanently: (variation) => deleteProductPermanently(ctx.store, variation),
    trash: (variation) => trashProduct(ctx.store, variation),
  });
}

function batchVariations(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'batch');
  const parent = parentOf(ctx);
  const store = ctx.store;
  return runBatch(ctx, {
    createDefaults: defaultsOf(variationWriteArgs(true)),
    create: (item) => variationToJson(store, createVariation(store, parent, item), 'edit'),
    update: (item) => {
      const v = variationOf(ctx, phpToInt(item.id), 400);
      return variationToJson(store, updateVariation(store, v, item), 'edit');
    },
    delete: (id) => deleteVariation(ctx, variationOf(ctx, id, 404), true),
  });
}

const forceArg: ArgSchemas = { force: { type: 'boolean', default: false } };
const variationListArgs = collectionArgs(
  ['date', 'id', 'include', 'title', 'slug', 'modified', 'menu_order'],
  {
    sku: stringArg,
    status: {
      type: 'string',
      enum: ['any', 'future', 'trash', ...PRODUCT_STATUS_ENUM],
      default: 'any',
    },
  },
);

/** The product routes. */
export function productRoutes(): RouteDefinition[] {
  return [
    route('/wc/v3/products', {
      GET: { args: productListArgs, handler: listProducts },
      POST: { args: productWriteArgs(true), handler: createProductRoute },
    }),
    route('/wc/v3/products/batch', {
      POST: { handler: batchProducts },
      PUT: { handler: batchProducts },
      PATCH: { handler: batchProducts },
    }),
    route('/wc/v3/products/(?P<id>[\\d]+)', {
      GET: { args: contextArg, handler: getProduct },
      PUT: { args: productWriteArgs(false), handler: updateProductRoute },
      PATCH: { args: productWriteArgs(false), handler: updateProductRoute },
      DELETE: { args: forceArg, handler: deleteProductRoute },
    }),
    route('/wc/v3/products/(?P<product_id>[\\d]+)/variations', {
      GET: { args: variationListArgs, handler: listVariations },
      POST: { args: variationWriteArgs(true), handler: createVariationRoute },
    }),
    route('/wc/v3/products/(?P<product_id>[\\d]+)/variations/batch', {
      POST: { handler: batchVariations },
      PUT: { handler: batchVariations },
      PATCH: { handler: batchVariations },
    }),
    route('/wc/v3/products/(?P<product_id>[\\d]+)/variations/(?P<id>[\\d]+)', {
      GET: { args: contextArg, handler: getVariation },
      PUT: { args: variationWriteArgs(false), handler: updateVariationRoute },
      PATCH: { args: variationWriteArgs(false), handler: updateVariationRoute },
      DELETE: { args: forceArg, handler: deleteVariationRoute },
    }),
  ];
}
