import type { BalanceRetryOptions } from '../retry/retry-options.js';
import type { CloudSegment } from '../transport/endpoint-resolver.js';
import type { BalanceFetch } from '../transport/fetch-like.js';
import type { DocumentFieldRenames } from '../transport/request-body.js';
import type { BalanceRuntime } from './balance-runtime.js';
import type { BalanceTemplates } from './balance-templates.js';

/**
 * A tenant in Balance's cloud:
 * `<origin>/sm/<segment>/Balance/<applicationId>/hs/Exchange/<template>`.
 *
 * @example
 * ```ts
 * const connection: CloudConnection = { mode: 'cloud', applicationId: '7596' };
 * ```
 */
export interface CloudConnection {
  readonly mode: 'cloud';
  /** The tenant's data-area number in the cloud (four digits, e.g. `"7596"`). */
  readonly applicationId: string;
  /**
   * Publication segment. `o` is documented; production code also uses `a`, and some
   * objects answer 403 under one and work under the other.
   * @default 'o'
   */
  readonly segment?: CloudSegment;
  /**
   * Segment per URL template, for tenants where one object lives under the other segment,
   * e.g. `{ ItemsSeries: 'a' }`.
   * @default {}
   */
  readonly segmentOverrides?: Readonly<Record<string, CloudSegment>>;
  /**
   * On a 403, try the other segment once and remember the one that works, per template.
   * @default true
   */
  readonly segmentFallback?: boolean;
  /**
   * Scheme and host, for proxies and simulators.
   * @default 'https://cloud.balance.ge'
   */
  readonly origin?: string;
}

/**
 * A self-hosted 1C publication: `<baseUrl>/<basePath>/hs/Exchange/<template>`.
 *
 * @example
 * ```ts
 * const connection: OnPremConnection = { mode: 'onprem', baseUrl: 'http://10.0.0.5:8081' };
 * ```
 */
export interface OnPremConnection {
  readonly mode: 'onprem';
  /** Scheme, host and port where the infobase is web-published, e.g. `http://10.0.0.5:8081`. */
  readonly baseUrl: string;
  /**
   * Name the infobase is published under. Balance requires `Balance_Exchange`, but admins
   * sometimes publish under another name (e.g. `demo`); `''` if `baseUrl` already ends with it.
   * @default 'Balance_Exchange'
   */
  readonly basePath?: string;
}

/**
 * Where Balance is.
 *
 * @example
 * ```ts
 * const connection: BalanceConnection = { mode: 'onprem', baseUrl: 'http://10.0.0.5:8081' };
 * ```
 */
export type BalanceConnection = CloudConnection | OnPremConnection;

/**
 * How `clients.findById()` looks a customer up by tax/personal ID. The public docs do not
 * confirm an ID filter, so the parameter name is configurable and the full-list scan is
 * opt-in.
 *
 * @example
 * ```ts
 * // Tenant without an ID filter: scan the full list instead.
 * createBalanceClient({ ...options, clientLookup: { idQueryParameter: false, fallbackToFullList: true } });
 * ```
 */
export interface ClientLookupOptions {
  /**
   * Query parameter for the ID filter (`GET Clients?ID=…`); `false` skips the filtered call.
   * @default 'ID'
   */
  readonly idQueryParameter?: string | false;
  /**
   * When the filtered call finds nothing (or is skipped), read the whole `Clients` list and
   * match `ID` locally. Costly on large customer bases.
   * @default false
   */
  readonly fallbackToFullList?: boolean;
}

/**
 * Wire spelling of document fields, per document. Casing of VAT fields differs between Sale
 * and Sales Credit Note in Balance and is unverified per tenant, so it is configurable. You
 * always write the Sale spelling (`VATTaxable`, `VATArticle`, line `VATRate`); these maps
 * say what key is sent. A map given here replaces the default map of that part.
 *
 * @example
 * ```ts
 * // A tenant that wants credit notes spelled like Sales:
 * createBalanceClient({ ...options, documentFieldNames: { salesCredit: { header: {}, lines: {} } } });
 * ```
 */
export interface DocumentFieldNames {
  /** @default { header: {}, lines: {} } */
  readonly sale?: DocumentFieldRenames;
  /**
   * @default { header: { VATTaxable: 'VATtaxable', VATArticle: 'VATarticle' }, lines: { VATRate: 'VATrate' } }
   */
  readonly salesCredit?: DocumentFieldRenames;
}

/**
 * Options of {@link createBalanceClient}.
 *
 * @example
 * ```ts
 * const options: BalanceClientOptions = {
 *   connection: { mode: 'cloud', applicationId: '7596' },
 *   username: process.env.BALANCE_USER!,
 *   password: process.env.BALANCE_PASSWORD!,
 *   exchangeUid: process.env.BALANCE_EXCHANGE_UID,
 * };
 * ```
 */
export interface BalanceClientOptions {
  /** Cloud tenant or on-prem publication. */
  readonly connection: BalanceConnection;
  /** Balance user login (HTTP Basic). */
  readonly username: string;
  /** Balance user password. Never appears in errors, events or `util.inspect()` output. */
  readonly password: string;
  /**
   * The integration profile (exchange node) uid that Stocks, Prices and (optionally)
   * ItemPricing need as `uid`. Found in Balance behind the integration's icon under
   * Administration → Data synchronization settings; `testConnection()` validates it.
   */
  readonly exchangeUid?: string | undefined;
  /**
   * Per-attempt timeout (response headers and body), in milliseconds.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /**
   * Retry policy, or `false` for one attempt per call.
   * @default { limit: 3, backoffMs: 500, maxDelayMs: 30000, maxRetryAfterMs: 60000 }
   */
  readonly retry?: BalanceRetryOptions | false;
  /**
   * The fetch implementation.
   * @default globalThis.fetch
   */
  readonly fetch?: BalanceFetch;
  /**
   * An undici `Dispatcher` (e.g. an `Agent` with a custom CA, or a `ProxyAgent`) passed to
   * every fetch call as `dispatcher`. Needs the `undici` package in your project.
   */
  readonly dispatcher?: unknown;
  /**
   * Skips TLS certificate verification for `https:` URLs, using a small `node:https`-based
   * fetch. Only for an on-prem server with a self-signed certificate on a network you trust:
   * anyone on the path could read the credentials. Cannot be combined with `fetch` or
   * `dispatcher` (configure those to skip verification yourself instead).
   * @default false
   */
  readonly dangerouslyDisableTlsVerification?: boolean;
  /** URL template names to override, see {@link BalanceTemplates}. */
  readonly templates?: Partial<BalanceTemplates>;
  /**
   * Build and validate every write, emit it as a `dryRun` event and return it — and send
   * nothing. Reads work normally. See also `client.withDryRun()`.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Include (redacted) request and response bodies in `request`/`response` events.
   * Bodies contain customer data: enable only where logs may hold it.
   * @default false
   */
  readonly logBodies?: boolean;
  /**
   * Default `PackSize` for paged lists.
   * @default { items: 500, itemPricing: 100 }
   */
  readonly packSize?: { readonly items?: number; readonly itemPricing?: number };
  /** How `clients.findById()` searches; see {@link ClientLookupOptions}. */
  readonly clientLookup?: ClientLookupOptions;
  /** Wire spelling of document fields; see {@link DocumentFieldNames}. */
  readonly documentFieldNames?: DocumentFieldNames;
  /** Injectable time, randomness and ids (tests); see {@link BalanceRuntime}. */
  readonly runtime?: Partial<BalanceRuntime>;
}
