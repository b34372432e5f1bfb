/**
 * A simulated WooCommerce store (REST API v3) for tests, demos and fault/load suites.
 *
 * One request-handling core (`sim.handle(request)`) sits behind a real HTTP server
 * (`sim.start()`, 127.0.0.1, random port) and behind msw handlers (`sim.handlers()`), so both
 * transports answer byte-for-byte alike. The behaviour follows the WooCommerce / WordPress PHP
 * source as summarised in `shared/reference/woocommerce-rest-api.md`: Basic / query-string /
 * OAuth 1.0a auth and their exact errors, WordPress schema validation on single calls only,
 * `X-WP-Total` + prev/next `Link` pagination, SKU rules, silent sale-price clearing, the
 * scheduled-sales cron (`sim.tick()`), stock rules, batch semantics (413, no rollback, no
 * validation), order money formatting, refunds with HTTP-500 errors, and asynchronous signed
 * webhooks with coalescing and auto-disable.
 *
 * - **State**: `sim.state` (records), `sim.settings` (live), `sim.keys` (API keys),
 *   `sim.requests` (log, credentials redacted), `sim.read.*` (REST JSON without a request).
 * - **Time**: pass a `createManualClock()`; every date, OAuth window and sale window uses it.
 * - **Faults**: `sim.faults.set([...])` — host 429/503 (empty or HTML body, `Retry-After`),
 *   downtime windows, latency, PHP notices before JSON, batches cut off after N items,
 *   lost responses, dropped connections, oversized headers, HTTP 500 with a JSON body; the REST
 *   cache feature (`X-WC-Cache`, ETag, 304) is `settings.restApiCaching`.
 * - **Webhooks**: REST or `sim.webhooks.create()`; `pause()`, `resume()`, `flushWebhooks()`,
 *   `dropNext()`, `duplicateNext()`, `deliveries` (log with failure counts).
 * - **Helpers**: `sim.seed.*` (catalog, categories, customers, coupons; 20 000 products in
 *   well under a second), `sim.shopper.placeOrder()` (checkout with WooCommerce's totals,
 *   coupons, shipping, fees, VAT), `sim.admin.*` (mark paid, status, refunds, product edits,
 *   trash).
 *
 * @example
 * import { createManualClock, createWooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
 *
 * const clock = createManualClock('2026-03-01T08:00:00Z');
 * const sim = createWooCommerceSimulator({ clock, settings: { pricesIncludeTax: true } });
 * sim.seed.products(100, { skuPrefix: 'BAL-' });
 * await sim.start();
 *
 * const res = await fetch(`${sim.restUrl}/products?sku=BAL-000001`, {
 *   headers: { Authorization: sim.authHeader() },
 * });
 *
 * const order = await sim.shopper.placeOrder({
 *   lines: [{ sku: 'BAL-000001', quantity: 2 }],
 *   shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
 *   paymentMethod: 'card',
 *   paid: true,
 *   customer: { billing: { first_name: 'Nino', email: 'nino@example.ge' }, meta: { _billing_personal_id: '01001012345' } },
 * });
 * await sim.admin.refund(order.id, { lines: [{ itemId: order.line_items[0]!.id, quantity: 1 }] });
 * sim.faults.set({ type: 'cut-off-batch', afterItems: 40, times: 1 });
 * await sim.flushWebhooks();
 * await sim.stop();
 *
 * @packageDocumentation
 */
export type { AdminRefundInput, StoreAdmin } from './admin.js';
export {
  type ApiKey,
  ApiKeyRegistry,
  type AuthUser,
  type CreateKeyOptions,
  type KeyPermissions,
  signOAuth1Request,
} from './auth.js';
export {
  type Clock,
  type ClockDuration,
  createManualClock,
  durationToMs,
  type ManualClock,
  systemClock,
} from './clock.js';
export { restErrorStatus, type WooErrorBody, WooRestError } from './errors.js';
export type { ActiveFault, FaultControls, FaultMatch, FaultRule, FaultSpec } from './faults.js';
export type { Precise } from './money.js';
export type { RestContext } from './product-json.js';
export type { ProductParams } from './product-writes.js';
export { RequestLog, type RequestLogEntry } from './request-log.js';
export type {
  WooAddress,
  WooCategory,
  WooFeeLine,
  WooItemTax,
  WooLineItem,
  WooLinks,
  WooMetaData,
  WooOrder,
  WooProduct,
  WooRefund,
  WooShippingLine,
  WooTaxLine,
  WooVariation,
  WooWebhook,
} from './rest-types.js';
export type { ScheduledSalesResult } from './scheduled-sales.js';
export type {
  SeedCategory,
  SeededProduct,
  SeedProductsOptions,
  SeedVariableProductOptions,
  StoreSeeder,
} from './seeding.js';
export {
  defaultWooCommerceSettings,
  type PaymentGatewaySettings,
  type WooCommerceSettings,
} from './settings.js';
export {
  type CartLine,
  CheckoutError,
  type PlaceOrderInput,
  type Shopper,
  type ShopperCustomer,
} from './shopper.js';
export {
  createWooCommerceSimulator,
  type SimulatorFetchInit,
  type StoreReader,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from './simulator.js';
export {
  type CategoryRecord,
  type CouponLineRecord,
  type CouponRecord,
  type CustomerRecord,
  emptyAddress,
  type FeeLineRecord,
  type ItemTax,
  type LineItemRecord,
  type MetaEntry,
  normalizeSku,
  type OrderAddress,
  type OrderRecord,
  type ProductImage,
  type ProductRecord,
  type ProductType,
  type RefundRecord,
  type ShippingLineRecord,
  StoreState,
  type TaxLineRecord,
  type WebhookRecord,
  type WebhookStatus,
} from './store-state.js';
export {
  type CreateWebhookOptions,
  type DeliveryMatcher,
  type WebhookControls,
  type WebhookDeliveryRecord,
  webhookSignature,
} from './webhooks.js';
