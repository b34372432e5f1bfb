// Bad-input corpus, webhook side: what reaches `POST /webhooks/woocommerce/:storeId` besides
// well-formed deliveries — malformed and hostile JSON, huge bodies (declared and streamed),
// wrong content types, missing / forged / mangled signatures, the creation ping, unknown and
// unused topics, odd order ids, other methods and stores. Each answer is a clear status with
// a stable code and a message saying what to do; nothing is enqueued for a refused delivery,
// every accepted one is enqueued exactly once (nothing lost), and the host keeps serving.
import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createSyncRouter } from '@balance-sync/adapters/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForSecrets } from '../security/secret-scan.js';
import { type CorpusWorld, startCorpusWorld } from './support/corpus-world.js';

interface Delivery {
  method?: string;
  store?: string;
  topic?: string | null;
  body: string | Buffer;
  contentType?: string | null;
  /** Signature: over the body with the right secret (default), another secret, or a literal. */
  signature?: { secret: string } | { literal: string } | null;
  extraHeaders?: Record<string, string>;
  /** Stream the body without Content-Length (chunked). */
  chunked?: boolean;
}

interface WebhookCase {
  name: string;
  delivery: (secret: string) => Delivery;
  status: number;
  code?: string;
  /** The order whose export is enqueued (accepted cases). */
  enqueues?: number;
  /** A phrase of the message or reason that tells the sender what to do. */
  says?: RegExp;
}

const order = (id: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, status: 'processing', total: '12.00', ...extra });
const ONE_MIB = 1024 * 1024;

const CASES: WebhookCase[] = [
  // accepted
  {
    name: 'a well-formed order.updated',
    delivery: () => ({ body: order(101) }),
    status: 202,
    enqueues: 101,
  },
  {
    name: 'Georgian text and emoji in the payload',
    delivery: () => ({
      body: order(102, { billing: { first_name: 'ნინო 🎉', last_name: 'ბერიძე' } }),
    }),
    status: 202,
    enqueues: 102,
  },
  {
    name: 'a body just under 1 MiB',
    delivery: () => ({ body: order(103, { note: 'x'.repeat(ONE_MIB - 200) }) }),
    status: 202,
    enqueues: 103,
  },
  {
    name: 'wrong content type (text/plain) but signed JSON',
    delivery: () => ({ body: order(104), contentType: 'text/plain' }),
    status: 202,
    enqueues: 104,
  },
  {
    name: 'no content type at all',
    delivery: () => ({ body: order(105), contentType: null }),
    status: 202,
    enqueues: 105,
  },
  {
    name: 'order id as a numeric string',
    delivery: () => ({ body: order('106') }),
    status: 202,
    enqueues: 106,
  },
  {
    name: 'action.woocommerce_order_refunded',
    delivery: () => ({
      topic: 'action.woocommerce_order_refunded',
      body: JSON.stringify({ action: 'woocommerce_order_refunded', arg: 107 }),
    }),
    status: 202,
    enqueues: 107,
  },
  {
    name: 'JSON with a byte-order mark',
    delivery: () => ({ body: `\uFEFF${order(108)}` }),
    status: 202,
    enqueues: 108,
  },
  {
    name: 'the same delivery again (duplicate)',
    delivery: () => ({ body: order(101) }),
    status: 202,
    enqueues: 101,
  },
  // answered, nothing to do
  {
    name: 'the creation ping (form body, unsigned)',
    delivery: () => ({
      body: 'webhook_id=7',
      contentType: 'application/x-www-form-urlencoded',
      signature: null,
      topic: null,
    }),
    status: 200,
  },
  {
    name: 'an unused topic (product.updated)',
    delivery: () => ({ topic: 'product.updated', body: JSON.stringify({ id: 5, sku: 'CF-001' }) }),
    status: 202,
    says: /not used for order export/,
  },
  {
    name: 'order.deleted',
    delivery: () => ({ topic: 'order.deleted', body: JSON.stringify({ id: 101 }) }),
    status: 202,
    says: /needs no export/,
  },
  // refused
  {
    name: 'malformed JSON',
    delivery: () => ({ body: '{"id": 12, "status": ' }),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'XML body',
    delivery: () => ({ body: '<order><id>12</id></order>', contentType: 'application/xml' }),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'gzip-compressed body',
    delivery: () => ({ body: gzipSync(order(109)), extraHeaders: { 'content-encoding': 'gzip' } }),
    status: 400,
  },
  { name: 'empty body', delivery: () => ({ body: '' }), status: 400 },
  {
    name: 'JSON array',
    delivery: () => ({ body: '[1,2,3]' }),
    status: 400,
    code: 'malformed_json',
  },
  { name: 'JSON null', delivery: () => ({ body: 'null' }), status: 400 },
  { name: 'JSON number', delivery: () => ({ body: '42' }), status: 400 },
  {
    name: 'deeply nested JSON (400,000 levels)',
    delivery: () => ({ body: `${'['.repeat(400_000)}${']'.repeat(400_000)}` }),
    status: 400,
  },
  {
    name: 'order id missing',
    delivery: () => ({ body: JSON.stringify({ status: 'processing' }) }),
    status: 400,
    code: 'invalid_payload',
    says: /positive integer "id"/,
  },
  {
    name: 'order id not a number',
    delivery: () => ({ body: order('abc') }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'order id negative',
    delivery: () => ({ body: order(-5) }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'order id zero',
    delivery: () => ({ body: order(0) }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'order id fractional',
    delivery: () => ({ body: order(1.5) }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'order id beyond 2^53',
    delivery: () => ({ body: '{"id":90071992547409930,"status":"processing"}' }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'action topic without an order id',
    delivery: () => ({
      topic: 'action.woocommerce_order_refunded',
      body: JSON.stringify({ action: 'woocommerce_order_refunded' }),
    }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'body over 1 MiB, declared',
    delivery: () => ({ body: order(110, { note: 'x'.repeat(2 * ONE_MIB) }) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'body over 1 MiB, streamed (chunked)',
    delivery: () => ({ body: order(111, { note: 'x'.repeat(2 * ONE_MIB) }), chunked: true }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'signature missing',
    delivery: () => ({ body: order(112), signature: null }),
    status: 401,
    code: 'missing_signature',
  },
  {
    name: 'signature forged (another secret)',
    delivery: () => ({ body: order(113), signature: { secret: 'not-the-secret' } }),
    status: 401,
    code: 'bad_signature',
    says: /secret in WooCommerce must equal/,
  },
  {
    name: 'signature of another body (tampered payload)',
    delivery: (secret) => ({
      body: order(114),
      signature: { literal: createHmac('sha256', secret).update(order(999)).digest('base64') },
    }),
    status: 401,
    code: 'bad_signature',
  },
  {
    name: 'signature hex instead of base64',
    delivery: (secret) => ({
      body: order(115),
      signature: { literal: createHmac('sha256', secret).update(order(115)).digest('hex') },
    }),
    status: 401,
    code: 'bad_signature',
  },
  {
    name: 'signature empty',
    delivery: () => ({ body: order(116), signature: { literal: '' } }),
    status: 401,
  },
  {
    name: 'signature garbage, 10,000 characters',
    delivery: () => ({ body: order(117), signature: { literal: '%'.repeat(10_000) } }),
    status: 401,
    code: 'bad_signature',
  },
  {
    name: 'signature with the secret itself',
    delivery: (secret) => ({ body: order(118), signature: { literal: secret } }),
    status: 401,
    code: 'bad_signature',
  },
  {
    name: 'topic header missing',
    delivery: () => ({ body: order(119), topic: null }),
    status: 400,
    code: 'missing_header',
  },
  {
    name: 'unknown topic',
    delivery: () => ({ topic: 'order.exploded', body: order(120) }),
    status: 400,
    code: 'unknown_topic',
  },
  {
    name: 'unknown store',
    delivery: () => ({ store: 'nowhere', body: order(121) }),
    status: 404,
    code: 'unknown_store',
    says: /delivery URL/,
  },
  {
    name: 'GET instead of POST',
    delivery: () => ({ method: 'GET', body: '' }),
    status: 405,
    code: 'method_not_allowed',
  },
  {
    name: 'PUT instead of POST',
    delivery: () => ({ method: 'PUT', body: order(122) }),
    status: 405,
    code: 'method_not_allowed',
  },
];

describe('webhook corpus: the Express router', () => {
  let world: CorpusWorld;
  let server: Server;
  let port: number;
  let secret: string;
  const enqueued = new Set<number>();

  beforeAll(async () => {
    world = await startCorpusWorld();
    secret = world.runtime.config.stores[0]?.woocommerce.webhookSecret as string;
    const app = express();
    app.use(createSyncRouter({ runtime: world.runtime }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    expect(scanForSecrets(world.logs.join(''), 'runtime log', world.secrets)).toEqual([]);
    await world.close();
  });

  /** Sends one delivery over a raw HTTP request (so chunked bodies and odd headers go as is). */
  const send = (d: Delivery): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const body = typeof d.body === 'string' ? Buffer.from(d.body) : d.body;
      const headers: Record<string, string> = {
        'user-agent': 'WooCommerce/9.9.0 Hookshot (WordPress/6.8)',
        'x-wc-webhook-source': 'https://shop.example.ge/',
        'x-wc-webhook-id': '7',
        'x-wc-webhook-delivery-id': 'b1946ac92492d2347c6235b4d2611184',
        ...d.extraHeaders,
      };
      if (d.contentType !== null) headers['content-type'] = d.contentType ?? 'application/json';
      const topic = d.topic === undefined ? 'order.updated' : d.topic;
      if (topic !== null) {
        headers['x-wc-webhook-topic'] = topic;
        headers['x-wc-webhook-resource'] = topic.split('.')[0] as string;
        headers['x-wc-webhook-event'] = topic.split('.')[1] as string;
      }
      const signature = d.signature === undefined ? { secret } : d.signature;
      if (signature !== null) {
        headers['x-wc-webhook-signature'] =
          'literal' in signature
            ? signature.literal
            : createHmac('sha256', signature.secret).update(body).digest('base64');
      }
      if (!d.chunked) headers['content-length'] = String(body.length);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: d.method ?? 'POST',
          path: `/webhooks/woocommerce/${d.store ?? world.storeId}`,
          headers,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      if (d.chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });

  const exportJobs = async () =>
    (await world.runtime.queue.list({ name: 'export-order', limit: 1000 })).map(
      (j) => (j.payload as { orderId: number }).orderId,
    );

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await exportJobs();
    const { status, text } = await send(c.delivery(secret));
    expect(status, text.slice(0, 300)).toBe(c.status);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (status >= 400) {
      const error = body.error as { code: string; message: string };
      expect(error.code).toMatch(/^[a-z_]+$/);
      if (c.code) expect(error.code).toBe(c.code);
      expect(error.message.length).toBeGreaterThan(25);
      if (c.says) expect(error.message).toMatch(c.says);
      expect(text).not.toContain(secret);
    } else if (c.says) {
      expect(body.reason).toMatch(c.says);
    }
    const after = await exportJobs();
    if (c.enqueues !== undefined) {
      enqueued.add(c.enqueues);
      expect(after.filter((id) => id === c.enqueues)).toHaveLength(1);
    } else {
      expect(after.length).toBe(before.length);
    }
  });

  it('enqueued every accepted order exactly once, and nothing else; the host still serves', async () => {
    const jobs = await exportJobs();
    expect([...jobs].sort()).toEqual([...enqueued].sort());
    const { status } = await send({ body: order(4242) });
    expect(status).toBe(202);
  });
});
