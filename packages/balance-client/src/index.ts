/**
 * Typed client for the Balance (balance.ge) "Balance Exchange" web service: cloud and
 * on-prem transports, Basic auth, zod-validated models that keep every field Balance sends,
 * exact decimal strings for money, typed errors, an explicit retry policy, events and a
 * dry-run adapter.
 *
 * @example
 * ```ts
 * import { createBalanceClient } from '@balance-sync/balance-client';
 *
 * const balance = createBalanceClient({
 *   connection: { mode: 'onprem', baseUrl: 'http://10.0.0.5:8081' },
 *   username: 'exchange',
 *   password: process.env.BALANCE_PASSWORD!,
 *   exchangeUid: 'b067980d-7eb5-11ec-80d2-000c29409daa',
 * });
 * for await (const row of balance.items.list()) console.log(row.uid, row.Name);
 * ```
 *
 * @packageDocumentation
 */

export type { BalanceClient } from './client/balance-client.js';
export type {
  BalanceClientOptions,
  BalanceConnection,
  ClientLookupOptions,
  CloudConnection,
  DocumentFieldNames,
  OnPremConnection,
} from './client/balance-client-options.js';
export type { BalanceRuntime } from './client/balance-runtime.js';
export { type BalanceTemplates, DEFAULT_TEMPLATES } from './client/balance-templates.js';
export type { BalanceCallOptions } from './client/call-options.js';
export { createBalanceClient } from './client/create-balance-client.js';
export type {
  ConnectionCheck,
  ConnectionCheckName,
  ConnectionCheckStatus,
  ConnectionReport,
  ItemFieldCandidates,
} from './connection-test/connection-report.js';
export type { TestConnectionOptions } from './connection-test/test-connection.js';
export { canonicalDecimal, isDecimalString } from './decimal/canonical-decimal.js';
export { BalanceAuthError } from './errors/balance-auth-error.js';
export { BalanceConfigurationError } from './errors/balance-configuration-error.js';
export { BalanceEmptyResponseError } from './errors/balance-empty-response-error.js';
export {
  BalanceError,
  type BalanceErrorCode,
  type BalanceErrorOptions,
  type BalanceRequestInfo,
} from './errors/balance-error.js';
export { BalanceHttpError, type BalanceHttpErrorOptions } from './errors/balance-http-error.js';
export { BalanceInvalidInputError } from './errors/balance-invalid-input-error.js';
export { BalanceNetworkError } from './errors/balance-network-error.js';
export {
  BalanceSchemaError,
  type BalanceSchemaErrorOptions,
  type BalanceSchemaIssue,
} from './errors/balance-schema-error.js';
export { BalanceTimeoutError } from './errors/balance-timeout-error.js';
export { BalanceTruncatedResponseError } from './errors/balance-truncated-response-error.js';
export {
  BalanceUnexpectedWriteResponseError,
  type UnexpectedWriteResponseReason,
} from './errors/balance-unexpected-write-response-error.js';
export { isBalanceError } from './errors/is-balance-error.js';
export { StructuredError, type StructuredErrorOptions } from './errors/structured-error.js';
export type {
  BalanceDryRunEvent,
  BalanceErrorEvent,
  BalanceEventBase,
  BalanceEventEmitter,
  BalanceEventMap,
  BalanceRequestEvent,
  BalanceResponseEvent,
  BalanceRetryEvent,
} from './events/balance-events.js';
export { isEmptyReference, isGuid, NULL_GUID } from './guid/null-guid.js';
export { DiscountCondition, type DiscountConditionValue } from './literals/discount-condition.js';
export { LegalForm, type LegalFormValue } from './literals/legal-form.js';
export { SaleOperationType, type SaleOperationTypeValue } from './literals/sale-operation-type.js';
export {
  SalesCreditOperationType,
  type SalesCreditOperationTypeValue,
} from './literals/sales-credit-operation-type.js';
export { VatRate, type VatRateValue } from './literals/vat-rate.js';
export { VatTaxable, type VatTaxableValue } from './literals/vat-taxable.js';
export { VatType, type VatTypeValue } from './literals/vat-type.js';
export type { ClientsResource } from './resources/clients-resource.js';
export type { DiscountsResource } from './resources/discounts-resource.js';
export type { DocumentsResource } from './resources/documents-resource.js';
export type {
  ItemPricingListOptions,
  ItemPricingResource,
} from './resources/item-pricing-resource.js';
export type { ItemsListOptions, ItemsResource } from './resources/items-resource.js';
export type { PricesListOptions, PricesResource } from './resources/prices-resource.js';
export type { BalanceRawRequest, BalanceRawResponse } from './resources/raw-request.js';
export type { SalesCreditsResource } from './resources/sales-credits-resource.js';
export type { SalesResource } from './resources/sales-resource.js';
export type { StocksListOptions, StocksResource } from './resources/stocks-resource.js';
export type { WarehousesResource } from './resources/warehouses-resource.js';
export type {
  BalanceDryRunResult,
  BalanceWriteResponse,
  BalanceWriteResult,
} from './resources/write-result.js';
export { isRetryableBalanceError } from './retry/is-retryable-balance-error.js';
export { parseRetryAfter } from './retry/retry-after.js';
export {
  type BalanceRetryOptions,
  DEFAULT_RETRY_OPTIONS,
  type ResolvedRetryOptions,
} from './retry/retry-options.js';
export { type BalanceHttpMethod, isRetryableRequest } from './retry/retry-policy.js';
export { toIsoDate } from './schemas/balance-date.js';
export type { BalanceClientInput, BalanceClientRecord } from './schemas/client-record.js';
export type { BalanceDiscount } from './schemas/discount.js';
export type { BalanceItem } from './schemas/item.js';
export type { BalanceItemPricing, BalanceItemPricingLine } from './schemas/item-pricing.js';
export type { LooseDocument } from './schemas/loose-document.js';
export type { OpenLiteral } from './schemas/open-literal.js';
export type { BalancePrice } from './schemas/price.js';
export type {
  BalanceSale,
  BalanceSaleLine,
  SaleInput,
  SaleLineInput,
  SalePaymentInput,
} from './schemas/sale.js';
export type {
  BalanceSalesCredit,
  SalesCreditInput,
  SalesCreditLineInput,
} from './schemas/sales-credit.js';
export type { BalanceStock } from './schemas/stock.js';
export type { BalanceWarehouse } from './schemas/warehouse.js';
export type { CloudSegment } from './transport/endpoint-resolver.js';
export type { BalanceFetch } from './transport/fetch-like.js';
export type { BalanceQuery, BalanceQueryValue } from './transport/query-string.js';
export type { DocumentFieldRenames } from './transport/request-body.js';
