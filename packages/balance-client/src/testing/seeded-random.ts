import { createHash } from 'node:crypto';

/**
 * A small deterministic pseudo-random generator (mulberry32). The same seed always yields
 * the same sequence, so seed data and probabilistic faults repeat exactly between runs.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(42);
 * random.next(); // 0 ≤ n < 1, same value on every run
 * random.integer(1, 6); // a die roll
 * ```
 */
export interface SeededRandom {
  /** The next number in `[0, 1)`. */
  next(): number;
  /** An integer in `[min, max]` (both inclusive). */
  integer(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(values: readonly T[]): T;
}

/**
 * Creates a {@link SeededRandom} from a 32-bit seed.
 *
 * @example
 * ```ts
 * const a = createSeededRandom(7).next();
 * const b = createSeededRandom(7).next();
 * a === b; // true
 * ```
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (values) => {
      const value = values[Math.floor(next() * values.length)];
      if (value === undefined) throw new Error('pick() needs a non-empty list');
      return value;
    },
  };
}

/**
 * A GUID derived from a namespace and a key (SHA-1, formatted 8-4-4-4-12 with the version
 * nibble of a 1C time-based GUID). Equal inputs give equal GUIDs, so seed data and document
 * line uids are stable across runs.
 *
 * @example
 * ```ts
 * deterministicGuid('seed-1', 'item:espresso'); // e.g. "3f0b…-…-1…-…-…"
 * ```
 */
export function deterministicGuid(namespace: string, key: string): string {
  const hex = createHash('sha1').update(`${namespace}\u0000${key}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `1${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The null GUID Balance uses for "no value" references (for example the root group).
 *
 * @example
 * ```ts
 * rows.filter((row) => row.IsGroup === 'true' && row.Group === NULL_GUID); // root groups
 * ```
 */
export const NULL_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a GUID string in the 8-4-4-4-12 hex form.
 *
 * @example
 * ```ts
 * isGuid('b067980d-7eb5-11ec-80d2-000c29409daa'); // true
 * isGuid('CF-001'); // false
 * ```
 */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}
