/**
 * The engine's view of a WooCommerce store. Everything the engine reads from or writes to a
 * store goes through this port; the REST adapter (`@balance-sync/adapters/woocommerce`) and
 * the in-memory implementation (`@balance-sync/woo-sync-core/testing`) both implement it and
 * pass the same conformance suite.
 *
 * Conventions for every type in this file:
 * - Money is a **decimal string exactly as WooCommerce sends it** (`"12.50"`, `"-9.00"`,
 *   `"0.4545"`); the engine parses it into integer minor units itself. `""` means "not set".
 * - Instants are **UTC ISO 8601 with a `Z`** (`"2026-11-27T08:00:00Z"`). WooCommerce's `_gmt`
 *   fields carry no zone; the adapter appends the `Z`, never the reverse.
 * - Ids are WooCommerce's integer ids.
 *
 * @module
 */

/** A money amount as a decimal string, exactly as WooCommerce sends it (`"12.50"`). */
export type WooDecimal = string;

/** An instant in UTC as ISO 8601 with a trailing `Z` (`"2026-11-27T08:00:00Z"`). */
export type UtcDateTime = string;

/** One meta entry of a product or an order. */
export interface WooMeta {
  /** Meta key, e.g. `_balance_uid`. */
  key: string;
  /** Meta value as stored (usually a string). */
  value: unknown;
}

/** Product types WooCommerce knows; variations appear with type `variation`. */
export type WooProductType = 'simple' | 'variable' | 'variation' | 'grouped' | 'external';

/** Product statuses the engine reads or writes. */
export type WooProductStatus = 'draft' | 'pending' | 'private' | 'publish' | 'future' | 'trash';

/** WooCommerce stock statuses. */
export type WooStockStatus = 'instock' | 'outofstock' | 'onbackorder';

/**
 * A product or a variation, trimmed to the fields a catalog sync needs (the REST adapter
 * asks for exactly these with `_fields` and `context=edit`).
 */
export interface WooProduct {
  id: number;
  /** `0` for products; the parent product's id for variations. */
  parentId: number;
  type: WooProductType;
  status: WooProductStatus;
  /** Stored SKU (`""` when none). */
  sku: string;
  name: string;
  /** `""` when unset (always `""` for variable and grouped products). */
  regularPrice: WooDecimal;
  /** `""` when there is no sale price. */
  salePrice: WooDecimal;
  /** Start of the scheduled sale (UTC), or `null`. */
  saleFrom: UtcDateTime | null;
  /** End of the scheduled sale (UTC), or `null`. */
  saleTo: UtcDateTime | null;
  manageStock: boolean;
  /** `null` when stock is not managed. */
  stockQuantity: number | null;
  stockStatus: WooStockStatus;
  /** Category ids (empty for variations, which inherit their parent's). */
  categoryIds: number[];
  /** Meta entries; at least `_balance_uid` when present. */
  meta: WooMeta[];
  /** Last modification (UTC); bumped by every save, stock change and sale cron run. */
  dateModified: UtcDateTime;
}

/** Fields the engine may set on a product. Keys that are absent are left untouched. */
export interface WooProductFields {
  name?: string;
  sku?: string;
  status?: WooProductStatus;
  regularPrice?: WooDecimal;
  /** `""` clears the sale price. */
  salePrice?: WooDecimal;
  /** `null` clears the date. */
  saleFrom?: UtcDateTime | null;
  /** `null` clears the date. */
  saleTo?: UtcDateTime | null;
  manageStock?: boolean;
  stockQuantity?: number | null;
  stockStatus?: WooStockStatus;
  /** Replaces the whole set. Ignored for variations. */
  categoryIds?: number[];
  /** Upserted by key; keys not listed are kept. */
  meta?: WooMeta[];
}

/** A product to create. */
export interface WooProductDraft extends WooProductFields {
  /** The caller's correlation key (the engine uses the Balance item uid); echoed in the outcome. */
  ref: string;
  sku: string;
  name: string;
  status: WooProductStatus;
}

/** A change to an existing product or variation. */
export interface WooProductPatch extends WooProductFields {
  id: number;
  /** Required for variations (`parentId > 0`): they are written through their parent. */
  parentId?: number;
  /** Optional correlation key, echoed in the outcome. */
  ref?: string;
}

/** One batch call's worth of product writes (any size: the implementation chunks it). */
export interface WooProductBatch {
  create?: WooProductDraft[];
  update?: WooProductPatch[];
}

/** A WooCommerce per-item error, as WooCommerce reported it. */
export interface WooItemError {
  /** WooCommerce's error code, e.g. `product_invalid_sku`, `term_exists`. */
  code: string;
  message: string;
  /** The HTTP status WooCommerce attached (`data.status`). */
  status: number;
  /** The id of the existing owner, when WooCommerce names one (duplicate SKU, existing term). */
  resourceId?: number;
  /** WooCommerce's `data` object, secrets removed. */
  data?: Record<string, unknown>;
}

/**
 * The result of one item of a batch. Outcomes come back in input order: all creates, then
 * all updates.
 */
export type WooBatchOutcome<T> =
  | {
      op: 'create';
      status: 'created';
      ref: string;
      item: T;
      /**
       * `true` when the create's response was lost (timeout, cut-off batch, 5xx) and a lookup
       * found the item had been created after all.
       */
      recovered?: boolean;
    }
  | { op: 'update'; status: 'updated'; ref?: string; id: number; item: T }
  | { op: 'create' | 'update'; status: 'failed'; ref?: string; id?: number; error: WooItemError };

/** Outcomes of a batch, one per input item. */
export interface WooBatchResult<T> {
  outcomes: WooBatchOutcome<T>[];
}

/** A product category. */
export interface WooCategory {
  id: number;
  name: string;
  slug: string;
  /** `0` for top-level categories. */
  parentId: number;
}

/** A category to create. */
export interface WooCategoryDraft {
  /** The caller's correlation key (the engine uses the Balance group uid). */
  ref: string;
  name: string;
  parentId?: number;
  slug?: string;
}

/** A change to an existing category. */
export interface WooCategoryPatch {
  id: number;
  ref?: string;
  name?: string;
  parentId?: number;
}

/** One batch of category writes. */
export interface WooCategoryBatch {
  create?: WooCategoryDraft[];
  update?: WooCategoryPatch[];
}

/** Order statuses registered by WooCommerce core (plugins may add more). */
export type WooOrderStatus =
  | 'pending'
  | 'processing'
  | 'on-hold'
  | 'completed'
  | 'cancelled'
  | 'refunded'
  | 'failed'
  | 'checkout-draft'
  | 'trash';

/** A billing or shipping address. */
export interface WooAddress {
  firstName: string;
  lastName: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  /** Billing only (`""` on shipping addresses). */
  email: string;
  phone: string;
}

/** One tax amount of a line, by tax rate id. Amounts are unrounded decimal strings. */
export interface WooLineTax {
  rateId: number;
  total: WooDecimal;
  subtotal: WooDecimal;
}

/** A product line of an order. */
export interface WooOrderLine {
  id: number;
  name: string;
  productId: number;
  /** `0` unless the line is a variation. */
  variationId: number;
  /** The product's current SKU, or `null` when the product was deleted. */
  sku: string | null;
  quantity: number;
  /** Before discounts, excluding tax. */
  subtotal: WooDecimal;
  subtotalTax: WooDecimal;
  /** After discounts, excluding tax. */
  total: WooDecimal;
  totalTax: WooDecimal;
  taxes: WooLineTax[];
  meta: WooMeta[];
}

/** A shipping line of an order. */
export interface WooShippingLine {
  id: number;
  methodId: string;
  methodTitle: string;
  total: WooDecimal;
  totalTax: WooDecimal;
  taxes: WooLineTax[];
}

/** A fee line of an order (may be negative). */
export interface WooFeeLine {
  id: number;
  name: string;
  taxStatus: string;
  total: WooDecimal;
  totalTax: WooDecimal;
  taxes: WooLineTax[];
}

/** A coupon applied to an order. */
export interface WooCouponLine {
  id: number;
  code: string;
  discount: WooDecimal;
  discountTax: WooDecimal;
}

/** A tax rate summary line of an order. */
export interface WooTaxLine {
  id: number;
  rateId: number;
  rateCode: string;
  label: string;
  compound: boolean;
  /** The rate in percent as a decimal string, when the store reports it (`"18"`). */
  ratePercent: WooDecimal | null;
  taxTotal: WooDecimal;
  shippingTaxTotal: WooDecimal;
}

/** A refund summary on an order (`total` is negative, e.g. `"-10.00"`). */
export interface WooOrderRefundRef {
  id: number;
  reason: string;
  total: WooDecimal;
}

/** An order, with the money fields WooCommerce formats to the store's decimals. */
export interface WooOrder {
  id: number;
  /** The human order number (plugins can make it differ from `id`). */
  number: string;
  status: WooOrderStatus;
  currency: string;
  pricesIncludeTax: boolean;
  dateCreated: UtcDateTime;
  dateModified: UtcDateTime;
  /** `null` until paid (on-hold orders stay `null`). */
  datePaid: UtcDateTime | null;
  dateCompleted: UtcDateTime | null;
  /** Grand total including tax; not reduced by refunds. */
  total: WooDecimal;
  totalTax: WooDecimal;
  shippingTotal: WooDecimal;
  shippingTax: WooDecimal;
  discountTotal: WooDecimal;
  discountTax: WooDecimal;
  cartTax: WooDecimal;
  /** `0` for guests. */
  customerId: number;
  customerNote: string;
  billing: WooAddress;
  shipping: WooAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  meta: WooMeta[];
  lineItems: WooOrderLine[];
  shippingLines: WooShippingLine[];
  feeLines: WooFeeLine[];
  couponLines: WooCouponLine[];
  taxLines: WooTaxLine[];
  refunds: WooOrderRefundRef[];
}

/**
 * A refunded line (product, shipping or fee). Amounts and quantity are negative, as
 * WooCommerce stores them; quantity is `0` when only an amount was refunded on the line.
 */
export interface WooRefundLine {
  id: number;
  /** The original order item id (`_refunded_item_id`), or `null` when WooCommerce lost it. */
  refundedItemId: number | null;
  name: string;
  /** `0` for shipping and fee lines. */
  productId: number;
  variationId: number;
  sku: string | null;
  quantity: number;
  subtotal: WooDecimal;
  total: WooDecimal;
  totalTax: WooDecimal;
  taxes: WooLineTax[];
}

/** A refund of an order. */
export interface WooRefund {
  id: number;
  orderId: number;
  dateCreated: UtcDateTime;
  /** Positive amount refunded, formatted to the store's decimals. */
  amount: WooDecimal;
  reason: string;
  /** Whether the payment gateway refunded the money (`false` for manual refunds). */
  refundedPayment: boolean;
  lineItems: WooRefundLine[];
  shippingLines: WooRefundLine[];
  feeLines: WooRefundLine[];
  meta: WooMeta[];
}

/**
 * A position in a change feed: the `(timestamp, id)` pair of the last item seen. Items are
 * ordered by timestamp, then id, so equal timestamps never cause skips or duplicates.
 */
export interface ChangeCursor {
  /** For orders `dateModified`; for refunds `dateCreated`. */
  timestamp: UtcDateTime;
  id: number;
}

/** Options for reading orders changed since a cursor. */
export interface OrderChangesQuery {
  /** Return only orders strictly after this position; from the beginning when absent. */
  after?: ChangeCursor;
  /** Only these statuses; all statuses when absent. */
  statuses?: readonly string[];
  /** Only orders modified at or before this instant. */
  until?: UtcDateTime;
}

/** Options for reading refunds created since a cursor. */
export interface RefundChangesQuery {
  /** Return only refunds strictly after this position; from the beginning when absent. */
  after?: ChangeCursor;
  /** Only refunds created at or before this instant. */
  until?: UtcDateTime;
}

/** Options for listing the store's products. */
export interface ProductListQuery {
  /**
   * Include the variations of variable products (read through their parents).
   * @default true
   */
  includeVariations?: boolean;
}

/**
 * The engine's port to one WooCommerce store.
 *
 * Guarantees every implementation gives (checked by the conformance suite):
 * - reads never return trashed products unless asked;
 * - `findBySkus` matches the way WooCommerce does (trimmed, case-insensitive) and includes
 *   variations;
 * - batches accept any number of items and split them to the store's limit; per-item errors
 *   are outcomes, never exceptions; a create whose response was lost is recovered by a SKU
 *   lookup and never sent twice;
 * - change feeds are ordered by `(timestamp, id)` and strictly after the cursor.
 *
 * @example
 * ```ts
 * for await (const product of woo.products.list()) console.log(product.sku);
 * const { outcomes } = await woo.products.batch({ update: [{ id: 42, regularPrice: '12.50' }] });
 * ```
 */
export interface WooCommercePort {
  /** The largest number of items the store accepts in one batch call. */
  readonly batchLimit: number;

  readonly products: {
    /** Every product (and by default every variation), page by page. */
    list(query?: ProductListQuery): AsyncIterable<WooProduct>;
    /** Products or variations by id; ids that do not exist are left out. */
    getByIds(ids: readonly number[]): Promise<WooProduct[]>;
    /** Products and variations whose SKU equals one of `skus` the way WooCommerce compares. */
    findBySkus(skus: readonly string[]): Promise<WooProduct[]>;
    /** Creates and updates products and variations; one outcome per item. */
    batch(batch: WooProductBatch): Promise<WooBatchResult<WooProduct>>;
  };

  readonly categories: {
    /** Every product category. */
    list(): AsyncIterable<WooCategory>;
    /** Creates and updates categories; one outcome per item. */
    batch(batch: WooCategoryBatch): Promise<WooBatchResult<WooCategory>>;
  };

  readonly orders: {
    /** One order, or `undefined` when it does not exist. */
    get(id: number): Promise<WooOrder | undefined>;
    /** Orders modified after a cursor, ordered by `(dateModified, id)`. */
    listChanged(query?: OrderChangesQuery): AsyncIterable<WooOrder>;
    /** Upserts meta entries on an order (other keys are kept). */
    updateMeta(orderId: number, meta: readonly WooMeta[]): Promise<void>;
  };

  readonly refunds: {
    /** All refunds of one order, oldest first. */
    listForOrder(orderId: number): Promise<WooRefund[]>;
    /** Refunds created after a cursor, ordered by `(dateCreated, id)`. */
    listChanged(query?: RefundChangesQuery): AsyncIterable<WooRefund>;
  };
}
