import type {
  SimDiscountRule,
  SimItem,
  SimItemPricingDocument,
  SimPriceRow,
  SimSeries,
  SimStockLine,
  SimWarehouse,
} from './simulator-state.js';

/**
 * How records are written on the wire.
 *
 * @example
 * ```ts
 * const format: WireFormat = { stringScalars: true, itemTypeField: 'ItemType' };
 * ```
 */
export interface WireFormat {
  /**
   * Emit booleans and some numbers as strings the way real tenants do (`IsGroup: "true"`,
   * Stocks `Quantity: "5"`, Discounts `Percentage: "10"`), while other numbers stay JSON
   * numbers (Prices `Price`, ItemPricing `Price`). `false`: honest JSON types everywhere.
   */
  stringScalars: boolean;
  /** Field name that carries the item type on Items rows. */
  itemTypeField: string;
}

const flag = (value: boolean, format: WireFormat): boolean | string =>
  format.stringScalars ? String(value) : value;
const quantity = (value: string, format: WireFormat): number | string =>
  format.stringScalars ? value : Number(value);
const amount = (value: string): number => Number(value);

/**
 * An Items row (item or group) on the wire.
 *
 * @example
 * ```ts
 * renderItem(item, { stringScalars: true, itemTypeField: 'ItemType' }).IsGroup; // "false"
 * ```
 */
export function renderItem(item: SimItem, format: WireFormat): Record<string, unknown> {
  const { extra, ItemType, IsGroup, ...rest } = item;
  return {
    ...rest,
    IsGroup: flag(IsGroup, format),
    [format.itemTypeField]: ItemType,
    ...extra,
  };
}

/**
 * A Warehouses row on the wire.
 *
 * @example
 * ```ts
 * renderWarehouse(warehouse, format).Adress;
 * ```
 */
export function renderWarehouse(
  warehouse: SimWarehouse,
  format: WireFormat,
): Record<string, unknown> {
  return { ...warehouse, IsDeleted: flag(warehouse.IsDeleted, format) };
}

/**
 * A detailed Stocks row on the wire.
 *
 * @example
 * ```ts
 * renderStockLine(line, format).Quantity; // "40"
 * ```
 */
export function renderStockLine(line: SimStockLine, format: WireFormat): Record<string, unknown> {
  return {
    Item: line.Item,
    Warehouse: line.Warehouse,
    Branch: line.Branch,
    Series: line.Series,
    Quantity: quantity(line.Quantity, format),
    Reserve: quantity(line.Reserve, format),
  };
}

/**
 * A Prices row on the wire (`Price` as a JSON number).
 *
 * @example
 * ```ts
 * renderPriceRow(row).Price; // 18.9
 * ```
 */
export function renderPriceRow(row: SimPriceRow): Record<string, unknown> {
  return {
    PriceType: row.PriceType,
    Item: row.Item,
    Currency: row.Currency,
    Price: amount(row.Price),
  };
}

/**
 * An ItemPricing document on the wire.
 *
 * @example
 * ```ts
 * renderItemPricing(doc).Items[0]?.Price; // 17.5
 * ```
 */
export function renderItemPricing(doc: SimItemPricingDocument): {
  uid: string;
  Number: string;
  PriceType: string;
  Date: string;
  Items: { Item: string; Price: number }[];
} {
  return {
    uid: doc.uid,
    Number: doc.Number,
    PriceType: doc.PriceType,
    Date: doc.Date,
    Items: doc.Items.map((line) => ({ Item: line.Item, Price: amount(line.Price) })),
  };
}

/**
 * A Discounts rule on the wire.
 *
 * @example
 * ```ts
 * renderDiscount(rule, format).IsActive; // "true"
 * ```
 */
export function renderDiscount(rule: SimDiscountRule, format: WireFormat): Record<string, unknown> {
  return {
    ...rule,
    Percentage: quantity(rule.Percentage, format),
    IsActive: flag(rule.IsActive, format),
    Items: rule.Items.map((line) => ({ ...line })),
    Schedule: rule.Schedule.map((line) => ({ ...line })),
  };
}

/**
 * An ItemsSeries row on the wire.
 *
 * @example
 * ```ts
 * renderSeries(series).ValidUntil; // "2026-12-31T00:00:00"
 * ```
 */
export function renderSeries(series: SimSeries): Record<string, unknown> {
  return { ...series, ExtCode: '' };
}

/**
 * A client on the wire: stored fields as given; booleans follow the string-scalar quirk.
 *
 * @example
 * ```ts
 * renderClient(client, format).IsGroup; // "false"
 * ```
 */
export function renderClient(
  client: Record<string, unknown>,
  format: WireFormat,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...client };
  if (typeof copy.IsGroup === 'boolean') copy.IsGroup = flag(copy.IsGroup, format);
  return copy;
}
