import type { Request, Response } from 'express';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import {
  verifyWooWebhook,
  WebhookVerificationError,
  type WebhookVerificationFailure,
  type WooWebhookEvent,
} from '../woocommerce/index.js';
import { HttpError, sendError } from './http-error.js';
import { readRawBody } from './read-raw-body.js';

/**
 * Answer of an accepted delivery (202), or of the creation ping (200).
 *
 * @example
 * ```ts
 * const body = (await res.json()) as WebhookAcceptedBody;
 * if ('jobId' in body) console.log('queued as', body.jobId);
 * ```
 */
export type WebhookAcceptedBody =
  | { accepted: true; ping: true; webhookId: number }
  | {
      accepted: true;
      enqueued: true;
      topic: string;
      orderId: number;
      jobId: string;
      /** A job for this order was already waiting; this delivery joined it. */
      deduplicated: boolean;
    }
  | { accepted: true; enqueued: false; topic: string; reason: string };

const ORDER_EVENTS = new Set(['created', 'updated', 'restored']);
/** `action.*` topics whose argument is an order id. */
const ORDER_ACTIONS = new Set([
  'woocommerce_order_refunded',
  'woocommerce_order_status_changed',
  'woocommerce_payment_complete',
  'woocommerce_order_partially_refunded',
  'woocommerce_order_fully_refunded',
]);

/** Error code of the answer to a delivery refused by {@link verifyWooWebhook}. */
const VERIFICATION_CODES: Readonly<Record<WebhookVerificationFailure, string>> = {
  'missing-signature': 'missing_signature',
  'bad-signature': 'bad_signature',
  'missing-header': 'missing_header',
  'unknown-topic': 'unknown_topic',
  'malformed-json': 'malformed_json',
};

function positiveId(value: unknown): number | undefined {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Which order a delivery is about, or why it is not exported. */
function orderOf(
  delivery: WooWebhookEvent,
): { orderId: number } | { ignore: string } | { invalid: string } {
  if (delivery.resource === 'order') {
    if (!ORDER_EVENTS.has(delivery.event)) {
      return { ignore: `${delivery.topic} needs no export (a trashed order keeps its documents)` };
    }
    const orderId = positiveId(delivery.payload.id);
    return orderId ? { orderId } : { invalid: 'The order payload has no positive integer "id"' };
  }
  if (delivery.resource === 'action' && ORDER_ACTIONS.has(delivery.event)) {
    const orderId = positiveId(delivery.payload.arg);
    return orderId
      ? { orderId }
      : { invalid: `The ${delivery.topic} payload has no order id in "arg"` };
  }
  return {
    ignore: `${delivery.topic} is not used for order export; only order.created, order.updated and order.restored are (catalog changes flow from Balance)`,
  };
}

/**
 * `POST /webhooks/woocommerce/:storeId`: size check, raw body, signature check, durable
 * enqueue of `export-order` (dedupe `order:<storeId>:<orderId>`), 202. No engine work runs in
 * the request; nothing is enqueued on any error.
 */
export function createWebhookHandler(options: { runtime: SyncRuntime; maxBodyBytes: number }) {
  const { runtime, maxBodyBytes } = options;
  const stores = new Map(runtime.config.stores.map((s) => [s.id, s]));

  return async (req: Request, res: Response): Promise<void> => {
    const storeId = String(req.params.storeId);
    const store = stores.get(storeId);
    if (!store) {
      sendError(
        res,
        404,
        'unknown_store',
        `No store "${storeId}" is configured here; check the delivery URL of the webhook in WooCommerce (…/webhooks/woocommerce/<store id>)`,
      );
      return;
    }
    try {
      const rawBody = await readRawBody(req, maxBodyBytes);
      let delivery: ReturnType<typeof verifyWooWebhook>;
      try {
        delivery = verifyWooWebhook({
          rawBody,
          headers: req.headers,
          secret: store.woocommerce.webhookSecret ?? '',
        });
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        const unauthorized =
          error.reason === 'missing-signature' || error.reason === 'bad-signature';
        if (unauthorized && !store.woocommerce.webhookSecret) {
          throw new HttpError(
            401,
            'webhook_secret_not_configured',
            `Store "${storeId}" has no webhook secret, so no delivery can be verified; set stores[].woocommerce.webhookSecret (or BALANCE_SYNC_STORES_<ID>_WEBHOOK_SECRET) to the secret of the WooCommerce webhook`,
          );
        }
        const status = unauthorized ? 401 : 400;
        const code = VERIFICATION_CODES[error.reason];
        const hint = unauthorized
          ? '; the webhook secret in WooCommerce must equal the configured one'
          : '';
        throw new HttpError(status, code, `${error.message}${hint}`);
      }

      if (delivery.kind === 'ping') {
        runtime.logger.info({ storeId, webhookId: delivery.webhookId }, 'webhook ping answered');
        const body: WebhookAcceptedBody = {
          accepted: true,
          ping: true,
          webhookId: delivery.webhookId,
        };
        res.status(200).json(body);
        return;
      }

      const target = orderOf(delivery);
      if ('invalid' in target) throw new HttpError(400, 'invalid_payload', target.invalid);
      if (!('ignore' in target) && !runtime.config.orders && !store.orders) {
        const body: WebhookAcceptedBody = {
          accepted: true,
          enqueued: false,
          topic: delivery.topic,
          reason: `Order export is not configured for store "${storeId}" (add an "orders" section to the configuration)`,
        };
        res.status(202).json(body);
        return;
      }
      if ('ignore' in target) {
        const body: WebhookAcceptedBody = {
          accepted: true,
          enqueued: false,
          topic: delivery.topic,
          reason: target.ignore,
        };
        res.status(202).json(body);
        return;
      }

      let enqueued: { id: string; deduplicated: boolean };
      try {
        enqueued = await runtime.queue.enqueue({
          name: 'export-order',
          storeId,
          payload: { orderId: target.orderId },
          dedupeId: `order:${storeId}:${target.orderId}`,
        });
      } catch (error) {
        runtime.logger.error(
          { storeId, orderId: target.orderId, err: error },
          'webhook enqueue failed',
        );
        throw new HttpError(
          503,
          'enqueue_failed',
          'The delivery could not be queued durably; WooCommerce will count this as a failure and the order sweep will pick the order up. Check the queue (storage) health.',
          { headers: { 'retry-after': '30' } },
        );
      }
      runtime.logger.info(
        {
          storeId,
          topic: delivery.topic,
          orderId: target.orderId,
          jobId: enqueued.id,
          deduplicated: enqueued.deduplicated,
        },
        'webhook accepted',
      );
      const body: WebhookAcceptedBody = {
        accepted: true,
        enqueued: true,
        topic: delivery.topic,
        orderId: target.orderId,
        jobId: enqueued.id,
        deduplicated: enqueued.deduplicated,
      };
      res.status(202).json(body);
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.status >= 400 && error.status < 500) {
          runtime.logger.warn(
            { storeId, status: error.status, code: error.code },
            'webhook refused',
          );
        }
        sendError(res, error.status, error.code, error.message, { headers: { ...error.headers } });
        return;
      }
      runtime.logger.error({ storeId, err: error }, 'webhook failed');
      sendError(
        res,
        500,
        'internal_error',
        'The delivery could not be processed; see the server log',
      );
    }
  };
}
