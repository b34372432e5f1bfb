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
  const header = Number(response.headers.get('x-wp-totalpages'));
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

/** Every item of a collection, following `X-WP-TotalPages`. */
export async function* paginate<S extends z.ZodType>(
  context: WooRestContext,
  path: string,
  query: QueryParams,
  schema: S,
  what: string,
): AsyncGenerator<z.output<S>[]> {
  for (let page = 1; ; page += 1) {
    const result = await readPage(context, path, query, schema, what, page);
    if (result.items.length > 0) yield result.items;
    if (isLastPage(result)) return;
  }
}
