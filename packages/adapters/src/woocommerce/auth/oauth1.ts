import { createHmac, randomBytes } from 'node:crypto';
import { rfc3986 } from '../http/query-string.js';

/** The OAuth 1.0a parameters of one request, before signing. */
export interface OAuth1Params {
  readonly consumerKey: string;
  /** Seconds since the epoch; WooCommerce accepts ±15 minutes. */
  readonly timestamp: number;
  /** Unique per request within 15 minutes. */
  readonly nonce: string;
}

/**
 * The string WooCommerce signs (`WC_REST_Authentication::check_oauth_signature`):
 * `METHOD&rawurlencode(url)&` + the request's query parameters and OAuth parameters (without
 * `oauth_signature`), sorted by raw name (`strcmp`), each name and value RFC 3986-encoded, each
 * `name=value` pair RFC 3986-encoded again (`join_with_equals_sign`), joined with `%26`. So a
 * comma in a value appears as `%252C`, as in RFC 5849. The body is not signed. `url` is the
 * store's home URL plus the path, without the query string.
 */
export function oauth1BaseString(
  method: string,
  url: string,
  params: readonly (readonly [string, string])[],
): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const joined = sorted
    .map(([name, value]) => rfc3986(`${rfc3986(name)}=${rfc3986(value)}`))
    .join('%26');
  return `${method.toUpperCase()}&${rfc3986(url)}&${joined}`;
}

/**
 * Base64 HMAC-SHA256 of the base string. The key is `consumer_secret&token_secret`; WooCommerce
 * keys are one-legged, so the token secret is empty (`consumer_secret&`).
 */
export function oauth1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  return createHmac('sha256', `${consumerSecret}&${tokenSecret}`)
    .update(baseString)
    .digest('base64');
}

/**
 * The query parameters to add to a request for one-legged OAuth 1.0a with HMAC-SHA256, the
 * signature last.
 *
 * @param query - The request's own query parameters (they are signed too).
 */
export function oauth1QueryParams(
  method: string,
  url: string,
  query: readonly (readonly [string, string])[],
  params: OAuth1Params,
  consumerSecret: string,
): [string, string][] {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', params.consumerKey],
    ['oauth_nonce', params.nonce],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(params.timestamp)],
  ];
  const signature = oauth1Signature(
    oauth1BaseString(method, url, [...query, ...oauth]),
    consumerSecret,
  );
  return [...oauth, ['oauth_signature', signature]];
}

/** A random nonce (32 hex characters). */
export function oauth1Nonce(): string {
  return randomBytes(16).toString('hex');
}
