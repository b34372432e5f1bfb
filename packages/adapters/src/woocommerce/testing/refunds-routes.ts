/**
 * `/orders/{order_id}/refunds` and the global `/refunds` routes (v3). Refund errors carry a bare
 * integer as `data`, so they arrive as HTTP 500.
 *
 * Internal module.
 */
import { collectionArgs, filterCommon, paginate, sortItems } from './collection.js';
import { WooRestError } from './errors.js';
import { upsertMeta } from './meta-data.js';
import { type Precise, parsePrecise } from './money.js';
import { refundToJson } from './order-json.js';
import { requestDp } from './orders-routes.js';
import { phpIsNumeric, phpToInt, phpToString } from './php.js';
import { createRefund, deleteRefund, type RefundItemArgs } from './refunds.js';
import {
  type RestResult,
  type RouteContext,
  type RouteDefinition,
  requireCapability,
  route,
} from './router.js';
import type { RefundRecord } from './store-state.js';
import type { ArgSchemas } from './validation.js';

const listArgs = collectionArgs(['date', 'id', 'include', 'title', 'slug', 'modified'], {
  parent: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
  parent_exclude: { type: 'array', items: { type: 'integer' }, default: [], sanitize: 'id-list' },
  dp: { type: 'integer' },
});

const createArgs: ArgSchemas = {
  amount: { type: 'string' },
  reason: { type: 'string' },
  refunded_by: { type: 'integer' },
  meta_data: {
    type: 'array',
    items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'mixed' } } },
  },
  line_items: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        quantity: { type: 'integer' },
        refund_total: { type: 'number' },
        refund_tax: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'integer' }, refund_total: { type: 'number' } },
          },
        },
      },
    },
  },
  api_refund: { type: 'boolean', default: true },
  api_restock: { type: 'boolean', default: true },
  dp: { type: 'integer' },
};

const acc = {
  id: (r: RefundRecord) => r.id,
  created: (r: RefundRecord) => r.dateCreated,
  modified: (r: RefundRecord) => r.dateModified,
};

function listOrderRefunds(ctx: RouteContext): RestResult {
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  const orderId = phpToInt(ctx.params.order_id);
  const items = filterCommon(ctx, ctx.store.state.refundsOf(orderId), acc);
  const dp = requestDp(ctx);
  return paginate(ctx, sortItems(ctx, items, acc), (r) => refundToJson(ctx.store, r, dp, false));
}

function listAllRefunds(ctx: RouteContext): RestResult {
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  const parents = (ctx.params.parent as number[]) ?? [];
  const parentExclude = (ctx.params.parent_exclude as number[]) ?? [];
  const all = [...ctx.store.state.refunds.values()].filter(
    (r) =>
      (parents.length === 0 || parents.includes(r.parentId)) && !parentExclude.includes(r.parentId),
  );
  const items = filterCommon(ctx, all, acc);
  const dp = requestDp(ctx);
  return paginate(ctx, sortItems(ctx, items, acc), (r) => refundToJson(ctx.store, r, dp, true));
}

function refundFor(ctx: RouteContext): RefundRecord {
  const refund = ctx.store.state.refunds.get(phpToInt(ctx.params.id));
  if (!refund) {
    throw new WooRestError('woocommerce_rest_shop_order_refund_invalid_id', 'Invalid ID.', {
      status: 404,
    });
  }
  const orderId = phpToInt(ctx.params.order_id);
  if (!ctx.store.state.orders.has(orderId)) {
    throw new WooRestError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
  }
  if (refund.parentId !== orderId) {
    throw new WooRestError(
      'woocommerce_rest_invalid_order_refund_id',
      'Invalid order refund ID.',
      404,
    );
  }
  return refund;
}

function getRefund(ctx: RouteContext): RestResult {
  const refund = refundFor(ctx);
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  return { status: 200, data: refundToJson(ctx.store, refund, requestDp(ctx), false) };
}

/** `RestApiParameterUtil::adjust_create_refund_request_parameters`. */
function refundLineArgs(value: unknown): {
  items: Map<number, RefundItemArgs>;
  computed: Precise | null;
} {
  const items = new Map<number, RefundItemArgs>();
  if (!Array.isArray(value)) return { items, computed: 0 };
  let computed: Precise = 0;
  for (const raw of value) {
    if (raw === null || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    const refundTax = new Map<number, Precise>();
    if (Array.isArray(item.refund_tax)) {
      for (const t of item.refund_tax) {
        if (t === null || typeof t !== 'object') continue;
        const tax = t as Record<string, unknown>;
        const amount = parsePrecise(tax.refund_total);
        refundTax.set(phpToInt(tax.id), amount);
        computed += amount;
      }
    }
    if (phpIsNumeric(item.refund_total)) computed += parsePrecise(item.refund_total);
    const id = phpToInt(item.id);
    if (!id) continue;
    items.set(id, {
      qty: phpToInt(item.quantity ?? 0),
      refundTotal: parsePrecise(item.refund_total),
      refundTax,
    });
  }
  return { items, computed };
}

function createRefundRoute(ctx: RouteContext): RestResult {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_create',
    'Sorry, you are not allowed to create resources.',
  );
  const { store, params } = ctx;
  const orderId = phpToInt(params.order_id);
  const order = store.state.orders.get(orderId);
  if (!order) throw new WooRestError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
  const { items, computed } = refundLineArgs(params.line_items);
  const amount =
    params.amount === undefined || params.amount === null
      ? (computed ?? 0)
      : parsePrecise(params.amount);
  if (amount < 0) {
    throw new WooRestError(
      'woocommerce_rest_invalid_order_refund',
      'Refund amount must be greater than zero.',
      400,
    );
  }
  const refund = createRefund(store, {
    orderId,
    amount,
    reason:
      params.reason === undefined || params.reason === null ? null : phpToString(params.reason),
    lineItems: items,
    refundPayment: typeof params.api_refund === 'boolean' ? params.api_refund : true,
    restockItems: params.api_restock !== false,
  });
  if (Array.isArray(params.meta_data))
    refund.meta = upsertMeta(store.state, refund.meta, params.meta_data);
  return {
    status: 201,
    data: refundToJson(store, refund, requestDp(ctx), false),
    headers: { Location: store.restUrl(`/wc/v3/orders/${orderId}/refunds/${refund.id}`) },
  };
}

function deleteRefundRoute(ctx: RouteContext): RestResult {
  const refund = refundFor(ctx);
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_delete',
    'Sorry, you are not allowed to delete this resource.',
  );
  if (ctx.params.force === false) {
    throw new WooRestError(
      'woocommerce_rest_trash_not_supported',
      'Refunds do not support trashing.',
      {
        status: 501,
      },
    );
  }
  const before = refundToJson(ctx.store, refund, requestDp(ctx), false);
  deleteRefund(ctx.store, refund);
  return { status: 200, data: before };
}

/** The refund routes. */
export function refundRoutes(): RouteDefinition[] {
  const single: ArgSchemas = {
    context: { type: 'string', enum: ['view', 'edit'], default: 'view' },
    dp: { type: 'integer' },
  };
  return [
    route('/wc/v3/orders/(?P<order_id>[\\d]+)/refunds', {
      GET: { args: listArgs, handler: listOrderRefunds },
      POST: { args: createArgs, handler: createRefundRoute },
    }),
    route('/wc/v3/orders/(?P<order_id>[\\d]+)/refunds/(?P<id>[\\d]+)', {
      GET: { args: single, handler: getRefund },
      DELETE: {
        args: { force: { type: 'boolean', default: true }, dp: { type: 'integer' } },
        handler: deleteRefundRoute,
      },
    }),
    route('/wc/v3/refunds', { GET: { args: listArgs, handler: listAllRefunds } }),
  ];
}
