/**
 * Webhooks: records, creation rules, the asynchronous delivery queue with coalescing, the
 * signature, failure counting and auto-disable, pings, and the test controls (pause, flush,
 * drop, duplicate, delivery log).
 */
import { createHmac } from 'node:crypto';
import { formatGmt } from './dates.js';
import { WooRestError } from './errors.js';
import { orderToJson } from './order-json.js';
import { md5, phpJsonEncode, phpToString, specialCharsDecode } from './php.js';
import { productToJson } from './product-json.js';
import type { WebhookRecord, WebhookStatus } from './store-state.js';
import {
  isValidWebhookTopic,
  topicEvent,
  topicHooks,
  topicMatches,
  topicResource,
} from './webhook-topics.js';
import type { StoreHookEvent, WooStore } from './woo-store.js';

/**
 * One attempt to call a delivery URL (a delivery, a duplicate of one, or a creation ping), or
 * a delivery dropped on purpose.
 *
 * @example
 * await sim.flushWebhooks();
 * const last = sim.webhooks.deliveries.at(-1);
 * last?.outcome; // 'delivered'
 */
export interface WebhookDeliveryRecord {
  /** Sequence number in the log. */
  seq: number;
  /** `delivery` (a topic event), `ping` (webhook creation) or `dropped` (suppressed by a test). */
  kind: 'delivery' | 'ping' | 'dropped';
  webhookId: number;
  topic: string;
  /** The hook argument (resource id) the delivery is about; 0 for pings. */
  resourceId: number;
  url: string;
  /** `X-WC-Webhook-Delivery-ID` (not unique: same webhook + same second → same id). */
  deliveryId: string;
  /** Whether this call was an injected duplicate of the previous one. */
  duplicate: boolean;
  /** Request headers sent. */
  requestHeaders: Record<string, string>;
  /** Raw request body sent. */
  requestBody: string;
  /** HTTP status received, or `null` on a network error / timeout. */
  responseStatus: number | null;
  /** Response body (first 10 000 characters). */
  responseBody: string;
  /** Network error message, if any. */
  error: string | null;
  /** `delivered` (200–302), `failed`, `dropped`, or `ignored` (pings). */
  outcome: 'delivered' | 'failed' | 'dropped' | 'ignored';
  /** Webhook failure count after this attempt. */
  failureCount: number;
  /** Webhook status after this attempt. */
  webhookStatus: WebhookStatus;
  /** Clock time (epoch ms) when the event was queued and when the call was sent. */
  queuedAt: number;
  sentAt: number;
  durationMs: number;
}

/**
 * Selects deliveries for {@link WebhookControls.dropNext} / {@link WebhookControls.duplicateNext}.
 *
 * @example
 * sim.webhooks.dropNext(1, { topic: 'order.updated' });
 */
export interface DeliveryMatcher {
  webhookId?: number;
  topic?: string;
  resourceId?: number;
}

/**
 * Options of {@link WebhookControls.create}.
 *
 * @example
 * sim.webhooks.create({ topic: 'order.updated', deliveryUrl: 'http://127.0.0.1:4000/hook', secret: 's3cret' });
 */
export interface CreateWebhookOptions {
  topic: string;
  deliveryUrl: string;
  /** Default: a random 50-character password, as WooCommerce generates. */
  secret?: string;
  name?: string;
  status?: WebhookStatus;
  /** Send the creation ping (as wp-admin does on activation). Default `false`. */
  ping?: boolean;
}

/**
 * Test controls of webhook delivery, available as `sim.webhooks`.
 *
 * @example
 * sim.webhooks.pause();
 * await fetch(`${sim.url}/wp-json/wc/v3/orders/1`, { method: 'PUT', … });
 * expect(sim.webhooks.pendingCount).toBe(1);
 * sim.webhooks.resume();
 * await sim.flushWebhooks();
 */
export interface WebhookControls {
  /** Creates a webhook directly (no REST call). Returns the stored record. */
  create(options: CreateWebhookOptions): Promise<WebhookRecord>;
  /** Stops automatic delivery; events keep queueing (and coalescing). */
  pause(): void;
  /** Resumes automatic delivery. */
  resume(): void;
  /** Delivers everything queued now (even while paused) and waits for in-flight calls. */
  flush(): Promise<void>;
  /** Suppresses the next `count` matching deliveries (they are logged as `dropped`). */
  dropNext(count?: number, match?: DeliveryMatcher): void;
  /** Sends the next `count` matching deliveries twice (same body and delivery id). */
  duplicateNext(count?: number, match?: DeliveryMatcher): void;
  /** Number of queued, not yet sent deliveries. */
  readonly pendingCount: number;
  /** Every call made so far (and dropped deliveries), oldest first. */
  readonly deliveries: readonly WebhookDeliveryRecord[];
  /** Empties the delivery log. */
  clearLog(): void;
}

interface PendingDelivery {
  webhookId: number;
  arg: number;
  hook: string;
  queuedAt: number;
}

interface Interceptor {
  action: 'drop' | 'duplicate';
  remaining: number;
  match: DeliveryMatcher;
}

/** Options of the dispatcher. */
export interface WebhookDispatcherOptions {
  /** The `fetch` used for deliveries and pings (default: `globalThis.fetch` at call time). */
  fetch?: typeof fetch;
  /** Delivery timeout in milliseconds (WooCommerce: 60 s). */
  timeoutMs?: number;
  /** Delay before queued deliveries start, in milliseconds. Default 0. */
  delayMs?: number;
}

function defaultWebhookName(store: WooStore): string {
  const d = new Date(store.tz.toWall(store.nowSec()) * 1000);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(d.getUTCDate()).padStart(2, '0');
  const h = d.getUTCHours();
  const hh = String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `Webhook created on ${month} ${day}, ${d.getUTCFullYear()} @ ${hh}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * `base64(HMAC-SHA256(body, secret))` with the secret HTML-entity-decoded, as WooCommerce signs
 * deliveries (`X-WC-Webhook-Signature`). Verify against the raw request body.
 *
 * @example
 * const ok = webhookSignature(rawBody, 'my-secret') === req.headers['x-wc-webhook-signature'];
 */
export function webhookSignature(body: string, secret: string): string {
  return createHmac('sha256', specialCharsDecode(secret)).update(body, 'utf8').digest('base64');
}

/** Validates webhook create input (`topic`, `delivery_url`), throwing WooCommerce's errors. */
export function assertValidWebhookInput(topic: unknown, deliveryUrl: unknown): void {
  const t = phpToString(topic).toLowerCase();
  if (t === '' || !isValidWebhookTopic(t)) {
    throw new WooRestError(
      'woocommerce_rest_shop_webhook_invalid_topic',
      'Webhook topic is required and must be valid.',
      { status: 400 },
    );
  }
  const url = phpToString(deliveryUrl);
  if (url === '' || !/^https?:\/\/\S+$/i.test(url)) {
    throw new WooRestError(
      'woocommerce_rest_shop_webhook_invalid_delivery_url',
      'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      { status: 400 },
    );
  }
}

/** The delivery queue and log of one store. */
export class WebhookDispatcher implements WebhookControls {
  private readonly store: WooStore;
  private readonly options: Required<Omit<WebhookDispatcherOptions, 'fetch'>> & {
    fetch?: typeof fetch;
  };
  private readonly queue = new Map<string, PendingDelivery>();
  private readonly log: WebhookDeliveryRecord[] = [];
  private readonly interceptors: Interceptor[] = [];
  private paused = false;
  private holdDepth = 0;
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;

  constructor(store: WooStore, options: WebhookDispatcherOptions = {}) {
    this.store = store;
    this.options = {
      timeoutMs: options.timeoutMs ?? 60_000,
      delayMs: options.delayMs ?? 0,
      fetch: options.fetch,
    };
    store.onHook((event) => this.onHook(event));
  }

  get pendingCount(): number {
    return this.queue.size;
  }

  get deliveries(): readonly WebhookDeliveryRecord[] {
    return this.log;
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** Holds automatic delivery until the matching {@link release} (one per request). */
  hold(): void {
    this.holdDepth++;
  }

  /** Ends a {@link hold}; starts delivery if anything is queued. */
  release(): void {
    this.holdDepth = Math.max(0, this.holdDepth - 1);
    this.kick();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  dropNext(count = 1, match: DeliveryMatcher = {}): void {
    this.interceptors.push({ action: 'drop', remaining: count, match });
  }

  duplicateNext(count = 1, match: DeliveryMatcher = {}): void {
    this.interceptors.push({ action: 'duplicate', remaining: count, match });
  }

  async flush(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.queue.size === 0) return;
      this.running = this.drain(true).finally(() => {
        this.running = null;
      });
    }
  }

  async create(options: CreateWebhookOptions): Promise<WebhookRecord> {
    assertValidWebhookInput(options.topic, options.deliveryUrl);
    const webhook = this.createRecord({
      topic: options.topic,
      deliveryUrl: options.deliveryUrl,
      secret: options.secret,
      name: options.name,
      status: options.status,
    });
    if (options.ping) await this.ping(webhook);
    return webhook;
  }

  /** Stores a new webhook record (shared by the REST route and {@link create}). */
  createRecord(input: {
    topic: string;
    deliveryUrl: string;
    secret?: string | undefined;
    name?: string | undefined;
    status?: WebhookStatus | undefined;
  }): WebhookRecord {
    const now = this.store.nowSec();
    const webhook: WebhookRecord = {
      id: this.store.state.allocateWebhookId(),
      name: input.name && input.name !== '' ? input.name : defaultWebhookName(this.store),
      status: input.status ?? 'active',
      topic: input.topic.toLowerCase(),
      deliveryUrl: input.deliveryUrl,
      secret:
        input.secret && input.secret !== ''
          ? input.secret
          : this.store.random.password(50, true, true),
      apiVersion: 'wp_api_v3',
      userId: 1,
      failureCount: 0,
      dateCreated: now,
      dateModified: now,
    };
    this.store.state.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** `WC_Webhook::deliver_ping()`: form body `webhook_id=<id>`, no signature; result ignored. */
  async ping(webhook: WebhookRecord): Promise<void> {
    const body = `webhook_id=${webhook.id}`;
    const headers = {
      'User-Agent': this.userAgent(),
      'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
    };
    const record = await this.send(
      webhook,
      'ping',
      0,
      body,
      headers,
      '',
      false,
      this.store.clock.now(),
    );
    record.outcome = 'ignored';
  }

  private userAgent(): string {
    return `WooCommerce/${this.store.settings.version} Hookshot (WordPress/${this.store.settings.wordpressVersion})`;
  }

  private onHook(event: StoreHookEvent): void {
    for (const webhook of this.store.state.webhooks.values()) {
      if (webhook.status !== 'active') continue;
      if (!topicMatches(webhook.topic, event)) continue;
      if (!this.isValidResource(webhook, event)) continue;
      const key = `${webhook.id}:${event.arg}`;
      if (this.queue.has(key)) continue;
      this.queue.set(key, {
        webhookId: webhook.id,
        arg: event.arg,
        hook: event.hook,
        queuedAt: this.store.clock.now(),
      });
    }
    this.kick();
  }

  private isValidResource(webhook: WebhookRecord, event: StoreHookEvent): boolean {
    const resource = topicResource(webhook.topic);
    if (resource === 'product') {
      const p = this.store.state.products.get(event.arg);
      if (p && (p.status === 'auto-draft' || p.status === 'new')) return false;
    }
    if (resource === 'order') {
      const o = this.store.state.orders.get(event.arg);
      if (o && ['draft', 'auto-draft', 'new'].includes(o.status)) return false;
    }
    return true;
  }

  private kick(): void {
    if (this.paused || this.holdDepth > 0 || this.running || this.timer || this.queue.size === 0)
      return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.paused || this.running) return;
      this.running = this.drain(false).finally(() => {
        this.running = null;
        this.kick();
      });
    }, this.options.delayMs);
  }

  private async drain(force: boolean): Promise<void> {
    while (this.queue.size > 0 && (force || !this.paused)) {
      const [key, pending] = this.queue.entries().next().value as [string, PendingDelivery];
      this.queue.delete(key);
      await this.deliver(pending);
    }
  }

  private takeInterceptor(webhook: WebhookRecord, arg: number): Interceptor['action'] | null {
    for (const rule of this.interceptors) {
      if (rule.remaining <= 0) continue;
      const m = rule.match;
      if (m.webhookId !== undefined && m.webhookId !== webhook.id) continue;
      if (m.topic !== undefined && m.topic !== webhook.topic) continue;
      if (m.resourceId !== undefined && m.resourceId !== arg) continue;
      rule.remaining--;
      return rule.action;
    }
    return null;
  }

  private buildPayload(webhook: WebhookRecord, pending: PendingDelivery): unknown {
    const resource = topicResource(webhook.topic);
    const event = topicEvent(webhook.topic);
    if (resource === 'action') return { action: pending.hook, arg: pending.arg };
    if (event === 'deleted') return { id: pending.arg };
    if (resource === 'product') {
      const p = this.store.state.products.get(pending.arg);
      if (!p) return [];
      const { _links, ...json } = productToJson(this.store, p, 'view');
      return json;
    }
    if (resource === 'order') {
      const o = this.store.state.orders.get(pending.arg);
      if (!o) return [];
      const { _links, ...json } = orderToJson(this.store, o, this.store.dp);
      return json;
    }
    return [];
  }

  private async deliver(pending: PendingDelivery): Promise<void> {
    const webhook = this.store.state.webhooks.get(pending.webhookId);
    if (!webhook) return;
    const body = phpJsonEncode(this.buildPayload(webhook, pending)).trim();
    const deliveryId = md5(`${webhook.id}${this.store.nowSec()}wc-webhook-salt`);
    const resource = topicResource(webhook.topic);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': this.userAgent(),
      'X-WC-Webhook-Source': `${this.store.siteUrl}/`,
      'X-WC-Webhook-Topic': webhook.topic,
      'X-WC-Webhook-Resource': resource,
      'X-WC-Webhook-Event':
        resource === 'action' ? (topicHooks(webhook.topic)[0] ?? '') : topicEvent(webhook.topic),
      'X-WC-Webhook-Signature': webhookSignature(body, webhook.secret),
      'X-WC-Webhook-ID': String(webhook.id),
      'X-WC-Webhook-Delivery-ID': deliveryId,
    };
    const action = this.takeInterceptor(webhook, pending.arg);
    if (action === 'drop') {
      const now = this.store.clock.now();
      this.log.push({
        seq: ++this.seq,
        kind: 'dropped',
        webhookId: webhook.id,
        topic: webhook.topic,
        resourceId: pending.arg,
        url: webhook.deliveryUrl,
        deliveryId,
        duplicate: false,
        requestHeaders: headers,
        requestBody: body,
        responseStatus: null,
        responseBody: '',
        error: null,
        outcome: 'dropped',
        failureCount: webhook.failureCount,
        webhookStatus: webhook.status,
        queuedAt: pending.queuedAt,
        sentAt: now,
        durationMs: 0,
      });
      return;
    }
    const first = await this.send(
      webhook,
      'delivery',
      pending.arg,
      body,
      headers,
      deliveryId,
      false,
      pending.queuedAt,
    );
    this.applyResult(webhook, first);
    if (action === 'duplicate') {
      const second = await this.send(
        webhook,
        'delivery',
        pending.arg,
        body,
        headers,
        deliveryId,
        true,
        pending.queuedAt,
      );
      this.applyResult(webhook, second);
    }
  }

  private applyResult(webhook: WebhookRecord, record: WebhookDeliveryRecord): void {
    const status = record.responseStatus;
    if (status !== null && status >= 200 && status < 303) {
      webhook.failureCount = 0;
      record.outcome = 'delivered';
    } else {
      record.outcome = 'failed';
      if (webhook.failureCount > this.store.settings.maxWebhookDeliveryFailures) {
        webhook.status = 'disabled';
      } else {
        webhook.failureCount++;
      }
    }
    record.failureCount = webhook.failureCount;
    record.webhookStatus = webhook.status;
  }

  private async send(
    webhook: WebhookRecord,
    kind: 'delivery' | 'ping',
    resourceId: number,
    body: string,
    headers: Record<string, string>,
    deliveryId: string,
    duplicate: boolean,
    queuedAt: number,
    timeoutMs = this.options.timeoutMs,
  ): Promise<WebhookDeliveryRecord> {
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const sentAt = this.store.clock.now();
    const started = performance.now();
    let responseStatus: number | null = null;
    let responseBody = '';
    let error: string | null = null;
    try {
      const res = await doFetch(webhook.deliveryUrl, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.min(timeoutMs, this.options.timeoutMs)),
      });
      responseStatus = res.status;
      responseBody = (await res.text().catch(() => '')).slice(0, 10_000);
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const record: WebhookDeliveryRecord = {
      seq: ++this.seq,
      kind,
      webhookId: webhook.id,
      topic: webhook.topic,
      resourceId,
      url: webhook.deliveryUrl,
      deliveryId,
      duplicate,
      requestHeaders: headers,
      requestBody: body,
      responseStatus,
      responseBody,
      error,
      outcome: 'ignored',
      failureCount: webhook.failureCount,
      webhookStatus: webhook.status,
      queuedAt,
      sentAt,
      durationMs: performance.now() - started,
    };
    this.log.push(record);
    return record;
  }
}

/** A webhook as `GET /webhooks/{id}` returns it (`secret` only in `edit` context). */
export function webhookToJson(
  store: WooStore,
  webhook: WebhookRecord,
  context: 'view' | 'edit',
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource: topicResource(webhook.topic),
    event: topicEvent(webhook.topic),
    hooks: [...topicHooks(webhook.topic)],
    delivery_url: webhook.deliveryUrl,
    date_created: store.tz.formatLocal(webhook.dateCreated),
    date_created_gmt: formatGmt(webhook.dateCreated),
    date_modified: store.tz.formatLocal(webhook.dateModified),
    date_modified_gmt: formatGmt(webhook.dateModified),
  };
  if (context === 'edit') json.secret = webhook.secret;
  json._links = {
    self: [{ href: store.restUrl(`/wc/v3/webhooks/${webhook.id}`) }],
    collection: [{ href: store.restUrl('/wc/v3/webhooks') }],
  };
  return json;
}
