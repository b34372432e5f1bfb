import { createHash } from 'node:crypto';

/** The RFC 9562 namespace for domain names (`6ba7b810-…`). */
export const UUID_NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
/** The RFC 9562 namespace for URLs (`6ba7b811-…`). */
export const UUID_NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a UUID in the canonical `8-4-4-4-12` hex form (any case).
 *
 * @example
 * ```ts
 * isUuid('2ed6657d-e927-568b-95e1-2665a8aea6a2'); // true
 * ```
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes followed
 * by the UTF-8 bytes of `name`, truncated to 16 bytes, with the version (5) and the RFC 9562
 * variant bits set. Lower-case output. The same namespace and name always give the same
 * UUID, which is what makes every Balance document uid deterministic.
 *
 * Throws a `TypeError` (programmer error) when `namespace` is not a UUID.
 *
 * @example
 * ```ts
 * uuidV5(UUID_NAMESPACE_DNS, 'www.example.com'); // '2ed6657d-e927-568b-95e1-2665a8aea6a2' (RFC 9562 A.4)
 * ```
 */
export function uuidV5(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new TypeError(`namespace must be a UUID, got "${namespace}"`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
