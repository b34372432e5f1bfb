import { setTimeout as sleep } from 'node:timers/promises';
import { type BalanceCredentials, parseBasicAuthorization } from './basic-auth.js';
import { type CatalogTemplate, handleCatalogRead } from './catalog-endpoints.js';
import { handleClientsRequest } from './clients-endpoint.js';
import {
  type EndpointResult,
  handleDocumentRequest,
  methodNotAllowed,
} from './document-endpoint.js';
import type { DocumentKind } from './document-validation.js';
import type { EndpointContext } from './endpoint-context.js';
import { errorResponse, htmlResponse, textResponse } from './exchange-responses.js';
import {
  type ExchangePublication,
  type ExchangeRoute,
  type ExchangeUrlShape,
  parseExchangePath,
} from './exchange-url.js';
import type { FaultInjector } from './fault-injector.js';
import type { BalanceFaultKind } from './fault-options.js';
import type { BalanceRequestLogEntry } from './request-log.js';

/**
 * What a URL template is served by.
 *
 * @example
 * ```ts
 * const route: TemplateRoute = { kind: 'document', canonical: 'Sale', documentKind: 'Sale' };
 * ```
 */
export type TemplateRoute =
  | { kind: 'catalog'; canonical: CatalogTemplate }
  | { kind: 'clients'; canonical: 'Clients' }
  | { kind: 'document'; canonical: string; documentKind: DocumentKind };

/**
 * Cloud segments under which some templates answer 403 (to exercise the client's `sm/o` ↔
 * `sm/a` fallback).
 *
 * @example
 * ```ts
 * const forbidden: ForbiddenSegments = { o: ['ItemsSeries'] };
 * ```
 */
export type ForbiddenSegments = Partial<Record<'o' | 'a', readonly string[]>>;

/**
 * Everything the request handler works with.
 *
 * @example
 * ```ts
 * const handle = createExchangeRequestHandler({
 *   publication, credentials, routes, forbiddenSegments: {}, wafRejectsGetContentType: false,
 *   context, faults, log: [],
 * });
 * ```
 */
export interface ExchangeHandlerConfig {
  publication: ExchangePublication;
  credentials: BalanceCredentials;
  /** URL template name → what serves it. */
  routes: ReadonlyMap<string, TemplateRoute>;
  forbiddenSegments: ForbiddenSegments;
  wafRejectsGetContentType: boolean;
  context: EndpointContext;
  faults: FaultInjector;
  /** Entries are appended here. */
  log: BalanceRequestLogEntry[];
}

/**
 * How the simulator answers a request: a response, or a network-level failure that the
 * HTTP server turns into a destroyed socket and msw into `HttpResponse.error()`.
 *
 * @example
 * ```ts
 * const outcome = await handle(new Request(url));
 * if (outcome.type === 'response') outcome.response.status;
 * ```
 */
export type ExchangeOutcome =
  | { type: 'response'; response: Response }
  | { type: 'network-error'; reason: 'connection-reset' | 'response-dropped' };

/**
 * The one request-handling core behind the HTTP server, the msw handlers and `sim.fetch`.
 * `shapes` limits which URL shapes are served (msw serves only the cloud shape on the cloud
 * origin).
 *
 * @example
 * ```ts
 * const handle = createExchangeRequestHandler(config);
 * await handle(new Request('http://x/Balance_Exchange/hs/Exchange/Items'), ['onprem']);
 * ```
 */
export type ExchangeRequestHandler = (
  request: Request,
  shapes?: readonly ExchangeUrlShape[],
) => Promise<ExchangeOutcome>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALL_SHAPES: readonly ExchangeUrlShape[] = ['cloud', 'onprem'];

/**
 * Creates the {@link ExchangeRequestHandler}. Order of work per request: log, latency,
 * downtime, pre-handling faults (429, 5xx, HTML page), WAF check, publication match (404),
 * segment check (403), Basic auth (401), URL template match (404), the endpoint, then
 * post-handling faults (5xx / HTML after write, dropped response, truncated JSON, empty
 * body).
 *
 * @example
 * ```ts
 * const handle = createExchangeRequestHandler(config);
 * ```
 */
export function createExchangeRequestHandler(
  config: ExchangeHandlerConfig,
): ExchangeRequestHandler {
  let sequence = 0;
  return async (request, shapes = ALL_SHAPES) => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const parsed = parseExchangePath(url.pathname, config.publication);
    const route = parsed && shapes.includes(parsed.shape) ? parsed : undefined;
    const template = route?.template;
    const isWrite = WRITE_METHODS.has(method);
    const rawBody = isWrite ? await request.text() : '';
    const body = isWrite ? parseJson(rawBody) : undefined;

    sequence += 1;
    const entry: BalanceRequestLogEntry = {
      seq: sequence,
      at: config.context.now().toISOString(),
      method,
      template,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 'network-error',
      authUser: parseBasicAuthorization(request.headers.get('authorization'))?.username,
      ...(isWrite && rawBody !== '' ? { body: body === undefined ? rawBody : body.value } : {}),
      ...(route ? { shape: route.shape } : {}),
      ...(route?.segment ? { segment: route.segment } : {}),
    };
    const finish = (outcome: ExchangeOutcome, fault?: BalanceFaultKind): ExchangeOutcome => {
      entry.status = outcome.type === 'response' ? outcome.response.status : 'network-error';
      if (fault) entry.fault = fault;
      config.log.push(entry);
      return outcome;
    };
    const respond = (response: Response, fault?: BalanceFaultKind) =>
      finish({ type: 'response', response }, fault);

    const faults = config.faults;
    const faultContext = { method, template };
    const delay = faults.latencyMs(faultContext);
    if (delay > 0) await sleep(delay);

    const down = faults.down(faultContext);
    if (down) {
      if ((down.answer ?? 'connection-reset') === 'connection-reset') {
        return finish({ type: 'network-error', reason: 'connection-reset' }, 'down');
      }
      return respond(
        htmlResponse(503, '503 Service Unavailable', 'The service is temporarily unavailable.'),
        'down',
      );
    }

    const rateLimit = faults.fire('rateLimit', faultContext);
    if (rateLimit) {
      const seconds = rateLimit.retryAfterSeconds ?? 1;
      return respond(
        textResponse(429, 'Too Many Requests', { 'retry-after': String(seconds) }),
        'rateLimit',
      );
    }
    const serverError = faults.fire('serverError', faultContext);
    const serverErrorResponse = () =>
      errorResponse(serverError?.status ?? 500, ['Internal server error (simulated)']);
    if (serverError && !serverError.afterWrite)
      return respond(serverErrorResponse(), 'serverError');
    const htmlPage = serverError ? undefined : faults.fire('htmlErrorPage', faultContext);
    const htmlPageResponse = () =>
      htmlResponse(
        htmlPage?.status ?? 500,
        `${htmlPage?.status ?? 500} - Internal server error.`,
        'There is a problem with the resource you are looking for, and it cannot be displayed.',
      );
    if (htmlPage && !htmlPage.afterWrite) return respond(htmlPageResponse(), 'htmlErrorPage');

    const early = gatekeep(request, method, route, config);
    const { response, wrote } = early
      ? { response: early, wrote: false }
      : dispatch(route as ExchangeRoute, method, url.searchParams, body, config);
    // `afterWrite` faults: the request was handled (a write is stored), the answer is lost.
    if (serverError) return respond(serverErrorResponse(), 'serverError');
    if (htmlPage) return respond(htmlPageResponse(), 'htmlErrorPage');
    if (early) return respond(early);

    if (wrote && response.ok && template) {
      const documents = Array.isArray(body?.value) ? body.value : [];
      if (faults.fire('dropResponseAfterWrite', faultContext, { method, template, documents })) {
        return finish(
          { type: 'network-error', reason: 'response-dropped' },
          'dropResponseAfterWrite',
        );
      }
    }
    if (faults.fire('truncatedJson', faultContext)) {
      const text = await response.text();
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      return respond(
        new Response(cut, { status: response.status, headers: response.headers }),
        'truncatedJson',
      );
    }
    if (faults.fire('emptyBody', faultContext)) {
      return respond(
        new Response('', { status: 200, headers: { 'content-type': 'application/json' } }),
        'emptyBody',
      );
    }
    return respond(response);
  };
}

/** WAF, publication, segment, auth and template checks; a response when the request stops here. */
function gatekeep(
  request: Request,
  method: string,
  route: ExchangeRoute | undefined,
  config: ExchangeHandlerConfig,
): Response | undefined {
  if (
    config.wafRejectsGetContentType &&
    method === 'GET' &&
    (request.headers.get('content-type') ?? '').toLowerCase().includes('application/json')
  ) {
    return htmlResponse(403, 'Request Rejected', 'The requested URL was rejected.');
  }
  if (!route) {
    return htmlResponse(404, '404 Not Found', 'The requested URL was not found on this server.');
  }
  if (route.shape === 'cloud' && route.segment) {
    const forbidden = config.forbiddenSegments[route.segment];
    if (forbidden?.includes(route.template)) {
      return htmlResponse(
        403,
        '403 Forbidden',
        'You do not have permission to access this resource.',
      );
    }
  }
  const credentials = parseBasicAuthorization(request.headers.get('authorization'));
  if (
    !credentials ||
    credentials.username !== config.credentials.username ||
    credentials.password !== config.credentials.password
  ) {
    return htmlResponse(401, '401 Unauthorized', 'Authorization required (1C:Enterprise).', {
      'www-authenticate': 'Basic realm="1C:Enterprise"',
    });
  }
  // The publication authenticates first; only then does the HTTP service match URL templates.
  if (!config.routes.has(route.template)) return textResponse(404, 'Not Found');
  return undefined;
}

function dispatch(
  route: ExchangeRoute,
  method: string,
  query: URLSearchParams,
  body: { value: unknown } | undefined,
  config: ExchangeHandlerConfig,
): EndpointResult {
  const target = config.routes.get(route.template) as TemplateRoute;
  const context = config.context;
  if (target.kind === 'catalog') {
    if (method !== 'GET') return { response: methodNotAllowed(), wrote: false };
    return { response: handleCatalogRead(target.canonical, query, context), wrote: false };
  }
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    return { response: methodNotAllowed(), wrote: false };
  }
  if (target.kind === 'document' && method === 'POST') {
    return { response: methodNotAllowed(), wrote: false };
  }
  let documents: readonly unknown[] = [];
  if (WRITE_METHODS.has(method)) {
    const invalid = checkWriteBody(method, body);
    if (invalid) return { response: invalid, wrote: false };
    documents = Array.isArray(body?.value) ? body.value : [];
  }
  if (target.kind === 'clients') return handleClientsRequest(method, query, documents, context);
  return handleDocumentRequest(
    { kind: target.documentKind, template: target.canonical, method, query, documents },
    context,
  );
}

function checkWriteBody(
  method: string,
  body: { value: unknown } | undefined,
): Response | undefined {
  if (method === 'DELETE' && body === undefined) return undefined;
  if (body === undefined) {
    return errorResponse(400, ['The request body is not valid JSON; expected an array: [ { … } ]']);
  }
  if (!Array.isArray(body.value)) {
    return errorResponse(400, ['Expected a JSON array of objects: [ { … } ]']);
  }
  if (body.value.length === 0 && method !== 'DELETE') {
    return errorResponse(400, ['The array is empty: nothing to write']);
  }
  return undefined;
}

function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
