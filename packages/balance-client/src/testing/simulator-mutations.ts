import { decimalToUnits, MONEY_SCALE, QUANTITY_SCALE } from './decimal-units.js';
import type { BalanceSeed } from './seed-catalog.js';
import { ITEM_TYPES } from './seed-catalog.js';
import { NULL_GUID } from './seeded-random.js';
import {
  priceKey,
  type SimClient,
  type SimDiscountRule,
  type SimItem,
  type SimItemPricingDocument,
  type SimulatorState,
  stockKey,
} from './simulator-state.js';

/**
 * A new item for `sim.addItem`: a name is enough; everything else has a goods default.
 *
 * @example
 * ```ts
 * const item: NewItemInput = { Name: 'თაფლი 500გ', Code: 'HN-500', Group: sim.seed.groups.groceries };
 * ```
 */
export type NewItemInput = Partial<SimItem> & Pick<SimItem, 'Name'>;

/**
 * A stock line for `sim.setStock`. Quantities are decimal strings or integers. A line with
 * zero quantity and zero reserve is removed (Balance lists no zero balances).
 *
 * @example
 * ```ts
 * sim.setStock({ item: uid, warehouse: sim.seed.warehouses.main, quantity: '12', reserve: '2' });
 * ```
 */
export interface StockInput {
  item: string;
  warehouse: string;
  quantity: string | number;
  /** Default `"0"`. */
  reserve?: string | number;
  /** Series uid; default the null GUID. */
  series?: string;
  /** Default the seed's branch. */
  branch?: string;
}

/**
 * A price for `sim.setPrice`. `price: null` removes the price.
 *
 * @example
 * ```ts
 * sim.setPrice({ item: uid, price: '19.90' }); // retail
 * sim.setPrice({ item: uid, priceType: sim.seed.priceTypes.sale, price: null });
 * ```
 */
export interface PriceInput {
  item: string;
  /** Default the seed's retail price type. */
  priceType?: string;
  /** Decimal string such as `"12.50"`, or `null` to remove. */
  price: string | null;
  /** Default `"GEL"`. */
  currency?: string;
}

/**
 * A client for `sim.addClient`.
 *
 * @example
 * ```ts
 * sim.addClient({ Name: 'ლევან კაპანაძე', ID: '01008033333' });
 * ```
 */
export type NewClientInput = Partial<SimClient> & Pick<SimClient, 'Name' | 'ID'>;

/**
 * An ItemPricing document for `sim.upsertItemPricing` (uid and number optional).
 *
 * @example
 * ```ts
 * sim.upsertItemPricing({
 *   PriceType: sim.seed.priceTypes.sale, Date: '2026-01-05T00:00:00',
 *   Items: [{ Item: sim.seed.items.espresso, Price: '14.90' }],
 * });
 * ```
 */
export type ItemPricingInput = Omit<SimItemPricingDocument, 'uid' | 'Number'> &
  Partial<Pick<SimItemPricingDocument, 'uid' | 'Number'>>;

/**
 * A discount rule for `sim.upsertDiscount`; unspecified fields get defaults (active,
 * unconditional, all items).
 *
 * @example
 * ```ts
 * sim.upsertDiscount({ Name: 'შავი პარასკევი', Percentage: '20', StartDate: '28.11.2025', EndDate: '30.11.2025' });
 * ```
 */
export type DiscountInput = Partial<SimDiscountRule> &
  Pick<SimDiscountRule, 'Name' | 'Percentage' | 'StartDate' | 'EndDate'>;

/**
 * What the mutation helpers need besides the state.
 *
 * @example
 * ```ts
 * const deps: MutationDeps = { state, seed, newGuid: (kind) => randomUUID() };
 * ```
 */
export interface MutationDeps {
  state: SimulatorState;
  seed: BalanceSeed;
  newGuid(kind: string): string;
}

/**
 * Adds an item (or a group with `IsGroup: true`).
 *
 * @example
 * ```ts
 * addItem(deps, { Name: 'თაფლი 500გ', Code: 'HN-500' });
 * ```
 */
export function addItem(deps: MutationDeps, input: NewItemInput): SimItem {
  const isGroup = input.IsGroup ?? false;
  const item: SimItem = {
    Code: '',
    FullName: input.Name,
    InternalArticle: input.Code ?? '',
    Group: NULL_GUID,
    IsGroup: isGroup,
    ItemType: isGroup ? '' : ITEM_TYPES.goods,
    Unit: isGroup ? '' : 'ცალი',
    VATRate: isGroup ? '' : 'ჩვეულებრივი',
    InventoriesAccount: isGroup ? '' : '1610',
    ExpensesAccount: isGroup ? '' : '7110',
    RevenuesAccount: isGroup ? '' : '6110',
    VATPayableAccount: isGroup ? '' : '3330',
    ...input,
    uid: input.uid?.toLowerCase() ?? deps.newGuid('item'),
  };
  if (deps.state.items.has(item.uid)) throw new Error(`item ${item.uid} already exists`);
  deps.state.items.set(item.uid, item);
  return item;
}

/**
 * Changes fields of an existing item.
 *
 * @example
 * ```ts
 * updateItem(deps, uid, { Name: 'ყავა ესპრესო 250გ (ახალი)' });
 * ```
 */
export function updateItem(
  deps: MutationDeps,
  uid: string,
  patch: Partial<Omit<SimItem, 'uid'>>,
): SimItem {
  const item = deps.state.items.get(uid.toLowerCase());
  if (!item) throw new Error(`no item ${uid}`);
  Object.assign(item, patch);
  return item;
}

/**
 * Removes an item with its stock lines and prices. Returns whether it existed.
 *
 * @example
 * ```ts
 * removeItem(deps, uid); // true
 * ```
 */
export function removeItem(deps: MutationDeps, uid: string): boolean {
  const key = uid.toLowerCase();
  const { state } = deps;
  if (!state.items.delete(key)) return false;
  for (const [k, line] of state.stocks) if (line.Item === key) state.stocks.delete(k);
  for (const [k, row] of state.prices) if (row.Item === key) state.prices.delete(k);
  return true;
}

/**
 * Sets (or removes, when both are zero) a stock line.
 *
 * @example
 * ```ts
 * setStock(deps, { item, warehouse, quantity: 3 });
 * ```
 */
export function setStock(deps: MutationDeps, input: StockInput): void {
  const quantity = decimalText(input.quantity, QUANTITY_SCALE, 'quantity');
  const reserve = decimalText(input.reserve ?? '0', QUANTITY_SCALE, 'reserve');
  const item = input.item.toLowerCase();
  const warehouse = input.warehouse.toLowerCase();
  const series = (input.series ?? NULL_GUID).toLowerCase();
  const key = stockKey(item, warehouse, series);
  if (isZero(quantity) && isZero(reserve)) {
    deps.state.stocks.delete(key);
    return;
  }
  deps.state.stocks.set(key, {
    Item: item,
    Warehouse: warehouse,
    Branch: input.branch ?? deps.seed.branch,
    Series: series,
    Quantity: quantity,
    Reserve: reserve,
  });
}

/**
 * Sets or removes the current price of an item for a price type (the `Prices` answer; the
 * ItemPricing documents are left alone).
 *
 * @example
 * ```ts
 * setPrice(deps, { item, price: '9.99' });
 * ```
 */
export function setPrice(deps: MutationDeps, input: PriceInput): void {
  const priceType = (input.priceType ?? deps.seed.priceTypes.retail).toLowerCase();
  const item = input.item.toLowerCase();
  const key = priceKey(priceType, item);
  if (input.price === null) {
    deps.state.prices.delete(key);
    return;
  }
  deps.state.prices.set(key, {
    PriceType: priceType,
    Item: item,
    Currency: input.currency ?? 'GEL',
    Price: decimalText(input.price, MONEY_SCALE, 'price'),
  });
}

/**
 * Adds a client.
 *
 * @example
 * ```ts
 * addClient(deps, { Name: 'ლევან კაპანაძე', ID: '01008033333' });
 * ```
 */
export function addClient(deps: MutationDeps, input: NewClientInput): SimClient {
  const client: SimClient = {
    LegalForm: 'ფიზიკური პირი',
    VATType: 'არ არის დღგ-ს გადამხდელი',
    Currency: 'GEL',
    IsGroup: false,
    ...input,
    uid: input.uid?.toLowerCase() ?? deps.newGuid('client'),
  };
  deps.state.clients.set(client.uid, client);
  return client;
}

/**
 * Adds or replaces an ItemPricing document and, as posting it in Balance would, updates the
 * current price of each of its items for which it is now the newest document of its type.
 *
 * @example
 * ```ts
 * upsertItemPricing(deps, { PriceType, Date: '2026-01-05T00:00:00', Items: [{ Item, Price: '14.90' }] });
 * ```
 */
export function upsertItemPricing(
  deps: MutationDeps,
  input: ItemPricingInput,
): SimItemPricingDocument {
  const { state } = deps;
  const uid = input.uid?.toLowerCase() ?? deps.newGuid('item-pricing');
  const document: SimItemPricingDocument = {
    uid,
    Number:
      input.Number ??
      state.itemPricing.get(uid)?.Number ??
      String(state.itemPricing.size + 1).padStart(9, '0'),
    PriceType: input.PriceType.toLowerCase(),
    Date: input.Date,
    Items: input.Items.map((line) => ({
      Item: line.Item.toLowerCase(),
      Price: decimalText(line.Price, MONEY_SCALE, 'price'),
    })),
  };
  state.itemPricing.set(uid, document);
  for (const line of document.Items) {
    const newer = [...state.itemPricing.values()].some(
      (other) =>
        other.uid !== uid &&
        other.PriceType === document.PriceType &&
        other.Date > document.Date &&
        other.Items.some((otherLine) => otherLine.Item === line.Item),
    );
    if (!newer) {
      state.prices.set(priceKey(document.PriceType, line.Item), {
        PriceType: document.PriceType,
        Item: line.Item,
        Currency: state.priceTypes.get(document.PriceType)?.Currency ?? 'GEL',
        Price: line.Price,
      });
    }
  }
  return document;
}

/**
 * Adds or replaces a discount rule.
 *
 * @example
 * ```ts
 * upsertDiscount(deps, { Name: 'შავი პარასკევი', Percentage: '20', StartDate: '28.11.2025', EndDate: '30.11.2025' });
 * ```
 */
export function upsertDiscount(deps: MutationDeps, input: DiscountInput): SimDiscountRule {
  const uid = input.uid?.toLowerCase() ?? deps.newGuid('discount');
  const rule: SimDiscountRule = {
    Code: String(deps.state.discounts.size + 1).padStart(9, '0'),
    IsActive: true,
    DiscountCondition: 'უპირობოდ',
    Items: [],
    Schedule: [],
    Comments: '',
    ...input,
    uid,
  };
  deps.state.discounts.set(uid, rule);
  return rule;
}

function decimalText(value: string | number, scale: number, what: string): string {
  if (decimalToUnits(value, scale) === undefined)
    throw new Error(`${what} is not a decimal: ${value}`);
  return String(value);
}

function isZero(text: string): boolean {
  return decimalToUnits(text, QUANTITY_SCALE) === 0;
}
