import { createHash } from 'node:crypto';

function serialize(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value === 0 ? 0 : value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`${path}: bigint has no JSON form; format it as a string first`);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return serialize(withJson.toJSON(), path);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => serialize(item, `${path}[${index}]`) ?? 'null');
    return `[${items.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key], `${path}.${key}`);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Canonical JSON of a document payload: object keys sorted (by UTF-16 code units, like
 * `Array.prototype.sort`), no whitespace, array order kept, `undefined` members left out
 * (as `JSON.stringify` does). Two payloads that differ only in key order or formatting give
 * the same string. For the payloads the SDK hashes (strings, booleans, integers) this equals
 * RFC 8785 (JCS).
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
  const text = serialize(value, '$');
  if (text === undefined) throw new TypeError('$: value has no JSON form');
  return text;
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
