import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';

/*
 * The catalog's hash definition over canonical JSON: SHA-256 of each value's text followed by
 * a newline. Saved plans (and the apply journals keyed by their hash) and the input
 * fingerprints depend on these exact bytes.
 */

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
 * SHA-256 (hex) of the canonical JSON of `value` followed by a newline (the
 * {@link CanonicalHasher} of that one value).
 *
 * @example
 * ```ts
 * canonicalHash({ b: 1, a: 2 }) === canonicalHash({ a: 2, b: 1 }); // true
 * ```
 */
export function canonicalHash(value: unknown): string {
  return new CanonicalHasher().add(value).digest();
}
