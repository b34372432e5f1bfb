/**
 * Shapes of the REST v3 JSON the simulator returns (the fields a sync SDK reads; every
 * response carries more). Returned by the shopper, admin, seeding and read helpers.
 */

/**
 * `_links` of a resource.
 *
 * @example
 * product._links.self[0]?.href;
 */
export type WooLinks = Record<string, { href: string }[]>;

/**
 * A `meta_data` entry.
 *
 * @example
 * order.meta_data.find((m) => m.key === '_billing_personal_id')?.value;
 */
export interface WooMetaData {
  id: number;
  key: string;
  value: unknown;
}

/**
 * A product (or a variation read through `/products`).
 *
 * @example
 * const product = sim.read.product(id, 'edit');
 * product.regular_price; // '10.5'
 */
export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable' | 'grouped' | 'external' | 'variation';
  status: string;
  sku: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  date_on_sale_from: string | null;
  date_on_sale_from_gmt: string | null;
  date_on_sale_to: string | null;
  date_on_sale_to_gmt: string | null;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  parent_id: number;
  categories: { id: number; name: string; slug: string }[];
  variations: number[];
  meta_data: WooMetaData[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  _links: WooLinks;
  [field: string]: unknown;
}

/**
 * A variation as `/products/{id}/variations` returns it.
 *
 * @example
 * const v = sim.read.variation(parentId, variationId);
 */
export interface WooVariation {
  id: number;
  type: 'variation';
  parent_id: number;
  name: string;
  sku: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  status: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: string;
  attributes: { id: number; name: string; option: string }[];
  meta_data: WooMetaData[];
  date_modified_gmt: string;
  [field: string]: unknown;
}

/**
 * A product category.
 *
 * @example
 * const [shoes] = sim.seed.categories(['Shoes']);
 */
export interface WooCategory {
  id: number;
  name: string;
  slug: string;
  parent: number;
  description: string;
  display: string;
  image: { id: number; src: string; name: string; alt: string } | null;
  menu_order: number;
  count: number;
  _links: WooLinks;
}

/**
 * Per-rate taxes of an order item (unrounded strings).
 *
 * @example
 * line.taxes[0]?.total; // '15.25423729'
 */
export interface WooItemTax {
  id: number;
  total: string;
  subtotal: string;
}

/**
 * An order or refund line item.
 *
 * @example
 * order.line_items[0]?.price; // 84.74576271 (a JSON number)
 */
export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: WooItemTax[];
  meta_data: (WooMetaData & { display_key: string; display_value: unknown })[];
  sku: string | null;
  price: number;
  [field: string]: unknown;
}

/**
 * A shipping line.
 *
 * @example
 * order.shipping_lines[0]?.total; // '5.00'
 */
export interface WooShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  total: string;
  total_tax: string;
  taxes: WooItemTax[];
  meta_data: WooMetaData[];
  [field: string]: unknown;
}

/**
 * A fee line.
 *
 * @example
 * order.fee_lines[0]?.total; // '-2.00'
 */
export interface WooFeeLine {
  id: number;
  name: string;
  tax_class: string;
  tax_status: string;
  total: string;
  total_tax: string;
  taxes: WooItemTax[];
  meta_data: WooMetaData[];
  [field: string]: unknown;
}

/**
 * A tax line.
 *
 * @example
 * order.tax_lines[0]?.tax_total; // '15.25'
 */
export interface WooTaxLine {
  id: number;
  rate_code: string;
  rate_id: number;
  label: string;
  compound: boolean;
  tax_total: string;
  shipping_tax_total: string;
  rate_percent: number;
  [field: string]: unknown;
}

/**
 * A postal address of an order.
 *
 * @example
 * order.billing.email;
 */
export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

/**
 * An order.
 *
 * @example
 * const order = await sim.shopper.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], paymentMethod: 'card', paid: true });
 * order.total; // '118.00'
 */
export interface WooOrder {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  status: string;
  currency: string;
  prices_include_tax: boolean;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  date_paid: string | null;
  date_paid_gmt: string | null;
  date_completed: string | null;
  date_completed_gmt: string | null;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  billing: WooAddress;
  shipping: WooAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  meta_data: WooMetaData[];
  line_items: WooLineItem[];
  tax_lines: WooTaxLine[];
  shipping_lines: WooShippingLine[];
  fee_lines: WooFeeLine[];
  coupon_lines: {
    id: number;
    code: string;
    discount: string;
    discount_tax: string;
    [field: string]: unknown;
  }[];
  refunds: { id: number; reason: string; total: string }[];
  _links: WooLinks;
  [field: string]: unknown;
}

/**
 * A refund (`parent_id` is present on the global `/refunds` list).
 *
 * @example
 * const refund = await sim.admin.refund(order.id, { amount: '5.00', reason: 'Damaged' });
 * refund.amount; // '5.00'
 */
export interface WooRefund {
  id: number;
  parent_id?: number;
  date_created: string;
  date_created_gmt: string;
  amount: string;
  reason: string;
  refunded_by: number;
  refunded_payment: boolean;
  meta_data: WooMetaData[];
  line_items: WooLineItem[];
  shipping_lines: WooShippingLine[];
  tax_lines: WooTaxLine[];
  fee_lines: WooFeeLine[];
  _links: WooLinks;
}

/**
 * A webhook (`secret` only in `edit` context).
 *
 * @example
 * const hook = sim.read.webhook(1);
 */
export interface WooWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  resource: string;
  event: string;
  hooks: string[];
  delivery_url: string;
  secret?: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  _links: WooLinks;
}
