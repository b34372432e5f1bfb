import type { BalanceRetryOptions } from '../retry/retry-options.js';

/**
 * Options accepted by every client method as its last argument.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await balance.stocks.list({}, { retry: { limit: 1 }, timeoutMs: 120_000, signal: controller.signal });
 * ```
 */
export interface BalanceCallOptions {
  /** Overrides the client's retry options for this call; `false` makes exactly one attempt. */
  readonly retry?: BalanceRetryOptions | false;
  /** Per-attempt timeout for this call, in milliseconds. */
  readonly timeoutMs?: number;
  /** Aborts the call (including a pending retry delay); the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}
