/*
 * The simulator's in-memory Balance: catalogs, registers and stored documents. Records use
 * the Balance field names with honest types (booleans, decimal strings); the tenant quirks
 * of the wire format (booleans and numbers as strings) are applied when responses are
 * rendered, not here.
 */

/**
 * A nomenclature row of the `Items` catalog: a leaf item or, with `IsGroup`, a group.
 *
 * @example
 * ```ts
 * const espresso = sim.state.items.get(sim.seed.items.espresso);
 * espresso?.Name; // "ყავა ესპრესო 250გ"
 * ```
 */
export interface SimItem {
  uid: string;
  Code: string;
  Name: string;
  FullName: string;
  /** Internal article (SKU) — some tenants key products on it instead of `Code`. */
  InternalArticle: string;
  /** Parent group uid; the null GUID at the root. */
  Group: string;
  IsGroup: boolean;
  /**
   * Item type literal, e.g. `"საქონელი"` (goods) or `"მომსახურება"` (service); empty on
   * groups. Emitted under the field name chosen with the simulator's `itemTypeField` option
   * (default `ItemType`) because the real field name is unknown.
   */
  ItemType: string;
  Unit: string;
  VATRate: string;
  InventoriesAccount: string;
  ExpensesAccount: string;
  RevenuesAccount: string;
  VATPayableAccount: string;
  /** Tenant-specific extra fields emitted as they are (e.g. `{ Barcode: "4860…" }`). */
  extra?: Record<string, unknown>;
}

/**
 * A warehouse of the `Warehouses` catalog (`Adress` is spelled as Balance spells it).
 *
 * @example
 * ```ts
 * sim.state.warehouses.get(sim.seed.warehouses.main)?.Code; // "MW"
 * ```
 */
export interface SimWarehouse {
  uid: string;
  Code: string;
  Name: string;
  Adress: string;
  IsDeleted: boolean;
}

/**
 * A price type (there is no `PriceTypes` template; price types appear as GUIDs in Prices and
 * ItemPricing).
 *
 * @example
 * ```ts
 * sim.state.priceTypes.get(sim.seed.priceTypes.retail)?.Name; // "საცალო ფასი"
 * ```
 */
export interface SimPriceType {
  uid: string;
  Name: string;
  Currency: string;
}

/**
 * A lot / series of a lot-tracked item (`ItemsSeries` template).
 *
 * @example
 * ```ts
 * sim.state.series.get(sim.seed.series.blackTeaLotA)?.ValidUntil; // "2026-12-31T00:00:00"
 * ```
 */
export interface SimSeries {
  uid: string;
  Item: string;
  Name: string;
  SeriesNumber: string;
  ValidUntil: string;
}

/**
 * One line of the stock register: an item in a warehouse (and series). Quantities are
 * decimal strings.
 *
 * @example
 * ```ts
 * const line: SimStockLine = {
 *   Item: sim.seed.items.espresso, Warehouse: sim.seed.warehouses.main,
 *   Branch: sim.seed.branch, Series: NULL_GUID, Quantity: '40', Reserve: '2',
 * };
 * ```
 */
export interface SimStockLine {
  Item: string;
  Warehouse: string;
  Branch: string;
  /** Series uid, or the null GUID for items without series. */
  Series: string;
  Quantity: string;
  Reserve: string;
}

/**
 * A current price of an item for a price type (`Prices` template). `Price` is a decimal
 * string.
 *
 * @example
 * ```ts
 * const row: SimPriceRow = {
 *   PriceType: sim.seed.priceTypes.retail, Item: sim.seed.items.espresso,
 *   Currency: 'GEL', Price: '18.90',
 * };
 * ```
 */
export interface SimPriceRow {
  PriceType: string;
  Item: string;
  Currency: string;
  Price: string;
}

/**
 * A price-setting document (`ItemPricing` template).
 *
 * @example
 * ```ts
 * const doc = sim.state.itemPricing.get(sim.seed.itemPricing.sale);
 * doc?.Date; // "2025-11-24T00:00:00"
 * ```
 */
export interface SimItemPricingDocument {
  uid: string;
  Number: string;
  PriceType: string;
  Date: string;
  Items: { Item: string; Price: string }[];
}

/**
 * A discount rule (`Discounts` template). Dates are `DD.MM.YYYY` as Balance returns them.
 *
 * @example
 * ```ts
 * sim.state.discounts.get(sim.seed.discounts.newYear)?.StartDate; // "20.12.2025"
 * ```
 */
export interface SimDiscountRule {
  uid: string;
  Code: string;
  Name: string;
  Percentage: string;
  IsActive: boolean;
  StartDate: string;
  EndDate: string;
  DiscountCondition: string;
  /** Items or groups the rule applies to; empty = all items. */
  Items: { Item: string }[];
  Schedule: { WeekDay: string; StartPeriod: string; EndPeriod: string }[];
  Comments: string;
}

/**
 * A customer of the `Clients` catalog. Any field Balance accepts may be present; `uid`,
 * `Name` and `ID` always are.
 *
 * @example
 * ```ts
 * sim.state.clients.get(sim.seed.clients.nino)?.ID; // "01001012345"
 * ```
 */
export interface SimClient {
  uid: string;
  Name: string;
  /** Tax or personal identification number (11 digits for individuals). */
  ID: string;
  [field: string]: unknown;
}

/**
 * A document line as the simulator understood it: the amounts it used for its checks.
 *
 * @example
 * ```ts
 * const line = sim.state.sales.get(saleUid)?.lines[0];
 * line?.amountTetri; // 3000 for "Amount": "30.00"
 * ```
 */
export interface StoredDocumentLine {
  /** Line uid (assigned by the simulator unless the request gave one). */
  uid: string;
  /** Item reference resolved to the item uid. */
  item: string;
  quantityThousandths: number;
  /** `Amount`, or `Price × Quantity` rounded when the line had no `Amount`. */
  amountTetri: number;
  /** Line `BaseDocument` as sent (credit notes), empty when absent. */
  baseDocument: string;
}

/**
 * A document stored by a successful PUT / PATCH (Sale, SalesCredit or a generic template).
 *
 * @example
 * ```ts
 * const sale = sim.state.sales.get(saleUid);
 * sale?.totalTetri; // sum of line amounts in tetri
 * sale?.writes; // 2 after a PUT and a retried PUT of the same uid
 * ```
 */
export interface StoredDocument {
  /** Canonical template name: `Sale`, `SalesCredit` or the generic template's name. */
  template: string;
  uid: string;
  /** Document number assigned on first save, kept on later saves. */
  number: string;
  /** The document as `GET ?uid=` returns it (request fields plus `Number` and line uids). */
  body: Record<string, unknown>;
  lines: StoredDocumentLine[];
  /** Sum of line amounts in tetri. */
  totalTetri: number;
  /** Set by `DELETE` (1C "mark for deletion"); a marked credit note no longer counts. */
  deletionMark: boolean;
  /** How many times the document was written (PUT / PATCH). */
  writes: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Everything the simulator holds. Maps keep insertion order, which is the order responses
 * list rows in. Inspect freely; change it through the simulator's mutation helpers.
 *
 * @example
 * ```ts
 * sim.state.items.size; // groups + items
 * [...sim.state.sales.values()].map((sale) => sale.uid);
 * ```
 */
export interface SimulatorState {
  /** Items and groups by uid. */
  readonly items: Map<string, SimItem>;
  readonly warehouses: Map<string, SimWarehouse>;
  readonly priceTypes: Map<string, SimPriceType>;
  readonly series: Map<string, SimSeries>;
  /** Stock lines keyed by {@link stockKey}. */
  readonly stocks: Map<string, SimStockLine>;
  /** Current prices keyed by {@link priceKey}. */
  readonly prices: Map<string, SimPriceRow>;
  readonly itemPricing: Map<string, SimItemPricingDocument>;
  readonly discounts: Map<string, SimDiscountRule>;
  readonly clients: Map<string, SimClient>;
  /** Sale documents by uid. */
  readonly sales: Map<string, StoredDocument>;
  /** Sales credit notes by uid. */
  readonly salesCredits: Map<string, StoredDocument>;
  /** Documents of generic templates: template name → uid → document. */
  readonly documents: Map<string, Map<string, StoredDocument>>;
}

/**
 * Creates an empty {@link SimulatorState}.
 *
 * @example
 * ```ts
 * const state = createEmptyState();
 * state.items.size; // 0
 * ```
 */
export function createEmptyState(): SimulatorState {
  return {
    items: new Map(),
    warehouses: new Map(),
    priceTypes: new Map(),
    series: new Map(),
    stocks: new Map(),
    prices: new Map(),
    itemPricing: new Map(),
    discounts: new Map(),
    clients: new Map(),
    sales: new Map(),
    salesCredits: new Map(),
    documents: new Map(),
  };
}

/**
 * Key of a stock line in {@link SimulatorState.stocks}.
 *
 * @example
 * ```ts
 * sim.state.stocks.get(stockKey(itemUid, warehouseUid, NULL_GUID))?.Quantity;
 * ```
 */
export function stockKey(item: string, warehouse: string, series: string): string {
  return `${item}|${warehouse}|${series}`;
}

/**
 * Key of a price row in {@link SimulatorState.prices}.
 *
 * @example
 * ```ts
 * sim.state.prices.get(priceKey(sim.seed.priceTypes.retail, itemUid))?.Price;
 * ```
 */
export function priceKey(priceType: string, item: string): string {
  return `${priceType}|${item}`;
}
