import type { Clock, Logger } from '@balance-sync/woo-sync-core';

/**
 * How requests authenticate (WooCommerce REST API keys):
 * - `basic` — HTTP Basic with the key and secret; needs HTTPS that WordPress can see.
 * - `query` — `consumer_key` / `consumer_secret` in the query string; HTTPS, for hosts that
 *   strip the `Authorization` header. The adapter redacts them everywhere.
 * - `oauth1` — one-legged OAuth 1.0a (HMAC-SHA256) in the query string; for plain-HTTP stores
 *   and TLS-terminating proxies that hide HTTPS from WordPress.
 */
export type WooCommerceAuthMode = 'basic' | 'query' | 'oauth1';

/**
 * How failed requests are retried. Which requests may be retried at all is fixed: reads and
 * updates (GET, `PUT /orders/<id>`, batches with updates only) are; a batch with creates is
 * never re-sent blindly — after an ambiguous failure the adapter looks the SKUs up and re-sends
 * only what is missing.
 *
 * @example
 * ```ts
 * createWooCommerceRest({ ...options, retry: { limit: 5, maxRetryAfterMs: 120_000 } });
 * ```
 */
export interface WooCommerceRetryOptions {
  /**
   * Retries after the first attempt (`limit: 3` means at most 4 attempts).
   * @default 3
   */
  readonly limit?: number;
  /**
   * Base of the exponential backoff: retry *n* (from 0) waits a random time between 0 and
   * `min(maxDelayMs, backoffMs * 2^n)` ("full jitter").
   * @default 500
   */
  readonly backoffMs?: number;
  /**
   * Upper bound of one backoff delay.
   * @default 30000
   */
  readonly maxDelayMs?: number;
  /**
   * Upper bound applied to a `Retry-After` (seconds or HTTP date) the store or its host sent.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * HTTP statuses that are retried (network errors and timeouts always are).
   * @default [408, 429, 500, 502, 503, 504]
   */
  readonly statusCodes?: readonly number[];
}

/** The options of {@link createWooCommerceRest}. */
export interface WooCommerceRestOptions {
  /** The store's home URL (`https://shop.example.com`); the API is under `/wp-json/wc/v3`. */
  readonly url: string;
  /** REST API consumer key (`ck_…`). */
  readonly consumerKey: string;
  /** REST API consumer secret (`cs_…`). Never logged, never part of an error or event. */
  readonly consumerSecret: string;
  /**
   * How requests authenticate, see {@link WooCommerceAuthMode}.
   * @default 'basic'
   */
  readonly auth?: WooCommerceAuthMode;
  /**
   * Per-attempt timeout in milliseconds (headers and body).
   * @default 60000
   */
  readonly timeoutMs?: number;
  /**
   * Retry policy; `false` disables retries (recovery lookups after a lost create still run).
   * @default { limit: 3, backoffMs: 500, maxDelayMs: 30000, maxRetryAfterMs: 60000 }
   */
  readonly retry?: WooCommerceRetryOptions | false;
  /**
   * Requests in flight at once: batch calls of one `batch()` run in parallel up to this, and
   * full listings (`products.list()` with variations, `categories.list()`) read this many
   * pages ahead once page 1 has told how many there are — still yielding in page order.
   * `1` reads one page after another.
   * @default 4
   */
  readonly concurrency?: number;
  /**
   * Items per batch call; the store's `woocommerce_rest_batch_items_limit`. A 413 halves it.
   * @default 100
   */
  readonly batchLimit?: number;
  /**
   * How far before a change-feed cursor the adapter asks from. WooCommerce's
   * `modified_after`/`after` are exclusive at one-second resolution, so the adapter asks a
   * little earlier and drops what is not strictly after the cursor.
   * @default 5000
   */
  readonly safetyWindowMs?: number;
  /** The `fetch` to use (a proxy agent, an edge runtime's fetch). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Time source for OAuth timestamps and `Retry-After` dates. @default systemClock */
  readonly clock?: Clock;
  /** Where warnings go (leading junk before JSON, recovered creates). @default silentLogger */
  readonly logger?: Logger;
  /** Waits between attempts; injectable for tests. @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform numbers in [0, 1) for backoff jitter; injectable for tests. @default Math.random */
  readonly random?: () => number;
}
