import { createHash, type Hash } from 'node:crypto';

/**
 * JSON with object keys sorted and `undefined` members dropped, so equal data always gives
 * the same text (and the same hash), whatever order its keys were built in.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, undefined] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

const SIMPLE_KEY = /^[A-Za-z0-9_$@:.-]*$/;
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = SIMPLE_KEY.test(key) ? `"${key}"` : JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function write(value: unknown, out: string): string {
  switch (typeof value) {
    case 'string':
      return out + JSON.stringify(value);
    case 'number':
      return out + (Number.isFinite(value) ? String(value) : 'null');
    case 'boolean':
      return out + (value ? 'true' : 'false');
    case 'object':
      break;
    default:
      return `${out}null`;
  }
  if (value === null) return `${out}null`;
  if (Array.isArray(value)) {
    let text = `${out}[`;
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text = write(value[i], text);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Most objects are small and built in one order: sort only when needed.
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let text = `${out}{`;
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    text += first ? quoteKey(key) : `,${quoteKey(key)}`;
    first = false;
    text = write(member, `${text}:`);
  }
  return `${text}}`;
}

/**
 * An incremental SHA-256 over canonical JSON values, for hashing large plans without
 * building one big string.
 *
 * @example
 * ```ts
 * const hasher = new CanonicalHasher();
 * hasher.add({ a: 1 }).add([2, 3]);
 * hasher.digest(); // 64 hex digits
 * ```
 */
export class CanonicalHasher {
  readonly #hash: Hash = createHash('sha256');
  #buffer = '';

  /** Adds one value (followed by a separator, so `[a, b]` and `[ab]` differ). */
  add(value: unknown): this {
    return this.addText(canonicalJson(value));
  }

  /** Adds a string as it is (followed by a separator). */
  addText(text: string): this {
    this.#buffer += `${text}\n`;
    if (this.#buffer.length > 65_536) {
      this.#hash.update(this.#buffer);
      this.#buffer = '';
    }
    return this;
  }

  /** The hex digest; the hasher cannot be used afterwards. */
  digest(): string {
    this.#hash.update(this.#buffer);
    this.#buffer = '';
    return this.#hash.digest('hex');
  }
}

/**
 * SHA-256 (hex) of the canonical JSON of `value`.
 *
 * @example
 * ```ts
 * canonicalHash({ b: 1, a: 2 }) === canonicalHash({ a: 2, b: 1 }); // true
 * ```
 */
export function canonicalHash(value: unknown): string {
  return new CanonicalHasher().add(value).digest();
}
