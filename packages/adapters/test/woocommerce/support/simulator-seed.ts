// The conformance suite's seed for the REST adapter: arranges the WooCommerce simulator
// through its own REST API (with the simulator's default key, not through the adapter under
// test) and its clock.

import type { ManualClock, WooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
import type { WooCategory, WooOrder, WooProduct, WooRefund } from '@balance-sync/woo-sync-core';
import type { WooCommerceSeed } from '@balance-sync/woo-sync-core/testing';
import { fromWireCategory } from '../../../src/woocommerce/mapping/category-mapping.js';
import { fromWireOrder } from '../../../src/woocommerce/mapping/order-mapping.js';
import { fromWireProduct } from '../../../src/woocommerce/mapping/product-mapping.js';
import { fromWireRefund } from '../../../src/woocommerce/mapping/refund-mapping.js';
import { categoryWireSchema } from '../../../src/woocommerce/schemas/category-wire.js';
import { orderWireSchema } from '../../../src/woocommerce/schemas/order-wire.js';
import { productWireSchema } from '../../../src/woocommerce/schemas/product-wire.js';
import { refundWireSchema } from '../../../src/woocommerce/schemas/refund-wire.js';
import { utcToGmt } from '../../../src/woocommerce/schemas/wire-primitives.js';

async function call(
  sim: WooCommerceSimulator,
  method: string,
  path: string,
  json?: unknown,
): Promise<unknown> {
  const response = await sim.fetch(path, { method, ...(json === undefined ? {} : { json }) });
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`seeding ${method} ${path} failed: ${JSON.stringify(body)}`);
  return body;
}

const gmt = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? '' : utcToGmt(value);

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A {@link WooCommerceSeed} over a started simulator whose clock is `clock`. */
export function simulatorSeed(sim: WooCommerceSimulator, clock: ManualClock): WooCommerceSeed {
  const product = (body: unknown, variationOf?: number): WooProduct =>
    fromWireProduct(
      productWireSchema.parse(body),
      variationOf === undefined ? {} : { variationOf },
    );
  const order = (body: unknown): WooOrder => fromWireOrder(orderWireSchema.parse(body));

  return {
    async addProduct(input) {
      const sku = input.sku ?? '';
      const body = await call(
        sim,
        'POST',
        '/products',
        defined({
          name: input.name ?? `Product ${sku}`.trim(),
          sku,
          type: input.type ?? 'simple',
          status: input.status ?? 'publish',
          regular_price: input.regularPrice,
          sale_price: input.salePrice,
          date_on_sale_from_gmt: gmt(input.saleFrom),
          date_on_sale_to_gmt: gmt(input.saleTo),
          manage_stock: input.manageStock,
          stock_quantity: input.stockQuantity ?? undefined,
          stock_status: input.stockStatus,
          categories: input.categoryIds?.map((id) => ({ id })),
          meta_data: input.meta,
        }),
      );
      return product(body);
    },
    async addVariation(parentId, input) {
      const body = await call(
        sim,
        'POST',
        `/products/${parentId}/variations`,
        defined({
          sku: input.sku ?? '',
          regular_price: input.regularPrice,
          sale_price: input.salePrice,
          manage_stock: input.manageStock,
          stock_quantity: input.stockQuantity ?? undefined,
          meta_data: input.meta,
        }),
      );
      return product(body, parentId);
    },
    async addCategory(input): Promise<WooCategory> {
      const body = await call(
        sim,
        'POST',
        '/products/categories',
        defined({ name: input.name, parent: input.parentId, slug: input.slug }),
      );
      return fromWireCategory(categoryWireSchema.parse(body));
    },
    async trashProduct(id) {
      await call(sim, 'DELETE', `/products/${id}`);
    },
    async placeOrder(input) {
      const body = await call(
        sim,
        'POST',
        '/orders',
        defined({
          status: input.status ?? 'processing',
          currency: input.currency,
          line_items: input.lines.map((line) =>
            defined({
              product_id: line.productId,
              variation_id: line.variationId,
              quantity: line.quantity ?? 1,
              subtotal: line.total,
              total: line.total,
            }),
          ),
          shipping_lines:
            input.shippingTotal === undefined
              ? undefined
              : [{ method_id: 'flat_rate', method_title: 'Flat rate', total: input.shippingTotal }],
          meta_data: input.meta,
        }),
      );
      return order(body);
    },
    async setOrderStatus(orderId, status) {
      return order(await call(sim, 'PUT', `/orders/${orderId}`, { status }));
    },
    async refundOrder(orderId, input): Promise<WooRefund> {
      const body = await call(
        sim,
        'POST',
        `/orders/${orderId}/refunds`,
        defined({
          amount: input.amount,
          reason: input.reason,
          api_refund: false,
          line_items: input.lines?.map((line) => ({
            id: line.lineId,
            quantity: line.quantity,
            refund_total: line.total,
          })),
        }),
      );
      return fromWireRefund(refundWireSchema.parse(body), orderId);
    },
    async advanceTime(ms) {
      clock.advance(ms);
    },
    async cutOffNextBatch(afterItems) {
      sim.faults.add({
        type: 'cut-off-batch',
        afterItems,
        times: 1,
        match: { method: 'POST', path: '/products/batch' },
      });
    },
    batchCallSizes() {
      return sim.requests
        .filter((entry) => entry.method === 'POST' && /\/batch$/.test(entry.route ?? ''))
        .map((entry) => {
          const body = (entry.body ?? {}) as Record<string, unknown[] | undefined>;
          return (
            (body.create?.length ?? 0) + (body.update?.length ?? 0) + (body.delete?.length ?? 0)
          );
        });
    },
  };
}
