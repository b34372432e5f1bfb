/**
 * `/products/categories` routes (terms controller).
 *
 * Internal module.
 */
import { runBatch } from './batch.js';
import {
  categoryCounts,
  categoryToJson,
  createCategory,
  deleteCategory,
  updateCategory,
} from './categories.js';
import { linkHeader } from './collection.js';
import { WooRestError } from './errors.js';
import { phpToInt, phpToString, restSanitizeBoolean } from './php.js';
import {
  type RestResult,
  type RouteContext,
  type RouteDefinition,
  requireCapability,
  route,
} from './router.js';
import type { CategoryRecord } from './store-state.js';
import type { ArgSchemas } from './validation.js';

const termInvalid = (): WooRestError =>
  new WooRestError('woocommerce_rest_term_invalid', 'Resource does not exist.', { status: 404 });

function categoryOf(ctx: RouteContext, id: number): CategoryRecord {
  const c = ctx.store.state.categories.get(id);
  if (!c) throw termInvalid();
  return c;
}

const writeArgs = (creating: boolean): ArgSchemas => ({
  name: { type: 'string', required: creating },
  slug: { type: 'string' },
  parent: { type: 'integer' },
  description: { type: 'string' },
  display: {
    type: 'string',
    enum: ['default', 'products', 'subcategories', 'both'],
    ...(creating ? { default: 'default' } : {}),
  },
  image: {
    type: ['object', 'null'],
    properties: {
      id: { type: 'integer' },
      src: { type: 'string' },
      name: { type: 'string' },
      alt: { type: 'string' },
    },
  },
  menu_order: { type: 'integer' },
});

const listArgs: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'], default: 'view' },
  page: { type: 'integer', default: 1, minimum: 1 },
  per_page: { type: 'integer', default: 10, minimum: 1, maximum: 100 },
  search: { type: 'string' },
  exclude: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
  include: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
  offset: { type: 'integer' },
  order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
  orderby: {
    type: 'string',
    enum: ['id', 'include', 'name', 'slug', 'term_group', 'description', 'count'],
    default: 'name',
  },
  hide_empty: { type: 'boolean', default: false },
  parent: { type: 'integer' },
  product: { type: 'integer' },
  slug: { type: 'string' },
};

const collator = new Intl.Collator('en', { sensitivity: 'base' });

function listCategories(ctx: RouteContext): RestResult {
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  const { store, params } = ctx;
  const counts = categoryCounts(store);
  const include = (params.include as number[]) ?? [];
  const exclude = (params.exclude as number[]) ?? [];
  const search = phpToString(params.search ?? '').toLowerCase();
  const slugs = params.slug === undefined ? null : phpToString(params.slug).split(',');
  const product =
    params.product === undefined ? null : store.state.products.get(phpToInt(params.product));
  let items = [...store.state.categories.values()].filter((c) => {
    if (include.length > 0 && !include.includes(c.id)) return false;
    if (exclude.includes(c.id)) return false;
    if (params.parent !== undefined && c.parent !== phpToInt(params.parent)) return false;
    if (restSanitizeBoolean(params.hide_empty) && !(counts.get(c.id) ?? 0)) return false;
    if (search !== '' && !c.name.toLowerCase().includes(search) && !c.slug.includes(search))
      return false;
    if (slugs && !slugs.includes(c.slug)) return false;
    if (params.product !== undefined && !(product?.categoryIds.includes(c.id) ?? false))
      return false;
    return true;
  });
  const orderby = phpToString(params.orderby ?? 'name');
  const dir = params.order === 'desc' ? -1 : 1;
  items = items.sort((a, b) => {
    let c = 0;
    if (orderby === 'include') c = include.indexOf(a.id) - include.indexOf(b.id);
    else if (orderby === 'slug') c = collator.compare(a.slug, b.slug);
    else if (orderby === 'description') c = collator.compare(a.description, b.description);
    else if (orderby === 'count') c = (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0);
    else if (orderby === 'id' || orderby === 'term_group') c = a.id - b.id;
    else c = collator.compare(a.name, b.name);
    return (c || a.id - b.id) * dir;
  });
  const perPage = phpToInt(params.per_page ?? 10) || 10;
  const page = phpToInt(params.page ?? 1) || 1;
  const offset = params.offset !== undefined ? phpToInt(params.offset) : (page - 1) * perPage;
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const headers: Record<string, string> = {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
  };
  const link = linkHeader(ctx, page, totalPages);
  if (link) headers.Link = link;
  return {
    status: 200,
    data: items.slice(offset, offset + perPage).map((c) => categoryToJson(store, c)),
    headers,
  };
}

function getCategoryRoute(ctx: RouteContext): RestResult {
  const c = categoryOf(ctx, phpToInt(ctx.params.id));
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  return { status: 200, data: categoryToJson(ctx.store, c) };
}

function createCategoryRoute(ctx: RouteContext): RestResult {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_create',
    'Sorry, you are not allowed to create resources.',
  );
  const c = createCategory(ctx.store, ctx.params);
  return {
    status: 201,
    data: categoryToJson(ctx.store, c),
    headers: { Location: ctx.store.restUrl(`/wc/v3/products/categories/${c.id}`) },
  };
}

function updateCategoryRoute(ctx: RouteContext): RestResult {
  const c = categoryOf(ctx, phpToInt(ctx.params.id));
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_edit',
    'Sorry, you are not allowed to edit this resource.',
  );
  return { status: 200, data: categoryToJson(ctx.store, updateCategory(ctx.store, c, ctx.params)) };
}

function deleteCategoryById(
  ctx: RouteContext,
  id: number,
  force: boolean,
): Record<string, unknown> {
  if (!force) {
    throw new WooRestError(
      'woocommerce_rest_trash_not_supported',
      'Resource does not support trashing.',
      {
        status: 501,
      },
    );
  }
  const c = categoryOf(ctx, id);
  if (id === ctx.store.settings.defaultCategoryId) {
    throw new WooRestError(
      'woocommerce_rest_cannot_delete',
      'Default product category cannot be deleted.',
      {
        status: 500,
      },
    );
  }
  const before = categoryToJson(ctx.store, c);
  deleteCategory(ctx.store, c);
  return before;
}

function deleteCategoryRoute(ctx: RouteContext): RestResult {
  categoryOf(ctx, phpToInt(ctx.params.id));
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_delete',
    'Sorry, you are not allowed to delete this resource.',
  );
  return {
    status: 200,
    data: deleteCategoryById(ctx, phpToInt(ctx.params.id), ctx.params.force === true),
  };
}

function batchCategories(ctx: RouteContext): RestResult {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_batch',
    'Sorry, you are not allowed to batch manipulate this resource.',
  );
  const store = ctx.store;
  return runBatch(ctx, {
    createDefaults: { display: 'default' },
    create: (item) => categoryToJson(store, createCategory(store, item)),
    update: (item) =>
      categoryToJson(store, updateCategory(store, categoryOf(ctx, phpToInt(item.id)), item)),
    delete: (id) => deleteCategoryById(ctx, id, true),
  });
}

/** The category routes. */
export function categoryRoutes(): RouteDefinition[] {
  return [
    route('/wc/v3/products/categories', {
      GET: { args: listArgs, handler: listCategories },
      POST: { args: writeArgs(true), handler: createCategoryRoute },
    }),
    route('/wc/v3/products/categories/batch', {
      POST: { handler: batchCategories },
      PUT: { handler: batchCategories },
      PATCH: { handler: batchCategories },
    }),
    route('/wc/v3/products/categories/(?P<id>[\\d]+)', {
      GET: {
        args: { context: { type: 'string', enum: ['view', 'edit'], default: 'view' } },
        handler: getCategoryRoute,
      },
      PUT: { args: writeArgs(false), handler: updateCategoryRoute },
      PATCH: { args: writeArgs(false), handler: updateCategoryRoute },
      DELETE: {
        args: { force: { type: 'boolean', default: false } },
        handler: deleteCategoryRoute,
      },
    }),
  ];
}
