import { z } from 'zod';
import {
  wireBoolean,
  wireDecimal,
  wireGmtDate,
  wireId,
  wireLineTaxes,
  wireMeta,
  wireOptionalGmtDate,
  wireOptionalInt,
  wireText,
} from './wire-primitives.js';

/** The order fields the adapter asks for with `_fields`. */
export const ORDER_FIELDS = [
  'id',
  'number',
  'status',
  'currency',
  'prices_include_tax',
  'date_created_gmt',
  'date_modified_gmt',
  'date_paid_gmt',
  'date_completed_gmt',
  'total',
  'total_tax',
  'shipping_total',
  'shipping_tax',
  'discount_total',
  'discount_tax',
  'cart_tax',
  'customer_id',
  'customer_note',
  'billing',
  'shipping',
  'payment_method',
  'payment_method_title',
  'transaction_id',
  'meta_data',
  'line_items',
  'shipping_lines',
  'fee_lines',
  'coupon_lines',
  'tax_lines',
  'refunds',
] as const;

const addressSchema = z
  .object({
    first_name: wireText.default(''),
    last_name: wireText.default(''),
    company: wireText.default(''),
    address_1: wireText.default(''),
    address_2: wireText.default(''),
    city: wireText.default(''),
    state: wireText.default(''),
    postcode: wireText.default(''),
    country: wireText.default(''),
    email: wireText.default(''),
    phone: wireText.default(''),
  })
  .catch({
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    email: '',
    phone: '',
  });

const lineItemSchema = z.object({
  id: wireId,
  name: wireText.default(''),
  product_id: wireOptionalInt.default(0),
  variation_id: wireOptionalInt.default(0),
  sku: z.string().nullable().catch(null).default(null),
  quantity: z.number().catch(0).default(0),
  subtotal: wireDecimal.default(''),
  subtotal_tax: wireDecimal.default(''),
  total: wireDecimal.default(''),
  total_tax: wireDecimal.default(''),
  taxes: wireLineTaxes.default([]),
  meta_data: wireMeta.default([]),
});

const shippingLineSchema = z.object({
  id: wireId,
  method_id: wireText.default(''),
  method_title: wireText.default(''),
  total: wireDecimal.default(''),
  total_tax: wireDecimal.default(''),
  taxes: wireLineTaxes.default([]),
});

const feeLineSchema = z.object({
  id: wireId,
  name: wireText.default(''),
  tax_status: wireText.default(''),
  total: wireDecimal.default(''),
  total_tax: wireDecimal.default(''),
  taxes: wireLineTaxes.default([]),
});

const couponLineSchema = z.object({
  id: wireId,
  code: wireText.default(''),
  discount: wireDecimal.default(''),
  discount_tax: wireDecimal.default(''),
});

const taxLineSchema = z.object({
  id: wireId,
  rate_id: wireOptionalInt.default(0),
  rate_code: wireText.default(''),
  label: wireText.default(''),
  compound: wireBoolean.default(false),
  rate_percent: z
    .union([z.string(), z.number()])
    .nullable()
    .catch(null)
    .default(null)
    .transform((value) => (value === null ? null : String(value))),
  tax_total: wireDecimal.default(''),
  shipping_tax_total: wireDecimal.default(''),
});

const refundRefSchema = z.object({
  id: wireId,
  reason: wireText.default(''),
  total: wireDecimal.default(''),
});

/** An order as WooCommerce sends it (`context=edit`), validated leniently. */
export const orderWireSchema = z.object({
  id: wireId,
  number: wireText.default(''),
  status: z.string(),
  currency: wireText.default(''),
  prices_include_tax: wireBoolean.default(false),
  date_created_gmt: wireGmtDate,
  date_modified_gmt: wireGmtDate,
  date_paid_gmt: wireOptionalGmtDate,
  date_completed_gmt: wireOptionalGmtDate,
  total: wireDecimal.default(''),
  total_tax: wireDecimal.default(''),
  shipping_total: wireDecimal.default(''),
  shipping_tax: wireDecimal.default(''),
  discount_total: wireDecimal.default(''),
  discount_tax: wireDecimal.default(''),
  cart_tax: wireDecimal.default(''),
  customer_id: wireOptionalInt.default(0),
  customer_note: wireText.default(''),
  billing: addressSchema.default(addressSchema.parse({})),
  shipping: addressSchema.default(addressSchema.parse({})),
  payment_method: wireText.default(''),
  payment_method_title: wireText.default(''),
  transaction_id: wireText.default(''),
  meta_data: wireMeta.default([]),
  line_items: z.array(lineItemSchema).default([]),
  shipping_lines: z.array(shippingLineSchema).default([]),
  fee_lines: z.array(feeLineSchema).default([]),
  coupon_lines: z.array(couponLineSchema).default([]),
  tax_lines: z.array(taxLineSchema).default([]),
  refunds: z.array(refundRefSchema).default([]),
});

/** Output of {@link orderWireSchema}. */
export type OrderWire = z.output<typeof orderWireSchema>;
