import {
  createManualClock,
  createWooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

function causeCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? '';
}

describe('#50 fault modes', () => {
  it('#50 host 429/503 with an empty or HTML body and Retry-After, scoped and counted', async () => {
    sim = await startSim({
      faults: [{ type: 'rate-limit', body: 'empty', retryAfter: 7, times: 1 }],
    });
    const limited = await api(sim, 'GET', '/products');
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('');
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await api(sim, 'GET', '/products')).status).toBe(200);
    const rule = sim.faults.add({
      type: 'unavailable',
      match: { method: 'POST', path: '/products*' },
      skip: 1,
      times: 2,
    });
    expect((await api(sim, 'GET', '/products')).status).toBe(200);
    expect((await api(sim, 'POST', '/products', { name: 'first passes' })).status).toBe(201);
    const down = await api(sim, 'POST', '/products', { name: 'no' });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toBe('text/html');
    expect(down.text).toContain('<h1>503 Service Temporarily Unavailable</h1>');
    expect(down.headers.get('retry-after')).toBe('1');
    expect((await api(sim, 'POST', '/products/batch', { create: [{ name: 'no' }] })).status).toBe(
      503,
    );
    expect((await api(sim, 'POST', '/products', { name: 'ok again' })).status).toBe(201);
    expect(rule).toMatchObject({ seen: 4, hits: 2 });
    expect(sim.state.products.size).toBe(2);
    sim.faults.clear();
    expect(sim.faults.list()).toEqual([]);
  });

  it('#50 downtime windows follow the simulator clock', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    sim.faults.set({
      type: 'downtime',
      from: '2026-03-01T09:00:00Z',
      until: '2026-03-01T09:10:00Z',
    });
    expect((await api(sim, 'GET', '/products')).status).toBe(200);
    clock.set('2026-03-01T09:05:00Z');
    const res = await api(sim, 'GET', '/products');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('300');
    clock.set('2026-03-01T09:10:00Z');
    expect((await api(sim, 'GET', '/products')).status).toBe(200);
  });

  it('#50 a PHP notice printed before the JSON body', async () => {
    sim = await startSim();
    sim.faults.set({ type: 'php-notice', match: { path: '/products' } });
    const res = await api(sim, 'GET', '/products');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.text.startsWith('<br />\n<b>Deprecated</b>')).toBe(true);
    expect(res.json).toBeNull();
    expect(JSON.parse(res.text.slice(res.text.indexOf('[')))).toEqual([]);
  });

  it('#50 a batch cut off after N applied items: no response, the socket is destroyed, earlier items stay', async () => {
    sim = await startSim();
    sim.faults.set({ type: 'cut-off-batch', afterItems: 4, times: 1 });
    const create = Array.from({ length: 10 }, (_, i) => ({ name: `P${i}`, sku: `CUT-${i}` }));
    const err = await fetch(`${sim.restUrl}/products/batch`, {
      method: 'POST',
      headers: { Authorization: sim.authHeader(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ create }),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypeError);
    expect(sim.state.products.size).toBe(4);
    expect([...sim.state.products.values()].map((p) => p.sku)).toEqual([
      'CUT-0',
      'CUT-1',
      'CUT-2',
      'CUT-3',
    ]);
    expect(sim.requests.last()).toMatchObject({
      route: '/wc/v3/products/batch',
      status: null,
      faults: ['cut-off-batch'],
    });
    // The retry (reconciling by SKU) goes through.
    const retry = await api(sim, 'POST', '/products/batch', { create: create.slice(4) });
    expect(retry.status).toBe(200);
    expect(sim.state.products.size).toBe(10);
  });

  it('#50 lose-response applies the request, drop-connection does not', async () => {
    sim = await startSim();
    sim.faults.set({ type: 'lose-response', times: 1, match: { method: 'POST' } });
    await expect(
      fetch(`${sim.restUrl}/products`, {
        method: 'POST',
        headers: { Authorization: sim.authHeader(), 'Content-Type': 'application/json' },
        body: '{"name":"ghost","sku":"G"}',
      }),
    ).rejects.toThrow();
    expect(sim.state.findProductIdsBySku('G')).toHaveLength(1);
    sim.faults.set({ type: 'drop-connection', times: 1 });
    await expect(
      fetch(`${sim.restUrl}/products`, {
        method: 'POST',
        headers: { Authorization: sim.authHeader(), 'Content-Type': 'application/json' },
        body: '{"name":"never","sku":"N"}',
      }),
    ).rejects.toThrow();
    expect(sim.state.findProductIdsBySku('N')).toHaveLength(0);
  });

  it('#50 headers larger than 16 KB make Node’s HTTP client fail', async () => {
    sim = await startSim();
    sim.faults.set({ type: 'oversized-headers', times: 1 });
    const err = await fetch(`${sim.restUrl}/products`, {
      headers: { Authorization: sim.authHeader() },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypeError);
    expect(causeCode(err)).toBe('UND_ERR_HEADERS_OVERFLOW');
    expect((await api(sim, 'GET', '/products')).status).toBe(200);
  });

  it('#50 HTTP 500 with a WooCommerce JSON body, nothing applied', async () => {
    sim = await startSim();
    sim.faults.set({ type: 'server-error', times: 1 });
    const res = await api(sim, 'POST', '/products', { name: 'x' });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal_server_error', data: { status: 500 } });
    expect(res.json.message).toContain('There has been a critical error on this website.');
    expect(sim.state.products.size).toBe(0);
    sim.faults.set({
      type: 'server-error',
      code: 'woocommerce_rest_cannot_create',
      message: 'Busy',
      data: { status: 500 },
    });
    expect((await api(sim, 'GET', '/orders')).json).toEqual({
      code: 'woocommerce_rest_cannot_create',
      message: 'Busy',
      data: { status: 500 },
    });
  });

  it('#50 caching feature: X-WC-Cache, ETag and 304 on a matching If-None-Match', async () => {
    sim = await startSim();
    const p = sim.seed.product({ name: 'Cached', sku: 'C' });
    const off = await api(sim, 'GET', `/products/${p.id}`);
    expect(off.headers.get('x-wc-cache')).toBeNull();
    sim.settings.restApiCaching = true;
    const miss = await api(sim, 'GET', `/products/${p.id}`);
    expect(miss.headers.get('x-wc-cache')).toBe('MISS');
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const hit = await api(sim, 'GET', `/products/${p.id}`);
    expect(hit.headers.get('x-wc-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(etag);
    const notModified = await api(sim, 'GET', `/products/${p.id}`, undefined, {
      'If-None-Match': etag ?? '',
    });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('x-wc-cache')).toBe('HIT');
    await sim.admin.editProduct(p.id, { name: 'Changed' });
    const changed = await api(sim, 'GET', `/products/${p.id}`, undefined, {
      'If-None-Match': etag ?? '',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('x-wc-cache')).toBe('MISS');
    expect(changed.headers.get('etag')).not.toBe(etag);
    const skip = await api(sim, 'GET', `/products/${p.id}?_skip_cache=1`);
    expect(skip.headers.get('x-wc-cache')).toBe('SKIP');
    expect((await api(sim, 'GET', '/orders')).headers.get('x-wc-cache')).toBeNull();
  });

  it('#50 faults are deterministic: probabilities follow the seed', async () => {
    const pattern = async () => {
      const s = createWooCommerceSimulator({
        seed: 'flaky',
        faults: [{ type: 'unavailable', probability: 0.5 }],
      });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await s.fetch('/products')).status);
      return out;
    };
    const a = await pattern();
    expect(await pattern()).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  it('#50 latency delays the answer', async () => {
    sim = await startSim({ faults: [{ type: 'latency', ms: 60, match: { path: '/orders' } }] });
    const t0 = performance.now();
    await api(sim, 'GET', '/orders');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    const t1 = performance.now();
    await api(sim, 'GET', '/products');
    expect(performance.now() - t1).toBeLessThan(55);
  });
});
