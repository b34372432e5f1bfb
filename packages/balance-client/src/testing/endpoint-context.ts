import type { ReferenceSearchSettings } from './reference-resolver.js';
import type { SimulatorState } from './simulator-state.js';
import type { WireFormat } from './wire-format.js';

/**
 * What an endpoint handler needs from the simulator: the state, the tenant settings and
 * the simulator's clock and sequences.
 *
 * @example
 * ```ts
 * function handleWarehouses(context: EndpointContext): Response {
 *   return jsonResponse([...context.state.warehouses.values()]);
 * }
 * ```
 */
export interface EndpointContext {
  readonly state: SimulatorState;
  /** The exchange (integration node) uid Prices / Stocks / ItemPricing accept. */
  readonly exchangeUid: string;
  readonly format: WireFormat;
  readonly searchBy: ReferenceSearchSettings;
  /** Status of posting errors (`ОбработкаПроведения`). */
  readonly postingErrorStatus: number;
  /** The simulator clock. */
  now(): Date;
  /** Next document number of a template, e.g. `"000000001"`. */
  nextDocumentNumber(template: string): string;
  /** A fresh uid for records created without one (deterministic sequence). */
  newGuid(kind: string): string;
}
