import type { OwnershipMode } from '../config/sync-config-schema.js';

/**
 * What happens to one field of a linked product:
 * - `in-sync`: the store already has Balance's value (remember it as pushed);
 * - `write`: send Balance's value;
 * - `conflict`: the store value was edited by a person; leave it and report it;
 * - `store-owned`: the store owns the field; leave it.
 *
 * @example
 * ```ts
 * decideField('store', { desired: 'A', current: 'B', lastPushed: 'A' }, Object.is); // 'store-owned'
 * ```
 */
export type FieldDecision = 'in-sync' | 'write' | 'conflict' | 'store-owned';

/**
 * The three values a field decision compares.
 *
 * @example
 * ```ts
 * const values: FieldValues<string> = { desired: 'A', current: 'B', lastPushed: 'B' };
 * ```
 */
export interface FieldValues<T> {
  /** What Balance says now. */
  desired: T;
  /** What the store has now. */
  current: T;
  /** What the SDK last wrote; `undefined` when it never wrote the field (adoption). */
  lastPushed: T | undefined;
}

/**
 * Decides one field by its ownership mode (DESIGN §4):
 *
 * - `balance`: Balance wins — write whenever the store differs;
 * - `store`: never written after creation;
 * - `balance-unless-edited` (three-way): write only while the store still holds what the
 *   SDK last wrote, or a value WooCommerce itself produced from it (`ownChange`, e.g. stock
 *   decremented by orders); any other difference is a manual edit → `conflict`. A product
 *   being adopted has no last written value, so a difference there is a conflict as well —
 *   unless the store has no value at all (`isUnset`, e.g. only WooCommerce's default
 *   category), which is filled in.
 *
 * @example
 * ```ts
 * decideField('balance-unless-edited', { desired: 'A', current: 'B', lastPushed: 'B' }, Object.is); // 'write'
 * decideField('balance-unless-edited', { desired: 'A', current: 'C', lastPushed: 'B' }, Object.is); // 'conflict'
 * ```
 */
export function decideField<T>(
  mode: OwnershipMode,
  values: FieldValues<T>,
  equal: (a: T, b: T) => boolean,
  ownChange?: (current: T, lastPushed: T) => boolean,
  isUnset?: (current: T) => boolean,
): FieldDecision {
  if (mode === 'store') return 'store-owned';
  if (equal(values.current, values.desired)) return 'in-sync';
  if (mode === 'balance') return 'write';
  const { lastPushed } = values;
  if (lastPushed === undefined) return isUnset?.(values.current) ? 'write' : 'conflict';
  if (equal(values.current, lastPushed)) return 'write';
  if (ownChange?.(values.current, lastPushed)) return 'write';
  return 'conflict';
}
