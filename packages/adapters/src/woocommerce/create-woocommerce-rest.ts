import { silentLogger, systemClock, type WooCommercePort } from '@balance-sync/woo-sync-core';
import { EventEmitter } from 'eventemitter3';
import type { WooCommerceEventEmitter, WooCommerceEventMap } from './events/woocommerce-events.js';
import { createWooRedactor } from './http/redactor.js';
import { createWooHttpClient } from './http/woo-http-client.js';
import { createCategoriesResource } from './resources/categories-resource.js';
import { createOrdersResource } from './resources/orders-resource.js';
import { createProductsResource } from './resources/products-resource.js';
import { createRefundsResource } from './resources/refunds-resource.js';
import type { WooRestContext } from './resources/woo-rest-context.js';
import type {
  WooCommerceRestOptions,
  WooCommerceRetryOptions,
} from './woocommerce-rest-options.js';

/** The REST adapter: the {@link WooCommercePort} plus its events. */
export interface WooCommerceRest extends WooCommercePort {
  /** Request, response, retry and recovery events (metadata only, URLs redacted). */
  readonly events: WooCommerceEventEmitter;
}

const DEFAULT_RETRY: Required<WooCommerceRetryOptions> = {
  limit: 3,
  backoffMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  statusCodes: [408, 429, 500, 502, 503, 504],
};

function positiveInteger(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be an integer between 1 and ${max}, got ${value}`);
  }
  return value;
}

/**
 * Creates the WooCommerce REST adapter (`/wp-json/wc/v3`), implementing {@link WooCommercePort}.
 *
 * - Reads use `context=edit`, `per_page=100` and `_fields` trimmed to what the port needs,
 *   following `X-WP-TotalPages`; full listings read up to `concurrency` pages ahead (and the
 *   variations of several parents at once) and still yield in a fixed order; SKU lookups are
 *   chunked to a safe URL length and filtered the way WooCommerce compares SKUs (trimmed,
 *   case-insensitive, variations included).
 * - Batches are split to `batchLimit` (a 413 halves it); per-item errors come back as
 *   outcomes with WooCommerce's `code` and the owner's `resourceId`.
 * - Reads and updates are retried (network errors, timeouts, 408/429/5xx, honouring
 *   `Retry-After`); a batch with creates is never re-sent blindly — after an ambiguous
 *   failure the SKUs are looked up and only what is really missing is sent again.
 * - Credentials never reach a log, an error or an event; URLs are redacted everywhere.
 *
 * @example
 * ```ts
 * const woo = createWooCommerceRest({
 *   url: 'https://shop.example.com',
 *   consumerKey: process.env.WOO_KEY!,
 *   consumerSecret: process.env.WOO_SECRET!,
 * });
 * for await (const product of woo.products.list()) console.log(product.id, product.sku);
 * const { outcomes } = await woo.products.batch({ update: [{ id: 42, regularPrice: '12.50' }] });
 * ```
 */
export function createWooCommerceRest(options: WooCommerceRestOptions): WooCommerceRest {
  let home: URL;
  try {
    home = new URL(options.url);
  } catch {
    throw new TypeError(
      'WooCommerce `url` must be an absolute URL such as https://shop.example.com',
    );
  }
  if (home.protocol !== 'https:' && home.protocol !== 'http:') {
    throw new TypeError('WooCommerce `url` must start with https:// or http://');
  }
  if (home.search !== '' || home.username !== '' || home.password !== '') {
    throw new TypeError('WooCommerce `url` must not carry a query string or credentials');
  }
  if (options.consumerKey === '' || options.consumerSecret === '') {
    throw new TypeError('WooCommerce `consumerKey` and `consumerSecret` are required');
  }
  const storeUrl = home.toString().replace(/\/+$/, '');
  const auth = options.auth ?? 'basic';
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry: Required<WooCommerceRetryOptions> =
    options.retry === false
      ? { ...DEFAULT_RETRY, limit: 0 }
      : { ...DEFAULT_RETRY, ...withoutUndefined(options.retry ?? {}) };
  if (auth !== 'oauth1' && home.protocol === 'http:') {
    logger.warn(
      { auth },
      "WooCommerce ignores API keys sent with basic or query auth over plain HTTP; use auth: 'oauth1' for http:// stores",
    );
  }

  const concurrency = positiveInteger('concurrency', options.concurrency ?? 4, 64);
  const events: WooCommerceEventEmitter = new EventEmitter<WooCommerceEventMap>();
  const redactor = createWooRedactor([options.consumerSecret, options.consumerKey]);
  const http = createWooHttpClient({
    url: storeUrl,
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    auth,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 60_000),
    retry,
    concurrency,
    fetch: options.fetch,
    clock,
    logger,
    sleep,
    random,
    events,
    redactor,
  });
  const context: WooRestContext = {
    http,
    redactor,
    events,
    logger,
    concurrency,
    batchLimit: { current: positiveInteger('batchLimit', options.batchLimit ?? 100, 100) },
    retryLimit: retry.limit,
    backoff: (round) =>
      Math.floor(random() * Math.min(retry.maxDelayMs, retry.backoffMs * 2 ** Math.min(round, 30))),
    sleep,
    safetyWindowMs: options.safetyWindowMs ?? 5_000,
  };
  const orders = createOrdersResource(context);
  return {
    get batchLimit() {
      return context.batchLimit.current;
    },
    products: createProductsResource(context, storeUrl),
    categories: createCategoriesResource(context),
    orders,
    refunds: createRefundsResource(context, orders),
    events,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
