/**
 * Test kit of the sync engine: in-memory implementations of every port and the conformance
 * suites every adapter of a port must pass (they use vitest, an optional peer dependency).
 *
 * @packageDocumentation
 */

// ---- WooCommerce port: in-memory implementation and conformance suite

export { InMemoryWooError } from './in-memory-woo-orders.js';
export {
  type InMemoryWooBatchCall,
  InMemoryWooCommerce,
  type InMemoryWooCommerceOptions,
} from './in-memory-woocommerce.js';
export { normalizeWooSku } from './woo-store-rules.js';
export {
  describeWooCommercePortConformance,
  type WooCommercePortFactory,
} from './woocommerce-port-conformance.js';
export type {
  SeedCategoryInput,
  SeedOrderInput,
  SeedOrderLineInput,
  SeedProductInput,
  SeedRefundInput,
  SeedRefundLineInput,
  SeedVariationInput,
  WooCommercePortFixture,
  WooCommerceSeed,
} from './woocommerce-seed.js';

// ---- SyncStore: in-memory implementation and conformance suite

export { InMemorySyncStore } from './in-memory-sync-store.js';
export {
  describeSyncStoreConformance,
  type SyncStoreFactory,
} from './sync-store-conformance.js';

// ---- JobQueue: in-memory implementation and conformance suite

export {
  InMemoryJobQueue,
  type InMemoryJobQueueOptions,
  type JobQueueTimers,
} from './in-memory-job-queue.js';
export {
  describeJobQueueConformance,
  type JobQueueConformanceBackend,
  type JobQueueConformanceFactory,
  type JobQueueConformanceOptions,
  type JobQueueConformanceSettings,
} from './job-queue-conformance.js';

// ---- Clocks and fixtures

export { ManualClock } from './manual-clock.js';

// ---- Crash testing of the order export (issue #5 §4): crash a port call at any step.

export { type CrashPoint, CrashSwitch, SimulatedCrash } from './crash-switch.js';
// ---- end of crash testing exports
