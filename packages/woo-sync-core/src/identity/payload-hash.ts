import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';

/**
 * Canonical JSON of a document payload: the engine's one canonical-JSON writer
 * ({@link canonicalJson}) — object keys sorted, no whitespace, array order kept, `undefined`
 * members left out. Two payloads that differ only in key order or formatting give the same
 * string. For the payloads the SDK hashes (strings, booleans, integers) this equals RFC 8785
 * (JCS).
 *
 * Throws a `TypeError` (programmer error) for `bigint`, non-finite numbers, or a top-level
 * value without a JSON form.
 *
 * @example
 * ```ts
 * canonicalPayloadJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 * ```
 */
export function canonicalPayloadJson(value: unknown): string {
  return canonicalJson(value);
}

/**
 * SHA-256 (lower-case hex) of {@link canonicalPayloadJson}: the ledger's `payloadHash`. Comparing
 * it with the hash of a freshly built document detects drift (the store changed after
 * export) without comparing payloads field by field.
 *
 * @example
 * ```ts
 * payloadHash({ uid: 'x', Items: [] }) === payloadHash({ Items: [], uid: 'x' }); // true
 * ```
 */
export function payloadHash(value: unknown): string {
  return createHash('sha256').update(canonicalPayloadJson(value), 'utf8').digest('hex');
}
