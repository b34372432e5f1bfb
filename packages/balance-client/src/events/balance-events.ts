import { EventEmitter } from 'eventemitter3';
import type { BalanceErrorCode } from '../errors/balance-error.js';

/** Fields shared by every event of one call. */
export interface BalanceEventBase {
  /** Client-generated id shared by every attempt and event of one call. */
  readonly requestId: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** URL template, e.g. `Items`. */
  readonly template: string;
  /** Request URL with query; never contains credentials. */
  readonly url: string;
}

/** Emitted before each HTTP attempt. */
export interface BalanceRequestEvent extends BalanceEventBase {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Redacted request body; only present with `logBodies: true`. */
  readonly body?: unknown;
}

/** Emitted for every HTTP response, successful or not. */
export interface BalanceResponseEvent extends BalanceEventBase {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** HTTP status code. */
  readonly status: number;
  /** Time from sending the request to reading the whole body. */
  readonly durationMs: number;
  /** Redacted response body (parsed JSON or text); only present with `logBodies: true`. */
  readonly body?: unknown;
}

/** Emitted when another attempt is scheduled. */
export interface BalanceRetryEvent extends BalanceEventBase {
  /** The attempt that failed. */
  readonly attempt: number;
  /** Milliseconds the client waits before the next attempt. */
  readonly delayMs: number;
  /**
   * Why: `status` (a retryable HTTP status), `network`, `timeout`, `response` (a 2xx that is
   * not Balance's answer: an empty or cut-off body, or a write answered with something that
   * is not JSON), or `segment` (a cloud 403 answered by switching between `sm/o` and `sm/a`;
   * not counted against the retry limit).
   */
  readonly reason: 'status' | 'network' | 'timeout' | 'response' | 'segment';
  /** HTTP status of the failed attempt, when there was a response. */
  readonly status?: number;
}

/** Emitted once when a call finally fails. */
export interface BalanceErrorEvent extends BalanceEventBase {
  /** Attempts made. */
  readonly attempts: number;
  /** Total time of the call including retries. */
  readonly durationMs: number;
  /** Error class name, e.g. `BalanceHttpError`. */
  readonly errorName: string;
  /** Stable error code. */
  readonly code: BalanceErrorCode;
  /** Redacted error message. */
  readonly message: string;
  /**
   * HTTP status, when there was a response (also a 2xx whose body was not Balance's answer).
   */
  readonly status?: number;
}

/** Emitted for each write that dry run captured instead of sending. */
export interface BalanceDryRunEvent extends BalanceEventBase {
  /** The JSON array that would have been sent (redacted). */
  readonly body: readonly unknown[];
}

/** Events of `client.events`, with the payload of each. */
export interface BalanceEventMap {
  request: [BalanceRequestEvent];
  response: [BalanceResponseEvent];
  retry: [BalanceRetryEvent];
  error: [BalanceErrorEvent];
  dryRun: [BalanceDryRunEvent];
}

/**
 * The event emitter on `client.events` (eventemitter3: a missing `error` listener does not
 * throw). Events carry metadata only — never credentials, and bodies only with
 * `logBodies: true`.
 *
 * @example
 * ```ts
 * balance.events.on('response', (event) => {
 *   logger.info({ template: event.template, status: event.status, ms: event.durationMs });
 * });
 * balance.events.on('retry', (event) => logger.warn(event, 'retrying Balance call'));
 * ```
 */
export type BalanceEventEmitter = EventEmitter<BalanceEventMap>;

/** Creates an empty {@link BalanceEventEmitter}. */
export function createBalanceEventEmitter(): BalanceEventEmitter {
  return new EventEmitter<BalanceEventMap>();
}
