/**
 * Seeding helpers: put pre-existing data into the store without API calls or webhooks.
 */
import { categoryToJson, createCategory } from './categories.js';
import { formatMoney, PRECISE_SCALE } from './money.js';
import { productToJson, variationToJson } from './product-json.js';
import { createProduct, createVariation, type ProductParams } from './product-writes.js';
import type { WooCategory, WooProduct, WooVariation } from './rest-types.js';
import type { WooStore } from './woo-store.js';

/**
 * Options of {@link StoreSeeder.products}.
 *
 * @example
 * sim.seed.products(20_000, { skuPrefix: 'BAL-', status: 'publish', stock: (i) => i % 7 });
 */
export interface SeedProductsOptions {
  /** SKU of product `i` is `${skuPrefix}${startIndex + i}` (zero-padded to 6). Default `SKU-`. */
  skuPrefix?: string;
  /** First index. Default 1. */
  startIndex?: number;
  /** Name prefix. Default `Product`. */
  namePrefix?: string;
  /** Product status. Default `publish`. */
  status?: string;
  /** Category ids of every product, or per index. Default: Uncategorized. */
  categoryIds?: readonly number[] | ((index: number) => readonly number[]);
  /** Stock quantity (manage stock on), per index or fixed. Default: a seeded 0–50. `null`: no stock management. */
  stock?: number | null | ((index: number) => number | null);
  /** Regular price string, per index. Default: seeded 1.00–200.00. */
  regularPrice?: (index: number) => string;
  /** Extra REST-shaped fields per index (e.g. `sale_price`, `meta_data`). */
  extra?: (index: number) => ProductParams;
}

/**
 * A seeded product in brief.
 *
 * @example
 * const [first] = sim.seed.products(3);
 * first?.sku; // 'SKU-000001'
 */
export interface SeededProduct {
  id: number;
  sku: string;
  name: string;
  regularPrice: string;
}

/**
 * Options of {@link StoreSeeder.variableProduct}.
 *
 * @example
 * sim.seed.variableProduct({ name: 'T-shirt', sku: 'TS', variations: [{ sku: 'TS-R', regular_price: '20', attributes: [{ name: 'Color', option: 'Red' }] }] });
 */
export interface SeedVariableProductOptions extends ProductParams {
  name: string;
  /** Variations in REST shape (`sku`, `regular_price`, `attributes`, `manage_stock`, …). */
  variations: ProductParams[];
}

/**
 * A category to seed: a name, or REST fields.
 *
 * @example
 * sim.seed.categories(['Shoes', { name: 'Boots', parent: shoes.id }]);
 */
export type SeedCategory =
  | string
  | { name: string; parent?: number; slug?: string; description?: string };

/**
 * Seeding helpers, available as `sim.seed`. Seeded data fires no webhooks.
 *
 * @example
 * const [shoes] = sim.seed.categories(['Shoes']);
 * const product = sim.seed.product({ name: 'Boot', sku: 'B-1', regular_price: '99.90', categories: [{ id: shoes!.id }] });
 */
export interface StoreSeeder {
  /** Many simple products, fast (20 000 in well under a second). */
  products(count: number, options?: SeedProductsOptions): SeededProduct[];
  /** One product from REST-shaped fields (same rules as `POST /products`, no validation). */
  product(fields: ProductParams): WooProduct;
  /** A variable product with its variations. */
  variableProduct(options: SeedVariableProductOptions): {
    product: WooProduct;
    variations: WooVariation[];
  };
  /** Categories, in order (parents first). */
  categories(specs: readonly SeedCategory[]): WooCategory[];
  /** A customer account; returns its user id. */
  customer(email: string): number;
  /** A coupon usable by REST `coupon_lines` and the shopper. */
  coupon(code: string, type: 'percent' | 'fixed_cart', amount: string | number): void;
}

function seededPrice(store: WooStore): string {
  const cents = store.random.int(100, 20_000);
  return formatMoney(cents * (PRECISE_SCALE / 100), 2);
}

/** Creates the seeding helpers of a store. */
export function createSeeder(store: WooStore): StoreSeeder {
  return {
    products(count, options = {}) {
      const out: SeededProduct[] = [];
      const start = options.startIndex ?? 1;
      const prefix = options.skuPrefix ?? 'SKU-';
      for (let i = 0; i < count; i++) {
        const index = start + i;
        const sku = `${prefix}${String(index).padStart(6, '0')}`;
        const stock =
          typeof options.stock === 'function'
            ? options.stock(index)
            : options.stock === undefined
              ? store.random.int(0, 50)
              : options.stock;
        const categories =
          typeof options.categoryIds === 'function'
            ? options.categoryIds(index)
            : (options.categoryIds ?? []);
        const params: ProductParams = {
          name: `${options.namePrefix ?? 'Product'} ${index}`,
          sku,
          status: options.status ?? 'publish',
          regular_price: options.regularPrice ? options.regularPrice(index) : seededPrice(store),
          categories: categories.map((id) => ({ id })),
          manage_stock: stock !== null,
          ...(stock !== null ? { stock_quantity: stock } : {}),
          stock_status: 'instock',
          backorders: 'no',
          ...(options.extra ? options.extra(index) : {}),
        };
        const p = createProduct(store, params, { silent: true });
        out.push({ id: p.id, sku: p.sku, name: p.name, regularPrice: p.regularPrice });
      }
      return out;
    },
    product(fields) {
      const p = createProduct(store, { status: 'publish', ...fields }, { silent: true });
      return productToJson(store, p, 'edit') as WooProduct;
    },
    variableProduct(options) {
      const { variations, ...fields } = options;
      const parent = createProduct(
        store,
        { status: 'publish', ...fields, type: 'variable' },
        { silent: true },
      );
      const created = variations.map((v) =>
        createVariation(store, store.state.products.get(parent.id) ?? parent, v, { silent: true }),
      );
      const fresh = store.state.products.get(parent.id) ?? parent;
      return {
        product: productToJson(store, fresh, 'edit') as WooProduct,
        variations: created.map(
          (v) =>
            variationToJson(store, store.state.products.get(v.id) ?? v, 'edit') as WooVariation,
        ),
      };
    },
    categories(specs) {
      return specs.map((spec) => {
        const params = typeof spec === 'string' ? { name: spec } : { ...spec };
        return categoryToJson(store, createCategory(store, params)) as unknown as WooCategory;
      });
    },
    customer(email) {
      const id = store.state.allocateUserId();
      store.state.customers.set(id, { id, email });
      return id;
    },
    coupon(code, type, amount) {
      const normalized = code.trim().toLowerCase();
      store.state.coupons.set(normalized, { code: normalized, type, amount: String(amount) });
    },
  };
}
