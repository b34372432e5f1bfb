import type { EventEmitter } from 'eventemitter3';

/** Fields shared by every event of one call. */
export interface WooCommerceEventBase {
  /** Adapter-generated id shared by every attempt and event of one call. */
  readonly requestId: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request URL with query, credentials and signatures redacted. */
  readonly url: string;
}

/** Emitted before each HTTP attempt. */
export interface WooCommerceRequestEvent extends WooCommerceEventBase {
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** Emitted for every HTTP response, successful or not. */
export interface WooCommerceResponseEvent extends WooCommerceEventBase {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** HTTP status code. */
  readonly status: number;
  /** Time from sending the request to reading the whole body. */
  readonly durationMs: number;
  /** Characters of non-JSON text (a PHP notice) skipped before the JSON body, when any. */
  readonly leadingJunkChars?: number;
}

/** Emitted when another attempt is scheduled. */
export interface WooCommerceRetryEvent extends WooCommerceEventBase {
  /** The attempt that failed. */
  readonly attempt: number;
  /** Milliseconds the adapter waits before the next attempt. */
  readonly delayMs: number;
  /**
   * Why: a retryable HTTP `status`, a `network` failure, a `timeout`, or `signature` (an OAuth
   * signature refused because the store sees another URL scheme; re-signed once, no delay).
   */
  readonly reason: 'status' | 'network' | 'timeout' | 'signature';
  /** HTTP status of the failed attempt, when there was a response. */
  readonly status?: number;
}

/** Emitted after a batch with creates failed ambiguously and the SKUs were looked up. */
export interface WooCommerceRecoveryEvent {
  /** The batch endpoint, e.g. `/products/batch`. */
  readonly endpoint: string;
  /** Creates whose outcome was unknown. */
  readonly unknown: number;
  /** Of those, found in the store (reported as `created` with `recovered: true`). */
  readonly found: number;
  /** Of those, really missing and sent again. */
  readonly resent: number;
}

/** Events of `woo.events`, with the payload of each. */
export interface WooCommerceEventMap {
  request: [WooCommerceRequestEvent];
  response: [WooCommerceResponseEvent];
  retry: [WooCommerceRetryEvent];
  recovery: [WooCommerceRecoveryEvent];
}

/**
 * The event emitter on `woo.events` (eventemitter3). Events carry metadata only: no bodies,
 * no headers, URLs redacted.
 *
 * @example
 * ```ts
 * woo.events.on('response', (event) => metrics.observe(event.status, event.durationMs));
 * woo.events.on('retry', (event) => logger.warn(event, 'retrying WooCommerce call'));
 * ```
 */
export type WooCommerceEventEmitter = EventEmitter<WooCommerceEventMap>;
