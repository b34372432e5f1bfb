import type { ConnectionReport } from '../connection-test/connection-report.js';
import type { TestConnectionOptions } from '../connection-test/test-connection.js';
import type { BalanceEventEmitter } from '../events/balance-events.js';
import type { ClientsResource } from '../resources/clients-resource.js';
import type { DiscountsResource } from '../resources/discounts-resource.js';
import type { DocumentsResource } from '../resources/documents-resource.js';
import type { ItemPricingResource } from '../resources/item-pricing-resource.js';
import type { ItemsResource } from '../resources/items-resource.js';
import type { PricesResource } from '../resources/prices-resource.js';
import type { BalanceRawRequest, BalanceRawResponse } from '../resources/raw-request.js';
import type { SalesCreditsResource } from '../resources/sales-credits-resource.js';
import type { SalesResource } from '../resources/sales-resource.js';
import type { StocksResource } from '../resources/stocks-resource.js';
import type { WarehousesResource } from '../resources/warehouses-resource.js';
import type { BalanceDryRunResult } from '../resources/write-result.js';
import type { BalanceTemplates } from './balance-templates.js';
import type { BalanceCallOptions } from './call-options.js';

/**
 * The Balance Exchange client. This interface is what the sync engine depends on, so any
 * implementation (the HTTP client, a dry-run twin, a test double) can be injected.
 *
 * @example
 * ```ts
 * const balance: BalanceClient = createBalanceClient(options);
 * for await (const row of balance.items.list()) console.log(row.uid, row.Name);
 * await balance.sales.upsert(sale);
 * ```
 */
export interface BalanceClient {
  /** Request/response/retry/error/dryRun events (metadata only). */
  readonly events: BalanceEventEmitter;
  /** Whether writes are captured instead of sent. */
  readonly dryRun: boolean;
  /** Connection mode. */
  readonly mode: 'cloud' | 'onprem';
  /** URL template names in use. */
  readonly templates: BalanceTemplates;
  /** Items and groups (`Items`). */
  readonly items: ItemsResource;
  /** Warehouses (`Warehouses`). */
  readonly warehouses: WarehousesResource;
  /** Stock balances (`Stocks`, needs `exchangeUid`). */
  readonly stocks: StocksResource;
  /** Current prices (`Prices`, needs `exchangeUid`). */
  readonly prices: PricesResource;
  /** Price-setting documents (`ItemPricing`). */
  readonly itemPricing: ItemPricingResource;
  /** Discount rules (`Discounts`). */
  readonly discounts: DiscountsResource;
  /** Customers (`Clients`). */
  readonly clients: ClientsResource;
  /** Sales documents (`Sale`). */
  readonly sales: SalesResource;
  /** Sales Credit Notes (`SalesCredit`). */
  readonly salesCredits: SalesCreditsResource;
  /** Loosely typed access to another URL template (escape hatch). */
  documents(template: string): DocumentsResource;
  /** A raw call through auth, retries, events and dry run (escape hatch for POST/PATCH/DELETE). */
  request(
    request: BalanceRawRequest,
    call?: BalanceCallOptions,
  ): Promise<BalanceRawResponse | BalanceDryRunResult>;
  /** Authenticates, reads lookup data and reports what works and what to fix. Never throws for Balance errors. */
  testConnection(options?: TestConnectionOptions): Promise<ConnectionReport>;
  /**
   * A twin of this client that captures writes instead of sending them; reads, events,
   * configuration and learned cloud segments are shared. Returns itself when already dry.
   */
  withDryRun(): BalanceClient;
}
