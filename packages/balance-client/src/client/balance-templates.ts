/**
 * URL template names (the last path segment after `/hs/Exchange/`) per resource. Override
 * any of them with the `templates` option when a tenant publishes an object under another
 * name.
 *
 * @example
 * ```ts
 * createBalanceClient({ ...options, templates: { salesCredit: 'SalesCreditNote' } });
 * ```
 */
export interface BalanceTemplates {
  /** @default 'Items' */
  readonly items: string;
  /** @default 'Warehouses' */
  readonly warehouses: string;
  /** @default 'Stocks' */
  readonly stocks: string;
  /** @default 'Prices' */
  readonly prices: string;
  /** @default 'ItemPricing' */
  readonly itemPricing: string;
  /** @default 'Discounts' */
  readonly discounts: string;
  /** @default 'Clients' */
  readonly clients: string;
  /** @default 'Sale' */
  readonly sale: string;
  /**
   * The only template name seen in working code; "SalesCreditNote" is the document's English
   * title, not a known template.
   * @default 'SalesCredit'
   */
  readonly salesCredit: string;
}

/** Defaults of {@link BalanceTemplates}. */
export const DEFAULT_TEMPLATES: BalanceTemplates = Object.freeze({
  items: 'Items',
  warehouses: 'Warehouses',
  stocks: 'Stocks',
  prices: 'Prices',
  itemPricing: 'ItemPricing',
  discounts: 'Discounts',
  clients: 'Clients',
  sale: 'Sale',
  salesCredit: 'SalesCredit',
});
