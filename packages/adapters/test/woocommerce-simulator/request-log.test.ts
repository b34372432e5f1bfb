import { createWooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
import { describe, expect, it } from 'vitest';

describe('request log and response shaping', () => {
  it('logs method, path, redacted query, status and timing; keeps id in _fields; supports rest_route and method override', async () => {
    const sim = createWooCommerceSimulator();
    await sim.start();
    try {
      const key = sim.keys.default;
      sim.seed.product({ name: 'A', sku: 'A' });
      const res = await fetch(
        `${sim.restUrl}/products?_fields=sku,date_modified_gmt&consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`,
      );
      const [item] = (await res.json()) as Record<string, unknown>[];
      expect(Object.keys(item ?? {}).sort()).toEqual(['date_modified_gmt', 'id', 'sku']);
      const entry = sim.requests.last();
      expect(entry).toMatchObject({
        method: 'GET',
        path: '/wp-json/wc/v3/products',
        route: '/wc/v3/products',
        status: 200,
        keyId: key.keyId,
        query: {
          _fields: 'sku,date_modified_gmt',
          consumer_key: '[redacted]',
          consumer_secret: '[redacted]',
        },
      });
      expect(entry?.durationMs).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(sim.requests.entries)).not.toContain(key.consumerSecret);
      const plain = await fetch(`${sim.url}/?rest_route=/wc/v3/products&per_page=1`, {
        headers: { Authorization: sim.authHeader() },
      });
      expect(plain.status).toBe(200);
      const overridden = await fetch(`${sim.restUrl}/products/10?_method=PUT`, {
        method: 'POST',
        headers: { Authorization: sim.authHeader(), 'Content-Type': 'application/json' },
        body: '{"name":"Renamed"}',
      });
      expect(((await overridden.json()) as { name: string }).name).toBe('Renamed');
      const direct = await sim.fetch('/products/10');
      expect(direct.status).toBe(200);
      sim.requests.clear();
      expect(sim.requests.size).toBe(0);
    } finally {
      await sim.stop();
    }
  });
});
