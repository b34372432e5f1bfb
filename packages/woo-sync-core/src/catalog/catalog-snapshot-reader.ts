import type { BalanceClient, BalanceItem } from '@balance-sync/balance-client';
import type { Clock } from '../clock.js';
import type { StoreSyncConfig } from '../config/parse-sync-config.js';
import type { LedgerState, SyncStore } from '../ports/sync-store.js';
import type { WooCommercePort, WooOrder, WooProduct } from '../ports/woocommerce-port.js';
import { toUtcIso } from '../time/utc-instant.js';
import { CatalogError } from './catalog-error.js';
import type {
  BalanceCatalogItem,
  BalanceDiscountRule,
  BalancePricingDocument,
  CatalogScope,
  CatalogSnapshot,
  PendingOrderQuantity,
} from './catalog-snapshot.js';

/**
 * The part of the Balance client the catalog reads.
 *
 * @example
 * ```ts
 * const source: CatalogBalanceSource = createBalanceClient(options);
 * ```
 */
export type CatalogBalanceSource = Pick<
  BalanceClient,
  'items' | 'stocks' | 'prices' | 'itemPricing' | 'discounts'
>;

/**
 * What the snapshot reader needs.
 *
 * @example
 * ```ts
 * new CatalogSnapshotReader({ config, balance, woo, store, clock: systemClock });
 * ```
 */
export interface CatalogSnapshotReaderDeps {
  config: StoreSyncConfig;
  balance: CatalogBalanceSource;
  woo: WooCommercePort;
  store: SyncStore;
  clock: Clock;
  /**
   * Packs of Balance's paged lists (Items, ItemPricing) requested at once; rows still come in
   * pack order. `1` reads one pack after another.
   * @default 4
   */
  balancePackConcurrency?: number;
}

/** Packs of Items / ItemPricing read at once unless the deps say otherwise. */
const DEFAULT_BALANCE_PACK_CONCURRENCY = 4;

/**
 * Which parts to read; everything by default.
 *
 * @example
 * ```ts
 * await reader.read('items', { products: false });
 * ```
 */
export interface CatalogReadOptions {
  /**
   * Read the store's products (not needed to re-check a plan's Balance inputs).
   * @default true
   */
  products?: boolean;
}

const DEFAULT_PAID_STATUSES = ['processing', 'completed'];
const UNEXPORTED_SALE_STATES: LedgerState[] = ['pending', 'sent', 'failed', 'dead'];

/**
 * Reads a complete {@link CatalogSnapshot} through the injected Balance client, WooCommerce
 * port and SyncStore, and nothing else. Balance items (paged), stock and prices (and, by the
 * sale source, ItemPricing documents or Discounts), the store's products and categories,
 * the mappings and the unexported paid orders are read concurrently; Balance's paged lists
 * read several packs ahead (`balancePackConcurrency`) and the port's listings page ahead as
 * the adapter allows. Any failing read fails the whole read with `catalog_read_failed`, so
 * a plan is never made from a partial read.
 *
 * @example
 * ```ts
 * const reader = new CatalogSnapshotReader({ config: resolveStoreConfig(config, 'main'), balance, woo, store, clock });
 * const snapshot = await reader.read('items');
 * ```
 */
export class CatalogSnapshotReader {
  readonly #deps: CatalogSnapshotReaderDeps;

  constructor(deps: CatalogSnapshotReaderDeps) {
    this.#deps = deps;
  }

  get #packConcurrency(): number {
    return Math.max(1, this.#deps.balancePackConcurrency ?? DEFAULT_BALANCE_PACK_CONCURRENCY);
  }

  /** Reads everything a plan of `scope` needs. */
  async read(scope: CatalogScope, options: CatalogReadOptions = {}): Promise<CatalogSnapshot> {
    const { config, woo, store } = this.#deps;
    const storeId = config.store.id;
    const sale = config.catalog.prices.sale;
    const items = scope === 'items';
    const step = <T>(what: string, run: () => Promise<T>): Promise<T> =>
      run().catch((error: unknown) => {
        throw new CatalogError(
          'catalog_read_failed',
          `Reading ${what} failed, so no plan was made and nothing was written: ${messageOf(error)}. Fix the cause and plan again.`,
          { cause: error, details: { read: what } },
        );
      });

    const [
      balanceItems,
      stocks,
      prices,
      pricingDocuments,
      discounts,
      products,
      categories,
      productMappings,
      categoryMappings,
      pendingOrders,
    ] = await Promise.all([
      step('Balance items', () => this.#readItems()),
      step('Balance stock', () => this.#readStocks()),
      items ? step('Balance prices', () => this.#readPrices()) : Promise.resolve([]),
      items && sale.source === 'price-type'
        ? step('Balance ItemPricing documents', () => this.#readPricing())
        : Promise.resolve([]),
      items && sale.source === 'discounts'
        ? step('Balance discounts', () => this.#readDiscounts())
        : Promise.resolve([]),
      options.products === false
        ? Promise.resolve([] as WooProduct[])
        : step('store products', () => collect(woo.products.list())),
      items ? step('store categories', () => collect(woo.categories.list())) : Promise.resolve([]),
      step('product mappings', () => store.products.list(storeId)),
      step('category mappings', () => store.categories.list(storeId)),
      step('unexported paid orders', () => this.#readPendingOrders()),
    ]);
    return {
      storeId,
      scope,
      balance: { items: balanceItems, stocks, prices, pricingDocuments, discounts },
      store: {
        products: products.filter((p) => p.status !== 'trash'),
        categories,
        pendingOrders,
      },
      mappings: { products: productMappings, categories: categoryMappings },
    };
  }

  async #readItems(): Promise<BalanceCatalogItem[]> {
    const { skuField, services } = this.#deps.config.catalog;
    const skuKey = typeof skuField === 'string' ? skuField : skuField.field;
    const typeKey = services.itemTypeField;
    const rows: BalanceCatalogItem[] = [];
    for await (const row of this.#deps.balance.items.list({
      concurrency: this.#packConcurrency,
    })) {
      const record = row as BalanceItem & Record<string, unknown>;
      const type = typeKey === undefined ? undefined : textOf(record[typeKey]);
      rows.push({
        uid: row.uid,
        name: textOf(row.Name) || textOf(row.FullName),
        parent: row.Group ?? null,
        isGroup: row.IsGroup,
        sku: textOf(record[skuKey]).trim(),
        ...(type === undefined || type === '' ? {} : { itemType: type }),
      });
    }
    return rows;
  }

  async #readStocks(): Promise<CatalogSnapshot['balance']['stocks']> {
    const rows = await this.#deps.balance.stocks.list({ total: false });
    return rows.map((row) => ({
      item: row.Item,
      warehouse: row.Warehouse ?? '',
      quantity: String(row.Quantity),
      reserve: String(row.Reserve ?? 0),
    }));
  }

  async #readPrices(): Promise<CatalogSnapshot['balance']['prices']> {
    const rows = await this.#deps.balance.prices.list();
    return rows.map((row) => ({
      priceType: row.PriceType ?? '',
      item: row.Item,
      price: row.Price,
    }));
  }

  async #readPricing(): Promise<BalancePricingDocument[]> {
    const docs: BalancePricingDocument[] = [];
    for await (const doc of this.#deps.balance.itemPricing.list({
      concurrency: this.#packConcurrency,
    })) {
      docs.push({
        uid: doc.uid ?? '',
        priceType: doc.PriceType ?? '',
        date: doc.Date ?? '',
        items: doc.Items.map((line) => ({ item: line.Item, price: line.Price ?? '' })),
      });
    }
    return docs;
  }

  async #readDiscounts(): Promise<BalanceDiscountRule[]> {
    const rules = await this.#deps.balance.discounts.list();
    return rules.map((rule) => ({
      uid: rule.uid ?? '',
      name: rule.Name ?? '',
      percentage: rule.Percentage ?? '0',
      active: rule.IsActive ?? false,
      ...(rule.startDateIso ? { startDate: rule.startDateIso } : {}),
      ...(rule.endDateIso ? { endDate: rule.endDateIso } : {}),
      condition: rule.DiscountCondition ?? '',
      items: rule.Items.flatMap((row) => (row.Item ? [row.Item] : [])),
      scheduled: rule.Schedule.length > 0,
    }));
  }

  /**
   * Quantities of paid orders whose Sale is not in Balance yet: paid orders changed within
   * the configured window, plus the orders of every Sale the ledger still holds unexported,
   * minus those with an exported Sale. Only when order export is configured for the store
   * (without it, the SDK cannot know what Balance has received).
   */
  async #readPendingOrders(): Promise<PendingOrderQuantity[]> {
    const { config, woo, store, clock } = this.#deps;
    const stock = config.catalog.stock;
    if (!stock.subtractUnexportedOrders || !config.orders) return [];
    const storeId = config.store.id;
    const paid = config.orders.paidStatuses ?? DEFAULT_PAID_STATUSES;
    const windowStart = clock.now().getTime() - stock.unexportedOrdersWindowHours * 3_600_000;
    const orders = new Map<number, WooOrder>();
    for await (const order of woo.orders.listChanged({
      after: { timestamp: toUtcIso(windowStart), id: 0 },
      statuses: paid,
    })) {
      orders.set(order.id, order);
    }
    let cursor: string | undefined;
    do {
      const page = await store.ledger.list({
        storeId,
        kinds: ['sale'],
        states: UNEXPORTED_SALE_STATES,
        ...(cursor ? { cursor } : {}),
      });
      for (const entry of page.entries) {
        if (orders.has(entry.orderId)) continue;
        const order = await woo.orders.get(entry.orderId);
        if (order && paid.includes(order.status)) orders.set(order.id, order);
      }
      cursor = page.next;
    } while (cursor);

    const pending: PendingOrderQuantity[] = [];
    for (const order of orders.values()) {
      const rows = await store.ledger.listByOrder(storeId, order.id);
      if (rows.some((row) => row.kind === 'sale' && row.state === 'exported')) continue;
      for (const line of order.lineItems) {
        const wooId = line.variationId || line.productId;
        if (wooId > 0 && line.quantity > 0) pending.push({ wooId, quantity: line.quantity });
      }
    }
    return pending;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
