import { type Clock, systemClock } from '../clock.js';
import type {
  OrderChangesQuery,
  ProductListQuery,
  RefundChangesQuery,
  UtcDateTime,
  WooBatchOutcome,
  WooBatchResult,
  WooCategory,
  WooCategoryBatch,
  WooCommercePort,
  WooMeta,
  WooOrder,
  WooProduct,
  WooProductBatch,
  WooProductPatch,
  WooRefund,
} from '../ports/woocommerce-port.js';
import { type CatalogWriteResult, InMemoryWooCatalog } from './in-memory-woo-catalog.js';
import { InMemoryWooOrders } from './in-memory-woo-orders.js';
import { compareCursors, normalizeWooSku, toUtcSeconds } from './woo-store-rules.js';
import type { WooCommerceSeed } from './woocommerce-seed.js';

/** Options of {@link InMemoryWooCommerce}. */
export interface InMemoryWooCommerceOptions {
  /**
   * Where the store reads time from (dates are kept at WooCommerce's one-second resolution).
   * `seed.advanceTime()` moves the store's time on top of it. Pass a `ManualClock` for tests
   * that need equal timestamps.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * The store's batch limit (WooCommerce's `woocommerce_rest_batch_items_limit`).
   * @default 100
   */
  batchLimit?: number;
  /**
   * What the store makes of a product name on save, like WordPress's content filters
   * (`wp_filter_post_kses` and friends strip disallowed HTML and normalise entities). A new
   * product whose name ends up empty is saved as "Product", as WooCommerce does.
   * @default the name as sent
   */
  filterName?: (name: string) => string;
}

/** One batch call the store received through the port. */
export interface InMemoryWooBatchCall {
  /** The endpoint WooCommerce would have served it on. */
  endpoint: 'products' | 'variations' | 'categories';
  /** Items in the call (creates + updates). */
  size: number;
}

type Slot<T> = { index: number; run: () => WooBatchOutcome<T> };

/**
 * A WooCommerce store in memory that behaves the way the REST API does where the engine can
 * tell: SKUs compared trimmed and case-insensitively across products and variations, trash
 * ignored, per-item batch errors (`product_invalid_sku` and `term_exists` with the owner's
 * `resourceId`), batches split to the store limit, change feeds ordered by `(timestamp, id)`,
 * `dateModified` bumped by every write, at one-second resolution. Implements
 * {@link WooCommercePort} and passes its conformance suite; {@link InMemoryWooCommerce.seed}
 * arranges the store for tests.
 *
 * @example
 * ```ts
 * const clock = new ManualClock('2026-11-27T08:00:00Z');
 * const woo = new InMemoryWooCommerce({ clock });
 * const shirt = await woo.seed.addProduct({ sku: 'SHIRT', regularPrice: '20.00' });
 * const { outcomes } = await woo.products.batch({ update: [{ id: shirt.id, regularPrice: '25.00' }] });
 * ```
 */
export class InMemoryWooCommerce implements WooCommercePort {
  readonly batchLimit: number;
  readonly #clock: Clock;
  #offsetMs = 0;
  #lastId = 10;
  readonly #catalog: InMemoryWooCatalog;
  readonly #orders: InMemoryWooOrders;
  readonly #batchCalls: InMemoryWooBatchCall[] = [];

  constructor(options: InMemoryWooCommerceOptions = {}) {
    this.batchLimit = options.batchLimit ?? 100;
    if (!Number.isInteger(this.batchLimit) || this.batchLimit < 1) {
      throw new RangeError(`batchLimit must be a positive integer, got ${this.batchLimit}`);
    }
    this.#clock = options.clock ?? systemClock;
    const nextId = () => {
      this.#lastId += 1;
      return this.#lastId;
    };
    const now = () => this.#now();
    this.#catalog = new InMemoryWooCatalog(nextId, now, options.filterName);
    this.#orders = new InMemoryWooOrders(nextId, now, this.#catalog);
  }

  /** The store's current time at one-second resolution. */
  #now(): UtcDateTime {
    return toUtcSeconds(this.#clock.now().getTime() + this.#offsetMs);
  }

  /** Every batch call the port made, in order (what a request log of the store would show). */
  get batchCalls(): readonly InMemoryWooBatchCall[] {
    return this.#batchCalls.map((call) => ({ ...call }));
  }

  /** The id of the store's default category ("Uncategorized"). */
  get defaultCategoryId(): number {
    return this.#catalog.defaultCategoryId;
  }

  readonly products: WooCommercePort['products'] = {
    list: (query: ProductListQuery = {}) => {
      const includeVariations = query.includeVariations ?? true;
      return this.#iterate(() =>
        this.#catalog
          .allProducts()
          .filter(
            (product) =>
              product.status !== 'trash' && (includeVariations || product.type !== 'variation'),
          ),
      );
    },
    getByIds: async (ids) => {
      const found: WooProduct[] = [];
      for (const id of new Set(ids)) {
        const product = this.#catalog.product(id);
        if (product && product.status !== 'trash') found.push(product);
      }
      return found;
    },
    findBySkus: async (skus) => {
      const wanted = new Set(skus.map(normalizeWooSku).filter((sku) => sku !== ''));
      return this.#catalog
        .allProducts()
        .filter(
          (product) => product.status !== 'trash' && wanted.has(normalizeWooSku(product.sku)),
        );
    },
    batch: async (batch: WooProductBatch) => this.#productBatch(batch),
  };

  readonly categories: WooCommercePort['categories'] = {
    list: () => this.#iterate(() => this.#catalog.allCategories()),
    batch: async (batch: WooCategoryBatch) => this.#categoryBatch(batch),
  };

  readonly orders: WooCommercePort['orders'] = {
    get: async (id) => this.#orders.get(id),
    listChanged: (query: OrderChangesQuery = {}) =>
      this.#iterate(() => {
        const statuses = query.statuses && new Set(query.statuses);
        return this.#orders
          .all()
          .filter((order) => (statuses ? statuses.has(order.status) : order.status !== 'trash'))
          .filter((order) => inWindow({ timestamp: order.dateModified, id: order.id }, query))
          .sort((a, b) => compareCursors(orderCursor(a), orderCursor(b)));
      }),
    updateMeta: async (orderId: number, meta: readonly WooMeta[]) => {
      this.#orders.updateMeta(orderId, meta);
    },
  };

  readonly refunds: WooCommercePort['refunds'] = {
    listForOrder: async (orderId) =>
      this.#orders
        .allRefunds()
        .filter((refund) => refund.orderId === orderId)
        .sort((a, b) => compareCursors(refundCursor(a), refundCursor(b))),
    listChanged: (query: RefundChangesQuery = {}) =>
      this.#iterate(() =>
        this.#orders
          .allRefunds()
          .filter((refund) => inWindow(refundCursor(refund), query))
          .sort((a, b) => compareCursors(refundCursor(a), refundCursor(b))),
      ),
  };

  /** Arranges the store for tests; see {@link WooCommerceSeed}. */
  readonly seed: WooCommerceSeed = {
    addProduct: async (input) => {
      const sku = input.sku ?? '';
      return unwrap(
        this.#catalog.createProduct(
          { ...input, sku, name: input.name ?? `Product ${sku}`.trim() },
          input.type ?? 'simple',
        ),
      );
    },
    addVariation: async (parentId, input) =>
      unwrap(this.#catalog.createVariation(parentId, { ...input, sku: input.sku ?? '' })),
    addCategory: async (input) => unwrap(this.#catalog.createCategory({ ref: '', ...input })),
    trashProduct: async (id) => {
      if (!this.#catalog.trashProduct(id)) throw new Error(`Product ${id} cannot be trashed`);
    },
    placeOrder: async (input) => this.#orders.place(input),
    setOrderStatus: async (orderId, status) => this.#orders.setStatus(orderId, status),
    refundOrder: async (orderId, input) => this.#orders.refund(orderId, input),
    advanceTime: async (ms) => {
      this.#offsetMs += ms;
    },
    batchCallSizes: () => this.#batchCalls.map((call) => call.size),
  };

  async *#iterate<T>(read: () => T[]): AsyncGenerator<T> {
    // Read lazily, like a paginated API: nothing is read before the first `next()`.
    for (const item of read()) yield item;
  }

  #productBatch(batch: WooProductBatch): WooBatchResult<WooProduct> {
    const creates = batch.create ?? [];
    const updates = batch.update ?? [];
    const outcomes: WooBatchOutcome<WooProduct>[] = [];
    const productCalls: Slot<WooProduct>[] = [];
    const variationCalls = new Map<number, Slot<WooProduct>[]>();

    creates.forEach((draft, index) => {
      productCalls.push({
        index,
        run: () => {
          const { ref, ...fields } = draft;
          return toOutcome('create', ref, undefined, this.#catalog.createProduct(fields));
        },
      });
    });
    updates.forEach((patch, position) => {
      const slot: Slot<WooProduct> = {
        index: creates.length + position,
        run: () => {
          const { id, parentId, ref, ...fields } = patch;
          return toOutcome('update', ref, id, this.#catalog.updateProduct(id, parentId, fields));
        },
      };
      const parentId = (patch as WooProductPatch).parentId ?? 0;
      if (parentId > 0) {
        const group = variationCalls.get(parentId) ?? [];
        group.push(slot);
        variationCalls.set(parentId, group);
      } else productCalls.push(slot);
    });

    this.#runInCalls('products', productCalls, outcomes);
    for (const group of variationCalls.values()) this.#runInCalls('variations', group, outcomes);
    return { outcomes };
  }

  #categoryBatch(batch: WooCategoryBatch): WooBatchResult<WooCategory> {
    const creates = batch.create ?? [];
    const updates = batch.update ?? [];
    const slots: Slot<WooCategory>[] = [
      ...creates.map((draft, index) => ({
        index,
        run: () => toOutcome('create', draft.ref, undefined, this.#catalog.createCategory(draft)),
      })),
      ...updates.map((patch, position) => ({
        index: creates.length + position,
        run: () => toOutcome('update', patch.ref, patch.id, this.#catalog.updateCategory(patch)),
      })),
    ];
    const outcomes: WooBatchOutcome<WooCategory>[] = [];
    this.#runInCalls('categories', slots, outcomes);
    return { outcomes };
  }

  #runInCalls<T>(
    endpoint: InMemoryWooBatchCall['endpoint'],
    slots: Slot<T>[],
    outcomes: WooBatchOutcome<T>[],
  ): void {
    for (let start = 0; start < slots.length; start += this.batchLimit) {
      const call = slots.slice(start, start + this.batchLimit);
      this.#batchCalls.push({ endpoint, size: call.length });
      for (const slot of call) outcomes[slot.index] = slot.run();
    }
  }
}

function toOutcome<T>(
  op: 'create' | 'update',
  ref: string | undefined,
  id: number | undefined,
  result: CatalogWriteResult<T & { id: number }>,
): WooBatchOutcome<T> {
  if (!result.ok) {
    return {
      op,
      status: 'failed',
      ...(ref === undefined ? {} : { ref }),
      ...(id === undefined ? {} : { id }),
      error: result.error,
    };
  }
  if (op === 'create') return { op, status: 'created', ref: ref ?? '', item: result.item };
  return {
    op,
    status: 'updated',
    ...(ref === undefined ? {} : { ref }),
    id: result.item.id,
    item: result.item,
  };
}

function unwrap<T>(result: CatalogWriteResult<T>): T {
  if (result.ok) return result.item;
  throw new Error(`${result.error.message} (${result.error.code})`);
}

function orderCursor(order: WooOrder) {
  return { timestamp: order.dateModified, id: order.id };
}

function refundCursor(refund: WooRefund) {
  return { timestamp: refund.dateCreated, id: refund.id };
}

function inWindow(
  position: { timestamp: UtcDateTime; id: number },
  query: OrderChangesQuery | RefundChangesQuery,
): boolean {
  if (query.after && compareCursors(position, query.after) <= 0) return false;
  if (query.until && Date.parse(position.timestamp) > Date.parse(query.until)) return false;
  return true;
}
