/**
 * `/webhooks` routes (v3). Creating a webhook sends the ping before answering, as WooCommerce
 * does; its result is ignored.
 *
 * Internal module.
 */
import { runBatch } from './batch.js';
import { collectionArgs, filterCommon, paginate, sortItems } from './collection.js';
import { WooRestError } from './errors.js';
import { phpEmpty, phpToInt, phpToString } from './php.js';
import {
  type RestResult,
  type RouteContext,
  type RouteDefinition,
  requireCapability,
  route,
} from './router.js';
import type { WebhookRecord, WebhookStatus } from './store-state.js';
import type { ArgSchemas } from './validation.js';
import { isValidWebhookTopic } from './webhook-topics.js';
import { assertValidWebhookInput, webhookToJson } from './webhooks.js';

const STATUSES = ['active', 'paused', 'disabled'];

const writeArgs = (creating: boolean): ArgSchemas => ({
  name: { type: 'string' },
  status: { type: 'string', enum: STATUSES, ...(creating ? { default: 'active' } : {}) },
  topic: { type: 'string', required: creating },
  delivery_url: { type: 'string', required: creating },
  secret: { type: 'string' },
});

const listArgs = collectionArgs(['date', 'id', 'include', 'title'], {
  status: { type: 'string', enum: ['all', ...STATUSES], default: 'all' },
});

function invalid(status: number, message = 'Invalid ID.'): WooRestError {
  return new WooRestError('woocommerce_rest_shop_webhook_invalid_id', message, { status });
}

function ctxName(ctx: RouteContext): 'view' | 'edit' {
  return ctx.params.context === 'edit' ? 'edit' : 'view';
}

function listWebhooks(ctx: RouteContext): RestResult {
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  const status = phpToString(ctx.params.status ?? 'all');
  const search = phpToString(ctx.params.search ?? '').toLowerCase();
  const items = [...ctx.store.state.webhooks.values()].filter(
    (w) =>
      (status === 'all' || w.status === status) &&
      (search === '' || w.name.toLowerCase().includes(search)),
  );
  const acc = {
    id: (w: WebhookRecord) => w.id,
    created: (w: WebhookRecord) => w.dateCreated,
    modified: (w: WebhookRecord) => w.dateModified,
    sortValue: (w: WebhookRecord) => w.name,
  };
  const sorted = sortItems(ctx, filterCommon(ctx, items, acc), acc);
  const c = ctxName(ctx);
  return paginate(ctx, sorted, (w) => webhookToJson(ctx.store, w, c));
}

function createWebhook(ctx: RouteContext, params: Record<string, unknown>): WebhookRecord {
  assertValidWebhookInput(params.topic, params.delivery_url);
  const status = phpToString(params.status ?? 'active');
  return ctx.webhooks.createRecord({
    topic: phpToString(params.topic),
    deliveryUrl: phpToString(params.delivery_url),
    secret: phpEmpty(params.secret) ? undefined : phpToString(params.secret),
    name: phpEmpty(params.name) ? undefined : phpToString(params.name),
    status: (STATUSES.includes(status) ? status : 'disabled') as WebhookStatus,
  });
}

async function createWebhookRoute(ctx: RouteContext): Promise<RestResult> {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_create',
    'Sorry, you are not allowed to create resources.',
  );
  const webhook = createWebhook(ctx, ctx.params);
  const data = webhookToJson(ctx.store, webhook, 'edit');
  await ctx.webhooks.ping(webhook);
  return {
    status: 201,
    data,
    headers: { Location: ctx.store.restUrl(`/wc/v3/webhooks/${webhook.id}`) },
  };
}

function getWebhook(ctx: RouteContext): RestResult {
  const w = ctx.store.state.webhooks.get(phpToInt(ctx.params.id));
  if (!w) throw invalid(404);
  requireCapability(ctx, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  return { status: 200, data: webhookToJson(ctx.store, w, ctxName(ctx)) };
}

function updateWebhook(
  ctx: RouteContext,
  id: number,
  params: Record<string, unknown>,
): WebhookRecord {
  const existing = ctx.store.state.webhooks.get(id);
  if (!existing) throw invalid(400, 'ID is invalid.');
  const w = { ...existing };
  if (!phpEmpty(params.topic)) {
    const topic = phpToString(params.topic).toLowerCase();
    if (!isValidWebhookTopic(topic)) {
      throw new WooRestError(
        'woocommerce_rest_shop_webhook_invalid_topic',
        'Webhook topic must be valid.',
        {
          status: 400,
        },
      );
    }
    w.topic = topic;
  }
  if (!phpEmpty(params.delivery_url)) {
    const url = phpToString(params.delivery_url);
    if (!/^https?:\/\/\S+$/i.test(url)) {
      throw new WooRestError(
        'woocommerce_rest_shop_webhook_invalid_delivery_url',
        'Webhook delivery URL must be a valid URL starting with http:// or https://.',
        { status: 400 },
      );
    }
    w.deliveryUrl = url;
  }
  if (!phpEmpty(params.secret)) w.secret = phpToString(params.secret);
  if (!phpEmpty(params.status)) {
    const status = phpToString(params.status);
    const next = (STATUSES.includes(status) ? status : 'disabled') as WebhookStatus;
    if (next === 'active' && w.status !== 'active') w.failureCount = 0;
    w.status = next;
  }
  if (!phpEmpty(params.name)) w.name = phpToString(params.name);
  w.dateModified = ctx.store.nowSec();
  Object.assign(existing, w);
  return existing;
}

function updateWebhookRoute(ctx: RouteContext): RestResult {
  const id = phpToInt(ctx.params.id);
  if (ctx.store.state.webhooks.has(id)) {
    requireCapability(
      ctx,
      'woocommerce_rest_cannot_edit',
      'Sorry, you are not allowed to edit this resource.',
    );
  }
  return {
    status: 200,
    data: webhookToJson(ctx.store, updateWebhook(ctx, id, ctx.params), 'edit'),
  };
}

function deleteWebhookById(ctx: RouteContext, id: number, force: boolean): Record<string, unknown> {
  if (!force) {
    throw new WooRestError(
      'woocommerce_rest_trash_not_supported',
      'Webhooks do not support trashing.',
      {
        status: 501,
      },
    );
  }
  const w = ctx.store.state.webhooks.get(id);
  if (!w) throw invalid(404);
  const before = webhookToJson(ctx.store, w, 'edit');
  ctx.store.state.webhooks.delete(id);
  return before;
}

function deleteWebhookRoute(ctx: RouteContext): RestResult {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_delete',
    'Sorry, you are not allowed to delete this resource.',
  );
  return {
    status: 200,
    data: deleteWebhookById(ctx, phpToInt(ctx.params.id), ctx.params.force === true),
  };
}

function batchWebhooks(ctx: RouteContext): RestResult {
  requireCapability(
    ctx,
    'woocommerce_rest_cannot_batch',
    'Sorry, you are not allowed to batch manipulate this resource.',
  );
  return runBatch(ctx, {
    createDefaults: { status: 'active' },
    create: (item) => webhookToJson(ctx.store, createWebhook(ctx, item), 'edit'),
    update: (item) => webhookToJson(ctx.store, updateWebhook(ctx, phpToInt(item.id), item), 'edit'),
    delete: (id) => deleteWebhookById(ctx, id, true),
  });
}

/** The webhook routes. */
export function webhookRoutes(): RouteDefinition[] {
  return [
    route('/wc/v3/webhooks', {
      GET: { args: listArgs, handler: listWebhooks },
      POST: { args: writeArgs(true), handler: createWebhookRoute },
    }),
    route('/wc/v3/webhooks/batch', {
      POST: { handler: batchWebhooks },
      PUT: { handler: batchWebhooks },
      PATCH: { handler: batchWebhooks },
    }),
    route('/wc/v3/webhooks/(?P<id>[\\d]+)', {
      GET: {
        args: { context: { type: 'string', enum: ['view', 'edit'], default: 'view' } },
        handler: getWebhook,
      },
      PUT: { args: writeArgs(false), handler: updateWebhookRoute },
      PATCH: { args: writeArgs(false), handler: updateWebhookRoute },
      DELETE: { args: { force: { type: 'boolean', default: false } }, handler: deleteWebhookRoute },
    }),
  ];
}
