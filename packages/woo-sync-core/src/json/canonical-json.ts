/*
 * The one canonical-JSON writer of the engine. Both stored hash definitions are built on its
 * text: the ledger's `payloadHash` (SHA-256 of the text) and the catalog's `canonicalHash` /
 * `CanonicalHasher` (SHA-256 of the text and a newline, for plans, journals and
 * fingerprints). Its output for plain JSON data must never change: stored hashes would stop
 * matching (test/json/hash-vectors.test.ts holds fixed vectors).
 */

/**
 * Canonical JSON of a value: object keys sorted (by UTF-16 code units, like
 * `Array.prototype.sort`), no whitespace, array order kept. Otherwise as `JSON.stringify`:
 * `toJSON()` is honoured (with the member's key), members whose value is `undefined`, a
 * function or a symbol are left out, and such values (and holes) in arrays are written as
 * `null`. Two values that differ only in key order give the same text; for the data the SDK
 * hashes (strings, booleans, integers) this equals RFC 8785 (JCS).
 *
 * Throws a `TypeError` naming the path (programmer error) for a `bigint`, a non-finite number
 * (`NaN`, `Infinity`), or a top-level value without a JSON form (`undefined`, a function, a
 * symbol).
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, undefined] }); // '{"a":[true,null],"b":1}'
 * canonicalJson({ when: new Date(0), skip: undefined }); // '{"when":"1970-01-01T00:00:00.000Z"}'
 * canonicalJson({ total: Number.NaN }); // throws TypeError: $.total: NaN has no JSON form
 * ```
 */
export function canonicalJson(value: unknown): string {
  try {
    const resolved = jsonValueOf(value, '');
    if (!hasJsonForm(resolved)) throw new NoJsonForm(`${describeValue(resolved)} has no JSON form`);
    return write(resolved, '');
  } catch (error) {
    if (error instanceof NoJsonForm) {
      throw new TypeError(`$${error.path.join('')}: ${error.reason}`);
    }
    throw error;
  }
}

/** Thrown inside the writer; `canonicalJson` turns it into a `TypeError` with the path. */
class NoJsonForm {
  readonly reason: string;
  /** `.key` and `[index]` steps from the value down to the offending part, outermost first. */
  readonly path: string[] = [];

  constructor(reason: string) {
    this.reason = reason;
  }
}

/** `toJSON()` applied, as `JSON.stringify` does before writing a value. */
function jsonValueOf(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJSON.call(value, key) as unknown;
  }
  return value;
}

/** Whether an object member with this (resolved) value is written at all. */
function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return 'a bigint (format it as a string first)';
  if (typeof value === 'number') return String(value);
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
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

/** Appends the JSON of `value` (`toJSON` already applied) to `out`. */
function write(value: unknown, out: string): string {
  switch (typeof value) {
    case 'string':
      return out + JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NoJsonForm(`${value} has no JSON form`);
      // String(-0) is "0", as in JSON.stringify.
      return out + String(value);
    case 'boolean':
      return out + (value ? 'true' : 'false');
    case 'object':
      break;
    case 'bigint':
      throw new NoJsonForm(`${describeValue(value)} has no JSON form`);
    default:
      // undefined, a function or a symbol in an array (members were filtered out before).
      return `${out}null`;
  }
  if (value === null) return `${out}null`;
  if (Array.isArray(value)) return writeArray(value, out);
  return writeObject(value as Record<string, unknown>, out);
}

function writeArray(array: readonly unknown[], out: string): string {
  let text = `${out}[`;
  let index = 0;
  try {
    for (; index < array.length; index += 1) {
      if (index > 0) text += ',';
      // A hole reads as undefined and is written as null.
      text = write(jsonValueOf(array[index], String(index)), text);
    }
  } catch (error) {
    if (error instanceof NoJsonForm) error.path.unshift(`[${index}]`);
    throw error;
  }
  return `${text}]`;
}

function writeObject(record: Record<string, unknown>, out: string): string {
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
  let current = '';
  try {
    for (const key of keys) {
      current = key;
      const member = jsonValueOf(record[key], key);
      if (!hasJsonForm(member)) continue;
      text += first ? quoteKey(key) : `,${quoteKey(key)}`;
      first = false;
      text = write(member, `${text}:`);
    }
  } catch (error) {
    if (error instanceof NoJsonForm) error.path.unshift(`.${current}`);
    throw error;
  }
  return `${text}}`;
}
