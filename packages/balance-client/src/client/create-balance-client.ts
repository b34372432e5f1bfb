import { runConnectionTest } from '../connection-test/test-connection.js';
import { createBalanceEventEmitter } from '../events/balance-events.js';
import { createRedactor } from '../redaction/redactor.js';
import { createClientsResource } from '../resources/clients-resource.js';
import { createDiscountsResource } from '../resources/discounts-resource.js';
import { createDocumentsResource } from '../resources/documents-resource.js';
import { createItemPricingResource } from '../resources/item-pricing-resource.js';
import { createItemsResource } from '../resources/items-resource.js';
import { createPricesResource } from '../resources/prices-resource.js';
import { sendRawRequest } from '../resources/raw-request.js';
import type { ResourceContext } from '../resources/resource-context.js';
import { createSalesCreditsResource } from '../resources/sales-credits-resource.js';
import { createSalesResource } from '../resources/sales-resource.js';
import { createStocksResource } from '../resources/stocks-resource.js';
import { createWarehousesResource } from '../resources/warehouses-resource.js';
import { createDryRunTransport } from '../transport/dry-run-transport.js';
import { createEndpointResolver, type EndpointResolver } from '../transport/endpoint-resolver.js';
import { createHttpTransport } from '../transport/http-transport.js';
import type { BalanceTransport } from '../transport/transport.js';
import type { BalanceClient } from './balance-client.js';
import type { BalanceClientOptions } from './balance-client-options.js';
import { type ResolvedClientConfig, resolveOptions } from './resolve-options.js';

/**
 * Creates a Balance Exchange client. Options are validated at once (a
 * `BalanceConfigurationError` names every bad option); nothing is sent until a method is
 * called.
 *
 * @example
 * ```ts
 * import { createBalanceClient } from '@balance-sync/balance-client';
 *
 * const balance = createBalanceClient({
 *   connection: { mode: 'cloud', applicationId: '7596' },
 *   username: process.env.BALANCE_USER!,
 *   password: process.env.BALANCE_PASSWORD!,
 *   exchangeUid: process.env.BALANCE_EXCHANGE_UID,
 * });
 * const report = await balance.testConnection();
 * console.log(report.verdict);
 * ```
 */
export function createBalanceClient(options: BalanceClientOptions): BalanceClient {
  const config = resolveOptions(options);
  const events = createBalanceEventEmitter();
  const redactor = createRedactor(config.secrets);
  const endpoints = createEndpointResolver(config.endpoints);
  const http = createHttpTransport({
    endpoints,
    authorization: config.authorization,
    fetch: config.fetch,
    dispatcher: config.dispatcher,
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    runtime: config.runtime,
    events,
    redactor,
    logBodies: config.logBodies,
  });
  const dry = createDryRunTransport(http, { events, redactor, runtime: config.runtime });
  const build = (transport: BalanceTransport, twin: () => BalanceClient): BalanceClient =>
    buildClient({ transport, twin, config, events, redactor, endpoints });

  // The two clients are each other's twin; both are built lazily and only once.
  let wet: BalanceClient | undefined;
  let dryClient: BalanceClient | undefined;
  const getWet = (): BalanceClient => {
    wet ??= build(http, getDry);
    return wet;
  };
  const getDry = (): BalanceClient => {
    dryClient ??= build(dry, getDry);
    return dryClient;
  };
  return config.dryRun ? getDry() : getWet();
}

function buildClient(input: {
  readonly transport: BalanceTransport;
  readonly twin: () => BalanceClient;
  readonly config: ResolvedClientConfig;
  readonly events: BalanceClient['events'];
  readonly redactor: ResourceContext['redactor'];
  readonly endpoints: EndpointResolver;
}): BalanceClient {
  const { transport, config, endpoints } = input;
  const context: ResourceContext = {
    transport,
    redactor: input.redactor,
    settings: {
      templates: config.templates,
      exchangeUid: config.exchangeUid,
      packSize: config.packSize,
      clientLookup: config.clientLookup,
      documentFieldNames: config.documentFieldNames,
    },
  };
  const items = createItemsResource(context);
  const warehouses = createWarehousesResource(context);
  const stocks = createStocksResource(context);
  const prices = createPricesResource(context);
  return Object.freeze({
    events: input.events,
    dryRun: transport.dryRun,
    mode: endpoints.mode,
    templates: config.templates,
    items,
    warehouses,
    stocks,
    prices,
    itemPricing: createItemPricingResource(context),
    discounts: createDiscountsResource(context),
    clients: createClientsResource(context),
    sales: createSalesResource(context),
    salesCredits: createSalesCreditsResource(context),
    documents: (template: string) => createDocumentsResource(context, template),
    request: (request, call) => sendRawRequest(context, request, call),
    testConnection: (options) =>
      runConnectionTest(
        {
          items,
          warehouses,
          prices,
          stocks,
          exchangeUid: config.exchangeUid,
          mode: endpoints.mode,
          baseUrl: (template) => endpoints.baseUrl(template),
          itemsTemplate: config.templates.items,
          learnedSegments: () => endpoints.learnedSegments(),
          now: config.runtime.now,
        },
        options,
      ),
    withDryRun: input.twin,
  } satisfies BalanceClient);
}
