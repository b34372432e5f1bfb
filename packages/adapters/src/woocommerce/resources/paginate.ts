import type { z } from 'zod';
import type { QueryParams } from '../http/query-string.js';
import { validateList } from '../schemas/validate-response.js';
import { PER_PAGE, type WooRestContext } from './woo-rest-context.js';

/** One page of a list read. */
export interface WooPage<T> {
  readonly items: T[];
  readonly page: number;
  /** `X-WP-TotalPages`, when the store sent it. */
  readonly totalPages: number | undefined;
}

/** Reads one page of a collection (`per_page=100`). */
export async function readPage<S extends z.ZodType>(
  context: WooRestContext,
  path: string,
  query: QueryParams,
  schema: S,
  what: string,
  page: number,
): Promise<WooPage<z.output<S>>> {
  const response = await context.http.send({
    method: 'GET',
    path,
    query: { ...query, per_page: PER_PAGE, page },
    idempotent: true,
  });
  // `Number(null)` is 0: a missing header must not read as "no pages".
  const raw = response.headers.get('x-wp-totalpages');
  const header = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  return {
    items: validateList(schema, response.body, what, response.request),
    page,
    totalPages: Number.isInteger(header) && header >= 0 ? header : undefined,
  };
}

/** Whether a page is the last one: `X-WP-TotalPages` says so, or it came back short. */
export function isLastPage(page: WooPage<unknown>): boolean {
  if (page.totalPages !== undefined) return page.page >= page.totalPages || page.items.length === 0;
  return page.items.length < PER_PAGE;
}

/**
 * Options of {@link paginate}.
 *
 * @example
 * ```ts
 * paginate(context, '/products', query, productWireSchema, 'product', { concurrency: 4 });
 * ```
 */
export interface PaginateOptions {
  /**
   * Pages requested at once after page 1 (which says how many there are with
   * `X-WP-TotalPages`). Pages still come out in page order and at most this many are held;
   * without the header, pages are read one after another until a short one.
   * @default 1
   */
  readonly concurrency?: number;
}

/**
 * Every item of a collection, page by page in page order, following `X-WP-TotalPages`. Each
 * page is one request with the client's retries; the pages after page 1 are read ahead
 * `concurrency` at a time. It stops where reading one page after another would stop — at
 * the page its own `X-WP-TotalPages` calls the last, or an empty one — and drops pages read
 * ahead beyond it (waiting for them, so that nothing is still running when the listing ends,
 * also after an error or an early `break`).
 */
export async function* paginate<S extends z.ZodType>(
  context: WooRestContext,
  path: string,
  query: QueryParams,
  schema: S,
  what: string,
  options: PaginateOptions = {},
): AsyncGenerator<z.output<S>[]> {
  const window = Math.max(1, Math.floor(options.concurrency ?? 1));
  const read = (page: number) => readPage(context, path, query, schema, what, page);
  // The last page the store has announced; pages up to it are read ahead.
  let announced = 1;
  const ahead = new Map<number, Promise<WooPage<z.output<S>>>>();
  let nextToRequest = 2;
  const readAheadFrom = (page: number) => {
    nextToRequest = Math.max(nextToRequest, page);
    while (nextToRequest <= announced && nextToRequest < page + window) {
      const promise = read(nextToRequest);
      // Handled here: a page read ahead past the end is only waited for, never read.
      promise.catch(() => {});
      ahead.set(nextToRequest, promise);
      nextToRequest += 1;
    }
  };
  try {
    for (let page = 1; ; page += 1) {
      const pending = ahead.get(page);
      ahead.delete(page);
      const result = await (pending ?? read(page));
      if (window > 1 && result.totalPages !== undefined) announced = result.totalPages;
      const last = isLastPage(result);
      if (!last) readAheadFrom(page + 1);
      if (result.items.length > 0) yield result.items;
      if (last) return;
    }
  } finally {
    // Nothing is left running once the listing is over (end, error or early stop).
    await Promise.allSettled(ahead.values());
  }
}
