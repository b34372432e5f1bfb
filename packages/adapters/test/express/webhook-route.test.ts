import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSyncRouter } from '@balance-sync/adapters/express';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  expectNoSecrets,
  SECRETS,
  type TestRuntime,
} from '../runtime/test-runtime.js';

// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
const json = (res: Response): Promise<any> => res.json();

const sign = (body: string | Buffer, secret: string = SECRETS.webhookSecret) =>
  createHmac('sha256', secret).update(body).digest('base64');

function wooHeaders(
  body: string,
  topic = 'order.updated',
  secret?: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'WooCommerce/9.9 Hookshot (WordPress/6.8)',
    'x-wc-webhook-source': 'https://shop.example.ge/',
    'x-wc-webhook-topic': topic,
    'x-wc-webhook-resource': topic.split('.')[0] ?? '',
    'x-wc-webhook-event': topic.split('.')[1] ?? '',
    'x-wc-webhook-signature': sign(body, secret),
    'x-wc-webhook-id': '7',
    'x-wc-webhook-delivery-id': 'f00d',
  };
}

describe('POST /webhooks/woocommerce/:storeId', () => {
  let t: TestRuntime;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    t = await createTestRuntime({
      patch: (raw) => {
        raw.stores[0].orders = {
          customer: { mode: 'retail', retailClient: '33333333-3333-3333-3333-333333333333' },
          warehouse: '11111111-1111-1111-1111-111111111111',
        };
      },
    });
    const app = express();
    app.use('/sync', createSyncRouter({ runtime: t.runtime }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sync/webhooks/woocommerce`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.dispose();
    expectNoSecrets(t.logs.join(''));
  });

  const jobCount = async () => (await t.runtime.queue.list({ limit: 1000 })).length;
  let before = 0;
  beforeEach(async () => {
    before = await jobCount();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}/${path}`, { method: 'POST', body, headers });

  it('verifies, enqueues export-order with the order dedupe id, and answers 202', async () => {
    const body = JSON.stringify({ id: 4711, status: 'processing', total: '118.00' });
    const res = await post('main', body, wooHeaders(body));
    expect(res.status).toBe(202);
    const answer = await json(res);
    expect(answer).toMatchObject({
      accepted: true,
      enqueued: true,
      topic: 'order.updated',
      orderId: 4711,
      deduplicated: false,
    });
    const job = await t.runtime.queue.get(answer.jobId);
    expect(job).toMatchObject({
      name: 'export-order',
      storeId: 'main',
      payload: { orderId: 4711 },
      dedupeId: 'order:main:4711',
      state: 'waiting',
    });

    // a second delivery for the same order joins the waiting job
    const again = JSON.stringify({ id: 4711, status: 'completed' });
    const res2 = await post('main', again, wooHeaders(again, 'order.created'));
    expect(res2.status).toBe(202);
    expect(await json(res2)).toMatchObject({ jobId: answer.jobId, deduplicated: true });
    expect(await jobCount()).toBe(before + 1);
  });

  it('turns concurrent deliveries of one order into one job, all answered with its id', async () => {
    const deliveries = ['order.created', 'order.updated', 'order.updated', 'order.updated'].map(
      (topic, index) => {
        const body = JSON.stringify({ id: 6100, status: 'processing', revision: index });
        return post('main', body, wooHeaders(body, topic));
      },
    );
    const answers = await Promise.all(
      (await Promise.all(deliveries)).map((res) => {
        expect(res.status).toBe(202);
        return json(res);
      }),
    );
    const jobIds = new Set(answers.map((answer) => answer.jobId));
    expect(jobIds.size).toBe(1);
    expect(answers.filter((answer) => !answer.deduplicated)).toHaveLength(1);
    expect(await jobCount()).toBe(before + 1);
  });

  it('enqueues the order of action.woocommerce_order_refunded', async () => {
    const body = JSON.stringify({ action: 'woocommerce_order_refunded', arg: 5120 });
    const res = await post('main', body, wooHeaders(body, 'action.woocommerce_order_refunded'));
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ enqueued: true, orderId: 5120 });
  });

  it('queues nothing for a store without order export, and says so', async () => {
    const other = await createTestRuntime();
    const app = express();
    app.use(createSyncRouter({ runtime: other.runtime }));
    const s = createServer(app);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const body = JSON.stringify({ id: 5, status: 'processing' });
      const res = await fetch(
        `http://127.0.0.1:${(s.address() as AddressInfo).port}/webhooks/woocommerce/main`,
        {
          method: 'POST',
          body,
          headers: wooHeaders(body),
        },
      );
      expect(res.status).toBe(202);
      expect(await json(res)).toMatchObject({
        enqueued: false,
        reason: expect.stringMatching(/not configured.*"orders" section/),
      });
      expect(await other.runtime.queue.list()).toEqual([]);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await other.dispose();
    }
  });

  it('answers the creation ping with 200 and enqueues nothing', async () => {
    const res = await post('main', 'webhook_id=7', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ accepted: true, ping: true, webhookId: 7 });
    expect(await jobCount()).toBe(before);
  });

  it('answers other topics 202 without enqueuing, saying why', async () => {
    const body = JSON.stringify({ id: 12, sku: 'MUG' });
    const res = await post('main', body, wooHeaders(body, 'product.updated'));
    expect(res.status).toBe(202);
    const answer = await json(res);
    expect(answer).toMatchObject({ accepted: true, enqueued: false, topic: 'product.updated' });
    expect(answer.reason).toMatch(/not used for order export/);
    const deleted = JSON.stringify({ id: 4711 });
    const res2 = await post('main', deleted, wooHeaders(deleted, 'order.deleted'));
    expect(res2.status).toBe(202);
    expect((await json(res2)).enqueued).toBe(false);
    expect(await jobCount()).toBe(before);
  });

  it('refuses a bad or missing signature with 401 and enqueues nothing', async () => {
    const body = JSON.stringify({ id: 1, status: 'processing' });
    const bad = await post('main', body, wooHeaders(body, 'order.updated', 'another-secret'));
    expect(bad.status).toBe(401);
    expect(await json(bad)).toMatchObject({ error: { code: 'bad_signature' } });
    const { 'x-wc-webhook-signature': _, ...unsigned } = wooHeaders(body);
    const missing = await post('main', body, unsigned);
    expect(missing.status).toBe(401);
    expect((await json(missing)).error.code).toBe('missing_signature');
    // a tampered body with the original signature
    const tampered = await post('main', body.replace('1', '2'), wooHeaders(body));
    expect(tampered.status).toBe(401);
    expect(await jobCount()).toBe(before);
  });

  it('refuses deliveries to a store without a webhook secret', async () => {
    const body = JSON.stringify({ id: 1 });
    const res = await post('nosecret', body, wooHeaders(body));
    expect(res.status).toBe(401);
    const answer = await json(res);
    expect(answer.error.code).toBe('webhook_secret_not_configured');
    expect(answer.error.message).toMatch(/webhookSecret/);
    expect(await jobCount()).toBe(before);
  });

  it('answers 404 for an unknown store', async () => {
    const body = JSON.stringify({ id: 1 });
    const res = await post('nope', body, wooHeaders(body));
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('unknown_store');
    expect(await jobCount()).toBe(before);
  });

  it('answers 400 for malformed JSON, an unknown topic or a payload without id', async () => {
    const broken = '{"id": 1,';
    const res = await post('main', broken, wooHeaders(broken));
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('malformed_json');
    const body = JSON.stringify({ id: 1 });
    const topic = await post('main', body, wooHeaders(body, 'order.exploded'));
    expect(topic.status).toBe(400);
    expect((await json(topic)).error.code).toBe('unknown_topic');
    const noId = JSON.stringify({ status: 'processing' });
    const res3 = await post('main', noId, wooHeaders(noId));
    expect(res3.status).toBe(400);
    expect((await json(res3)).error.code).toBe('invalid_payload');
    expect(await jobCount()).toBe(before);
  });

  it('answers 413 for a body over 1 MiB (declared or streamed)', async () => {
    const big = JSON.stringify({ id: 1, junk: 'x'.repeat(1024 * 1024) });
    const res = await post('main', big, wooHeaders(big));
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload_too_large');

    // chunked: no Content-Length, so the limit is enforced while reading
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${base}/main`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...wooHeaders(big), 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 64 * 1024) req.write(big.slice(i, i + 64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    // exactly at the limit is accepted
    const padding = 1024 * 1024 - JSON.stringify({ id: 9, p: '' }).length;
    const edge = JSON.stringify({ id: 9, p: 'y'.repeat(padding) });
    expect(Buffer.byteLength(edge)).toBe(1024 * 1024);
    expect((await post('main', edge, wooHeaders(edge))).status).toBe(202);
    expect(await jobCount()).toBe(before + 1);
  });

  it('answers 405 with Allow: POST for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${base}/main`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect((await json(res)).error.code).toBe('method_not_allowed');
    }
  });
});

describe('router mounted after a JSON body parser', () => {
  it('refuses with 500 body_already_parsed instead of verifying re-serialised JSON', async () => {
    const t = await createTestRuntime();
    const app = express();
    app.use(express.json());
    app.use(createSyncRouter({ runtime: t.runtime }));
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const body = JSON.stringify({ id: 1 });
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/woocommerce/main`,
        {
          method: 'POST',
          body,
          headers: wooHeaders(body),
        },
      );
      expect(res.status).toBe(500);
      const answer = await json(res);
      expect(answer.error.code).toBe('body_already_parsed');
      expect(answer.error.message).toMatch(/before express\.json\(\)/);
      expect(await t.runtime.queue.list()).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await t.dispose();
    }
  });
});
