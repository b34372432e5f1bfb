import type {
  OrderChangesQuery,
  WooCommercePort,
  WooMeta,
  WooOrder,
} from '@balance-sync/woo-sync-core';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import { fromWireOrder } from '../mapping/order-mapping.js';
import { ORDER_FIELDS, orderWireSchema } from '../schemas/order-wire.js';
import { validateResponse } from '../schemas/validate-response.js';
import { changeFeed } from './change-feed.js';
import type { WooRestContext } from './woo-rest-context.js';

const READ_QUERY = { context: 'edit', _fields: ORDER_FIELDS.join(',') } as const;

/** The `orders` half of the port over `/orders`. */
export function createOrdersResource(context: WooRestContext): WooCommercePort['orders'] {
  async function get(id: number): Promise<WooOrder | undefined> {
    try {
      const response = await context.http.send({
        method: 'GET',
        path: `/orders/${id}`,
        query: READ_QUERY,
        idempotent: true,
      });
      return fromWireOrder(
        validateResponse(orderWireSchema, response.body, 'order', response.request),
      );
    } catch (error) {
      if (error instanceof WooCommerceHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  function listChanged(query: OrderChangesQuery = {}): AsyncIterable<WooOrder> {
    const statuses =
      query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : undefined;
    return changeFeed(
      context,
      {
        path: '/orders',
        query: { ...READ_QUERY, status: statuses ? [...statuses].join(',') : undefined },
        afterParam: 'modified_after',
        beforeParam: 'modified_before',
        orderby: 'modified',
        schema: orderWireSchema,
        what: 'order',
        map: fromWireOrder,
        cursorOf: (order) => ({ timestamp: order.dateModified, id: order.id }),
        accept: (order) => (statuses ? statuses.has(order.status) : order.status !== 'trash'),
      },
      query.after,
      query.until,
    );
  }

  async function updateMeta(orderId: number, meta: readonly WooMeta[]): Promise<void> {
    // meta_data entries are upserted by key; keys not sent are kept. Repeating it is harmless.
    await context.http.send({
      method: 'PUT',
      path: `/orders/${orderId}`,
      query: { _fields: 'id' },
      body: { meta_data: meta.map((entry) => ({ key: entry.key, value: entry.value })) },
      idempotent: true,
    });
  }

  return { get, listChanged, updateMeta };
}
