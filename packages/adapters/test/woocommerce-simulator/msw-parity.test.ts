import {
  createManualClock,
  createWooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SHOP = 'https://shop.example.ge';
const mswSim = createWooCommerceSimulator({
  seed: 7,
  url: SHOP,
  clock: createManualClock('2026-03-01T08:00:00Z'),
});
const httpSim = createWooCommerceSimulator({
  seed: 7,
  clock: createManualClock('2026-03-01T08:00:00Z'),
});
const server = setupServer(...mswSim.handlers());

beforeAll(async () => {
  // msw 3 names the option `onUnhandledFrame` (msw 2: `onUnhandledRequest`).
  server.listen({ onUnhandledFrame: 'error' });
  await httpSim.start();
  // The comparison server is a real HTTP server: let its traffic through untouched.
  server.use(
    http.all(
      ({ request }) => request.url.startsWith(httpSim.url),
      () => passthrough(),
    ),
  );
});
afterAll(async () => {
  server.close();
  await httpSim.stop();
});

async function call(base: string, auth: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/wp-json/wc/v3${path}`, {
    method,
    headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    total: res.headers.get('x-wp-total'),
    link: res.headers.get('link')?.replaceAll(base, 'BASE') ?? null,
    body: text.replaceAll(base.replaceAll('/', '\\/'), 'BASE'),
  };
}

describe('msw handlers', () => {
  it('answer exactly like the HTTP server (same core)', async () => {
    expect(httpSim.keys.default.consumerKey).toBe(mswSim.keys.default.consumerKey);
    const script: [string, string, unknown?][] = [
      [
        'POST',
        '/products',
        { name: 'Boot', sku: 'B-1', regular_price: '99.90', manage_stock: true, stock_quantity: 3 },
      ],
      ['POST', '/products', { name: 'Boot', sku: 'b-1' }],
      [
        'POST',
        '/products/batch',
        { create: [{ name: 'X', sku: 'X' }], update: [{ id: 10, sale_price: '80' }] },
      ],
      ['GET', '/products?per_page=1&page=2&orderby=id'],
      ['POST', '/orders', { line_items: [{ sku: 'B-1', quantity: 2 }], set_paid: true }],
      ['POST', '/orders/12/refunds', { amount: '5', api_refund: false }],
      ['GET', '/refunds'],
      ['GET', '/nope'],
      ['POST', '/products', '{bad json'],
    ];
    for (const [method, path, body] of script) {
      const viaMsw = await call(SHOP, mswSim.authHeader(), method, path, body);
      const viaHttp = await call(httpSim.url, httpSim.authHeader(), method, path, body);
      expect(viaMsw, `${method} ${path}`).toEqual(viaHttp);
    }
    expect(mswSim.requests.entries.map((e) => e.transport)).toContain('msw');
  });

  it('leave other origins to onUnhandledRequest and drop connections for cut-off faults', async () => {
    await expect(fetch('https://elsewhere.example/wp-json/wc/v3/products')).rejects.toThrow();
    mswSim.faults.set({ type: 'cut-off-batch', afterItems: 1, times: 1 });
    await expect(
      fetch(`${SHOP}/wp-json/wc/v3/products/batch`, {
        method: 'POST',
        headers: { Authorization: mswSim.authHeader(), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          create: [
            { name: 'one', sku: 'ONE' },
            { name: 'two', sku: 'TWO' },
          ],
        }),
      }),
    ).rejects.toThrow();
    expect(mswSim.state.findProductIdsBySku('ONE')).toHaveLength(1);
    expect(mswSim.state.findProductIdsBySku('TWO')).toHaveLength(0);
    mswSim.faults.clear();
  });
});
