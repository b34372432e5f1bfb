import type { ResolvedRetryOptions } from './retry-options.js';

/**
 * HTTP methods the client can send. Documents are created with PUT (upsert by `uid`);
 * POST, PATCH and DELETE exist in the API and are reachable through `client.request()`.
 */
export type BalanceHttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Whether a request may be sent again after a failure whose outcome is unknown: GET always;
 * PUT only when the body is a non-empty array whose every element has a non-empty string
 * `uid` (an upsert keyed by uid rewrites the same record); POST, PATCH and DELETE never.
 *
 * @example
 * ```ts
 * isRetryableRequest('PUT', [{ uid: '6f0c…', Items: [] }]); // true
 * isRetryableRequest('PUT', [{ Name: 'New client' }]);     // false — Balance would create a second one
 * isRetryableRequest('POST', [{ uid: '6f0c…' }]);           // false
 * ```
 */
export function isRetryableRequest(method: string, body?: unknown): boolean {
  switch (method.toUpperCase()) {
    case 'GET':
      return true;
    case 'PUT':
      return (
        Array.isArray(body) &&
        body.length > 0 &&
        body.every(
          (document) =>
            typeof document === 'object' &&
            document !== null &&
            typeof (document as { uid?: unknown }).uid === 'string' &&
            (document as { uid: string }).uid.trim() !== '',
        )
      );
    default:
      return false;
  }
}

/**
 * Delay before the next attempt: the server's `Retry-After` (capped by `maxRetryAfterMs`)
 * when it sent one, otherwise exponential backoff with full jitter.
 *
 * @param retryIndex - 0 for the first retry, 1 for the second, …
 * @param retryAfterMs - Parsed `Retry-After`, if any.
 * @param random - Returns a number in [0, 1).
 */
export function computeRetryDelay(
  retryIndex: number,
  retryAfterMs: number | undefined,
  options: ResolvedRetryOptions,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs);
  const ceiling = Math.min(options.maxDelayMs, options.backoffMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}
