import { randomUUID } from 'node:crypto';

/**
 * Time, randomness and ids used by the client, injectable so that tests run fast and
 * deterministically (e.g. a `sleep` that records delays and resolves at once).
 *
 * @example
 * ```ts
 * const delays: number[] = [];
 * createBalanceClient({
 *   ...options,
 *   runtime: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
 * });
 * ```
 */
export interface BalanceRuntime {
  /**
   * Waits `ms` milliseconds; rejects with `signal.reason` when `signal` aborts.
   * @default a `setTimeout`-based sleep
   */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * A number in [0, 1) for retry jitter.
   * @default Math.random
   */
  readonly random: () => number;
  /**
   * Current time in epoch milliseconds (durations and `Retry-After` dates).
   * @default Date.now
   */
  readonly now: () => number;
  /**
   * Id for one logical call (shared by its attempts and events).
   * @default crypto.randomUUID
   */
  readonly requestId: () => string;
}

/** The real-world {@link BalanceRuntime}. */
export const defaultRuntime: BalanceRuntime = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
  now: Date.now,
  requestId: randomUUID,
};
