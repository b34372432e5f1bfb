/**
 * The simulated store's data: records, id sequences and lookup indexes. Records use the
 * simulator's own camelCase shape; the REST JSON is rendered from them on every read.
 */
import type { Precise } from './money.js';

/**
 * A `meta_data` entry.
 *
 * @example
 * const meta: MetaEntry = { id: 12, key: '_balance_uid', value: '5b1f…' };
 */
export interface MetaEntry {
  id: number;
  key: string;
  value: unknown;
}

/**
 * A product image as stored.
 *
 * @example
 * const image: ProductImage = { id: 0, src: 'https://example.test/a.jpg', name: '', alt: '' };
 */
export interface ProductImage {
  id: number;
  src: string;
  name: string;
  alt: string;
}

/**
 * WooCommerce product types; `variation` marks a variation of a `variable` product.
 *
 * @example
 * const type: ProductType = 'simple';
 */
export type ProductType = 'simple' | 'variable' | 'grouped' | 'external' | 'variation';

/**
 * A product or variation as the store holds it. Prices are the stored strings (never padded),
 * dates are epoch seconds (UTC).
 *
 * @example
 * const p = sim.state.products.get(42);
 * p?.regularPrice; // '10.5'
 */
export interface ProductRecord {
  id: number;
  type: ProductType;
  parentId: number;
  name: string;
  slug: string;
  status: string;
  featured: boolean;
  catalogVisibility: string;
  description: string;
  shortDescription: string;
  sku: string;
  globalUniqueId: string;
  /** The stored active price (`_price`), updated on save and by the scheduled-sales cron. */
  price: string;
  regularPrice: string;
  salePrice: string;
  dateOnSaleFrom: number | null;
  dateOnSaleTo: number | null;
  totalSales: number;
  virtual: boolean;
  downloadable: boolean;
  externalUrl: string;
  buttonText: string;
  taxStatus: string;
  taxClass: string;
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: string;
  backorders: string;
  lowStockAmount: number | null;
  soldIndividually: boolean;
  weight: string;
  dimensions: { length: string; width: string; height: string };
  shippingClass: string;
  reviewsAllowed: boolean;
  purchaseNote: string;
  categoryIds: number[];
  tagIds: number[];
  images: ProductImage[];
  attributes: Record<string, unknown>[];
  defaultAttributes: Record<string, unknown>[];
  groupedProducts: number[];
  upsellIds: number[];
  crossSellIds: number[];
  menuOrder: number;
  meta: MetaEntry[];
  dateCreated: number;
  dateModified: number;
  /** Status before it was trashed. */
  trashedFromStatus: string | null;
}

/**
 * A product category (`product_cat` term).
 *
 * @example
 * sim.state.categories.get(sim.settings.defaultCategoryId)?.name; // 'Uncategorized'
 */
export interface CategoryRecord {
  id: number;
  name: string;
  slug: string;
  parent: number;
  description: string;
  display: string;
  image: { id: number; src: string; name: string; alt: string } | null;
  menuOrder: number;
}

/**
 * A postal address as stored on orders (`billing` also has `email`).
 *
 * @example
 * const a: OrderAddress = { ...emptyAddress(), first_name: 'Nino', city: 'Tbilisi' };
 */
export interface OrderAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email: string;
  phone: string;
}

/**
 * Per-rate taxes of an order item, in precise units (unrounded).
 *
 * @example
 * const t: ItemTax = { rateId: 1, total: 1525423729, subtotal: 1525423729 };
 */
export interface ItemTax {
  rateId: number;
  total: Precise;
  subtotal: Precise;
}

/**
 * A line item of an order or a refund. Money is in precise units, as stored (unrounded).
 *
 * @example
 * const line = sim.state.orders.get(id)?.lineItems[0];
 */
export interface LineItemRecord {
  id: number;
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotal: Precise;
  subtotalTax: Precise;
  total: Precise;
  totalTax: Precise;
  taxes: ItemTax[];
  meta: MetaEntry[];
}

/**
 * A shipping line.
 *
 * @example
 * const s: ShippingLineRecord | undefined = order.shippingLines[0];
 */
export interface ShippingLineRecord {
  id: number;
  methodTitle: string;
  methodId: string;
  instanceId: string;
  total: Precise;
  totalTax: Precise;
  taxes: ItemTax[];
  taxStatus: string;
  meta: MetaEntry[];
}

/**
 * A fee line (negative fees are discounts).
 *
 * @example
 * const f: FeeLineRecord | undefined = order.feeLines[0];
 */
export interface FeeLineRecord {
  id: number;
  name: string;
  taxClass: string;
  taxStatus: string;
  amount: Precise;
  total: Precise;
  totalTax: Precise;
  taxes: ItemTax[];
  meta: MetaEntry[];
}

/**
 * A coupon line.
 *
 * @example
 * const c: CouponLineRecord | undefined = order.couponLines[0];
 */
export interface CouponLineRecord {
  id: number;
  code: string;
  discount: Precise;
  discountTax: Precise;
  discountType: string;
  nominalAmount: Precise;
  meta: MetaEntry[];
}

/**
 * A tax line (one per rate).
 *
 * @example
 * const t: TaxLineRecord | undefined = order.taxLines[0];
 */
export interface TaxLineRecord {
  id: number;
  rateCode: string;
  rateId: number;
  label: string;
  compound: boolean;
  taxTotal: Precise;
  shippingTaxTotal: Precise;
  ratePercent: number;
  meta: MetaEntry[];
}

/**
 * An order as the store holds it.
 *
 * @example
 * const order = sim.state.orders.get(id);
 * order?.status; // 'processing'
 */
export interface OrderRecord {
  id: number;
  parentId: number;
  status: string;
  currency: string;
  version: string;
  pricesIncludeTax: boolean;
  createdVia: string;
  orderKey: string;
  customerId: number;
  customerIpAddress: string;
  customerUserAgent: string;
  customerNote: string;
  billing: OrderAddress;
  shipping: OrderAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  cartHash: string;
  dateCreated: number;
  dateModified: number;
  datePaid: number | null;
  dateCompleted: number | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  feeLines: FeeLineRecord[];
  couponLines: CouponLineRecord[];
  taxLines: TaxLineRecord[];
  discountTotal: Precise;
  discountTax: Precise;
  shippingTotal: Precise;
  shippingTax: Precise;
  cartTax: Precise;
  total: Precise;
  meta: MetaEntry[];
  stockReduced: boolean;
  /** Whether `total_sales` of the products was already increased for this order. */
  recordedSales: boolean;
  trashedFromStatus: string | null;
}

/**
 * A refund (internally an order with negative totals).
 *
 * @example
 * const refund = sim.state.refunds.get(refundId);
 * refund?.amount; // precise units, positive
 */
export interface RefundRecord {
  id: number;
  parentId: number;
  amount: Precise;
  reason: string;
  refundedBy: number;
  refundedPayment: boolean;
  dateCreated: number;
  dateModified: number;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  feeLines: FeeLineRecord[];
  taxLines: TaxLineRecord[];
  meta: MetaEntry[];
}

/**
 * Webhook statuses.
 *
 * @example
 * const s: WebhookStatus = 'paused';
 */
export type WebhookStatus = 'active' | 'paused' | 'disabled';

/**
 * A webhook.
 *
 * @example
 * sim.state.webhooks.get(1)?.failureCount; // 0
 */
export interface WebhookRecord {
  id: number;
  name: string;
  status: WebhookStatus;
  topic: string;
  deliveryUrl: string;
  secret: string;
  apiVersion: string;
  userId: number;
  failureCount: number;
  dateCreated: number;
  dateModified: number;
}

/**
 * A coupon known to the store (registered by the shopper helper or seeding).
 *
 * @example
 * const c: CouponRecord = { code: 'spring10', type: 'percent', amount: '10' };
 */
export interface CouponRecord {
  code: string;
  type: 'percent' | 'fixed_cart';
  amount: string;
}

/**
 * A customer account.
 *
 * @example
 * const c: CustomerRecord = { id: 2, email: 'nino@example.ge' };
 */
export interface CustomerRecord {
  id: number;
  email: string;
}

/**
 * Trims trailing spaces and lower-cases, like MySQL's `*_ci` collation comparison of SKUs.
 *
 * @example
 * normalizeSku('ABC-1  '); // 'abc-1'
 */
export function normalizeSku(sku: string): string {
  return sku.replace(/ +$/, '').toLowerCase();
}

/**
 * An empty address.
 *
 * @example
 * const billing = { ...emptyAddress(), email: 'a@b.ge' };
 */
export function emptyAddress(): OrderAddress {
  return {
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
  };
}

/**
 * Everything the simulated store holds, with the indexes the REST layer needs. Read it in
 * tests; change it through the REST API or the helpers so indexes, dates and webhooks stay
 * consistent.
 *
 * @example
 * sim.state.products.size;
 * sim.state.findProductIdsBySku('ABC-1');
 */
export class StoreState {
  /** Products and variations by id. */
  readonly products = new Map<number, ProductRecord>();
  /** Product categories by term id. */
  readonly categories = new Map<number, CategoryRecord>();
  /** Orders by id. */
  readonly orders = new Map<number, OrderRecord>();
  /** Refunds by id. */
  readonly refunds = new Map<number, RefundRecord>();
  /** Webhooks by id. */
  readonly webhooks = new Map<number, WebhookRecord>();
  /** Coupons by lower-cased code. */
  readonly coupons = new Map<string, CouponRecord>();
  /** Customer accounts by user id (user 1 is the administrator that owns the API keys). */
  readonly customers = new Map<number, CustomerRecord>();

  private nextPostId = 10;
  private nextTermId = 15;
  private nextItemId = 1;
  private nextMetaId = 1;
  private nextWebhookId = 1;
  private nextUserId = 2;
  private readonly skuIndex = new Map<string, Set<number>>();
  private readonly indexedSku = new Map<number, string>();
  private readonly childIndex = new Map<number, Set<number>>();
  private readonly slugIndex = new Map<string, Set<number>>();
  private readonly indexedSlug = new Map<number, string>();
  private readonly refundIndex = new Map<number, Set<number>>();
  private catalogVersionCounter = 0;

  /** Allocates an id from the shared post sequence (products, variations, orders, refunds). @internal */
  allocatePostId(): number {
    return this.nextPostId++;
  }

  /** Allocates a term id. @internal */
  allocateTermId(): number {
    return this.nextTermId++;
  }

  /** Allocates an order item id. @internal */
  allocateItemId(): number {
    return this.nextItemId++;
  }

  /** Allocates a meta id. @internal */
  allocateMetaId(): number {
    return this.nextMetaId++;
  }

  /** Allocates a webhook id. @internal */
  allocateWebhookId(): number {
    return this.nextWebhookId++;
  }

  /** Allocates a user id. @internal */
  allocateUserId(): number {
    return this.nextUserId++;
  }

  /** Increases whenever a product or category changes (used by list and REST caches). */
  get catalogVersion(): number {
    return this.catalogVersionCounter;
  }

  /** Marks the catalog as changed. @internal */
  touchCatalog(): void {
    this.catalogVersionCounter++;
  }

  /** Stores (or re-stores after a change) a product or variation and refreshes indexes. @internal */
  putProduct(product: ProductRecord): void {
    this.products.set(product.id, product);
    const norm = normalizeSku(product.sku);
    const old = this.indexedSku.get(product.id);
    if (old !== norm) {
      if (old !== undefined) this.skuIndex.get(old)?.delete(product.id);
      if (norm !== '') {
        let set = this.skuIndex.get(norm);
        if (!set) {
          set = new Set();
          this.skuIndex.set(norm, set);
        }
        set.add(product.id);
        this.indexedSku.set(product.id, norm);
      } else {
        this.indexedSku.delete(product.id);
      }
    }
    const slug = product.type === 'variation' ? '' : product.slug;
    const oldSlug = this.indexedSlug.get(product.id);
    if (oldSlug !== slug) {
      if (oldSlug !== undefined) this.slugIndex.get(oldSlug)?.delete(product.id);
      if (slug !== '') {
        let set = this.slugIndex.get(slug);
        if (!set) {
          set = new Set();
          this.slugIndex.set(slug, set);
        }
        set.add(product.id);
        this.indexedSlug.set(product.id, slug);
      } else {
        this.indexedSlug.delete(product.id);
      }
    }
    if (product.parentId > 0 && product.type === 'variation') {
      let set = this.childIndex.get(product.parentId);
      if (!set) {
        set = new Set();
        this.childIndex.set(product.parentId, set);
      }
      set.add(product.id);
    }
    this.touchCatalog();
  }

  /** Removes a product or variation permanently. @internal */
  deleteProduct(id: number): void {
    const product = this.products.get(id);
    if (!product) return;
    const old = this.indexedSku.get(id);
    if (old !== undefined) this.skuIndex.get(old)?.delete(id);
    this.indexedSku.delete(id);
    const oldSlug = this.indexedSlug.get(id);
    if (oldSlug !== undefined) this.slugIndex.get(oldSlug)?.delete(id);
    this.indexedSlug.delete(id);
    this.childIndex.get(product.parentId)?.delete(id);
    this.childIndex.delete(id);
    this.products.delete(id);
    this.touchCatalog();
  }

  /** Ids of products and variations whose SKU equals `sku` under a `*_ci` collation. */
  findProductIdsBySku(sku: string): number[] {
    const set = this.skuIndex.get(normalizeSku(sku));
    return set ? [...set].sort((a, b) => a - b) : [];
  }

  /** Whether a product other than `selfId` uses `slug`. */
  isProductSlugTaken(slug: string, selfId: number): boolean {
    const set = this.slugIndex.get(slug);
    if (!set) return false;
    for (const id of set) if (id !== selfId) return true;
    return false;
  }

  /** Variation ids of a variable product, ascending. */
  childIdsOf(parentId: number): number[] {
    const set = this.childIndex.get(parentId);
    return set ? [...set].sort((a, b) => a - b) : [];
  }

  /** Stores a refund and indexes it under its order. @internal */
  putRefund(refund: RefundRecord): void {
    this.refunds.set(refund.id, refund);
    let set = this.refundIndex.get(refund.parentId);
    if (!set) {
      set = new Set();
      this.refundIndex.set(refund.parentId, set);
    }
    set.add(refund.id);
  }

  /** Removes a refund. @internal */
  deleteRefund(id: number): void {
    const refund = this.refunds.get(id);
    if (!refund) return;
    this.refundIndex.get(refund.parentId)?.delete(id);
    this.refunds.delete(id);
  }

  /** Refunds of an order, newest first (date desc, id desc). */
  refundsOf(orderId: number): RefundRecord[] {
    const set = this.refundIndex.get(orderId);
    if (!set) return [];
    return [...set]
      .map((id) => this.refunds.get(id))
      .filter((r): r is RefundRecord => r !== undefined)
      .sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
  }
}
