/**
 * Test helpers of `@balance-sync/balance-client`: a simulated Balance Exchange web service
 * (real HTTP server and msw handlers) with seed data, inspectable state and fault injection.
 *
 * @example
 * ```ts
 * import { createBalanceSimulator } from '@balance-sync/balance-client/testing';
 *
 * const sim = await createBalanceSimulator().start();
 * // point a client at sim.onPrem or sim.cloud with sim.credentials and sim.exchangeUid
 * await sim.stop();
 * ```
 *
 * @module
 */

export type {
  BalanceSimulator,
  DeleteDocumentOptions,
  SimulatorCloudConnection,
  SimulatorMswConnections,
  SimulatorOnPremConnection,
} from './balance-simulator.js';
export { createBalanceSimulator } from './balance-simulator.js';
export type { BalanceSimulatorOptions, SimulatorClock } from './balance-simulator-options.js';
export type { BalanceCredentials } from './basic-auth.js';
export { BALANCE_LITERALS } from './document-literals.js';
export type { ForbiddenSegments } from './exchange-request-handler.js';
export type { BalanceFaultController } from './fault-injector.js';
export type {
  BalanceFaultKind,
  BalanceFaultOptions,
  BalanceWriteInfo,
  BodyFault,
  DowntimeFault,
  DropResponseAfterWriteFault,
  FaultScope,
  FaultTrigger,
  HtmlErrorPageFault,
  LatencyFault,
  RateLimitFault,
  ServerErrorFault,
} from './fault-options.js';
export type { MswHandlerOptions } from './msw-handlers.js';
export type { ReferenceSearchSettings } from './reference-resolver.js';
export type { BalanceRequestLogEntry } from './request-log.js';
export type { BalanceSeed, BalanceSeedOptions } from './seed-catalog.js';
export { ITEM_TYPES } from './seed-catalog.js';
export { NULL_GUID } from './seeded-random.js';
export type {
  DiscountInput,
  ItemPricingInput,
  NewClientInput,
  NewItemInput,
  PriceInput,
  StockInput,
} from './simulator-mutations.js';
export type {
  SimClient,
  SimDiscountRule,
  SimItem,
  SimItemPricingDocument,
  SimPriceRow,
  SimPriceType,
  SimSeries,
  SimStockLine,
  SimulatorState,
  SimWarehouse,
  StoredDocument,
  StoredDocumentLine,
} from './simulator-state.js';
export { priceKey, stockKey } from './simulator-state.js';
