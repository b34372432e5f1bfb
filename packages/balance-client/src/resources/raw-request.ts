import type { BalanceCallOptions } from '../client/call-options.js';
import type { BalanceHttpMethod } from '../retry/retry-policy.js';
import type { BalanceQuery } from '../transport/query-string.js';
import { omitEmpty } from '../transport/request-body.js';
import type { TransportResponse } from '../transport/transport.js';
import type { ResourceContext } from './resource-context.js';
import type { BalanceDryRunResult } from './write-result.js';

/**
 * A raw call through the client's transport (auth, retries, events, dry run), for methods
 * and templates the typed resources do not cover: `POST Clients`, `PATCH Sale`,
 * `DELETE …` (mark for deletion), ItemsSeries. POST, PATCH and DELETE are never retried.
 *
 * @example
 * ```ts
 * await balance.request({ method: 'GET', template: 'ItemsSeries', query: { Item: itemUid } });
 * await balance.request({ method: 'PATCH', template: 'Sale', body: [{ uid: saleUid, Comments: 'paid' }] });
 * ```
 */
export interface BalanceRawRequest {
  /** HTTP method. */
  readonly method: BalanceHttpMethod;
  /** URL template. */
  readonly template: string;
  /** Query parameters (empty values omitted). */
  readonly query?: BalanceQuery;
  /** Body for writes; an object is wrapped into a one-element array; empty fields are omitted. */
  readonly body?: Readonly<Record<string, unknown>> | readonly unknown[];
  /** Non-2xx statuses to return instead of throwing (e.g. `[404]`). */
  readonly acceptStatuses?: readonly number[];
}

/**
 * The answer to a {@link BalanceRawRequest} that was sent.
 *
 * @example
 * ```ts
 * const response = await balance.request({ method: 'GET', template: 'Warehouses' });
 * if (!response.dryRun) console.log(response.status, response.body);
 * ```
 */
export interface BalanceRawResponse {
  readonly dryRun: false;
  /** HTTP status. */
  readonly status: number;
  /** HTTP reason phrase. */
  readonly statusText: string;
  /** Response headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, the text when it was not JSON, `undefined` when empty. */
  readonly body: unknown;
  /** Request URL. */
  readonly url: string;
  /** Id shared with the call's events. */
  readonly requestId: string;
  /** Attempts made. */
  readonly attempts: number;
}

/** Sends a raw request. */
export async function sendRawRequest(
  context: ResourceContext,
  request: BalanceRawRequest,
  call?: BalanceCallOptions,
): Promise<BalanceRawResponse | BalanceDryRunResult> {
  const body =
    request.body === undefined || request.method === 'GET'
      ? undefined
      : (omitEmpty(Array.isArray(request.body) ? request.body : [request.body]) as unknown[]);
  const transportRequest = {
    method: request.method,
    template: request.template,
    query: request.query,
    body,
    call,
    acceptStatuses: request.acceptStatuses,
    // The caller reads the answer itself: any 2xx body (even an empty one) is returned.
    rawBody: true,
  };
  if (request.method === 'GET') return toRaw(await context.transport.read(transportRequest));
  const outcome = await context.transport.write(transportRequest);
  return outcome.dryRun ? outcome : toRaw(outcome.response);
}

function toRaw(response: TransportResponse): BalanceRawResponse {
  return {
    dryRun: false,
    status: response.status,
    statusText: response.statusText,
    headers: Object.fromEntries(response.headers),
    body: response.isJson ? response.body : response.text === '' ? undefined : response.text,
    url: response.request.url,
    requestId: response.request.requestId,
    attempts: response.request.attempts,
  };
}
