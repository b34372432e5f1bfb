import type {
  ChangeCursor,
  RefundChangesQuery,
  WooCommercePort,
  WooRefund,
} from '@balance-sync/woo-sync-core';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import { fromWireRefund } from '../mapping/refund-mapping.js';
import { REFUND_FIELDS, refundWireSchema } from '../schemas/refund-wire.js';
import { changeFeed, compareCursors } from './change-feed.js';
import { paginate } from './paginate.js';
import type { WooRestContext } from './woo-rest-context.js';

const READ_QUERY = { context: 'edit', _fields: REFUND_FIELDS.join(',') } as const;

const cursorOf = (refund: WooRefund): ChangeCursor => ({
  timestamp: refund.dateCreated,
  id: refund.id,
});

/**
 * The `refunds` half of the port: the global `/refunds` route (WooCommerce 9.0+) when the store
 * has it; otherwise, detected once by its `404 rest_no_route`, the refunds of the orders that
 * changed since the cursor (a refund bumps its order's `date_modified`).
 */
export function createRefundsResource(
  context: WooRestContext,
  orders: WooCommercePort['orders'],
): WooCommercePort['refunds'] {
  let globalRoute: boolean | undefined;

  async function listForOrder(orderId: number): Promise<WooRefund[]> {
    const refunds: WooRefund[] = [];
    try {
      const pages = paginate(
        context,
        `/orders/${orderId}/refunds`,
        { ...READ_QUERY, orderby: 'date', order: 'asc' },
        refundWireSchema,
        'refund',
      );
      for await (const page of pages)
        for (const wire of page) refunds.push(fromWireRefund(wire, orderId));
    } catch (error) {
      if (error instanceof WooCommerceHttpError && error.status === 404) return [];
      throw error;
    }
    return refunds.sort((a, b) => compareCursors(cursorOf(a), cursorOf(b)));
  }

  function viaGlobalRoute(query: RefundChangesQuery): AsyncIterable<WooRefund> {
    return changeFeed(
      context,
      {
        path: '/refunds',
        query: READ_QUERY,
        afterParam: 'after',
        beforeParam: 'before',
        orderby: 'date',
        schema: refundWireSchema,
        what: 'refund',
        map: (wire) => fromWireRefund(wire),
        cursorOf,
      },
      query.after,
      query.until,
    );
  }

  async function* viaOrders(query: RefundChangesQuery): AsyncGenerator<WooRefund> {
    // Orders modified at or after the cursor's second can hold refunds created after it.
    const since: ChangeCursor | undefined = query.after && {
      timestamp: new Date(Date.parse(query.after.timestamp) - 1_000).toISOString(),
      id: Number.MAX_SAFE_INTEGER,
    };
    const found: WooRefund[] = [];
    for await (const order of orders.listChanged(since ? { after: since } : {})) {
      if (order.refunds.length === 0) continue;
      for (const refund of await listForOrder(order.id)) {
        if (query.after && compareCursors(cursorOf(refund), query.after) <= 0) continue;
        if (query.until && Date.parse(refund.dateCreated) > Date.parse(query.until)) continue;
        found.push(refund);
      }
    }
    const unique = new Map(found.map((refund) => [refund.id, refund]));
    yield* [...unique.values()].sort((a, b) => compareCursors(cursorOf(a), cursorOf(b)));
  }

  async function* listChanged(query: RefundChangesQuery = {}): AsyncGenerator<WooRefund> {
    if (globalRoute !== false) {
      try {
        for await (const refund of viaGlobalRoute(query)) {
          globalRoute = true;
          yield refund;
        }
        globalRoute = true;
        return;
      } catch (error) {
        const noRoute =
          error instanceof WooCommerceHttpError &&
          error.status === 404 &&
          error.wooCode === 'rest_no_route' &&
          globalRoute === undefined;
        if (!noRoute) throw error;
        globalRoute = false;
        context.logger.info(
          {},
          'The store has no /refunds route (WooCommerce before 9.0); reading refunds order by order',
        );
      }
    }
    yield* viaOrders(query);
  }

  return { listForOrder, listChanged };
}
