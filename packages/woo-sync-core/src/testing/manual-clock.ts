import type { Clock } from '../clock.js';

/**
 * A clock that only moves when told to, for deterministic tests.
 *
 * @example
 * ```ts
 * const clock = new ManualClock('2026-11-27T08:00:00Z');
 * clock.advance(60_000);
 * clock.now().toISOString(); // '2026-11-27T08:01:00.000Z'
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Jumps to an instant. */
  set(instant: Date | string | number): void {
    this.#now = new Date(instant).getTime();
  }
}
