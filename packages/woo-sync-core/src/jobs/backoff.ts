/** How long to wait between attempts of a job. */
export interface BackoffOptions {
  /**
   * Delay before the second attempt; doubles for each further attempt.
   * @default 5000
   */
  baseMs?: number;
  /**
   * Upper bound of any delay.
   * @default 900000
   */
  maxMs?: number;
}

/**
 * The delay before attempt `attempt + 1`: exponential growth capped at `maxMs`, with "full
 * jitter" (a uniform random value between 0 and the capped delay) so that many workers
 * recovering from the same outage do not retry in lockstep. Every queue adapter uses it.
 *
 * @param attempt - attempts made so far (1 after the first failure)
 * @param random - a source of uniform numbers in [0, 1); injectable for tests
 * @example
 * ```ts
 * backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }); // somewhere in [0, 4000)
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const baseMs = options.baseMs ?? 5_000;
  const maxMs = options.maxMs ?? 900_000;
  const exponent = Math.max(0, attempt - 1);
  const capped = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.floor(random() * capped);
}
