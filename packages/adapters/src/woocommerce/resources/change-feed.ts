import type { ChangeCursor, UtcDateTime } from '@balance-sync/woo-sync-core';
import type { z } from 'zod';
import type { QueryParams } from '../http/query-string.js';
import { utcToGmt } from '../schemas/wire-primitives.js';
import { isLastPage, readPage } from './paginate.js';
import type { WooRestContext } from './woo-rest-context.js';

/** How to read one change feed (orders by `date_modified`, refunds by `date_created`). */
export interface ChangeFeedSource<S extends z.ZodType, T> {
  readonly path: string;
  readonly query: QueryParams;
  /** `modified_after` (orders) or `after` (refunds). */
  readonly afterParam: string;
  /** `modified_before` (orders) or `before` (refunds). */
  readonly beforeParam: string;
  /** `modified` (orders) or `date` (refunds); WooCommerce breaks ties by id. */
  readonly orderby: string;
  readonly schema: S;
  readonly what: string;
  map(wire: z.output<S>): T;
  cursorOf(item: T): ChangeCursor;
  /** Extra client-side filter (e.g. statuses). */
  accept?(item: T): boolean;
}

/** Compares feed positions: timestamp, then id. */
export function compareCursors(a: ChangeCursor, b: ChangeCursor): number {
  const byTime = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  return byTime !== 0 ? byTime : a.id - b.id;
}

/**
 * Items strictly after `after` (and at or before `until`), ordered by `(timestamp, id)`.
 *
 * WooCommerce's date bounds are exclusive at one-second resolution, so the adapter asks from
 * `safetyWindowMs` before the cursor (`dates_are_gmt=true`, ascending) and drops everything
 * not strictly after the last position it yielded — which also removes the overlap and any
 * repeat. After each page it re-asks from the new position (page 1) rather than walking page
 * numbers, so items that move to the end of the feed while it is read cannot shift others
 * past it unseen.
 */
export async function* changeFeed<S extends z.ZodType, T>(
  context: WooRestContext,
  source: ChangeFeedSource<S, T>,
  after: ChangeCursor | undefined,
  until: UtcDateTime | undefined,
): AsyncGenerator<T> {
  let cursor = after;
  const since = (position: ChangeCursor | undefined) =>
    position
      ? utcToGmt(new Date(Date.parse(position.timestamp) - context.safetyWindowMs).toISOString())
      : undefined;
  const untilMs = until === undefined ? undefined : Date.parse(until);
  let from = since(cursor);
  let page = 1;
  for (;;) {
    const result = await readPage(
      context,
      source.path,
      {
        ...source.query,
        orderby: source.orderby,
        order: 'asc',
        dates_are_gmt: 'true',
        [source.afterParam]: from,
        // Exclusive bound: one second past `until` keeps everything at `until`.
        [source.beforeParam]:
          untilMs === undefined ? undefined : utcToGmt(new Date(untilMs + 1_000).toISOString()),
      },
      source.schema,
      source.what,
      page,
    );
    const items = result.items
      .map((wire) => source.map(wire))
      .sort((a, b) => compareCursors(source.cursorOf(a), source.cursorOf(b)));
    let moved = false;
    for (const item of items) {
      const position = source.cursorOf(item);
      if (untilMs !== undefined && Date.parse(position.timestamp) > untilMs) return;
      if (cursor && compareCursors(position, cursor) <= 0) continue;
      cursor = position;
      moved = true;
      if (source.accept?.(item) ?? true) yield item;
    }
    if (isLastPage(result)) return;
    const next = since(cursor);
    if (moved && next !== from) {
      from = next;
      page = 1;
    } else page += 1;
  }
}
