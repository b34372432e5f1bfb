import type {
  ProductListQuery,
  WooBatchResult,
  WooCommercePort,
  WooProduct,
  WooProductBatch,
} from '@balance-sync/woo-sync-core';
import { type BatchEndpoint, type BatchItem, runBatch } from '../batch/run-batch.js';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import { formatQuery, queryEntries } from '../http/query-string.js';
import { fromWireProduct, toWireProductFields } from '../mapping/product-mapping.js';
import { PRODUCT_FIELDS, productWireSchema } from '../schemas/product-wire.js';
import { validateResponse } from '../schemas/validate-response.js';
import { chunkByUrlLength } from './chunk-by-url-length.js';
import { paginate } from './paginate.js';
import { readAhead } from './read-ahead.js';
import { AUTH_RESERVE, MAX_URL_LENGTH, PER_PAGE, type WooRestContext } from './woo-rest-context.js';

const READ_QUERY = { context: 'edit', _fields: PRODUCT_FIELDS.join(',') } as const;

/** How WooCommerce compares SKUs: trimmed, case-insensitive (database collation). */
export function normalizeSku(sku: string): string {
  return sku.trim().toLowerCase();
}

/** The `products` half of the port over `/products`. */
export function createProductsResource(
  context: WooRestContext,
  storeUrl: string,
): WooCommercePort['products'] {
  // Room for the comma list once the rest of a lookup URL is written out.
  function listBudget(path: string, name: string): number {
    const fixed = `${storeUrl}/wp-json/wc/v3${path}?${formatQuery(
      queryEntries({ ...READ_QUERY, per_page: PER_PAGE, page: 1 }),
    )}&${name}=`;
    return Math.max(100, MAX_URL_LENGTH - AUTH_RESERVE - fixed.length);
  }

  async function* list(query: ProductListQuery = {}): AsyncGenerator<WooProduct> {
    const includeVariations = query.includeVariations ?? true;
    const pages = paginate(
      context,
      '/products',
      { ...READ_QUERY, orderby: 'id', order: 'asc' },
      productWireSchema,
      'product',
      { concurrency: context.concurrency },
    );
    for await (const page of pages) {
      for (const wire of page) yield fromWireProduct(wire);
      if (!includeVariations) continue;
      // Each variable parent's variations, several parents at a time, in the parents' order.
      const parents = page.filter((parent) => parent.type === 'variable');
      const variations = readAhead(
        parents.map((parent) => () => listVariations(parent.id)),
        context.concurrency,
      );
      for await (const ofParent of variations) yield* ofParent;
    }
  }

  async function listVariations(parentId: number): Promise<WooProduct[]> {
    const variations: WooProduct[] = [];
    const pages = paginate(
      context,
      `/products/${parentId}/variations`,
      { ...READ_QUERY, orderby: 'id', order: 'asc' },
      productWireSchema,
      'variation',
      { concurrency: context.concurrency },
    );
    for await (const page of pages) {
      for (const wire of page) variations.push(fromWireProduct(wire, { variationOf: parentId }));
    }
    return variations;
  }

  async function getOne(id: number): Promise<WooProduct | undefined> {
    try {
      const response = await context.http.send({
        method: 'GET',
        path: `/products/${id}`,
        query: READ_QUERY,
        idempotent: true,
      });
      return fromWireProduct(
        validateResponse(productWireSchema, response.body, 'product', response.request),
      );
    } catch (error) {
      if (error instanceof WooCommerceHttpError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async function getByIds(ids: readonly number[]): Promise<WooProduct[]> {
    const wanted = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))];
    if (wanted.length === 0) return [];
    const found = new Map<number, WooProduct>();
    const budget = listBudget('/products', 'include');
    for (const chunk of chunkByUrlLength(wanted.map(String), budget, PER_PAGE)) {
      const pages = paginate(
        context,
        '/products',
        { ...READ_QUERY, include: chunk.join(','), orderby: 'include' },
        productWireSchema,
        'product',
      );
      for await (const page of pages) {
        for (const wire of page) found.set(wire.id, fromWireProduct(wire));
      }
    }
    // `include` only covers products; variations (and anything else) are read one by one.
    const rest = wanted.filter((id) => !found.has(id));
    const singles = await Promise.all(rest.map((id) => getOne(id)));
    for (const product of singles) if (product) found.set(product.id, product);
    return wanted.flatMap((id) => {
      const product = found.get(id);
      return product && product.status !== 'trash' ? [product] : [];
    });
  }

  async function findBySkus(skus: readonly string[]): Promise<WooProduct[]> {
    const wanted = new Map<string, string>();
    for (const sku of skus) {
      const key = normalizeSku(sku);
      if (key !== '' && !wanted.has(key)) wanted.set(key, sku.trim());
    }
    if (wanted.size === 0) return [];
    const found = new Map<number, WooProduct>();
    const budget = listBudget('/products', 'sku');
    for (const chunk of chunkByUrlLength([...wanted.values()], budget, PER_PAGE)) {
      const pages = paginate(
        context,
        '/products',
        { ...READ_QUERY, sku: chunk.join(','), orderby: 'id', order: 'asc' },
        productWireSchema,
        'product',
      );
      for await (const page of pages) {
        for (const wire of page) {
          const product = fromWireProduct(wire);
          // The store matched with its collation; keep exactly what WooCommerce would call equal.
          if (product.status !== 'trash' && wanted.has(normalizeSku(product.sku))) {
            found.set(product.id, product);
          }
        }
      }
    }
    return [...found.values()];
  }

  const productEndpoint = (path: string, variationOf?: number): BatchEndpoint<WooProduct> => ({
    path,
    parse: (entry, request) =>
      fromWireProduct(
        validateResponse(productWireSchema, entry, 'product', request),
        variationOf === undefined ? {} : { variationOf },
      ),
    recover: async (creates) => {
      const checkable = new Set<number>();
      const bySku = new Map<string, BatchItem[]>();
      for (const item of creates) {
        const sku = typeof item.wire.sku === 'string' ? normalizeSku(item.wire.sku) : '';
        if (sku === '') continue;
        checkable.add(item.index);
        bySku.set(sku, [...(bySku.get(sku) ?? []), item]);
      }
      const found = new Map<number, WooProduct>();
      const products = await findBySkus(
        creates.flatMap((item) => (typeof item.wire.sku === 'string' ? [item.wire.sku] : [])),
      );
      for (const product of products) {
        // Only the first create of a SKU can have made it (WooCommerce refuses the others).
        const first = bySku.get(normalizeSku(product.sku))?.[0];
        if (first) found.set(first.index, product);
      }
      return { found, checkable };
    },
  });

  async function batch(input: WooProductBatch): Promise<WooBatchResult<WooProduct>> {
    const creates = input.create ?? [];
    const updates = input.update ?? [];
    const productItems: BatchItem[] = creates.map((draft, index) => {
      const { ref, ...fields } = draft;
      return {
        index,
        op: 'create',
        ref,
        id: undefined,
        wire: toWireProductFields(fields, { variation: false }),
      };
    });
    const variationItems = new Map<number, BatchItem[]>();
    updates.forEach((patch, position) => {
      const { id, parentId, ref, ...fields } = patch;
      const variation = parentId !== undefined && parentId > 0;
      const item: BatchItem = {
        index: creates.length + position,
        op: 'update',
        ref,
        id,
        wire: { id, ...toWireProductFields(fields, { variation }) },
      };
      if (variation) variationItems.set(parentId, [...(variationItems.get(parentId) ?? []), item]);
      else productItems.push(item);
    });
    const results = await Promise.all([
      runBatch(context, productEndpoint('/products/batch'), productItems),
      ...[...variationItems].map(([parentId, items]) =>
        runBatch(
          context,
          productEndpoint(`/products/${parentId}/variations/batch`, parentId),
          items,
        ),
      ),
    ]);
    const outcomes: WooBatchResult<WooProduct>['outcomes'] = [];
    for (const partial of results) {
      partial.forEach((outcome, index) => {
        if (outcome) outcomes[index] = outcome;
      });
    }
    return { outcomes };
  }

  return { list, getByIds, findBySkus, batch };
}
