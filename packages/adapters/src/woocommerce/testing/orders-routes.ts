/**
 * `/orders` routes (v3).
 *
 * Internal module.
 */
import { runBatch } from './batch.js';
import { collectionArgs, filterCommon, paginate, sortItems } from './collection.js';
import { WooRestError } from './errors.js';
import { orderToJson } from './order-json.js';
import {
  applyOrderParams,
  calculateOrderTotals,
  deleteOrderPermanently,
  needsPayment,
  newOrderRecord,
  ORDER_STATUSES,
  paymentComplete,
  saveOrder,
  trashOrder,
} from './orders.js';
import { phpEmpty, phpToInt, phpToString } from './php.js';
import {
  type RestResult,
  type RouteContext,
  type RouteDefinition,
  requirePermission,
  route,
} from './router.js';
import type { OrderRecord } from './store-state.js';
import { trashOrDelete } from './trash-or-delete.js';
import { type ArgSchema, type ArgSchemas, wpParseList } from './validation.js';

const LIST_STATUSES = ['any', 'trash', 'auto-draft', ...ORDER_STATUSES];

const str: ArgSchema = { type: 'string' };
const int: ArgSchema = { type: 'integer' };
const meta: ArgSchema = {
  type: 'array',
  items: { type: 'object', properties: { key: str, value: { type: 'mixed' } } },
};
const address = (withEmail: boolean): ArgSchema => ({
  type: 'object',
  properties: {
    first_name: str,
    last_name: str,
    company: str,
    address_1: str,
    address_2: str,
    city: str,
    state: str,
    postcode: str,
    country: str,
    ...(withEmail ? { email: { type: ['string', 'null'] } as ArgSchema } : {}),
    phone: str,
  },
});

function writeArgs(creating: boolean): ArgSchemas {
  const d = <T>(value: T): { default?: T } => (creating ? { default: value } : {});
  return {
    parent_id: int,
    status: { type: 'string', enum: [...ORDER_STATUSES, 'auto-draft'], ...d('pending') },
    currency: str,
    customer_id: { ...int, ...d(0) },
    customer_note: str,
    billing: address(true),
    shipping: address(false),
    payment_method: str,
    payment_method_title: str,
    transaction_id: str,
    created_via: str,
    meta_data: meta,
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: int,
          name: { type: ['string', 'null'] },
          product_id: { type: ['integer', 'null'] },
          variation_id: { type: ['integer', 'null'] },
          quantity: int,
          tax_class: str,
          subtotal: str,
          total: str,
          sku: str,
          meta_data: meta,
        },
      },
    },
    shipping_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: int,
          method_title: { type: ['string', 'null'] },
          method_id: { type: ['string', 'null'] },
          instance_id: str,
          total: str,
          meta_data: meta,
        },
      },
    },
    fee_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: int,
          name: { type: ['string', 'null'] },
          tax_class: str,
          tax_status: { type: 'string', enum: ['taxable', 'none'] },
          total: str,
          meta_data: meta,
        },
      },
    },
    coupon_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: int, code: { type: ['string', 'null'] }, meta_data: meta },
      },
    },
    set_paid: { type: 'boolean', ...d(false) },
  };
}

const listArgs = collectionArgs(['date', 'id', 'include', 'title', 'slug', 'modified'], {
  parent: { type: 'array', items: int, default: [], sanitize: 'id-list' },
  parent_exclude: { type: 'array', items: int, default: [], sanitize: 'id-list' },
  status: { type: 'array', items: { type: 'string', enum: LIST_STATUSES }, default: ['any'] },
  customer: int,
  product: int,
  dp: int,
});

const singleArgs: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'], default: 'view' },
  dp: int,
};

/** Decimal places requested (`?dp=`), else the store setting. */
export function requestDp(ctx: RouteContext): number {
  return ctx.params.dp === undefined || ctx.params.dp === null
    ? ctx.store.dp
    : phpToInt(ctx.params.dp);
}

function invalidOrder(status: number): WooRestError {
  return new WooRestError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', { status });
}

function listOrders(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'list');
  const { store, params } = ctx;
  const statuses = wpParseList(params.status ?? ['any']).map(String);
  const any = statuses.includes('any');
  const parents = (params.parent as number[]) ?? [];
  const parentExclude = (params.parent_exclude as number[]) ?? [];
  const search = phpToString(params.search ?? '').toLowerCase();
  const customer = params.customer === undefined ? null : phpToInt(params.customer);
  const product = params.product === undefined ? null : phpToInt(params.product);
  const items = [...store.state.orders.values()].filter((o) => {
    if (any) {
      if (o.status === 'trash' || o.status === 'auto-draft') return false;
    } else if (!statuses.includes(o.status)) return false;
    if (parents.length > 0 && !parents.includes(o.parentId)) return false;
    if (parentExclude.includes(o.parentId)) return false;
    if (customer !== null && o.customerId !== customer) return false;
    if (
      product !== null &&
      !o.lineItems.some((l) => l.productId === product || l.variationId === product)
    ) {
      return false;
    }
    if (search !== '') {
      const hay = [
        String(o.id),
        o.billing.first_name,
        o.billing.last_name,
        o.billing.email,
        o.billing.company,
        o.billing.phone,
        ...o.lineItems.map((l) => l.name),
      ]
        .join('\n')
        .toLowerCase();
      if (!hay.includes(search)) return false;
    }
    return true;
  });
  const acc = {
    id: (o: OrderRecord) => o.id,
    created: (o: OrderRecord) => o.dateCreated,
    modified: (o: OrderRecord) => o.dateModified,
  };
  const sorted = sortItems(ctx, filterCommon(ctx, items, acc), acc);
  const dp = requestDp(ctx);
  return paginate(ctx, sorted, (o) => orderToJson(store, o, dp));
}

function getOrder(ctx: RouteContext): RestResult {
  const o = ctx.store.state.orders.get(phpToInt(ctx.params.id));
  if (!o) throw invalidOrder(404);
  requirePermission(ctx, 'view');
  return { status: 200, data: orderToJson(ctx.store, o, requestDp(ctx)) };
}

function assertCustomer(ctx: RouteContext, params: Record<string, unknown>): void {
  if (params.customer_id === undefined || params.customer_id === null) return;
  const id = phpToInt(params.customer_id);
  if (id !== 0 && id !== 1 && !ctx.store.state.customers.has(id)) {
    throw new WooRestError('woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.', {
      status: 400,
    });
  }
}

function statusParam(value: unknown): string | null {
  if (phpEmpty(value)) return null;
  const s = phpToString(value).replace(/^wc-/, '');
  return [...ORDER_STATUSES, 'trash', 'draft', 'auto-draft'].includes(s) ? s : 'pending';
}

/** `save_object` of the orders controller for a create. */
export function createOrderFromParams(
  ctx: RouteContext,
  params: Record<string, unknown>,
): OrderRecord {
  if (!phpEmpty(params.id)) {
    throw new WooRestError(
      'woocommerce_rest_shop_order_exists',
      'Cannot create existing shop_order.',
      { status: 400 },
    );
  }
  const store = ctx.store;
  const order = newOrderRecord(store);
  applyOrderParams(store, order, params);
  assertCustomer(ctx, params);
  if (params.created_via === undefined || params.created_via === null)
    order.createdVia = 'rest-api';
  order.pricesIncludeTax = store.settings.pricesIncludeTax;
  if (order.paymentMethod !== '' && order.paymentMethodTitle === '') {
    order.paymentMethodTitle = store.settings.gateways[order.paymentMethod]?.title ?? '';
  }
  calculateOrderTotals(store, order);
  const status = statusParam(params.status);
  const previous = order.status;
  if (status !== null) order.status = status;
  saveOrder(store, order, previous, true);
  if (params.set_paid === true)
    paymentComplete(store, order, phpToString(params.transaction_id ?? ''));
  return order;
}

/** `save_object` of the orders controller for an update. */
export function updateOrderFromParams(
  ctx: RouteContext,
  id: number,
  params: Record<string, unknown>,
): OrderRecord {
  const store = ctx.store;
  const existing = store.state.orders.get(id);
  if (!existing) throw invalidOrder(400);
  const order = structuredClone(existing);
  applyOrderParams(store, order, params);
  assertCustomer(ctx, params);
  const touched = [
    'billing',
    'shipping',
    'line_items',
    'shipping_lines',
    'fee_lines',
    'coupon_lines',
  ].some((k) => params[k] !== undefined && params[k] !== null);
  if (touched) calculateOrderTotals(store, order);
  const status = statusParam(params.status);
  const previous = existing.status;
  if (status !== null) order.status = status;
  saveOrder(store, order, previous, false);
  const saved = store.state.orders.get(id) ?? order;
  if (params.set_paid === true && needsPayment(saved)) {
    paymentComplete(store, saved, phpToString(params.transaction_id ?? ''));
  }
  return store.state.orders.get(id) ?? saved;
}

function createOrderRoute(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'create');
  const order = createOrderFromParams(ctx, ctx.params);
  return {
    status: 201,
    data: orderToJson(ctx.store, order, requestDp(ctx)),
    headers: { Location: ctx.store.restUrl(`/wc/v3/orders/${order.id}`) },
  };
}

function updateOrderRoute(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  if (ctx.store.state.orders.has(id)) requirePermission(ctx, 'edit');
  const order = updateOrderFromParams(ctx, id, ctx.params);
  return { status: 200, data: orderToJson(ctx.store, order, requestDp(ctx)) };
}

function deleteOrderById(ctx: RouteContext, id: number, force: boolean): Record<string, unknown> {
  const o = ctx.store.state.orders.get(id);
  if (!o) throw invalidOrder(404);
  return trashOrDelete(o, {
    postType: 'shop_order',
    force,
    toJson: (order) => orderToJson(ctx.store, order, requestDp(ctx)),
    deletePermanently: (order) => deleteOrderPermanently(ctx.store, order),
    trash: (order) => trashOrder(ctx.store, order),
  });
}

function deleteOrderRoute(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  if (ctx.store.state.orders.has(id)) requirePermission(ctx, 'delete');
  return { status: 200, data: deleteOrderById(ctx, id, ctx.params.force === true) };
}

function batchOrders(ctx: RouteContext): RestResult {
  requirePermission(ctx, 'batch');
  const store = ctx.store;
  return runBatch(ctx, {
    createDefaults: { status: 'pending', customer_id: 0, set_paid: false },
    create: (item) => orderToJson(store, createOrderFromParams(ctx, item), store.dp),
    update: (item) =>
      orderToJson(store, updateOrderFromParams(ctx, phpToInt(item.id), item), store.dp),
    delete: (id) => deleteOrderById(ctx, id, true),
  });
}

/** The order routes. */
export function orderRoutes(): RouteDefinition[] {
  return [
    route('/wc/v3/orders', {
      GET: { args: listArgs, handler: listOrders },
      POST: { args: writeArgs(true), handler: createOrderRoute },
    }),
    route('/wc/v3/orders/batch', {
      POST: { handler: batchOrders },
      PUT: { handler: batchOrders },
      PATCH: { handler: batchOrders },
    }),
    route('/wc/v3/orders/(?P<id>[\\d]+)', {
      GET: { args: singleArgs, handler: getOrder },
      PUT: { args: { ...writeArgs(false), dp: int }, handler: updateOrderRoute },
      PATCH: { args: { ...writeArgs(false), dp: int }, handler: updateOrderRoute },
      DELETE: {
        args: { force: { type: 'boolean', default: false }, dp: int },
        handler: deleteOrderRoute,
      },
    }),
  ];
}
