import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { readHeader, type WebhookHeaders } from './webhook-headers.js';
import { parseWebhookTopic, type WooWebhookResource } from './webhook-topics.js';

/** What {@link verifyWooWebhook} needs. */
export interface VerifyWooWebhookInput {
  /**
   * The request body exactly as received (bytes). Never re-serialise parsed JSON: the
   * signature covers the raw bytes. A string is taken as its UTF-8 bytes.
   */
  readonly rawBody: Uint8Array | string;
  /** The request headers (Fetch `Headers` or Node `IncomingHttpHeaders`). */
  readonly headers: WebhookHeaders;
  /** The webhook's secret exactly as configured in WooCommerce. */
  readonly secret: string;
}

/** The ping WooCommerce sends when a webhook is created: nothing to process, answer 200. */
export interface WooWebhookPing {
  readonly kind: 'ping';
  /** The id of the webhook that was created. */
  readonly webhookId: number;
}

/** A verified delivery. */
export interface WooWebhookEvent {
  readonly kind: 'event';
  /** `order.updated`, `order.created`, … */
  readonly topic: string;
  /** `order`, `product`, … (`action` for `action.*` topics). */
  readonly resource: WooWebhookResource;
  /** `created`, `updated`, … (the hook name for `action.*` topics). */
  readonly event: string;
  /** `X-WC-Webhook-ID`, when sent. */
  readonly webhookId: number | undefined;
  /** `X-WC-Webhook-Delivery-ID`: not stable across retries, so not an idempotency key. */
  readonly deliveryId: string | undefined;
  /** `X-WC-Webhook-Source`: the store's home URL with a trailing slash. */
  readonly source: string | undefined;
  /** The parsed body: the resource as `GET /wc/v3/<resource>s/<id>` returns it (`{id}` when deleted). */
  readonly payload: Record<string, unknown>;
}

/** The result of {@link verifyWooWebhook}. */
export type WooWebhookDelivery = WooWebhookPing | WooWebhookEvent;

const PING_BODY = /^webhook_id=(\d+)$/;

function toBytes(body: Uint8Array | string): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Checks a WooCommerce webhook delivery: `X-WC-Webhook-Signature` must be
 * `base64(HMAC-SHA256(raw body, secret))` (compared in constant time). Recognises the ping
 * WooCommerce sends when a webhook is created (form body `webhook_id=<id>`, no signature
 * headers). Throws a {@link WebhookVerificationError} saying what was wrong; nothing in it
 * reveals the secret or the expected signature.
 *
 * @example
 * ```ts
 * app.post('/webhooks/woocommerce/:storeId', express.raw({ type: () => true }), async (req, res) => {
 *   const delivery = verifyWooWebhook({ rawBody: req.body, headers: req.headers, secret });
 *   if (delivery.kind === 'ping') return res.sendStatus(200);
 *   await enqueueOrderExport(storeId, Number(delivery.payload.id));
 *   res.sendStatus(202);
 * });
 * ```
 */
export function verifyWooWebhook(input: VerifyWooWebhookInput): WooWebhookDelivery {
  const body = toBytes(input.rawBody);
  const signature = readHeader(input.headers, 'x-wc-webhook-signature');
  const topic = readHeader(input.headers, 'x-wc-webhook-topic');

  if (signature === undefined) {
    const ping = topic === undefined ? PING_BODY.exec(body.toString('latin1').trim()) : null;
    if (ping?.[1]) return { kind: 'ping', webhookId: Number(ping[1]) };
    throw new WebhookVerificationError(
      'The webhook delivery has no X-WC-Webhook-Signature header',
      'missing-signature',
    );
  }

  if (input.secret === '') {
    throw new WebhookVerificationError(
      'No webhook secret is configured to check the signature against',
      'bad-signature',
    );
  }
  const expected = Buffer.from(createHmac('sha256', input.secret).update(body).digest('base64'));
  const given = Buffer.from(signature.trim());
  // Equal lengths first: timingSafeEqual requires them, and the length of a base64 SHA-256
  // digest is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookVerificationError(
      'The webhook signature does not match the body and the configured secret',
      'bad-signature',
    );
  }

  if (topic === undefined) {
    throw new WebhookVerificationError(
      'The webhook delivery has no X-WC-Webhook-Topic header',
      'missing-header',
    );
  }
  const parsedTopic = parseWebhookTopic(topic.trim());
  if (!parsedTopic) {
    throw new WebhookVerificationError(
      `Unknown webhook topic "${topic.trim().slice(0, 100)}"`,
      'unknown-topic',
    );
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new WebhookVerificationError('The webhook body is not UTF-8 JSON', 'malformed-json');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new WebhookVerificationError('The webhook body is not a JSON object', 'malformed-json');
  }

  const webhookId = Number(readHeader(input.headers, 'x-wc-webhook-id'));
  return {
    kind: 'event',
    topic: topic.trim(),
    resource: parsedTopic.resource,
    event: parsedTopic.event,
    webhookId: Number.isInteger(webhookId) && webhookId > 0 ? webhookId : undefined,
    deliveryId: readHeader(input.headers, 'x-wc-webhook-delivery-id'),
    source: readHeader(input.headers, 'x-wc-webhook-source'),
    payload: payload as Record<string, unknown>,
  };
}
