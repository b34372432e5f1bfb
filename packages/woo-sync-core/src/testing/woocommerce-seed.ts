import type {
  UtcDateTime,
  WooCategory,
  WooCommercePort,
  WooDecimal,
  WooMeta,
  WooOrder,
  WooOrderStatus,
  WooProduct,
  WooProductStatus,
  WooRefund,
} from '../ports/woocommerce-port.js';

/** A product placed straight into a store by a test (not through the port). */
export interface SeedProductInput {
  /** Stored as WooCommerce stores it (trimmed). @default '' */
  sku?: string;
  /** @default 'Product <sku>' */
  name?: string;
  /** Only `simple` and `variable` are needed by the suites. @default 'simple' */
  type?: 'simple' | 'variable';
  /** @default 'publish' */
  status?: WooProductStatus;
  /** Ignored for variable products. @default '' */
  regularPrice?: WooDecimal;
  /** Ignored for variable products. @default '' */
  salePrice?: WooDecimal;
  saleFrom?: UtcDateTime | null;
  saleTo?: UtcDateTime | null;
  /** @default false */
  manageStock?: boolean;
  /** Only kept when `manageStock` is `true`. */
  stockQuantity?: number | null;
  /** Recomputed from the quantity when stock is managed. @default 'instock' */
  stockStatus?: 'instock' | 'outofstock' | 'onbackorder';
  /** Unknown ids are dropped; none means the store's default category. */
  categoryIds?: number[];
  meta?: WooMeta[];
}

/** A variation placed under a variable product by a test. */
export interface SeedVariationInput {
  /** @default '' */
  sku?: string;
  /** @default '' */
  regularPrice?: WooDecimal;
  /** @default '' */
  salePrice?: WooDecimal;
  /** @default false */
  manageStock?: boolean;
  stockQuantity?: number | null;
  meta?: WooMeta[];
}

/** A category placed straight into a store by a test. */
export interface SeedCategoryInput {
  name: string;
  /** @default 0 */
  parentId?: number;
  /** Derived from the name when absent. */
  slug?: string;
}

/** One product line of a seeded order. */
export interface SeedOrderLineInput {
  productId: number;
  /** @default 0 */
  variationId?: number;
  /** @default 1 */
  quantity?: number;
  /** Line total excluding tax, e.g. `"20.00"`. */
  total: WooDecimal;
}

/** An order placed by a test, as a shopper or an admin would. */
export interface SeedOrderInput {
  /**
   * `processing` and `completed` orders get a `datePaid`.
   * @default 'processing'
   */
  status?: WooOrderStatus;
  lines: SeedOrderLineInput[];
  /**
   * Shipping excluding tax: when given, the order gets one flat-rate shipping line with this
   * total (taxed as the store taxes shipping), included in the order's total.
   * @default '0.00' (no shipping line)
   */
  shippingTotal?: WooDecimal;
  /** @default 'GEL' */
  currency?: string;
  meta?: WooMeta[];
}

/** One refunded product line. */
export interface SeedRefundLineInput {
  /** The order line (`WooOrderLine.id`) being refunded. */
  lineId: number;
  /** Units returned (positive); `0` for an amount-only line refund. */
  quantity: number;
  /** Amount refunded on the line excluding tax (positive), e.g. `"10.00"`. */
  total: WooDecimal;
}

/** A refund issued by a test (a manual refund: no payment gateway involved). */
export interface SeedRefundInput {
  /** Positive amount; the sum of the line totals when absent. */
  amount?: WooDecimal;
  /** @default '' */
  reason?: string;
  /** Refunded lines; none for an amount-only refund. */
  lines?: SeedRefundLineInput[];
}

/**
 * How a conformance suite arranges a store before exercising the port. Each implementation of
 * {@link WooCommercePort} provides one (the in-memory store directly, the REST adapter through
 * the WooCommerce simulator). Seeding bypasses the port so that the port is only tested, never
 * used to set itself up.
 *
 * The store clock must stand still between {@link WooCommerceSeed.advanceTime} calls (or at
 * least stay within one second), so that tests can create items with equal timestamps.
 *
 * @example
 * ```ts
 * const shirt = await seed.addProduct({ sku: 'SHIRT', regularPrice: '20.00' });
 * await seed.advanceTime(5_000);
 * const order = await seed.placeOrder({ lines: [{ productId: shirt.id, total: '20.00' }] });
 * await seed.refundOrder(order.id, { amount: '5.00', reason: 'scratch' });
 * ```
 */
export interface WooCommerceSeed {
  /** Creates a product or a variable parent product. */
  addProduct(input: SeedProductInput): Promise<WooProduct>;
  /** Creates a variation under a variable product. */
  addVariation(parentId: number, input: SeedVariationInput): Promise<WooProduct>;
  /** Creates a product category. */
  addCategory(input: SeedCategoryInput): Promise<WooCategory>;
  /** Moves a product to the trash (as `DELETE /products/<id>` without `force`). */
  trashProduct(id: number): Promise<void>;
  /** Places an order. */
  placeOrder(input: SeedOrderInput): Promise<WooOrder>;
  /** Changes an order's status (bumps its `dateModified`). */
  setOrderStatus(orderId: number, status: WooOrderStatus): Promise<WooOrder>;
  /** Refunds (part of) an order without calling a payment gateway. */
  refundOrder(orderId: number, input: SeedRefundInput): Promise<WooRefund>;
  /** Moves the store's clock forward by `ms` milliseconds. */
  advanceTime(ms: number): Promise<void>;
  /**
   * Sizes of the batch calls the store received so far, when the implementation can observe
   * them (the in-memory store and the simulator can); the suite then checks the batch limit.
   */
  batchCallSizes?(): number[];
  /**
   * Makes the next product batch call apply its first `afterItems` items and then lose the
   * connection (PHP or a proxy giving up mid-batch), when the implementation talks to a store
   * over a network; the suite then checks that lost creates are recovered, never duplicated.
   */
  cutOffNextBatch?(afterItems: number): Promise<void>;
}

/** What a conformance suite's factory returns for one test. */
export interface WooCommercePortFixture {
  /** The implementation under test, talking to an empty store. */
  port: WooCommercePort;
  /** Arranges the same store. */
  seed: WooCommerceSeed;
  /** Releases the store (stops servers, closes connections). */
  cleanup?: () => Promise<void> | void;
}
