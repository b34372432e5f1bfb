// The REST adapter against the WooCommerce simulator over real HTTP: a server it was not
// written against, with its own pagination, batch limit, SKU rules, faults and webhooks.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWooCommerceRest,
  verifyWooWebhook,
  WebhookVerificationError,
  type WooCommerceRest,
  type WooCommerceRestOptions,
} from '@balance-sync/adapters/woocommerce';
import {
  createManualClock,
  createWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from './support/msw-harness.js';

let sim: WooCommerceSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(settings: Parameters<typeof createWooCommerceSimulator>[0] = {}) {
  const clock = createManualClock('2026-11-27T08:00:00Z');
  sim = createWooCommerceSimulator({ clock, ...settings });
  await sim.start();
  const sleeps: number[] = [];
  const adapter = (overrides: Partial<WooCommerceRestOptions> = {}): WooCommerceRest =>
    createWooCommerceRest({
      url: sim!.url,
      consumerKey: sim!.keys.default.consumerKey,
      consumerSecret: sim!.keys.default.consumerSecret,
      clock: { now: () => new Date(clock.now()) },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    });
  return { sim, clock, sleeps, adapter };
}

const route = (entry: { method: string; route: string | null }) => `${entry.method} ${entry.route}`;

describe('REST adapter against the simulator', () => {
  it('reads 250 products over 3 pages', async () => {
    const { sim, adapter } = await start();
    const seeded = sim.seed.products(250);
    const listed = await collect(adapter().products.list());
    expect(listed.map((product) => product.sku).sort()).toEqual(
      seeded.map((product) => product.sku).sort(),
    );
    const reads = sim.requests.entries.filter((entry) => entry.route === '/wc/v3/products');
    expect(reads.map((entry) => [entry.query.page, entry.query.per_page, entry.status])).toEqual([
      ['1', '100', 200],
      ['2', '100', 200],
      ['3', '100', 200],
    ]);
  });

  it('sends 250 updates as 3 batches of at most 100', async () => {
    const { sim, adapter } = await start();
    const seeded = sim.seed.products(250, { stock: null });
    const { outcomes } = await adapter().products.batch({
      update: seeded.map((product) => ({ id: product.id, regularPrice: '42.00' })),
    });
    expect(outcomes.filter((outcome) => outcome.status === 'updated')).toHaveLength(250);
    const batches = sim.requests.entries.filter((entry) => entry.route === '/wc/v3/products/batch');
    expect(batches.map((entry) => (entry.body as { update: unknown[] }).update.length)).toEqual([
      100, 100, 50,
    ]);
    expect(batches.every((entry) => entry.status === 200)).toBe(true);
    expect(sim.read.product(seeded[249]!.id, 'edit').regular_price).toBe('42.00');
  });

  it("surfaces a duplicate SKU with the owner's resource_id", async () => {
    const { sim, adapter } = await start();
    const owner = sim.seed.product({ name: 'Owner', sku: 'DUP-SKU', regular_price: '1.00' });
    const { outcomes } = await adapter().products.batch({
      create: [{ ref: 'uid-1', sku: ' dup-sku', name: 'Copy', status: 'draft' }],
    });
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        ref: 'uid-1',
        error: expect.objectContaining({
          code: 'product_invalid_sku',
          status: 400,
          resourceId: owner.id,
        }),
      }),
    ]);
  });

  it('waits as Retry-After asks when the host rate-limits (empty and HTML bodies)', async () => {
    const { sim, sleeps, adapter } = await start();
    sim.seed.products(3);
    sim.faults.set([
      { type: 'rate-limit', retryAfter: 3, body: 'html', times: 1 },
      { type: 'unavailable', retryAfter: 1, body: 'empty', times: 1, skip: 1 },
    ]);
    const listed = await collect(adapter().products.list());
    expect(listed).toHaveLength(3);
    expect(sleeps).toEqual([3_000, 1_000]);
    expect(sim.requests.entries.map((entry) => entry.status)).toEqual([429, 503, 200]);
  });

  it('recovers a batch cut off mid-way without creating anything twice', async () => {
    const { sim, adapter } = await start();
    sim.faults.add({
      type: 'cut-off-batch',
      afterItems: 3,
      times: 1,
      match: { path: '/products/batch' },
    });
    const woo = adapter({ random: () => 0 });
    const { outcomes } = await woo.products.batch({
      create: Array.from({ length: 8 }, (_, index) => ({
        ref: `r${index}`,
        sku: `CUT-${index}`,
        name: `Cut ${index}`,
        status: 'draft' as const,
      })),
    });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill('created'));
    expect(outcomes.filter((outcome) => 'recovered' in outcome && outcome.recovered)).toHaveLength(
      3,
    );
    const skus = [...sim.state.products.values()]
      .map((product) => product.sku)
      .filter((sku) => sku.startsWith('CUT-'));
    expect(skus.sort()).toEqual(Array.from({ length: 8 }, (_, index) => `CUT-${index}`).sort());
    expect(sim.requests.entries.map(route)).toEqual([
      'POST /wc/v3/products/batch',
      'GET /wc/v3/products',
      'POST /wc/v3/products/batch',
    ]);
    expect((sim.requests.entries[2]!.body as { create: unknown[] }).create).toHaveLength(5);
  });

  it('reads through PHP notices and shrinks batches on 413', async () => {
    const { sim, adapter } = await start({ settings: { batchLimit: 30 } });
    const seeded = sim.seed.products(70, { stock: null });
    sim.faults.add({ type: 'php-notice', match: { method: 'GET' } });
    const woo = adapter();
    expect(await collect(woo.products.list())).toHaveLength(70);
    const { outcomes } = await woo.products.batch({
      update: seeded.map((product) => ({ id: product.id, name: `Renamed ${product.id}` })),
    });
    expect(outcomes.every((outcome) => outcome.status === 'updated')).toBe(true);
    const sizes = sim.requests.entries
      .filter((entry) => entry.route === '/wc/v3/products/batch')
      .map((entry) => [(entry.body as { update: unknown[] }).update.length, entry.status]);
    expect(sizes).toEqual([
      [70, 413],
      [35, 413],
      [18, 200],
      [17, 200],
      [35, 413],
      [18, 200],
      [17, 200],
    ]);
    expect(woo.batchLimit).toBe(18);
  });

  it('authenticates with OAuth 1.0a when WordPress does not see HTTPS', async () => {
    const { sim, adapter } = await start({ settings: { https: false } });
    sim.seed.products(2);
    await expect(collect(adapter().products.list())).rejects.toMatchObject({
      name: 'WooCommerceAuthError',
      status: 401,
    });
    expect(await collect(adapter({ auth: 'oauth1' }).products.list())).toHaveLength(2);
    const last = sim.requests.last()!;
    expect(last.status).toBe(200);
    expect(last.query.oauth_signature).toBe('[redacted]');
  });

  it('re-signs once with the scheme the store sees when it differs from the URL', async () => {
    // WordPress believes it is on HTTPS while the adapter calls http:// (the mirror image of a
    // TLS-terminating proxy): WooCommerce verifies the signature against https://….
    const { sim, adapter } = await start({ settings: { https: true } });
    sim.seed.products(2);
    const woo = adapter({ auth: 'oauth1' });
    const retries: { reason: string }[] = [];
    woo.events.on('retry', (event) => retries.push(event));
    expect(await collect(woo.products.list())).toHaveLength(2);
    expect(await woo.products.findBySkus(['SKU-000001'])).toHaveLength(1);
    expect(retries.map((event) => event.reason)).toEqual(['signature']);
    expect(sim.requests.entries.map((entry) => entry.status)).toEqual([401, 200, 200]);
  });

  it('authenticates with query-string keys', async () => {
    const { sim, adapter } = await start();
    sim.seed.products(1);
    expect(await collect(adapter({ auth: 'query' }).products.list())).toHaveLength(1);
    expect(sim.requests.last()!.query.consumer_secret).toBe('[redacted]');
  });
});

describe('webhooks from the simulator', () => {
  let receiver: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    receiver = undefined;
  });

  async function listen(): Promise<{
    url: string;
    received: { body: Buffer; headers: IncomingHttpHeaders }[];
  }> {
    const received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks), headers: request.headers });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/webhooks/woocommerce/main`, received };
  }

  it('accepts exactly the correctly signed deliveries', async () => {
    const { sim } = await start();
    const { url, received } = await listen();
    const secret = 'whsec & <tricky> "secret"';
    sim.seed.product({ name: 'Shirt', sku: 'SHIRT', regular_price: '20.00' });
    await sim.webhooks.create({ topic: 'order.updated', deliveryUrl: url, secret, ping: true });
    const order = await sim.shopper.placeOrder({
      lines: [{ sku: 'SHIRT', quantity: 1 }],
      paymentMethod: 'cod',
      paid: true,
    });
    await sim.admin.setStatus(order.id, 'completed');
    await sim.flushWebhooks();

    expect(received.length).toBeGreaterThanOrEqual(2);
    const [ping, ...deliveries] = received;
    expect(verifyWooWebhook({ rawBody: ping!.body, headers: ping!.headers, secret })).toMatchObject(
      { kind: 'ping' },
    );
    const update = deliveries.at(-1)!;
    expect(
      verifyWooWebhook({ rawBody: update.body, headers: update.headers, secret }),
    ).toMatchObject({
      kind: 'event',
      topic: 'order.updated',
      resource: 'order',
      event: 'updated',
      source: `${sim.url}/`,
      payload: expect.objectContaining({ id: order.id, status: 'completed' }),
    });
    expect(() =>
      verifyWooWebhook({ rawBody: update.body, headers: update.headers, secret: `${secret}x` }),
    ).toThrow(WebhookVerificationError);
    const tampered = Buffer.from(
      update.body.toString('utf8').replace('"completed"', '"cancelled"'),
    );
    expect(() => verifyWooWebhook({ rawBody: tampered, headers: update.headers, secret })).toThrow(
      expect.objectContaining({ reason: 'bad-signature' }),
    );
  });
});
