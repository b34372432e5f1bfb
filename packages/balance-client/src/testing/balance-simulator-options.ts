import type { BalanceCredentials } from './basic-auth.js';
import type { ForbiddenSegments } from './exchange-request-handler.js';
import type { BalanceFaultOptions } from './fault-options.js';
import type { ReferenceSearchSettings } from './reference-resolver.js';
import type { BalanceSeedOptions } from './seed-catalog.js';

/**
 * Where the simulator reads time from (structurally the engine's `Clock`).
 *
 * @example
 * ```ts
 * const clock: SimulatorClock = { now: () => new Date('2025-12-24T10:00:00Z') };
 * ```
 */
export interface SimulatorClock {
  now(): Date;
}

/**
 * Options of {@link createBalanceSimulator}. Everything is optional.
 *
 * @example
 * ```ts
 * const sim = createBalanceSimulator({
 *   seed: { prngSeed: 7, items: 500 },
 *   faults: { latency: { ms: 5 } },
 *   templates: { SalesCredit: 'SalesCreditNote' },
 *   genericTemplates: ['CashIncomeOrder'],
 *   forbiddenSegments: { o: ['ItemsSeries'] },
 * });
 * ```
 */
export interface BalanceSimulatorOptions {
  /** Seed data: a PRNG seed number, or options (PRNG seed, item count). Default `{ prngSeed: 1, items: 24 }`. */
  seed?: number | BalanceSeedOptions;
  /** Faults active from the start (change them later with `sim.faults`). */
  faults?: BalanceFaultOptions;
  /** Accepted Basic-auth user. Default `{ username: 'woo-sync', password: 'balance-simulator' }`. */
  credentials?: BalanceCredentials;
  /** Cloud application id (data-area number). Default `"7596"`. */
  applicationId?: string;
  /** On-prem publication base path. Default `"Balance_Exchange"`. */
  basePath?: string;
  /** Exchange (integration node) uid that Prices / Stocks / ItemPricing accept. Default: a seed-derived GUID. */
  exchangeUid?: string;
  /** Time source for the request log, document timestamps and timed downtime. Default: the system clock. */
  clock?: SimulatorClock;
  /** Port of the HTTP server. Default 0 (a random free port). */
  port?: number;
  /**
   * URL template renames, canonical name → tenant name, e.g. `{ SalesCredit: 'SalesCreditNote' }`
   * (the canonical name then answers 404, like a tenant that named it differently).
   */
  templates?: Readonly<Record<string, string>>;
  /** Extra document templates with generic PUT / GET / PATCH / DELETE by uid, e.g. `['CashIncomeOrder']`. */
  genericTemplates?: readonly string[];
  /** Cloud segments that answer 403 for the listed templates, e.g. `{ o: ['ItemsSeries'] }`. */
  forbiddenSegments?: ForbiddenSegments;
  /** Answer 403 (a WAF page) to a GET that carries `Content-Type: application/json`. Default false. */
  wafRejectsGetContentType?: boolean;
  /** Besides GUIDs, which attributes references may match (Balance "search settings"). Default: GUIDs only. */
  searchBy?: ReferenceSearchSettings;
  /** Items field that carries the item type. Default `"ItemType"` (the real name is unknown). */
  itemTypeField?: string;
  /** Emit booleans and some numbers as strings like real tenants. Default true. */
  stringScalars?: boolean;
  /** Status of credit-note posting errors (`ОбработкаПроведения`). Default 500. */
  postingErrorStatus?: number;
}
