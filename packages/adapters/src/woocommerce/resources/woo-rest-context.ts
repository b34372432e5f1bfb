import type { Logger } from '@balance-sync/woo-sync-core';
import type { WooCommerceEventEmitter } from '../events/woocommerce-events.js';
import type { WooRedactor } from '../http/redactor.js';
import type { WooHttpClient } from '../http/woo-http-client.js';

/** What every resource of the REST adapter shares. */
export interface WooRestContext {
  readonly http: WooHttpClient;
  readonly redactor: WooRedactor;
  readonly events: WooCommerceEventEmitter;
  readonly logger: Logger;
  /** Requests in flight at once (the adapter's `concurrency`); full listings read ahead this many pages. */
  readonly concurrency: number;
  /** Items per batch call; lowered for the adapter's lifetime when the store answers 413. */
  readonly batchLimit: { current: number };
  /** How often a lost create may be re-sent after a lookup proved it missing. */
  readonly retryLimit: number;
  /** Backoff before retry `round` (0-based), with jitter. */
  backoff(round: number): number;
  sleep(ms: number): Promise<void>;
  /** How far before a cursor change feeds ask from. */
  readonly safetyWindowMs: number;
}

/** Page size of every list read (WooCommerce's maximum). */
export const PER_PAGE = 100;

/** Longest URL the adapter builds; beyond ~2 KB some hosts and proxies answer 414. */
export const MAX_URL_LENGTH = 2_000;

/** Room left in {@link MAX_URL_LENGTH} for authentication parameters (OAuth adds ~250). */
export const AUTH_RESERVE = 350;
