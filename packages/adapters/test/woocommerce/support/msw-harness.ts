// msw set-up shared by the REST adapter's unit tests: unhandled requests fail the test, every
// request is logged as `METHOD /path?query` (without the noisy `_fields`/`context`, which one
// test checks on its own), and the adapter gets a recording sleep.

import type { WooCommerceRestOptions } from '@balance-sync/adapters/woocommerce';
import { createWooCommerceRest, type WooCommerceRest } from '@balance-sync/adapters/woocommerce';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const STORE = 'https://shop.example.com';
export const API = `${STORE}/wp-json/wc/v3`;
export const KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
export const SECRET = 'cs_fedcba9876543210fedcba9876543210fedcba98';

/** A recorded request. */
export interface LoggedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export function useMsw() {
  const server = setupServer();
  const requests: LoggedRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    const copy = request.clone();
    const entry: LoggedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: '',
    };
    requests.push(entry);
    void copy.text().then((text) => {
      entry.body = text;
    });
  });
  // msw 3 names msw 2's `onUnhandledRequest` `onUnhandledFrame`: an unhandled request fails
  // (the adapter sees a network error), and the test fails too, below.
  const unhandled: string[] = [];
  server.events.on('request:unhandled', ({ request }) => {
    unhandled.push(`${request.method} ${request.url}`);
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
    const seen = unhandled.splice(0);
    expect(seen, 'requests without a handler').toEqual([]);
  });
  afterAll(() => server.close());

  /** `GET /products?per_page=100&page=2` — path under the API, query minus `_fields`/`context`. */
  function log(): string[] {
    return requests.map((request) => {
      const params = [...request.url.searchParams].filter(
        ([name]) => name !== '_fields' && name !== 'context',
      );
      const query = params.map(([name, value]) => `${name}=${value}`).join('&');
      const path = request.url.pathname.replace('/wp-json/wc/v3', '');
      return `${request.method} ${path}${query ? `?${query}` : ''}`;
    });
  }
  return { server, requests, log };
}

/** An adapter for the msw store, with recorded (instant) sleeps and no jitter randomness. */
export function createTestAdapter(overrides: Partial<WooCommerceRestOptions> = {}): {
  woo: WooCommerceRest;
  sleeps: number[];
  warnings: { fields: Record<string, unknown>; message?: string }[];
} {
  const sleeps: number[] = [];
  const warnings: { fields: Record<string, unknown>; message?: string }[] = [];
  const woo = createWooCommerceRest({
    url: STORE,
    consumerKey: KEY,
    consumerSecret: SECRET,
    concurrency: 1,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    logger: {
      debug: () => {},
      info: () => {},
      warn: (fields, message) => {
        warnings.push({ fields, ...(message === undefined ? {} : { message }) });
      },
      error: () => {},
    },
    ...overrides,
  });
  return { woo, sleeps, warnings };
}

/** WooCommerce's JSON of a product in `edit` context (only the fields the adapter asks for). */
export function wireProduct(
  id: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    parent_id: 0,
    type: 'simple',
    status: 'publish',
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    regular_price: '10.00',
    sale_price: '',
    date_on_sale_from_gmt: null,
    date_on_sale_to_gmt: null,
    manage_stock: false,
    stock_quantity: null,
    stock_status: 'instock',
    categories: [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }],
    meta_data: [],
    date_modified_gmt: '2026-11-27T08:00:00',
    ...overrides,
  };
}

/** Headers WooCommerce sends on a list page. */
export function pageHeaders(total: number, perPage = 100): Record<string, string> {
  return { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(Math.ceil(total / perPage)) };
}

/** The JSON body of a logged request. */
export function jsonBody(request: LoggedRequest | undefined): unknown {
  return request && request.body !== '' ? JSON.parse(request.body) : undefined;
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
