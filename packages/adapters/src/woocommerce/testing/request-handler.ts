/**
 * The request-handling core shared by the HTTP server and the msw handlers:
 * `(Request) => Promise<Response>`. It runs the WordPress REST pipeline in WordPress' order:
 * host faults → authentication errors → key scope → route match → JSON parse → argument
 * validation → permission check → handler → `_fields` → response faults.
 *
 * Internal module.
 */
import { type ApiKeyRegistry, type AuthUser, authenticate, checkKeyScope } from './auth.js';
import { noRouteError, WooRestError } from './errors.js';
import { type FaultInjector, type FaultPlan, hostErrorPage } from './faults.js';
import { md5, type PhpQueryMap, parsePhpQuery, phpJsonEncode } from './php.js';
import { type RequestLog, redactQuery } from './request-log.js';
import {
  allowedMethods,
  findRoute,
  matchRoute,
  type RestResult,
  type RouteContext,
  type RouteDefinition,
} from './router.js';
import { validateAndSanitize, wpParseList } from './validation.js';
import type { WebhookDispatcher } from './webhooks.js';
import type { WooStore } from './woo-store.js';

/** Thrown to make the transport drop the connection without a response. */
export class ConnectionDropped extends Error {
  constructor() {
    super('Connection dropped by a simulated fault');
    this.name = 'ConnectionDropped';
  }
}

/** Dependencies of the core. */
export interface RequestCoreDeps {
  store: WooStore;
  keys: ApiKeyRegistry;
  webhooks: WebhookDispatcher;
  faults: FaultInjector;
  log: RequestLog;
  routes: readonly RouteDefinition[];
}

const BASE_HEADERS: Record<string, string> = {
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
  'Access-Control-Allow-Headers':
    'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function filterFields(data: unknown, fields: string[]): unknown {
  // The same for every item: which top-level keys, and the sub-fields asked for under each.
  const requested = new Set(fields.map((f) => f.split('.')[0] ?? f));
  const nestedOf = new Map<string, string[]>();
  for (const key of requested) {
    const nested = fields
      .filter((f) => f.startsWith(`${key}.`))
      .map((f) => f.slice(key.length + 1));
    if (nested.length > 0 && !fields.includes(key)) nestedOf.set(key, nested);
  }
  const pick = (item: unknown): unknown => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const src = item as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(src)) {
      if (!requested.has(key) && key !== 'id') continue;
      const nested = nestedOf.get(key);
      out[key] = nested ? filterNested(src[key], nested) : src[key];
    }
    return out;
  };
  const filterNested = (value: unknown, nested: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => filterNested(v, nested));
    if (value === null || typeof value !== 'object') return value;
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of nested) {
      const head = f.split('.')[0] ?? f;
      if (head in src) out[head] = src[head];
    }
    return out;
  };
  return Array.isArray(data) ? data.map(pick) : pick(data);
}

function isCacheableRoute(route: string): boolean {
  return /^\/wc\/v3\/products(\/\d+)?(\/variations(\/\d+)?)?$/.test(route);
}

/** The core. */
export class RequestCore {
  private readonly deps: RequestCoreDeps;
  private readonly etags = new Map<string, string>();

  constructor(deps: RequestCoreDeps) {
    this.deps = deps;
  }

  /** Handles one request. Resolves to `Response.error()` when the connection must drop. */
  async handle(request: Request, transport: 'http' | 'msw' | 'direct'): Promise<Response> {
    const { store, log, webhooks } = this.deps;
    const started = performance.now();
    const startedAt = store.clock.now();
    const url = new URL(request.url);
    const query = parsePhpQuery(url.search);
    const route = this.routeOf(url.pathname, query);
    const entry = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      route,
      query: redactQuery(query),
      body: null as unknown,
      status: null as number | null,
      errorCode: null as string | null,
      keyId: null as number | null,
      faults: [] as string[],
      transport,
      startedAt,
      durationMs: 0,
    };
    webhooks.hold();
    try {
      const response = await this.process(request, url, query, route, entry);
      entry.status = response.type === 'error' ? null : response.status;
      return response;
    } finally {
      entry.durationMs = performance.now() - started;
      log.push(entry);
      webhooks.release();
    }
  }

  private routeOf(pathname: string, query: PhpQueryMap): string | null {
    let route: string | null = null;
    if (pathname === '/wp-json' || pathname.startsWith('/wp-json/'))
      route = pathname.slice('/wp-json'.length);
    else if (typeof query.rest_route === 'string') route = query.rest_route;
    if (route === null) return null;
    route = route.replace(/\/+$/, '');
    return route === '' ? '/' : route;
  }

  private async process(
    request: Request,
    url: URL,
    query: PhpQueryMap,
    route: string | null,
    entry: { body: unknown; errorCode: string | null; keyId: number | null; faults: string[] },
  ): Promise<Response> {
    const { store, faults } = this.deps;
    const method = request.method.toUpperCase();
    const nsRoute = route?.startsWith('/wc/v3')
      ? route.slice('/wc/v3'.length) || '/'
      : (route ?? url.pathname);
    const plan = faults.plan(method, nsRoute, url.pathname, store.clock.now());
    entry.faults = plan.labels;
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.dropConnection) return Response.error();
    if (plan.hostError) {
      const headers: Record<string, string> = {};
      if (plan.hostError.retryAfter !== null) headers['Retry-After'] = plan.hostError.retryAfter;
      if (plan.hostError.body === 'html') {
        headers['Content-Type'] = 'text/html';
        return new Response(hostErrorPage(plan.hostError.status), {
          status: plan.hostError.status,
          headers,
        });
      }
      return new Response(null, { status: plan.hostError.status, headers });
    }
    if (route === null) {
      return new Response(
        '<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Not Found</h1></body></html>',
        {
          status: 404,
          headers: { 'Content-Type': 'text/html; charset=UTF-8' },
        },
      );
    }
    if (plan.serverError) {
      return this.finish(
        request,
        route,
        query,
        plan,
        {
          status: 500,
          data: {
            code: plan.serverError.code,
            message: plan.serverError.message,
            data: plan.serverError.data,
          },
        },
        null,
      );
    }
    const rawBody = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    const auth: { user: AuthUser | null } = { user: null };
    let result: RestResult;
    try {
      result = await this.dispatch(request, method, route, query, rawBody, plan, entry, (u) => {
        auth.user = u;
      });
    } catch (err) {
      if (err instanceof ConnectionDropped) return Response.error();
      if (err instanceof WooRestError) {
        entry.errorCode = err.code;
        result = { status: err.status, data: err.toBody() };
      } else {
        console.error('[woocommerce-simulator] internal error', err);
        result = {
          status: 500,
          data: {
            code: 'internal_server_error',
            message: err instanceof Error ? err.message : String(err),
            data: { status: 500 },
          },
        };
      }
    }
    if (plan.loseResponse) return Response.error();
    return this.finish(request, route, query, plan, result, auth.user);
  }

  private async dispatch(
    request: Request,
    originalMethod: string,
    route: string,
    query: PhpQueryMap,
    rawBody: string,
    plan: FaultPlan,
    entry: { body: unknown; keyId: number | null },
    setUser: (user: AuthUser | null) => void,
  ): Promise<RestResult> {
    const { store, keys, webhooks } = this.deps;
    let method = originalMethod;
    if (method === 'POST') {
      const override =
        typeof query._method === 'string'
          ? query._method
          : request.headers.get('x-http-method-override');
      if (override) method = override.toUpperCase();
    }
    const contentType =
      (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const formBody =
      contentType === 'application/x-www-form-urlencoded' ? parsePhpQuery(rawBody) : null;
    const auth = authenticate(
      {
        method: originalMethod,
        path: new URL(request.url).pathname,
        query,
        formBody,
        authorization: request.headers.get('authorization'),
        https: store.settings.https,
        siteUrl: store.siteUrl,
        nowSec: store.nowSec(),
      },
      keys,
    );
    if (auth.error) throw auth.error;
    const user = auth.user;
    setUser(user);
    if (user) {
      entry.keyId = user.key.keyId;
      user.key.lastAccess = store.clock.now();
      const scope = checkKeyScope(user, method);
      if (scope) throw scope;
      if (route !== '/' && !route.startsWith('/wc/') && !route.startsWith('/wc-')) {
        throw new WooRestError(
          'woocommerce_rest_authentication_error',
          'The provided API key cannot be used to access this endpoint.',
          { status: 401 },
        );
      }
    }
    if (route === '/' || route === '/wc/v3') return this.index(route, method);
    if (method === 'OPTIONS') {
      const found = findRoute(this.deps.routes, route);
      if (!found) throw noRouteError();
      const methods = allowedMethods(found);
      return {
        status: 200,
        data: {
          namespace: 'wc/v3',
          methods,
          endpoints: methods.map((m) => ({
            methods: [m],
            args: found.methods[m as 'GET']?.args ?? {},
          })),
        },
        headers: { Allow: methods.join(', ') },
      };
    }
    const matched = matchRoute(this.deps.routes, method, route);
    if (!matched) throw noRouteError();
    let jsonBody: Record<string, unknown> = {};
    if (contentType === 'application/json' && rawBody.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawBody);
      } catch {
        throw new WooRestError('rest_invalid_json', 'Invalid JSON body passed.', {
          status: 400,
          json_error_code: 4,
          json_error_message: 'Syntax error',
        });
      }
      entry.body = parsed;
      if (parsed !== null && typeof parsed === 'object') {
        jsonBody = Array.isArray(parsed) ? { ...parsed } : (parsed as Record<string, unknown>);
      }
    } else if (formBody) {
      entry.body = formBody;
    }
    const params: Record<string, unknown> = {
      ...matched.urlParams,
      ...query,
      ...(formBody ?? {}),
      ...jsonBody,
    };
    validateAndSanitize(params, matched.definition.args ?? {});
    const ctx: RouteContext = {
      store,
      webhooks,
      method,
      route,
      urlParams: matched.urlParams,
      params,
      query,
      user,
      afterBatchItem: (applied) => {
        if (plan.cutOffAfter !== null && applied >= plan.cutOffAfter) throw new ConnectionDropped();
      },
    };
    const result = await matched.definition.handler(ctx);
    return { ...result, headers: { Allow: matched.allow.join(', '), ...(result.headers ?? {}) } };
  }

  private index(route: string, method: string): RestResult {
    if (method !== 'GET' && method !== 'HEAD') throw noRouteError();
    const routes = this.deps.routes.map((r) =>
      r.pattern.source.replace(/^\^|\$$/g, '').replace(/\(\?<([a-z_]+)>/g, '(?P<$1>'),
    );
    if (route === '/') {
      return {
        status: 200,
        data: {
          name: 'WooCommerce Simulator',
          description: 'A simulated WooCommerce store',
          url: this.deps.store.siteUrl,
          home: this.deps.store.siteUrl,
          namespaces: ['wc/v3'],
          authentication: [],
          routes: Object.fromEntries(routes.map((r) => [r, { namespace: 'wc/v3' }])),
        },
      };
    }
    return {
      status: 200,
      data: {
        namespace: 'wc/v3',
        routes: Object.fromEntries(routes.map((r) => [r, { namespace: 'wc/v3' }])),
      },
    };
  }

  private finish(
    request: Request,
    route: string,
    query: PhpQueryMap,
    plan: FaultPlan,
    result: RestResult,
    user: AuthUser | null,
  ): Response {
    const { store } = this.deps;
    const method = request.method.toUpperCase();
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      'Content-Type': 'application/json; charset=UTF-8',
      ...(result.headers ?? {}),
    };
    if (user) headers['Cache-Control'] = 'no-cache, must-revalidate, max-age=0, no-store, private';
    let status = result.status;
    let data = result.data;
    const isError = status >= 400;
    if (!isError && query._fields !== undefined) {
      const fields = wpParseList(query._fields).map(String);
      if (fields.length > 0) data = filterFields(data, fields);
    }
    if (query._envelope !== undefined) {
      data = { body: data, status, headers: result.headers ?? {} };
      status = 200;
    }
    if (
      store.settings.restApiCaching &&
      (method === 'GET' || method === 'HEAD') &&
      status === 200 &&
      isCacheableRoute(route)
    ) {
      if (query._skip_cache !== undefined && query._skip_cache !== '0') {
        headers['X-WC-Cache'] = 'SKIP';
      } else {
        const stable = Array.isArray(data)
          ? data.map((d) =>
              d && typeof d === 'object' ? { ...(d as object), related_ids: undefined } : d,
            )
          : data && typeof data === 'object'
            ? { ...(data as object), related_ids: undefined }
            : data;
        const etag = `"${md5(phpJsonEncode(stable) + JSON.stringify(result.headers ?? {}))}"`;
        const url = new URL(request.url);
        url.searchParams.delete('_skip_cache');
        const key = `${user?.userId ?? 0}:${url.pathname}?${url.searchParams.toString()}`;
        const previous = this.etags.get(key);
        headers['X-WC-Cache'] = previous === etag ? 'HIT' : 'MISS';
        this.etags.set(key, etag);
        headers.ETag = etag;
        headers['Cache-Control'] = 'private, must-revalidate, max-age=0';
        const inm = request.headers.get('if-none-match');
        if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
          const { 'Content-Type': _type, ...notModified } = headers;
          return new Response(null, { status: 304, headers: notModified });
        }
      }
    }
    if (plan.oversizedHeaders !== null) {
      const chunk = 'x'.repeat(4000);
      let size = 0;
      let n = 0;
      while (size < plan.oversizedHeaders) {
        headers[`X-Debug-Notice-${n++}`] = chunk;
        size += chunk.length + 20;
      }
    }
    let body = method === 'HEAD' || status === 204 ? null : phpJsonEncode(data);
    if (body !== null && plan.phpNotice) body = plan.phpNotice + body;
    // As bytes: a large string body is checked and encoded again by Response.
    return new Response(body === null ? null : Buffer.from(body, 'utf8'), { status, headers });
  }
}
