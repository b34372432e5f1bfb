import { z } from 'zod';
import {
  wireDecimal,
  wireGmtDate,
  wireId,
  wireMeta,
  wireOptionalGmtDate,
  wireOptionalInt,
  wireText,
} from './wire-primitives.js';

/** The product fields the adapter asks for with `_fields` (exactly what the port needs). */
export const PRODUCT_FIELDS = [
  'id',
  'parent_id',
  'type',
  'status',
  'sku',
  'name',
  'regular_price',
  'sale_price',
  'date_on_sale_from_gmt',
  'date_on_sale_to_gmt',
  'manage_stock',
  'stock_quantity',
  'stock_status',
  'categories',
  'meta_data',
  'date_modified_gmt',
] as const;

/** A product or variation as WooCommerce sends it (`context=edit`), validated leniently. */
export const productWireSchema = z.object({
  id: wireId,
  parent_id: wireOptionalInt.optional(),
  type: z.string().optional().catch(undefined),
  status: z.string().catch('publish').default('publish'),
  sku: wireText.default(''),
  name: wireText.default(''),
  regular_price: wireDecimal.default(''),
  sale_price: wireDecimal.default(''),
  date_on_sale_from_gmt: wireOptionalGmtDate,
  date_on_sale_to_gmt: wireOptionalGmtDate,
  // Variations say `"parent"` when the parent manages their stock.
  manage_stock: z
    .union([z.boolean(), z.literal('parent')])
    .catch(false)
    .default(false),
  stock_quantity: z.number().nullable().catch(null).default(null),
  stock_status: z.string().catch('instock').default('instock'),
  categories: z
    .array(z.object({ id: wireId }))
    .catch([])
    .default([]),
  meta_data: wireMeta.default([]),
  date_modified_gmt: wireGmtDate,
});

/** Output of {@link productWireSchema}. */
export type ProductWire = z.output<typeof productWireSchema>;
