/** A query parameter value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** Query parameters in the order they are sent. */
export type QueryParams = Readonly<Record<string, QueryValue>>;

/**
 * RFC 3986 percent-encoding (PHP's `rawurlencode`): everything but `A-Z a-z 0-9 - _ . ~`.
 * Used for URLs and for the OAuth 1.0a base string, so what is signed is what is sent.
 */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The defined parameters as `[name, value]` pairs of strings, in order. */
export function queryEntries(query: QueryParams): [string, string][] {
  return Object.entries(query).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, String(value)] as [string, string]],
  );
}

/** `a=1&b=x%2Cy` from pairs, RFC 3986-encoded. */
export function formatQuery(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).join('&');
}
