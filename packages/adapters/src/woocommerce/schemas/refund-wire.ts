import { z } from 'zod';
import {
  wireBoolean,
  wireDecimal,
  wireGmtDate,
  wireId,
  wireLineTaxes,
  wireMeta,
  wireOptionalInt,
  wireText,
} from './wire-primitives.js';

/** The refund fields the adapter asks for with `_fields`. */
export const REFUND_FIELDS = [
  'id',
  'parent_id',
  'date_created_gmt',
  'amount',
  'reason',
  'refunded_payment',
  'line_items',
  'shipping_lines',
  'fee_lines',
  'meta_data',
] as const;

const refundLineSchema = z.object({
  id: wireId,
  name: wireText.optional(),
  method_title: wireText.optional(),
  product_id: wireOptionalInt.default(0),
  variation_id: wireOptionalInt.default(0),
  sku: z.string().nullable().catch(null).default(null),
  quantity: z.number().catch(0).default(0),
  subtotal: wireDecimal.optional(),
  total: wireDecimal.default(''),
  total_tax: wireDecimal.default(''),
  taxes: wireLineTaxes.default([]),
  meta_data: wireMeta.default([]),
});

/** Output of the refund line schema. */
export type RefundLineWire = z.output<typeof refundLineSchema>;

/** A refund as WooCommerce sends it (`/refunds` adds `parent_id`, the order id). */
export const refundWireSchema = z.object({
  id: wireId,
  parent_id: wireOptionalInt.optional(),
  date_created_gmt: wireGmtDate,
  amount: wireDecimal.default(''),
  reason: wireText.default(''),
  refunded_payment: wireBoolean.default(false),
  line_items: z.array(refundLineSchema).default([]),
  shipping_lines: z.array(refundLineSchema).default([]),
  fee_lines: z.array(refundLineSchema).default([]),
  meta_data: wireMeta.default([]),
});

/** Output of {@link refundWireSchema}. */
export type RefundWire = z.output<typeof refundWireSchema>;
