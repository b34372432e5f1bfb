/**
 * Where the engine reads time from. The engine never calls `Date.now()` directly, so tests
 * can move time and replays are deterministic.
 *
 * @example
 * ```ts
 * const fixed: Clock = { now: () => new Date('2026-11-27T08:00:00Z') };
 * ```
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * The wall clock of the running process.
 *
 * @example
 * ```ts
 * createSyncEngine({ config, balance, woo, store, clock: systemClock });
 * ```
 */
export const systemClock: Clock = { now: () => new Date() };
