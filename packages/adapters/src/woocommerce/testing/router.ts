/**
 * Route table and the per-request context handed to route handlers.
 *
 * Internal module.
 */
import type { AuthUser } from './auth.js';
import { WooRestError } from './errors.js';
import type { PhpQueryMap } from './php.js';
import type { ArgSchemas } from './validation.js';
import type { WebhookDispatcher } from './webhooks.js';
import type { WooStore } from './woo-store.js';

/** A handler's answer: status, JSON data and extra headers. */
export interface RestResult {
  status: number;
  data: unknown;
  headers?: Record<string, string>;
}

/** Services a route handler may use. */
export interface RouteServices {
  store: WooStore;
  webhooks: WebhookDispatcher;
}

/** Everything a route handler gets. */
export interface RouteContext extends RouteServices {
  method: string;
  /** Route under `/wp-json`, e.g. `/wc/v3/products/12`. */
  route: string;
  /** Named URL parameters. */
  urlParams: Record<string, string>;
  /** Merged, validated and sanitised parameters (body > query > URL > defaults). */
  params: Record<string, unknown>;
  /** Raw query parameters (`$_GET`), used for `Link` headers. */
  query: PhpQueryMap;
  /** The authenticated API key user, or `null` (anonymous). */
  user: AuthUser | null;
  /**
   * Called by batch handlers after each applied item; throws when a cut-off fault says the
   * connection dies at this point.
   */
  afterBatchItem(applied: number): void;
}

/** A handler. */
export type RouteHandler = (ctx: RouteContext) => RestResult | Promise<RestResult>;

/** One method of a route. */
export interface RouteMethod {
  /** Argument schemas, validated before the handler (and before permission checks). */
  args?: ArgSchemas;
  handler: RouteHandler;
}

/** A route: a path pattern (named groups) and its methods. */
export interface RouteDefinition {
  pattern: RegExp;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RouteMethod>>;
}

/** Builds a route pattern from `/wc/v3/products/(?P<id>[\d]+)` style WordPress regexes. */
export function route(path: string, methods: RouteDefinition['methods']): RouteDefinition {
  const source = path.replace(/\(\?P</g, '(?<');
  return { pattern: new RegExp(`^${source}$`), methods };
}

/** Finds the route and method for a request path. */
export function matchRoute(
  routes: readonly RouteDefinition[],
  method: string,
  path: string,
): { definition: RouteMethod; urlParams: Record<string, string>; allow: string[] } | null {
  const lookup = method === 'HEAD' ? 'GET' : method;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const def = r.methods[lookup as keyof RouteDefinition['methods']];
    if (!def) continue;
    return { definition: def, urlParams: { ...(m.groups ?? {}) }, allow: allowedMethods(r) };
  }
  return null;
}

/** Methods of a route, as WordPress lists them in `Allow`. */
export function allowedMethods(r: RouteDefinition): string[] {
  return Object.keys(r.methods);
}

/** The route definition whose pattern matches `path` (any method). */
export function findRoute(
  routes: readonly RouteDefinition[],
  path: string,
): RouteDefinition | null {
  return routes.find((r) => r.pattern.test(path)) ?? null;
}

/**
 * Permission check of a route (`wc_rest_check_post_permissions` & co.): anonymous → 401,
 * a user without the capability → 403.
 */
export function requireCapability(ctx: RouteContext, code: string, message: string): void {
  if (!ctx.user) throw new WooRestError(code, message, { status: 401 });
  if (!ctx.user.capable) throw new WooRestError(code, message, { status: 403 });
}

/** Common permission messages. */
export const PERMISSION = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  view: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
  batch: [
    'woocommerce_rest_cannot_batch',
    'Sorry, you are not allowed to batch manipulate this resource.',
  ],
} as const;

/** Shorthand for {@link requireCapability} with one of {@link PERMISSION}. */
export function requirePermission(ctx: RouteContext, kind: keyof typeof PERMISSION): void {
  const [code, message] = PERMISSION[kind];
  requireCapability(ctx, code, message);
}
