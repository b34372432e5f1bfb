/**
 * The `fetch` signature the client needs. Any WHATWG-compatible fetch works (Node's global
 * fetch, undici's, a test double); the client calls it with a `Request` and an init object
 * that may carry a `dispatcher` (undici) when one was configured.
 */
export type BalanceFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
