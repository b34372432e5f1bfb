/**
 * Test kit of the sync engine: in-memory implementations of every port and the conformance
 * suites every adapter of a port must pass (they use vitest, an optional peer dependency).
 *
 * @packageDocumentation
 */

// ---- WooCommerce port: in-memory implementation and conformance suite

// ---- SyncStore: in-memory implementation and conformance suite

// ---- JobQueue: in-memory implementation and conformance suite

// ---- Clocks and fixtures
export { ManualClock } from './manual-clock.js';
