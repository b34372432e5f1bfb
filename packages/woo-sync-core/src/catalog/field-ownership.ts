import type { OwnershipMode } from '../config/sync-config-schema.js';

/**
 * What happens to one field of a linked product:
 * - `in-sync`: the store already has Balance's value (remember it as pushed);
 * - `unchanged`: Balance still says what the SDK last sent, and the store still holds what it
 *   stored from it (WooCommerce changed the value on save: kses on names, an empty name
 *   stored as "Product", …) — nothing to write, and the remembered values stay;
 * - `write`: send Balance's value;
 * - `conflict`: the store value was edited by a person; leave it and report it;
 * - `store-owned`: the store owns the field; leave it.
 *
 * @example
 * ```ts
 * decideField('store', { desired: 'A', current: 'B', lastPushed: 'A' }, Object.is); // 'store-owned'
 * ```
 */
export type FieldDecision = 'in-sync' | 'unchanged' | 'write' | 'conflict' | 'store-owned';

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
  /**
   * What the SDK last wrote, as the store stored it; `undefined` when it never wrote the
   * field (adoption).
   */
  lastPushed: T | undefined;
  /**
   * What the SDK sent when the store stored something else (see `PushedValues.sent`);
   * `undefined` when the store stored what was sent.
   */
  lastSent?: T | undefined;
}

/**
 * Decides one field by its ownership mode (DESIGN §4):
 *
 * - in every mode but `store`, a field whose Balance value is still what the SDK last sent
 *   (`lastSent`) while the store still holds what it stored from it (`lastPushed`) is
 *   `unchanged`: WooCommerce's own rewriting of a value on save never causes a rewrite or a
 *   conflict;
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
 * // sent "<b>A", the store stored "A" and still has it, Balance still says "<b>A":
 * decideField('balance', { desired: '<b>A', current: 'A', lastPushed: 'A', lastSent: '<b>A' }, Object.is); // 'unchanged'
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
  const { lastPushed, lastSent } = values;
  if (
    lastSent !== undefined &&
    lastPushed !== undefined &&
    equal(values.desired, lastSent) &&
    equal(values.current, lastPushed)
  ) {
    return 'unchanged';
  }
  if (mode === 'balance') return 'write';
  if (lastPushed === undefined) return isUnset?.(values.current) ? 'write' : 'conflict';
  if (equal(values.current, lastPushed)) return 'write';
  if (ownChange?.(values.current, lastPushed)) return 'write';
  return 'conflict';
}
