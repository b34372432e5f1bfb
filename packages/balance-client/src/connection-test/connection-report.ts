import type { BalanceErrorCode } from '../errors/balance-error.js';
import type { CloudSegment } from '../transport/endpoint-resolver.js';

/**
 * Names of the checks `testConnection()` runs, in order.
 *
 * @example
 * ```ts
 * const stocks = report.checks.find((check) => check.name === 'stocks');
 * ```
 */
export type ConnectionCheckName =
  | 'authentication'
  | 'warehouses'
  | 'items'
  | 'groups'
  | 'item'
  | 'prices'
  | 'stocks';

/**
 * Outcome of one check: `pass`, `warn` (works, but something looks wrong), `fail`, or `skip`
 * (not run because an earlier check failed).
 *
 * @example
 * ```ts
 * const failed = report.checks.filter((check) => check.status === 'fail');
 * ```
 */
export type ConnectionCheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/**
 * One check of a {@link ConnectionReport}.
 *
 * @example
 * ```ts
 * for (const check of report.checks) console.log(`${check.status} ${check.name}: ${check.message}`);
 * ```
 */
export interface ConnectionCheck {
  /** Which check. */
  readonly name: ConnectionCheckName;
  /** Outcome. */
  readonly status: ConnectionCheckStatus;
  /** What was found and, when not `pass`, what to do. */
  readonly message: string;
  /** Time the check took. */
  readonly durationMs: number;
  /** HTTP status of the failing call, when there was one. */
  readonly httpStatus?: number;
  /** Error code of the failing call, when there was one. */
  readonly errorCode?: BalanceErrorCode;
}

/**
 * Which Items fields could hold the SKU, the item type (service flag) and the barcode on this
 * tenant — the public docs do not name the last two, so the report shows what the tenant has.
 *
 * @example
 * ```ts
 * console.log('SKU candidates:', report.itemFieldCandidates.sku.join(', '));
 * ```
 */
export interface ItemFieldCandidates {
  /** Present fields among `Code`, `InternalArticle`, `Article`, `SKU`, `ExtCode`. */
  readonly sku: readonly string[];
  /** Present fields among `Type`, `ItemType`, `IsService`, `IsExpense`, `Kind`, `ItemKind`. */
  readonly itemType: readonly string[];
  /** Present fields among `Barcode`, `BarCode`, `Barcodes`, `GTIN`, `EAN`. */
  readonly barcode: readonly string[];
}

/**
 * Result of `client.testConnection()`: an overall verdict and per-check results with
 * actionable messages, plus the lookup data an operator needs to finish the setup.
 *
 * @example
 * ```ts
 * const report = await balance.testConnection();
 * if (!report.ok) process.exitCode = 1;
 * console.log(report.verdict, report.priceTypes, report.itemFieldNames);
 * ```
 */
export interface ConnectionReport {
  /** `ok`: every check passed; `warnings`: usable, but look at the warnings; `failed`: not usable. */
  readonly verdict: 'ok' | 'warnings' | 'failed';
  /** `verdict !== 'failed'`. */
  readonly ok: boolean;
  /** Connection mode. */
  readonly mode: 'cloud' | 'onprem';
  /** Base URL used (no credentials), e.g. `https://cloud.balance.ge/sm/o/Balance/7596/hs/Exchange/`. */
  readonly baseUrl: string;
  /** The checks, in the order they ran. */
  readonly checks: readonly ConnectionCheck[];
  /** Warehouses (uid and name). */
  readonly warehouses: readonly { readonly uid: string; readonly name: string | undefined }[];
  /** Groups found in the first Items pack (uid and name). */
  readonly groups: readonly { readonly uid: string; readonly name: string | undefined }[];
  /** Every field name seen on item (non-group) rows of the first Items pack, sorted. */
  readonly itemFieldNames: readonly string[];
  /** Candidate fields for SKU, item type and barcode. */
  readonly itemFieldCandidates: ItemFieldCandidates;
  /** Distinct `PriceType` values present in Prices. */
  readonly priceTypes: readonly string[];
  /** Number of Prices rows. */
  readonly priceCount: number | undefined;
  /** Number of Stocks rows (`Total=false`). */
  readonly stockCount: number | undefined;
  /** Cloud segments learned per template (after 403 fallbacks). */
  readonly cloudSegments: Readonly<Record<string, CloudSegment>>;
}
