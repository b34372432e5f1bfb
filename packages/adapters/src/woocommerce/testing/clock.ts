/**
 * The simulator's notion of "now". Every timestamp the store writes, OAuth timestamp checks,
 * sale windows and the scheduled-sales cron read it, so tests can pin and move time.
 */

/**
 * A source of the current time in epoch milliseconds.
 *
 * @example
 * const clock: Clock = { now: () => Date.parse('2026-03-01T08:00:00Z') };
 * const sim = createWooCommerceSimulator({ clock });
 */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * A duration for {@link ManualClock.advance}: milliseconds, or an object of units.
 *
 * @example
 * clock.advance({ days: 1, hours: 2 });
 */
export type ClockDuration =
  | number
  | { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number };

/**
 * A clock that only moves when told to.
 *
 * @example
 * const clock = createManualClock('2026-03-01T08:00:00Z');
 * clock.advance({ minutes: 5 });
 * clock.set('2026-04-01T00:00:00Z');
 */
export interface ManualClock extends Clock {
  /** Jumps to an absolute time (a `Date`, epoch milliseconds or an ISO string). */
  set(time: Date | number | string): void;
  /** Moves forward (or backward, for negative values) and returns the new time. */
  advance(by: ClockDuration): number;
}

/**
 * The wall clock (`Date.now()`).
 *
 * @example
 * const sim = createWooCommerceSimulator({ clock: systemClock });
 */
export const systemClock: Clock = { now: () => Date.now() };

function toEpochMs(time: Date | number | string): number {
  const ms =
    time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new TypeError(`Invalid time: ${String(time)}`);
  return ms;
}

/**
 * Converts a {@link ClockDuration} to milliseconds.
 *
 * @example
 * durationToMs({ hours: 1 }); // 3600000
 */
export function durationToMs(by: ClockDuration): number {
  if (typeof by === 'number') return by;
  return (
    (by.days ?? 0) * 86_400_000 +
    (by.hours ?? 0) * 3_600_000 +
    (by.minutes ?? 0) * 60_000 +
    (by.seconds ?? 0) * 1000 +
    (by.ms ?? 0)
  );
}

/**
 * Creates a {@link ManualClock} starting at `start` (default: the current wall-clock time,
 * truncated to a whole second).
 *
 * @example
 * const clock = createManualClock('2026-03-01T08:00:00Z');
 * const sim = createWooCommerceSimulator({ clock });
 * clock.advance({ days: 1 });
 * await sim.tick(); // runs the scheduled-sales cron at the new time
 */
export function createManualClock(start?: Date | number | string): ManualClock {
  let current = start === undefined ? Math.floor(Date.now() / 1000) * 1000 : toEpochMs(start);
  return {
    now: () => current,
    set(time) {
      current = toEpochMs(time);
    },
    advance(by) {
      current += durationToMs(by);
      return current;
    },
  };
}
