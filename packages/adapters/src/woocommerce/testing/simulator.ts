/**
 * `createWooCommerceSimulator`: a simulated WooCommerce store reachable over real HTTP and
 * through msw handlers, with inspectable state, fault injection, webhooks and helpers.
 */
import type { HttpHandler } from 'msw';
import { type AdminRefundInput, createAdmin, type StoreAdmin } from './admin.js';
import { type ApiKey, ApiKeyRegistry } from './auth.js';
import { categoryToJson } from './categories.js';
import { categoryRoutes } from './categories-routes.js';
import { type Clock, systemClock } from './clock.js';
import { WooRestError } from './errors.js';
import { type FaultControls, FaultInjector, type FaultRule } from './faults.js';
import { createMswHandlers } from './msw.js';
import { orderToJson, refundToJson } from './order-json.js';
import { orderRoutes } from './orders-routes.js';
import { productToJson, type RestContext, variationToJson } from './product-json.js';
import { productRoutes } from './products-routes.js';
import { SeededRandom } from './random.js';
import { orderFullyRefunded } from './refunds.js';
import { refundRoutes } from './refunds-routes.js';
import { RequestCore } from './request-handler.js';
import { RequestLog } from './request-log.js';
import type {
  WooCategory,
  WooOrder,
  WooProduct,
  WooRefund,
  WooVariation,
  WooWebhook,
} from './rest-types.js';
import { runScheduledSales, type ScheduledSalesResult } from './scheduled-sales.js';
import { createSeeder, type StoreSeeder } from './seeding.js';
import { type HttpServerHandle, startHttpServer } from './server.js';
import { defaultWooCommerceSettings, type WooCommerceSettings } from './settings.js';
import { createShopper, type Shopper } from './shopper.js';
import { StoreState } from './store-state.js';
import { type WebhookControls, WebhookDispatcher, webhookToJson } from './webhooks.js';
import { webhookRoutes } from './webhooks-routes.js';
import { WooStore } from './woo-store.js';

/**
 * Options of {@link createWooCommerceSimulator}.
 *
 * @example
 * const sim = createWooCommerceSimulator({
 *   seed: 'checkout-tests',
 *   clock: createManualClock('2026-03-01T08:00:00Z'),
 *   settings: { pricesIncludeTax: true },
 *   faults: [{ type: 'latency', ms: 20 }],
 * });
 */
export interface WooCommerceSimulatorOptions {
  /** Seed of every generated value (keys, order keys, secrets, seeded catalog). Default `woocommerce-simulator`. */
  seed?: string | number;
  /** Fault rules active from the start. */
  faults?: readonly FaultRule[];
  /** Settings overrides. */
  settings?: Partial<WooCommerceSettings>;
  /** Time source. Default: the wall clock. */
  clock?: Clock;
  /**
   * Site origin before `start()` (what msw handlers intercept when the HTTP server is not
   * used). Default `http://woocommerce.test`. `start()` replaces it with the server's origin.
   */
  url?: string;
  /** Port for `start()`. Default: a random free port. */
  port?: number;
  /** `fetch` used for webhook deliveries and pings. Default: `globalThis.fetch` at call time. */
  webhookFetch?: typeof fetch;
  /** Webhook delivery timeout. Default 60 000 ms (WooCommerce's). */
  webhookTimeoutMs?: number;
  /** Delay before queued webhook deliveries start. Default 0. */
  webhookDelayMs?: number;
}

/**
 * Read helpers returning what `GET` would (without a request).
 *
 * @example
 * sim.read.product(42, 'edit').regular_price;
 * sim.read.order(7).status;
 */
export interface StoreReader {
  product(id: number, context?: RestContext): WooProduct;
  variation(productId: number, variationId: number, context?: RestContext): WooVariation;
  category(id: number): WooCategory;
  order(id: number, dp?: number): WooOrder;
  refund(id: number, dp?: number): WooRefund;
  webhook(id: number, context?: RestContext): WooWebhook;
}

/**
 * Options of {@link WooCommerceSimulator.fetch}.
 *
 * @example
 * await sim.fetch('/products', { method: 'POST', json: { name: 'A' } });
 */
export interface SimulatorFetchInit extends RequestInit {
  /** Key used for Basic auth (default: the default read/write key); `null` sends no credentials. */
  key?: ApiKey | null;
  /** A JSON body (sets `Content-Type: application/json`). */
  json?: unknown;
}

/**
 * A simulated WooCommerce store.
 *
 * @example
 * const sim = createWooCommerceSimulator();
 * await sim.start();
 * const res = await fetch(`${sim.restUrl}/products`, { headers: { Authorization: sim.authHeader() } });
 * await sim.stop();
 */
export interface WooCommerceSimulator {
  /** Site origin (`http://127.0.0.1:<port>` once started). */
  readonly url: string;
  /** REST base: `${url}/wp-json/wc/v3`. */
  readonly restUrl: string;
  /** Starts the HTTP server on 127.0.0.1; resolves to the origin. */
  start(): Promise<string>;
  /**
   * Stops the HTTP server. Queued webhook deliveries are not waited for: call
   * {@link flushWebhooks} first when a test needs them delivered.
   */
  stop(): Promise<void>;
  /** The request-handling core both transports use. */
  handle(request: Request): Promise<Response>;
  /**
   * A drop-in `fetch` answered by the core in process (no socket): a dropped connection
   * rejects with `TypeError('fetch failed')` as Node's fetch does, so an adapter sees what
   * it would see over the network. Pass it as `createWooCommerceRest({ fetch })`.
   */
  readonly inProcessFetch: typeof fetch;
  /** msw handlers for this store (match requests to {@link url}). */
  handlers(): HttpHandler[];
  /**
   * Calls the REST API with Basic auth: through the HTTP server when started, else directly
   * through the core. `path` is relative to the REST base (`/products?per_page=5`).
   */
  fetch(path: string, init?: SimulatorFetchInit): Promise<Response>;
  /** `Basic …` header value for a key (default key when omitted). */
  authHeader(key?: ApiKey): string;
  /** Store data. */
  readonly state: StoreState;
  /** Live settings. */
  readonly settings: WooCommerceSettings;
  /** API keys. */
  readonly keys: ApiKeyRegistry;
  /** Request log. */
  readonly requests: RequestLog;
  /** Fault controls. */
  readonly faults: FaultControls;
  /** Webhook controls and delivery log. */
  readonly webhooks: WebhookControls;
  /** Waits until every queued webhook delivery has been sent. */
  flushWebhooks(): Promise<void>;
  /** The clock. */
  readonly clock: Clock;
  /** Runs the scheduled-sales cron at `now` (default: the clock's time). */
  tick(now?: Date | number | string): ScheduledSalesResult;
  /** Storefront checkout helper. */
  readonly shopper: Shopper;
  /** wp-admin helper. */
  readonly admin: StoreAdmin;
  /** Seeding helpers. */
  readonly seed: StoreSeeder;
  /** Read helpers. */
  readonly read: StoreReader;
}

function notFound(what: string): WooRestError {
  return new WooRestError(`woocommerce_rest_${what}_invalid_id`, 'Invalid ID.', { status: 404 });
}

/**
 * Creates a simulated WooCommerce store.
 *
 * @example
 * import { createWooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
 *
 * const sim = createWooCommerceSimulator({ seed: 1 });
 * sim.seed.products(100);
 * await sim.start();
 * const order = await sim.shopper.placeOrder({ lines: [{ sku: 'SKU-000001', quantity: 2 }], paymentMethod: 'card', paid: true });
 * await sim.admin.refund(order.id, { amount: '1.00', reason: 'Goodwill' });
 * await sim.flushWebhooks();
 * await sim.stop();
 */
export function createWooCommerceSimulator(
  options: WooCommerceSimulatorOptions = {},
): WooCommerceSimulator {
  const random = new SeededRandom(options.seed ?? 'woocommerce-simulator');
  const settings: WooCommerceSettings = {
    ...defaultWooCommerceSettings(),
    ...(options.settings ?? {}),
  };
  settings.gateways = {
    ...defaultWooCommerceSettings().gateways,
    ...(options.settings?.gateways ?? {}),
  };
  const clock = options.clock ?? systemClock;
  const state = new StoreState();
  const store = new WooStore({
    state,
    settings,
    clock,
    random,
    siteUrl: (options.url ?? 'http://woocommerce.test').replace(/\/+$/, ''),
  });
  const defaultCategoryId = state.allocateTermId();
  settings.defaultCategoryId = defaultCategoryId;
  state.categories.set(defaultCategoryId, {
    id: defaultCategoryId,
    name: 'Uncategorized',
    slug: 'uncategorized',
    parent: 0,
    description: '',
    display: 'default',
    image: null,
    menuOrder: 0,
  });
  state.customers.set(1, { id: 1, email: 'admin@woocommerce.test' });
  store.onHook((event) => {
    if (event.hook === 'woocommerce_order_status_refunded') orderFullyRefunded(store, event.arg);
  });
  const keys = new ApiKeyRegistry(random);
  const webhooks = new WebhookDispatcher(store, {
    ...(options.webhookFetch ? { fetch: options.webhookFetch } : {}),
    ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
    ...(options.webhookDelayMs !== undefined ? { delayMs: options.webhookDelayMs } : {}),
  });
  const faults = new FaultInjector(random, options.faults ?? []);
  const requests = new RequestLog();
  const core = new RequestCore({
    store,
    keys,
    webhooks,
    faults,
    log: requests,
    routes: [
      ...productRoutes(),
      ...categoryRoutes(),
      ...orderRoutes(),
      ...refundRoutes(),
      ...webhookRoutes(),
    ],
  });
  let server: HttpServerHandle | null = null;

  const read: StoreReader = {
    product(id, context = 'view') {
      const p = state.products.get(id);
      if (!p) throw notFound('product');
      return productToJson(store, p, context) as WooProduct;
    },
    variation(productId, variationId, context = 'view') {
      const v = state.products.get(variationId);
      if (!v || v.parentId !== productId || v.type !== 'variation')
        throw notFound('product_variation');
      return variationToJson(store, v, context) as WooVariation;
    },
    category(id) {
      const c = state.categories.get(id);
      if (!c)
        throw new WooRestError('woocommerce_rest_term_invalid', 'Resource does not exist.', {
          status: 404,
        });
      return categoryToJson(store, c) as unknown as WooCategory;
    },
    order(id, dp = settings.priceDecimals) {
      const o = state.orders.get(id);
      if (!o) throw notFound('shop_order');
      return orderToJson(store, o, dp) as WooOrder;
    },
    refund(id, dp = settings.priceDecimals) {
      const r = state.refunds.get(id);
      if (!r) throw notFound('shop_order_refund');
      return refundToJson(store, r, dp, true) as unknown as WooRefund;
    },
    webhook(id, context = 'edit') {
      const w = state.webhooks.get(id);
      if (!w) throw notFound('shop_webhook');
      return webhookToJson(store, w, context) as unknown as WooWebhook;
    },
  };

  /** Runs a helper with webhook delivery held until it returns (like one PHP request). */
  const asRequest = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    return async (...args: A): Promise<R> => {
      webhooks.hold();
      try {
        return await fn(...args);
      } finally {
        webhooks.release();
      }
    };
  };

  const shopperImpl = createShopper(store, (id) => read.order(id));
  const adminImpl = createAdmin(store, { order: (id) => read.order(id) });
  const shopper: Shopper = { placeOrder: asRequest(shopperImpl.placeOrder) };
  const admin: StoreAdmin = {
    markPaid: asRequest(adminImpl.markPaid),
    setStatus: asRequest(adminImpl.setStatus),
    refund: asRequest((orderId: number, input: AdminRefundInput) =>
      adminImpl.refund(orderId, input),
    ),
    deleteRefund: asRequest(adminImpl.deleteRefund),
    trashOrder: asRequest(adminImpl.trashOrder),
    editProduct: asRequest(adminImpl.editProduct),
    trashProduct: asRequest(adminImpl.trashProduct),
    restoreProduct: asRequest(adminImpl.restoreProduct),
    deleteProduct: asRequest(adminImpl.deleteProduct),
  };

  const authHeader = (key: ApiKey = keys.default): string =>
    `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`;

  const sim: WooCommerceSimulator = {
    get url() {
      return store.siteUrl;
    },
    get restUrl() {
      return `${store.siteUrl}/wp-json/wc/v3`;
    },
    async start() {
      if (server) return store.siteUrl;
      server = await startHttpServer((request) => core.handle(request, 'http'), options.port ?? 0);
      store.siteUrl = server.origin;
      return server.origin;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await s.close();
    },
    handle: (request) => core.handle(request, 'direct'),
    inProcessFetch: async (input, init) => {
      const response = await core.handle(new Request(input, init), 'direct');
      // A dropped connection: what undici's fetch does.
      if (response.type === 'error') throw new TypeError('fetch failed');
      return response;
    },
    handlers: () =>
      createMswHandlers(
        () => store.siteUrl,
        (request) => core.handle(request, 'msw'),
      ),
    async fetch(path, init = {}) {
      const { key, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key !== null) headers.set('Authorization', authHeader(key ?? keys.default));
      let body = rest.body;
      if (json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(json);
      }
      const url = `${store.siteUrl}/wp-json/wc/v3${path.startsWith('/') ? path : `/${path}`}`;
      const request = new Request(url, { ...rest, headers, body: body ?? null });
      return server ? globalThis.fetch(request) : core.handle(request, 'direct');
    },
    authHeader,
    state,
    settings,
    keys,
    requests,
    faults,
    webhooks,
    flushWebhooks: () => webhooks.flush(),
    clock,
    tick(at) {
      const ms =
        at === undefined
          ? clock.now()
          : at instanceof Date
            ? at.getTime()
            : typeof at === 'number'
              ? at
              : Date.parse(at);
      webhooks.hold();
      try {
        return runScheduledSales(store, Math.floor(ms / 1000));
      } finally {
        webhooks.release();
      }
    },
    shopper,
    admin,
    seed: createSeeder(store),
    read,
  };
  return sim;
}
