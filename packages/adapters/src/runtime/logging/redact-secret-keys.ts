/**
 * Keys whose values are replaced with `[redacted]` wherever they appear in a logged object
 * (compared without regard to case): passwords, WooCommerce keys and secrets (also as the
 * `consumer_key` / `consumer_secret` query parameters), the webhook secret and signature,
 * the admin token, `Authorization` and cookie headers, and connection URLs.
 *
 * @example
 * ```ts
 * logger.info({ password: 'x' }); // {"password":"[redacted]"}
 * ```
 */
export const REDACTED_KEYS: readonly string[] = Object.freeze([
  'password',
  'consumerKey',
  'consumerSecret',
  'consumer_key',
  'consumer_secret',
  'webhookSecret',
  'adminToken',
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'databaseUrl',
  'redisUrl',
  'connectionString',
  'x-wc-webhook-signature',
]);

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

const SECRET_KEYS = new Set(REDACTED_KEYS.map((key) => key.toLowerCase()));
const SHORTEST_KEY = Math.min(...[...SECRET_KEYS].map((key) => key.length));
const LONGEST_KEY = Math.max(...[...SECRET_KEYS].map((key) => key.length));

/** Nesting below this depth is written as it is (the line scrub still applies). */
const MAX_DEPTH = 12;
/** Values looked at per logged object, so a huge or cyclic object costs a bounded time. */
const MAX_VALUES = 5_000;

function isSecretKey(key: string): boolean {
  if (SECRET_KEYS.has(key)) return true;
  return (
    key.length >= SHORTEST_KEY && key.length <= LONGEST_KEY && SECRET_KEYS.has(key.toLowerCase())
  );
}

/**
 * A copy of `value` with every {@link REDACTED_KEYS} member replaced with `[redacted]`, at any
 * depth (up to 12 levels and 5 000 values), inside arrays, errors' own properties and what
 * `toJSON()` returns. Nothing is copied when nothing is redacted (the common case costs one
 * walk over the keys), and the caller's objects are never changed.
 *
 * @param skipKey - a top-level key left as it is (pino's `err`, which its serializer handles)
 * @example
 * ```ts
 * redactSecretKeys({ store: { woocommerce: { consumerSecret: 'cs_…', url } } });
 * // { store: { woocommerce: { consumerSecret: '[redacted]', url } } }
 * ```
 */
export function redactSecretKeys<T>(value: T, skipKey?: string): T {
  if (typeof value !== 'object' || value === null) return value;
  const budget = { left: MAX_VALUES };
  return redactObject(value as object, 0, budget, skipKey) as T;
}

function redactValue(
  value: unknown,
  key: string,
  depth: number,
  budget: { left: number },
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH || budget.left <= 0) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    // What the line will hold (a Date's text, an error's summary).
    const resolved: unknown = toJSON.call(value, key);
    return resolved === value ? value : redactValue(resolved, key, depth, budget);
  }
  return redactObject(value, depth, budget, undefined);
}

function redactObject(
  value: object,
  depth: number,
  budget: { left: number },
  skipKey: string | undefined,
): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      budget.left -= 1;
      const item: unknown = value[index];
      const redacted = redactValue(item, String(index), depth + 1, budget);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[index] = redacted;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    budget.left -= 1;
    if (key === skipKey) continue;
    const member = record[key];
    const redacted =
      member !== undefined && isSecretKey(key)
        ? REDACTED
        : redactValue(member, key, depth + 1, budget);
    if (redacted !== member) {
      copy ??= { ...record };
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}
