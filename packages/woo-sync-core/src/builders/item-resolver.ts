import type { ProductMapping } from '../ports/sync-store.js';
import type { WooOrderLine } from '../ports/woocommerce-port.js';

/**
 * The Balance item a WooCommerce order line is sold as.
 *
 * @example
 * ```ts
 * const resolved: ResolvedItem = { item: '7d3c…', stringCode: 'TEA-250' };
 * ```
 */
export interface ResolvedItem {
  /** Balance item uid (or a code/name the tenant's search settings resolve). */
  readonly item: string;
  /** Text for the line's `StringCode` (defaults to the line's SKU). */
  readonly stringCode?: string;
  /** Unit, when it must be sent (Balance uses the item's unit when absent). */
  readonly unit?: string;
}

/**
 * Finds the Balance item of an order line, or `undefined` when the line is not mapped. The
 * builder stays pure because the caller loads whatever the resolver needs (product
 * mappings, a SKU index of Balance items) beforehand.
 *
 * @example
 * ```ts
 * const resolveItem: ItemResolver = (line) => (line.sku === 'TEA-250' ? { item: teaUid } : undefined);
 * ```
 */
export type ItemResolver = (line: WooOrderLine) => ResolvedItem | undefined;

/** What {@link createItemResolver} looks items up in. */
export interface ItemResolverSources {
  /** The store's product mappings (`SyncStore.products.list`). */
  readonly mappings: readonly ProductMapping[];
  /**
   * Fallback: Balance item uid by SKU, for products sold before they were mapped. Keys are
   * compared the way WooCommerce compares SKUs (trimmed, case-insensitive).
   */
  readonly itemsBySku?: ReadonlyMap<string, string>;
}

/**
 * Normalises a SKU the way WooCommerce compares them: trimmed and lower-cased.
 *
 * @example
 * ```ts
 * normalizeSku('  Tea-250 '); // 'tea-250'
 * ```
 */
export function normalizeSku(sku: string): string {
  return sku.trim().toLowerCase();
}

/**
 * The standard {@link ItemResolver}: the product mapping of the line's variation (or
 * product) first, then the SKU fallback. `StringCode` is the line's SKU, or the mapped SKU
 * when the product has none any more.
 *
 * @example
 * ```ts
 * const resolveItem = createItemResolver({
 *   mappings: await store.products.list('main'),
 *   itemsBySku: new Map([['TEA-250', teaUid]]),
 * });
 * ```
 */
export function createItemResolver(sources: ItemResolverSources): ItemResolver {
  const byWooId = new Map<number, ProductMapping>();
  for (const mapping of sources.mappings) byWooId.set(mapping.wooId, mapping);
  const bySku = new Map<string, string>();
  for (const [sku, item] of sources.itemsBySku ?? []) {
    const key = normalizeSku(sku);
    if (key !== '' && !bySku.has(key)) bySku.set(key, item);
  }
  return (line) => {
    const wooId = line.variationId > 0 ? line.variationId : line.productId;
    const mapping = byWooId.get(wooId);
    const lineSku = line.sku?.trim() ?? '';
    const stringCode = lineSku || mapping?.sku.trim() || undefined;
    if (mapping)
      return stringCode ? { item: mapping.balanceUid, stringCode } : { item: mapping.balanceUid };
    const item = lineSku ? bySku.get(normalizeSku(lineSku)) : undefined;
    if (item === undefined) return undefined;
    return { item, stringCode: lineSku };
  };
}
