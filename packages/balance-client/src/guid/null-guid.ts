/**
 * The empty reference in Balance (1C's empty GUID). As an item's `Group` it means "root".
 *
 * @example
 * ```ts
 * const isRoot = row.Group === undefined; // the client already maps NULL_GUID to undefined
 * ```
 */
export const NULL_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` looks like a GUID (`8-4-4-4-12` hex digits, any case).
 *
 * @example
 * ```ts
 * isGuid('6f0c1c2e-1111-4a3b-9c0d-1234567890ab'); // true
 * isGuid('SKU-1'); // false — a code or name, resolved by the tenant's search settings
 * ```
 */
export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/**
 * Whether `value` is an empty reference: `undefined`, `null`, `''` or {@link NULL_GUID}.
 *
 * @example
 * ```ts
 * isEmptyReference('00000000-0000-0000-0000-000000000000'); // true
 * ```
 */
export function isEmptyReference(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === NULL_GUID;
}
