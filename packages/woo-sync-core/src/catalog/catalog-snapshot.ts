import type { CategoryMapping, ProductMapping } from '../ports/sync-store.js';
import type { WooCategory, WooProduct } from '../ports/woocommerce-port.js';

/**
 * A Balance nomenclature row (a leaf item or, with `isGroup`, a group), reduced to what the
 * catalog planner reads. The snapshot reader extracts the SKU and the item type from the
 * fields the configuration names.
 *
 * @example
 * ```ts
 * const espresso: BalanceCatalogItem = {
 *   uid: '6f0c…', name: 'ყავა ესპრესო 250გ', parent: '1a2b…', isGroup: false,
 *   sku: 'CF-001', itemType: 'საქონელი',
 * };
 * ```
 */
export interface BalanceCatalogItem {
  uid: string;
  name: string;
  /** Parent group uid; `null` at the root. */
  parent: string | null;
  isGroup: boolean;
  /** The SKU from the configured field, trimmed; `""` when empty. */
  sku: string;
  /** Value of the configured item-type field, when one is configured and present. */
  itemType?: string;
}

/**
 * One stock line: an item in a warehouse (several lines per item and warehouse when the
 * item is lot-tracked). Quantities are decimal strings.
 *
 * @example
 * ```ts
 * const line: BalanceStockLine = { item: '6f0c…', warehouse: '9d1e…', quantity: '40', reserve: '2' };
 * ```
 */
export interface BalanceStockLine {
  item: string;
  warehouse: string;
  quantity: string;
  reserve: string;
}

/**
 * A current price of an item for a price type (`Prices`). `price` is a decimal string.
 *
 * @example
 * ```ts
 * const row: BalancePriceRow = { priceType: '4c2a…', item: '6f0c…', price: '18.90' };
 * ```
 */
export interface BalancePriceRow {
  priceType: string;
  item: string;
  price: string;
}

/**
 * A dated price-setting document (`ItemPricing`). `date` is Balance local time
 * (`YYYY-MM-DDTHH:MM:SS`, no zone).
 *
 * @example
 * ```ts
 * const doc: BalancePricingDocument = {
 *   uid: '77aa…', priceType: '5d3b…', date: '2025-11-24T00:00:00',
 *   items: [{ item: '6f0c…', price: '15.90' }],
 * };
 * ```
 */
export interface BalancePricingDocument {
  uid: string;
  priceType: string;
  date: string;
  items: { item: string; price: string }[];
}

/**
 * A discount rule (`Discounts`). Dates are Balance local dates (`DD.MM.YYYY` or
 * `YYYY-MM-DD`); `items` lists item or group uids (empty = every item).
 *
 * @example
 * ```ts
 * const rule: BalanceDiscountRule = {
 *   uid: '88bb…', name: 'ახალი წელი', percentage: '10', active: true,
 *   startDate: '20.12.2025', endDate: '07.01.2026', condition: 'უპირობოდ',
 *   items: ['3c4d…'], scheduled: false,
 * };
 * ```
 */
export interface BalanceDiscountRule {
  uid: string;
  name: string;
  percentage: string;
  active: boolean;
  startDate?: string;
  endDate?: string;
  /** `DiscountCondition` literal; `უპირობოდ` means unconditional. */
  condition: string;
  items: string[];
  /** Whether the rule only applies on some weekdays or hours (`Schedule` rows). */
  scheduled: boolean;
}

/**
 * Quantity of a store product sold in paid orders that Balance has not received yet.
 *
 * @example
 * ```ts
 * const pending: PendingOrderQuantity = { wooId: 42, quantity: 2 };
 * ```
 */
export interface PendingOrderQuantity {
  /** Product or variation id. */
  wooId: number;
  quantity: number;
}

/**
 * Everything the catalog planner reads, as plain data: a complete read of Balance, the
 * store's products and categories, and what the SyncStore remembers. The snapshot reader
 * builds it from the ports; tests and benchmarks build it directly.
 *
 * @example
 * ```ts
 * const plan = planCatalog({ snapshot, settings, now: new Date() });
 * ```
 */
export interface CatalogSnapshot {
  storeId: string;
  /** Which part of the catalog the snapshot was read for. */
  scope: CatalogScope;
  balance: {
    /** Items and groups. */
    items: BalanceCatalogItem[];
    stocks: BalanceStockLine[];
    prices: BalancePriceRow[];
    /** `[]` when the sale price does not come from ItemPricing or for scope `stocks`. */
    pricingDocuments: BalancePricingDocument[];
    /** `[]` when the sale price does not come from Discounts or for scope `stocks`. */
    discounts: BalanceDiscountRule[];
  };
  store: {
    /** Every product and variation, trashed ones excluded. */
    products: WooProduct[];
    categories: WooCategory[];
    /** Quantities of paid orders not yet in Balance (empty when not subtracted). */
    pendingOrders: PendingOrderQuantity[];
  };
  mappings: {
    products: ProductMapping[];
    categories: CategoryMapping[];
  };
}

/**
 * `items`: the whole catalog (create, adopt, names, prices, stock, categories). `stocks`:
 * stock of linked products only.
 *
 * @example
 * ```ts
 * await engine.catalog.plan({ storeId: 'main', scope: 'stocks' });
 * ```
 */
export type CatalogScope = 'items' | 'stocks';
