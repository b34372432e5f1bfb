/**
 * Keys under which Balance (or a proxy in front of it) wraps a list, e.g. Prices answers
 * `{ "Source": [...] }` on some tenants.
 */
export const LIST_WRAPPER_KEYS = ['Source', 'Items', 'value', 'data'] as const;

/**
 * Finds the rows of a list response: a bare array, an object holding one of the wrapper keys
 * as an array, or a single record (an object with a `uid`), which becomes a one-row list.
 * Document templates pass `wrapperKeys` without `Items`, because there `Items` is the table
 * of lines of one document. Returns `undefined` for anything else.
 */
export function unwrapList(
  body: unknown,
  wrapperKeys: readonly string[] = LIST_WRAPPER_KEYS,
): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (!('uid' in record)) {
    for (const key of wrapperKeys) {
      const value = record[key];
      if (Array.isArray(value)) return value;
    }
  }
  return 'uid' in record ? [record] : undefined;
}
