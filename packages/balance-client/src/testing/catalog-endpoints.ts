import { decimalToUnits, QUANTITY_SCALE, unitsToDecimal } from './decimal-units.js';
import type { EndpointContext } from './endpoint-context.js';
import {
  errorResponse,
  htmlResponse,
  jsonResponse,
  notFoundResponse,
} from './exchange-responses.js';
import {
  renderDiscount,
  renderItem,
  renderItemPricing,
  renderPriceRow,
  renderSeries,
  renderStockLine,
  renderWarehouse,
} from './wire-format.js';

/**
 * Read-only catalog and register templates served by {@link handleCatalogRead}.
 *
 * @example
 * ```ts
 * CATALOG_TEMPLATES.includes('Stocks'); // true
 * ```
 */
export const CATALOG_TEMPLATES = [
  'Items',
  'ItemsSeries',
  'Warehouses',
  'Stocks',
  'Prices',
  'ItemPricing',
  'Discounts',
] as const;

/**
 * Name of a read-only catalog / register template.
 *
 * @example
 * ```ts
 * const template: CatalogTemplate = 'Stocks';
 * ```
 */
export type CatalogTemplate = (typeof CATALOG_TEMPLATES)[number];

/**
 * Answers a GET on a catalog or register template.
 *
 * @example
 * ```ts
 * handleCatalogRead('Items', new URLSearchParams('Pack=1&PackSize=100'), context);
 * ```
 */
export function handleCatalogRead(
  template: CatalogTemplate,
  query: URLSearchParams,
  context: EndpointContext,
): Response {
  switch (template) {
    case 'Items':
      return readItems(query, context);
    case 'ItemsSeries':
      return readItemsSeries(query, context);
    case 'Warehouses':
      return jsonResponse(
        [...context.state.warehouses.values()].map((w) => renderWarehouse(w, context.format)),
      );
    case 'Stocks':
      return readStocks(query, context);
    case 'Prices':
      return readPrices(query, context);
    case 'ItemPricing':
      return readItemPricing(query, context);
    case 'Discounts':
      return jsonResponse(
        [...context.state.discounts.values()].map((d) => renderDiscount(d, context.format)),
      );
  }
}

function readItems(query: URLSearchParams, context: EndpointContext): Response {
  const uid = query.get('uid');
  if (uid !== null && uid !== '') {
    const item = context.state.items.get(uid.toLowerCase());
    return item ? jsonResponse([renderItem(item, context.format)]) : notFoundResponse();
  }
  const page = paginate(context.state.items.values(), query);
  if (page instanceof Response) return page;
  return jsonResponse(page.map((item) => renderItem(item, context.format)));
}

function readItemsSeries(query: URLSearchParams, context: EndpointContext): Response {
  for (const name of ['StartingPeriod', 'EndingPeriod']) {
    if (query.get(name) === '') return errorResponse(404, [`Unknown parameter: ${name}`]);
  }
  const item = query.get('Item');
  const rows = [...context.state.series.values()].filter(
    (series) => !item || series.Item === item.toLowerCase(),
  );
  return jsonResponse(rows.map(renderSeries));
}

function readStocks(query: URLSearchParams, context: EndpointContext): Response {
  const exchange = exchangeCheck(query, context, true);
  if (exchange instanceof Response) return exchange;
  if (!exchange) return jsonResponse([]);
  const total = parseBooleanParameter(query.get('Total'));
  if (total === undefined) return errorResponse(400, ['Total: expected true or false']);
  const source = query.get('Source')?.toLowerCase();
  const lines = [...context.state.stocks.values()].filter(
    (line) => !source || line.Item === source,
  );
  if (!total) return jsonResponse(lines.map((line) => renderStockLine(line, context.format)));
  const totals = new Map<string, { quantity: number; reserve: number }>();
  for (const line of lines) {
    const sum = totals.get(line.Item) ?? { quantity: 0, reserve: 0 };
    sum.quantity += decimalToUnits(line.Quantity, QUANTITY_SCALE) ?? 0;
    sum.reserve += decimalToUnits(line.Reserve, QUANTITY_SCALE) ?? 0;
    totals.set(line.Item, sum);
  }
  const quantity = (units: number) => {
    const text = trimDecimal(unitsToDecimal(units, QUANTITY_SCALE));
    return context.format.stringScalars ? text : Number(text);
  };
  return jsonResponse(
    [...totals].map(([Item, sum]) => ({
      Item,
      Quantity: quantity(sum.quantity),
      Reserve: quantity(sum.reserve),
    })),
  );
}

function readPrices(query: URLSearchParams, context: EndpointContext): Response {
  const exchange = exchangeCheck(query, context, true);
  if (exchange instanceof Response) return exchange;
  if (!exchange) return jsonResponse({ Source: [] });
  const source = query.get('Source')?.toLowerCase();
  const rows = [...context.state.prices.values()].filter((row) => !source || row.Item === source);
  return jsonResponse({ Source: rows.map(renderPriceRow) });
}

function readItemPricing(query: URLSearchParams, context: EndpointContext): Response {
  const exchange = exchangeCheck(query, context, false);
  if (exchange instanceof Response) return exchange;
  if (!exchange) return jsonResponse([]);
  const page = paginate(context.state.itemPricing.values(), query);
  if (page instanceof Response) return page;
  return jsonResponse(page.map(renderItemPricing));
}

/**
 * `true` when the request's exchange uid is right, `false` when it is wrong (empty
 * answer), a 502 page when it is required but missing.
 */
function exchangeCheck(
  query: URLSearchParams,
  context: EndpointContext,
  required: boolean,
): boolean | Response {
  const uid = query.get('uid');
  if (uid === null || uid === '') {
    return required
      ? htmlResponse(502, '502 Bad Gateway', 'The web server received an invalid response.')
      : true;
  }
  return uid.toLowerCase() === context.exchangeUid.toLowerCase();
}

/**
 * Slices rows by `Pack` (1-based) and `PackSize`; without both, all rows. A pack past the
 * end is an empty array — how a client knows it read the last page.
 */
function paginate<T>(rows: Iterable<T>, query: URLSearchParams): T[] | Response {
  const pack = query.get('Pack');
  const packSize = query.get('PackSize');
  if (pack === null && packSize === null) return [...rows];
  if (pack === null || packSize === null) {
    return errorResponse(400, ['Pack and PackSize must be given together']);
  }
  const packNumber = Number(pack);
  const size = Number(packSize);
  if (!Number.isInteger(packNumber) || packNumber < 1 || !Number.isInteger(size) || size < 1) {
    return errorResponse(400, ['Pack and PackSize must be positive integers']);
  }
  // Walks to the pack without copying every row first (a catalog is read 500 rows at a time).
  const from = (packNumber - 1) * size;
  const out: T[] = [];
  let index = 0;
  for (const row of rows) {
    if (index >= from + size) break;
    if (index >= from) out.push(row);
    index += 1;
  }
  return out;
}

function parseBooleanParameter(value: string | null): boolean | undefined {
  if (value === null || value === '') return false;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return undefined;
}

function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
