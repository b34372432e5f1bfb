/**
 * Collection reads shared by every list route: common arguments, date filters
 * (`WP_Date_Query`, exclusive bounds, `dates_are_gmt`), ordering with id tie-breaks, and
 * pagination with `X-WP-Total`, `X-WP-TotalPages` and a prev/next `Link` header built from
 * every incoming query parameter.
 *
 * Internal module.
 */
import { dateQueryBound } from './dates.js';
import { parsePhpQuery, phpBuildQuery, phpToInt } from './php.js';
import type { RestResult, RouteContext } from './router.js';
import type { ArgSchema, ArgSchemas } from './validation.js';

/** Common collection arguments of posts-backed resources (`get_collection_params`). */
export function collectionArgs(orderby: readonly string[], extra: ArgSchemas = {}): ArgSchemas {
  const dateArg: ArgSchema = { type: 'string', format: 'date-time' };
  return {
    context: { type: 'string', enum: ['view', 'edit'], default: 'view' },
    page: { type: 'integer', default: 1, minimum: 1 },
    per_page: { type: 'integer', default: 10, minimum: 1, maximum: 100 },
    search: { type: 'string' },
    after: dateArg,
    before: dateArg,
    modified_after: dateArg,
    modified_before: dateArg,
    dates_are_gmt: { type: 'boolean', default: false },
    exclude: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
    include: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
    offset: { type: 'integer' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
    orderby: { type: 'string', enum: orderby, default: 'date' },
    ...extra,
  };
}

/** How to read the common fields of a collection item. */
export interface ItemAccessors<T> {
  id(item: T): number;
  created?(item: T): number;
  modified?(item: T): number;
  sortValue?(item: T, orderby: string): string | number;
}

/** Applies `include`, `exclude` and the four date bounds. */
export function filterCommon<T>(ctx: RouteContext, items: Iterable<T>, acc: ItemAccessors<T>): T[] {
  const { params } = ctx;
  const include = (params.include as number[] | undefined) ?? [];
  const exclude = (params.exclude as number[] | undefined) ?? [];
  const gmt = params.dates_are_gmt === true;
  const tz = ctx.store.tz;
  const bound = (name: string): number | null => {
    const v = params[name];
    return typeof v === 'string' ? dateQueryBound(v, tz) : null;
  };
  const after = bound('after');
  const before = bound('before');
  const modAfter = bound('modified_after');
  const modBefore = bound('modified_before');
  const wall = (epoch: number): number => (gmt ? epoch : tz.toWall(epoch));
  const includeSet = include.length > 0 ? new Set(include) : null;
  const excludeSet = exclude.length > 0 ? new Set(exclude) : null;
  const out: T[] = [];
  for (const item of items) {
    const id = acc.id(item);
    if (includeSet && !includeSet.has(id)) continue;
    if (excludeSet?.has(id)) continue;
    if ((after !== null || before !== null) && acc.created) {
      const c = wall(acc.created(item));
      if (after !== null && !(c > after)) continue;
      if (before !== null && !(c < before)) continue;
    }
    if ((modAfter !== null || modBefore !== null) && acc.modified) {
      const m = wall(acc.modified(item));
      if (modAfter !== null && !(m > modAfter)) continue;
      if (modBefore !== null && !(m < modBefore)) continue;
    }
    out.push(item);
  }
  return out;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Sorts by `orderby`/`order`; `date` and `modified` (and every other key) break ties by id. */
export function sortItems<T>(ctx: RouteContext, items: T[], acc: ItemAccessors<T>): T[] {
  const orderby = String(ctx.params.orderby ?? 'date');
  const desc = String(ctx.params.order ?? 'desc') === 'desc';
  const dir = desc ? -1 : 1;
  if (orderby === 'include') {
    const include = (ctx.params.include as number[] | undefined) ?? [];
    const pos = new Map(include.map((id, i) => [id, i]));
    return items.sort((a, b) => (pos.get(acc.id(a)) ?? 0) - (pos.get(acc.id(b)) ?? 0));
  }
  const key = (item: T): string | number => {
    if (orderby === 'id') return acc.id(item);
    if (orderby === 'date' && acc.created) return acc.created(item);
    if (orderby === 'modified' && acc.modified) return acc.modified(item);
    return acc.sortValue ? acc.sortValue(item, orderby) : acc.id(item);
  };
  const keyed = items.map((item) => ({ item, k: key(item), id: acc.id(item) }));
  keyed.sort((a, b) => {
    let c: number;
    if (typeof a.k === 'number' && typeof b.k === 'number') c = a.k - b.k;
    else c = collator.compare(String(a.k), String(b.k));
    if (c === 0) c = a.id - b.id;
    return c * dir;
  });
  return keyed.map((k) => k.item);
}

/** The `Link` header of a page: only `prev` and `next`, carrying every original parameter. */
export function linkHeader(ctx: RouteContext, page: number, totalPages: number): string | null {
  const base = ctx.store.restUrl(ctx.route);
  const raw = phpBuildQuery(ctx.query);
  const withPage = (n: number): string => {
    const params = parsePhpQuery(raw);
    params.page = String(n);
    return `${base}?${phpBuildQuery(params)}`;
  };
  const links: string[] = [];
  if (page > 1) {
    const prev = Math.min(page - 1, totalPages);
    links.push(`<${withPage(prev)}>; rel="prev"`);
  }
  if (totalPages > page) links.push(`<${withPage(page + 1)}>; rel="next"`);
  return links.length > 0 ? links.join(', ') : null;
}

/** Pages `items` (already filtered and sorted) and renders the page. */
export function paginate<T>(
  ctx: RouteContext,
  items: readonly T[],
  render: (item: T) => unknown,
): RestResult {
  const perPage = phpToInt(ctx.params.per_page ?? 10) || 10;
  const page = phpToInt(ctx.params.page ?? 1) || 1;
  const offset =
    ctx.params.offset !== undefined ? phpToInt(ctx.params.offset) : (page - 1) * perPage;
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const slice = items.slice(Math.max(0, offset), Math.max(0, offset) + perPage);
  const headers: Record<string, string> = {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
  };
  const link = linkHeader(ctx, page, totalPages);
  if (link) headers.Link = link;
  return { status: 200, data: slice.map(render), headers };
}
