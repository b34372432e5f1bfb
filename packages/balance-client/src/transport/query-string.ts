/** A query parameter value; `undefined` and `''` are left out of the URL. */
export type BalanceQueryValue = string | number | boolean | undefined;

/**
 * Query parameters in the order they are sent: either ordered pairs or a record (insertion
 * order). Empty values are omitted because some Balance publications answer
 * `404 Unknown parameter` to empty optional parameters.
 */
export type BalanceQuery =
  | ReadonlyArray<readonly [string, BalanceQueryValue]>
  | Readonly<Record<string, BalanceQueryValue>>;

/**
 * Builds `?a=1&b=x` with `encodeURIComponent` (spaces as `%20`, Georgian text as UTF-8
 * percent escapes), or `''` when nothing is left.
 */
export function buildQueryString(query: BalanceQuery | undefined): string {
  if (query === undefined) return '';
  const pairs = Array.isArray(query)
    ? (query as ReadonlyArray<readonly [string, BalanceQueryValue]>)
    : Object.entries(query as Readonly<Record<string, BalanceQueryValue>>);
  const parts: string[] = [];
  for (const [key, value] of pairs) {
    if (value === undefined || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
