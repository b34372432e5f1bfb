import { createWooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
import { describe, expect, it } from 'vitest';

describe('seeding at benchmark scale', () => {
  it('seeds 20 000 products fast and pages through them with reasonable memory', async () => {
    const sim = createWooCommerceSimulator({ seed: 'bench' });
    const [cat] = sim.seed.categories(['Bulk']);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const seeded = sim.seed.products(20_000, { skuPrefix: 'BAL-', categoryIds: [cat!.id] });
    const seedMs = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(seeded).toHaveLength(20_000);
    expect(seeded[0]).toMatchObject({ sku: 'BAL-000001', name: 'Product 1' });
    expect(seedMs).toBeLessThan(5_000);
    expect(heapMb).toBeLessThan(250);
    await sim.start();
    try {
      const t1 = performance.now();
      let pages = 0;
      let seen = 0;
      for (let page = 1; page <= 200; page++) {
        const res = await fetch(
          `${sim.restUrl}/products?per_page=100&page=${page}&orderby=id&order=asc&_fields=id,sku`,
          {
            headers: { Authorization: sim.authHeader() },
          },
        );
        const body = (await res.json()) as { id: number; sku: string }[];
        seen += body.length;
        pages++;
        if (page === 1) expect(res.headers.get('x-wp-total')).toBe('20000');
      }
      const pageMs = (performance.now() - t1) / pages;
      expect(seen).toBe(20_000);
      expect(pageMs).toBeLessThan(100);
      const skus = seeded
        .slice(500, 600)
        .map((p) => p.sku)
        .join(',');
      const bySku = await fetch(`${sim.restUrl}/products?per_page=100&sku=${skus}`, {
        headers: { Authorization: sim.authHeader() },
      });
      expect(((await bySku.json()) as unknown[]).length).toBe(100);
      const cats = await fetch(`${sim.restUrl}/products/categories?include=${cat!.id}`, {
        headers: { Authorization: sim.authHeader() },
      });
      expect(((await cats.json()) as { count: number }[])[0]?.count).toBe(20_000);
      console.log(
        `seed 20k: ${seedMs.toFixed(0)} ms, ~${heapMb.toFixed(0)} MB heap; page of 100: ${pageMs.toFixed(1)} ms`,
      );
    } finally {
      await sim.stop();
    }
  });
});
