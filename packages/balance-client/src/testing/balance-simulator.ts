import type { HttpHandler } from 'msw';
import type { BalanceSimulatorOptions } from './balance-simulator-options.js';
import type { BalanceCredentials } from './basic-auth.js';
import { CATALOG_TEMPLATES } from './catalog-endpoints.js';
import { documentMap, upsertDocuments } from './document-endpoint.js';
import type { EndpointContext } from './endpoint-context.js';
import { createExchangeRequestHandler, type TemplateRoute } from './exchange-request-handler.js';
import { type BalanceFaultController, FaultInjector } from './fault-injector.js';
import { createSimulatorHttpServer } from './http-server.js';
import {
  BALANCE_CLOUD_ORIGIN,
  createMswHandlers,
  DEFAULT_MSW_ONPREM_ORIGIN,
  type MswHandlerOptions,
} from './msw-handlers.js';
import type { BalanceRequestLogEntry } from './request-log.js';
import { type BalanceSeed, generateSeedCatalog } from './seed-catalog.js';
import { deterministicGuid } from './seeded-random.js';
import {
  addClient,
  addItem,
  type DiscountInput,
  type ItemPricingInput,
  type MutationDeps,
  type NewClientInput,
  type NewItemInput,
  type PriceInput,
  removeItem,
  type StockInput,
  setPrice,
  setStock,
  updateItem,
  upsertDiscount,
  upsertItemPricing,
} from './simulator-mutations.js';
import type {
  SimClient,
  SimDiscountRule,
  SimItem,
  SimItemPricingDocument,
  SimulatorState,
  StoredDocument,
} from './simulator-state.js';

/**
 * On-prem connection settings pointing at the simulator, in the shape the client's
 * `connection` option takes.
 *
 * @example
 * ```ts
 * createBalanceClient({ connection: sim.onPrem, ...sim.credentials, exchangeUid: sim.exchangeUid });
 * ```
 */
export interface SimulatorOnPremConnection {
  mode: 'onprem';
  baseUrl: string;
  basePath: string;
}

/**
 * Cloud connection settings pointing at the simulator (`origin` overrides the cloud host).
 *
 * @example
 * ```ts
 * createBalanceClient({ connection: sim.cloud, ...sim.credentials, exchangeUid: sim.exchangeUid });
 * ```
 */
export interface SimulatorCloudConnection {
  mode: 'cloud';
  applicationId: string;
  origin: string;
}

/**
 * Connection settings for the msw handlers' origins.
 *
 * @example
 * ```ts
 * const { cloud, onPrem } = sim.mswConnections();
 * ```
 */
export interface SimulatorMswConnections {
  /** The cloud shape on `https://cloud.balance.ge` (or the `cloudOrigin` given). */
  cloud: SimulatorCloudConnection;
  onPrem: SimulatorOnPremConnection;
}

/**
 * How `sim.deleteDocument` deletes: `remove` erases the document (an accountant deleted it
 * for good; GET answers 404), `mark` sets the deletion mark (what an HTTP DELETE does).
 *
 * @example
 * ```ts
 * sim.deleteDocument('Sale', saleUid, { mode: 'mark' });
 * ```
 */
export interface DeleteDocumentOptions {
  mode?: 'remove' | 'mark';
}

/**
 * A simulated Balance Exchange web service: a real HTTP server and msw handlers over one
 * request-handling core, with inspectable state, a request log, mutation helpers and fault
 * injection.
 *
 * @example
 * ```ts
 * const sim = await createBalanceSimulator().start();
 * const client = createBalanceClient({
 *   connection: sim.onPrem, ...sim.credentials, exchangeUid: sim.exchangeUid,
 * });
 * // … exercise the client …
 * expect(sim.state.sales.size).toBe(1);
 * await sim.stop();
 * ```
 */
export interface BalanceSimulator {
  /** Starts the HTTP server on 127.0.0.1 (random port unless `port` was given). */
  start(): Promise<BalanceSimulator>;
  /** Stops the HTTP server and closes open connections. */
  stop(): Promise<void>;
  /** Origin of the running server, e.g. `http://127.0.0.1:54321` (throws before `start()`). */
  readonly url: string;
  /** On-prem connection settings for the running server. */
  readonly onPrem: SimulatorOnPremConnection;
  /** Cloud connection settings for the running server. */
  readonly cloud: SimulatorCloudConnection;
  /** The accepted Basic-auth user. */
  readonly credentials: BalanceCredentials;
  readonly exchangeUid: string;
  readonly applicationId: string;
  readonly basePath: string;
  /** Notable uids of the seed data. */
  readonly seed: BalanceSeed;
  /** The live state (the same object across `reset()`). */
  readonly state: SimulatorState;
  /** Requests answered so far, in completion order. */
  readonly requests: readonly BalanceRequestLogEntry[];
  /** Fault injection at run time. */
  readonly faults: BalanceFaultController;
  /** msw handlers: the cloud shape on the cloud origin, the on-prem shape on `origin`. */
  handlers(options?: MswHandlerOptions): HttpHandler[];
  /** Connection settings matching {@link BalanceSimulator.handlers} with the same options. */
  mswConnections(options?: MswHandlerOptions): SimulatorMswConnections;
  /**
   * A `fetch` served by the simulator core in-process (both URL shapes, any origin). Network
   * faults reject with `TypeError('fetch failed')` like undici.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;

  /** Adds an item (or a group with `IsGroup: true`). */
  addItem(input: NewItemInput): SimItem;
  /** Changes fields of an item. */
  updateItem(uid: string, patch: Partial<Omit<SimItem, 'uid'>>): SimItem;
  /** Removes an item with its stock lines and prices; `false` if there was none. */
  removeItem(uid: string): boolean;
  /** Sets a stock line (zero quantity and reserve removes it). */
  setStock(input: StockInput): void;
  /** Sets or removes (`price: null`) a current price. */
  setPrice(input: PriceInput): void;
  /** Adds a client. */
  addClient(input: NewClientInput): SimClient;
  /** Adds or replaces an ItemPricing document and updates current prices it is newest for. */
  upsertItemPricing(input: ItemPricingInput): SimItemPricingDocument;
  /** Adds or replaces a discount rule. */
  upsertDiscount(input: DiscountInput): SimDiscountRule;
  /**
   * Stores documents as a successful PUT would (same validation and posting checks), without
   * HTTP, log or faults. Throws with the `Error` messages when they are rejected.
   */
  putDocuments(template: string, documents: readonly unknown[]): StoredDocument[];
  /** A stored document of `Sale`, `SalesCredit` or a generic template. */
  getDocument(template: string, uid: string): StoredDocument | undefined;
  /** Deletes a document (default: removes it for good). `false` if there was none. */
  deleteDocument(template: string, uid: string, options?: DeleteDocumentOptions): boolean;
  /** Empties the request log. */
  clearRequests(): void;
  /** Back to the seed state, an empty request log and the creation-time faults. */
  reset(): void;
}

const DEFAULT_CREDENTIALS: BalanceCredentials = {
  username: 'woo-sync',
  password: 'balance-simulator',
};

/**
 * Creates a Balance simulator. Call `start()` for the HTTP server, or use `handlers()` with
 * msw, or `fetch` in-process.
 *
 * @example
 * ```ts
 * const sim = await createBalanceSimulator({ seed: { items: 20_000 } }).start();
 * const response = await fetch(`${sim.url}/Balance_Exchange/hs/Exchange/Items?Pack=1&PackSize=500`, {
 *   headers: { authorization: `Basic ${btoa(`${sim.credentials.username}:${sim.credentials.password}`)}` },
 * });
 * await sim.stop();
 * ```
 */
export function createBalanceSimulator(options: BalanceSimulatorOptions = {}): BalanceSimulator {
  const seedOptions =
    typeof options.seed === 'number' ? { prngSeed: options.seed } : (options.seed ?? {});
  const catalog = generateSeedCatalog(seedOptions);
  const { state, seed } = catalog;
  const clock = options.clock ?? { now: () => new Date() };
  const credentials = { ...(options.credentials ?? DEFAULT_CREDENTIALS) };
  const applicationId = options.applicationId ?? '7596';
  const basePath = (options.basePath ?? 'Balance_Exchange').replace(/^\/+|\/+$/g, '');
  const exchangeUid = (
    options.exchangeUid ?? deterministicGuid(`balance-simulator:${seed.prngSeed}`, 'exchange-node')
  ).toLowerCase();

  const sequences = new Map<string, number>();
  const next = (key: string) => {
    const value = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, value);
    return value;
  };
  const context: EndpointContext = {
    state,
    exchangeUid,
    format: {
      stringScalars: options.stringScalars ?? true,
      itemTypeField: options.itemTypeField ?? 'ItemType',
    },
    searchBy: options.searchBy ?? {},
    postingErrorStatus: options.postingErrorStatus ?? 500,
    now: () => clock.now(),
    nextDocumentNumber: (template) => String(next(`number:${template}`)).padStart(9, '0'),
    newGuid: (kind) =>
      deterministicGuid(
        `balance-simulator:${seed.prngSeed}:generated`,
        `${kind}:${next(`guid:${kind}`)}`,
      ),
  };

  const routes = buildRoutes(options);
  const faults = new FaultInjector(options.faults, seed.prngSeed, () => clock.now().getTime());
  const log: BalanceRequestLogEntry[] = [];
  const handle = createExchangeRequestHandler({
    publication: { applicationId, basePath },
    credentials,
    routes,
    forbiddenSegments: options.forbiddenSegments ?? {},
    wafRejectsGetContentType: options.wafRejectsGetContentType ?? false,
    context,
    faults,
    log,
  });
  const server = createSimulatorHttpServer(handle);
  const deps: MutationDeps = { state, seed, newGuid: context.newGuid };

  const requireUrl = () => {
    if (!server.origin) throw new Error('The Balance simulator is not started: call start() first');
    return server.origin;
  };
  const documentTarget = (template: string) => {
    const route =
      [...routes.values()].find(
        (candidate): candidate is Extract<TemplateRoute, { kind: 'document' }> =>
          candidate.kind === 'document' && candidate.canonical === template,
      ) ?? routes.get(template);
    if (route?.kind !== 'document') throw new Error(`${template} is not a document template`);
    return { route, map: documentMap(context, route.documentKind, route.canonical) };
  };

  const simulator: BalanceSimulator = {
    async start() {
      await server.start(options.port ?? 0);
      return simulator;
    },
    stop: () => server.stop(),
    get url() {
      return requireUrl();
    },
    get onPrem(): SimulatorOnPremConnection {
      return { mode: 'onprem', baseUrl: requireUrl(), basePath };
    },
    get cloud(): SimulatorCloudConnection {
      return { mode: 'cloud', applicationId, origin: requireUrl() };
    },
    credentials,
    exchangeUid,
    applicationId,
    basePath,
    seed,
    state,
    requests: log,
    faults,
    handlers: (mswOptions = {}) => createMswHandlers(handle, mswOptions),
    mswConnections: (mswOptions = {}) => ({
      cloud: {
        mode: 'cloud',
        applicationId,
        origin: (mswOptions.cloudOrigin ?? BALANCE_CLOUD_ORIGIN).replace(/\/+$/, ''),
      },
      onPrem: {
        mode: 'onprem',
        baseUrl: (mswOptions.origin ?? DEFAULT_MSW_ONPREM_ORIGIN).replace(/\/+$/, ''),
        basePath,
      },
    }),
    async fetch(input, init) {
      const outcome = await handle(new Request(input, init));
      if (outcome.type === 'network-error') {
        const cause = Object.assign(
          new Error(
            outcome.reason === 'connection-reset' ? 'read ECONNRESET' : 'other side closed',
          ),
          { code: outcome.reason === 'connection-reset' ? 'ECONNRESET' : 'UND_ERR_SOCKET' },
        );
        throw new TypeError('fetch failed', { cause });
      }
      return outcome.response;
    },
    addItem: (input) => addItem(deps, input),
    updateItem: (uid, patch) => updateItem(deps, uid, patch),
    removeItem: (uid) => removeItem(deps, uid),
    setStock: (input) => setStock(deps, input),
    setPrice: (input) => setPrice(deps, input),
    addClient: (input) => addClient(deps, input),
    upsertItemPricing: (input) => upsertItemPricing(deps, input),
    upsertDiscount: (input) => upsertDiscount(deps, input),
    putDocuments(template, documents) {
      const { route, map } = documentTarget(template);
      const outcome = upsertDocuments(
        map,
        {
          kind: route.documentKind,
          template: route.canonical,
          method: 'PUT',
          query: new URLSearchParams(),
          documents,
        },
        context,
      );
      if (!outcome.ok) throw new Error(`${template} rejected: ${outcome.errors.join('; ')}`);
      return outcome.saved;
    },
    getDocument: (template, uid) => documentTarget(template).map.get(uid.toLowerCase()),
    deleteDocument(template, uid, deleteOptions = {}) {
      const { map } = documentTarget(template);
      const key = uid.toLowerCase();
      const document = map.get(key);
      if (!document) return false;
      if ((deleteOptions.mode ?? 'remove') === 'mark') document.deletionMark = true;
      else map.delete(key);
      return true;
    },
    clearRequests() {
      log.length = 0;
    },
    reset() {
      const fresh = generateSeedCatalog(seedOptions).state;
      for (const key of Object.keys(state) as (keyof SimulatorState)[]) {
        const target = state[key] as Map<string, unknown>;
        target.clear();
        for (const [k, v] of fresh[key] as Map<string, unknown>) target.set(k, v);
      }
      sequences.clear();
      log.length = 0;
      faults.reset(options.faults);
    },
  };
  return simulator;
}

function buildRoutes(options: BalanceSimulatorOptions): Map<string, TemplateRoute> {
  const canonical: TemplateRoute[] = [
    ...CATALOG_TEMPLATES.map(
      (template): TemplateRoute => ({ kind: 'catalog', canonical: template }),
    ),
    { kind: 'clients', canonical: 'Clients' },
    { kind: 'document', canonical: 'Sale', documentKind: 'Sale' },
    { kind: 'document', canonical: 'SalesCredit', documentKind: 'SalesCredit' },
    ...(options.genericTemplates ?? []).map(
      (template): TemplateRoute => ({
        kind: 'document',
        canonical: template,
        documentKind: 'generic',
      }),
    ),
  ];
  const renames = options.templates ?? {};
  return new Map(canonical.map((route) => [renames[route.canonical] ?? route.canonical, route]));
}
