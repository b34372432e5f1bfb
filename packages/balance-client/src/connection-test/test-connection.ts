import type { BalanceCallOptions } from '../client/call-options.js';
import { BalanceAuthError } from '../errors/balance-auth-error.js';
import type { BalanceError } from '../errors/balance-error.js';
import { BalanceHttpError } from '../errors/balance-http-error.js';
import { isBalanceError } from '../errors/is-balance-error.js';
import type { ItemsResource } from '../resources/items-resource.js';
import type { PricesResource } from '../resources/prices-resource.js';
import type { StocksResource } from '../resources/stocks-resource.js';
import type { WarehousesResource } from '../resources/warehouses-resource.js';
import type { BalanceRetryOptions } from '../retry/retry-options.js';
import type { BalanceItem } from '../schemas/item.js';
import type { CloudSegment } from '../transport/endpoint-resolver.js';
import { HINTS } from '../transport/error-factory.js';
import type {
  ConnectionCheck,
  ConnectionCheckName,
  ConnectionCheckStatus,
  ConnectionReport,
} from './connection-report.js';

/**
 * Options of `testConnection()`.
 *
 * @example
 * ```ts
 * await balance.testConnection({ itemSampleSize: 200, retry: { limit: 1 } });
 * ```
 */
export interface TestConnectionOptions {
  /**
   * Rows read from the first Items pack to list groups and field names.
   * @default 50
   */
  readonly itemSampleSize?: number;
  /**
   * Retry policy of the checks' calls (fast feedback by default).
   * @default false
   */
  readonly retry?: BalanceRetryOptions | false;
  /** Aborts the checks. */
  readonly signal?: AbortSignal;
}

/** What `runConnectionTest` needs from the client. */
export interface ConnectionTestDeps {
  readonly items: ItemsResource;
  readonly warehouses: WarehousesResource;
  readonly prices: PricesResource;
  readonly stocks: StocksResource;
  readonly exchangeUid: string | undefined;
  readonly mode: 'cloud' | 'onprem';
  readonly baseUrl: (template: string) => string;
  readonly itemsTemplate: string;
  readonly learnedSegments: () => Record<string, CloudSegment>;
  readonly now: () => number;
}

const SKU_FIELDS = ['Code', 'InternalArticle', 'Article', 'SKU', 'Sku', 'ExtCode'];
const TYPE_FIELDS = ['Type', 'ItemType', 'IsService', 'IsExpense', 'Kind', 'ItemKind'];
const BARCODE_FIELDS = ['Barcode', 'BarCode', 'Barcodes', 'GTIN', 'EAN'];

/** Runs the connection checks and builds the report (never throws for Balance errors). */
export async function runConnectionTest(
  deps: ConnectionTestDeps,
  options: TestConnectionOptions = {},
): Promise<ConnectionReport> {
  const call: BalanceCallOptions = {
    retry: options.retry ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const checks: ConnectionCheck[] = [];
  const add = (
    name: ConnectionCheckName,
    status: ConnectionCheckStatus,
    message: string,
    startedAt: number,
    error?: BalanceError,
  ) => {
    checks.push({
      name,
      status,
      message,
      durationMs: deps.now() - startedAt,
      ...(error instanceof BalanceHttpError ? { httpStatus: error.status } : {}),
      ...(error ? { errorCode: error.code } : {}),
    });
  };
  const attempt = async <T>(
    run: () => Promise<T>,
  ): Promise<{ value: T } | { error: BalanceError }> => {
    try {
      return { value: await run() };
    } catch (error) {
      if (isBalanceError(error)) return { error };
      throw error;
    }
  };

  // 1. Authentication + warehouses: the cheapest authenticated read.
  let startedAt = deps.now();
  const warehouses = await attempt(() => deps.warehouses.list(call));
  let authenticated = true;
  if ('error' in warehouses) {
    const { error } = warehouses;
    if (error instanceof BalanceAuthError && error.status === 401) {
      authenticated = false;
      add(
        'authentication',
        'fail',
        `Balance refused the credentials (401): ${HINTS.credentials}`,
        startedAt,
        error,
      );
    } else if (error instanceof BalanceHttpError) {
      add(
        'authentication',
        'pass',
        `Balance answered (HTTP ${error.status}), so the server is reachable`,
        startedAt,
      );
    } else {
      authenticated = false;
      add('authentication', 'fail', error.message, startedAt, error);
    }
    if (authenticated) {
      const message =
        error instanceof BalanceAuthError
          ? `Warehouses: HTTP 403 — ${HINTS.rights}`
          : `Warehouses: ${error.message}`;
      add('warehouses', 'fail', message, startedAt, error);
    }
  } else {
    add('authentication', 'pass', 'credentials accepted', startedAt);
    add(
      'warehouses',
      warehouses.value.length > 0 ? 'pass' : 'warn',
      warehouses.value.length > 0
        ? `${warehouses.value.length} warehouse(s)`
        : 'no warehouses visible to this user: check its rights in Balance',
      startedAt,
    );
  }

  const skipRest = (names: ConnectionCheckName[]) => {
    for (const name of names)
      add(
        name,
        'skip',
        'skipped: Balance could not be reached or refused the credentials',
        deps.now(),
      );
  };
  let rows: BalanceItem[] = [];
  let priceTypes: string[] = [];
  let priceCount: number | undefined;
  let stockCount: number | undefined;

  if (!authenticated) {
    skipRest(['items', 'groups', 'item', 'prices', 'stocks']);
  } else {
    // 2. Items: the first pack, its groups and the field names the tenant really uses.
    startedAt = deps.now();
    const sampleSize = options.itemSampleSize ?? 50;
    const itemsPack = await attempt(() => deps.items.listPack(1, { packSize: sampleSize }, call));
    if ('error' in itemsPack) {
      add('items', 'fail', `Items: ${itemsPack.error.message}`, startedAt, itemsPack.error);
      add('groups', 'skip', 'skipped: Items could not be read', deps.now());
    } else {
      rows = itemsPack.value;
      const groups = rows.filter((row) => row.IsGroup).length;
      const items = rows.length - groups;
      add(
        'items',
        items > 0 ? 'pass' : 'warn',
        items > 0
          ? `first pack: ${rows.length} row(s), ${items} item(s)`
          : "no items in the first pack: check the user's rights and the integration's Stock Item Filter in Balance",
        startedAt,
      );
      add(
        'groups',
        groups > 0 ? 'pass' : 'warn',
        groups > 0
          ? `${groups} group(s) in the first pack`
          : 'no groups in the first pack: the catalog may be flat, or groups come in later packs',
        startedAt,
      );
    }

    // 3. One item by uid: proves the `?uid=` lookup works on this publication.
    startedAt = deps.now();
    const sample = rows.find((row) => !row.IsGroup);
    if (sample === undefined) {
      add('item', 'skip', 'skipped: no item to read', startedAt);
    } else {
      const one = await attempt(() => deps.items.get(sample.uid, call));
      if ('error' in one)
        add('item', 'fail', `Items?uid: ${one.error.message}`, startedAt, one.error);
      else if (one.value === undefined) {
        add(
          'item',
          'warn',
          `Items?uid=${sample.uid} did not return that item: single-item lookups will not work`,
          startedAt,
        );
      } else add('item', 'pass', `read item ${sample.uid} by uid`, startedAt);
    }

    // 4 + 5. Prices and Stocks need the exchange uid of the integration profile.
    const exchangeChecks: Array<['prices' | 'stocks', () => Promise<unknown[]>]> = [
      ['prices', () => deps.prices.list({}, call)],
      ['stocks', () => deps.stocks.list({ total: false }, call)],
    ];
    for (const [name, read] of exchangeChecks) {
      startedAt = deps.now();
      if (deps.exchangeUid === undefined) {
        add(
          name,
          'fail',
          '`exchangeUid` is not set; Prices and Stocks need the uid of the integration profile',
          startedAt,
        );
        continue;
      }
      const result = await attempt(read);
      const label = name === 'prices' ? 'Prices' : 'Stocks';
      if ('error' in result) {
        const { error } = result;
        const message =
          error instanceof BalanceHttpError && (error.status === 502 || error.status === 404)
            ? `${label}: HTTP ${error.status} — ${HINTS.exchangeUid}`
            : `${label}: ${error.message}`;
        add(name, 'fail', message, startedAt, error);
        continue;
      }
      const count = result.value.length;
      if (name === 'prices') {
        priceCount = count;
        priceTypes = [
          ...new Set(
            (result.value as Array<{ PriceType?: string }>).flatMap((row) =>
              row.PriceType === undefined ? [] : [row.PriceType],
            ),
          ),
        ];
      } else {
        stockCount = count;
      }
      add(
        name,
        count > 0 ? 'pass' : 'warn',
        count > 0
          ? name === 'prices'
            ? `${count} price(s) in ${priceTypes.length} price type(s)`
            : `${count} stock line(s)`
          : `${label} is empty: ${HINTS.exchangeUid}; or the integration's price/stock settings select nothing`,
        startedAt,
      );
    }
  }

  const itemRows = rows.filter((row) => !row.IsGroup);
  const fieldNames = [...new Set(itemRows.flatMap((row) => Object.keys(row)))].sort();
  const rawFields = new Set(fieldNames);
  const present = (candidates: string[]) => candidates.filter((field) => rawFields.has(field));
  const verdict = checks.some((check) => check.status === 'fail')
    ? 'failed'
    : checks.some((check) => check.status === 'warn')
      ? 'warnings'
      : 'ok';
  return {
    verdict,
    ok: verdict !== 'failed',
    mode: deps.mode,
    baseUrl: deps.baseUrl(deps.itemsTemplate),
    checks,
    warehouses:
      'value' in warehouses ? warehouses.value.map((w) => ({ uid: w.uid, name: w.Name })) : [],
    groups: rows.filter((row) => row.IsGroup).map((row) => ({ uid: row.uid, name: row.Name })),
    itemFieldNames: fieldNames,
    itemFieldCandidates: {
      sku: present(SKU_FIELDS),
      itemType: present(TYPE_FIELDS),
      barcode: present(BARCODE_FIELDS),
    },
    priceTypes,
    priceCount,
    stockCount,
    cloudSegments: deps.learnedSegments(),
  };
}
