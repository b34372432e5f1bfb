import type {
  WooProduct,
  WooProductFields,
  WooProductStatus,
  WooProductType,
  WooStockStatus,
} from '@balance-sync/woo-sync-core';
import type { ProductWire } from '../schemas/product-wire.js';
import { utcToGmt } from '../schemas/wire-primitives.js';

/** Where a product was read from, for what the body may leave out. */
export interface ProductReadContext {
  /** Set when read through `/products/<parentId>/variations`. */
  readonly variationOf?: number;
}

/** WooCommerce JSON → port product. */
export function fromWireProduct(wire: ProductWire, context: ProductReadContext = {}): WooProduct {
  const type = (
    context.variationOf !== undefined ? 'variation' : (wire.type ?? 'simple')
  ) as WooProductType;
  return {
    id: wire.id,
    parentId: wire.parent_id || context.variationOf || 0,
    type,
    status: wire.status as WooProductStatus,
    sku: wire.sku,
    name: wire.name,
    regularPrice: wire.regular_price,
    salePrice: wire.sale_price,
    saleFrom: wire.date_on_sale_from_gmt,
    saleTo: wire.date_on_sale_to_gmt,
    // `"parent"`: the parent manages the stock, so this variation does not.
    manageStock: wire.manage_stock === true,
    stockQuantity: wire.manage_stock === true ? wire.stock_quantity : null,
    stockStatus: wire.stock_status as WooStockStatus,
    categoryIds: type === 'variation' ? [] : wire.categories.map((category) => category.id),
    meta: wire.meta_data,
    dateModified: wire.date_modified_gmt,
  };
}

/**
 * Port fields → the WooCommerce JSON of a create or update. Only keys that are set are sent.
 * Dates go to the `*_gmt` fields; `null` clears a date (sent as `""`, which WooCommerce reads
 * as "unset" in both single and batch calls).
 */
export function toWireProductFields(
  fields: WooProductFields,
  options: { readonly variation: boolean },
): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (fields.name !== undefined && !options.variation) wire.name = fields.name;
  if (fields.sku !== undefined) wire.sku = fields.sku.trim();
  if (fields.status !== undefined) wire.status = fields.status;
  if (fields.regularPrice !== undefined) wire.regular_price = fields.regularPrice;
  if (fields.salePrice !== undefined) wire.sale_price = fields.salePrice;
  if (fields.saleFrom !== undefined) {
    wire.date_on_sale_from_gmt = fields.saleFrom === null ? '' : utcToGmt(fields.saleFrom);
  }
  if (fields.saleTo !== undefined) {
    wire.date_on_sale_to_gmt = fields.saleTo === null ? '' : utcToGmt(fields.saleTo);
  }
  if (fields.manageStock !== undefined) wire.manage_stock = fields.manageStock;
  if (fields.stockQuantity !== undefined && fields.stockQuantity !== null) {
    wire.stock_quantity = fields.stockQuantity;
  }
  if (fields.stockStatus !== undefined) wire.stock_status = fields.stockStatus;
  if (fields.categoryIds !== undefined && !options.variation) {
    wire.categories = fields.categoryIds.map((id) => ({ id }));
  }
  if (fields.meta !== undefined) {
    wire.meta_data = fields.meta.map((entry) => ({ key: entry.key, value: entry.value }));
  }
  return wire;
}
