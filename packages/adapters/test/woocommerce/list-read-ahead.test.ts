import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  API,
  collect,
  createTestAdapter,
  pageHeaders,
  useMsw,
  wireProduct,
} from './support/msw-harness.js';

const { server, log } = useMsw();

/** Products 1…total; later pages answer sooner, so the order comes from the reader alone. */
function productPages(total: number, options: { totalPagesOf?: (page: number) => number } = {}) {
  const all = Array.from({ length: total }, (_, index) => wireProduct(index + 1));
  const pages = Math.ceil(total / 100);
  const flight = { now: 0, peak: 0 };
  const handler = http.get(`${API}/products`, async ({ request }) => {
    const page = Number(new URL(request.url).searchParams.get('page'));
    flight.now += 1;
    flight.peak = Math.max(flight.peak, flight.now);
    await delay(5 + (pages - page) * 3);
    flight.now -= 1;
    const totalPages = options.totalPagesOf?.(page) ?? pages;
    return HttpResponse.json(all.slice((page - 1) * 100, page * 100), {
      headers: { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages) },
    });
  });
  return { all, flight, handler };
}

const pageLog = (path = '/products') =>
  log()
    .filter((line) => line.startsWith(`GET ${path}?`))
    .map((line) => Number(/[?&]page=(\d+)/.exec(line)?.[1]));

describe('full listings read pages ahead', () => {
  it('keeps at most `concurrency` page requests in flight and yields in page order', async () => {
    const { all, flight, handler } = productPages(950);
    server.use(handler);
    const { woo } = createTestAdapter({ concurrency: 3 });
    const listed = await collect(woo.products.list({ includeVariations: false }));
    expect(listed.map((product) => product.id)).toEqual(all.map((product) => product.id));
    expect(flight.peak).toBe(3);
    // Page 1 first (it announces the total), then every page exactly once.
    expect(pageLog()[0]).toBe(1);
    expect([...pageLog()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads one page after another with concurrency 1', async () => {
    const { flight, handler } = productPages(350);
    server.use(handler);
    const { woo } = createTestAdapter({ concurrency: 1 });
    expect(await collect(woo.products.list({ includeVariations: false }))).toHaveLength(350);
    expect(flight.peak).toBe(1);
    expect(pageLog()).toEqual([1, 2, 3, 4]);
  });

  it('stops where the sequential reader would when the store shrinks while being read', async () => {
    // Page 1 announces 5 pages; page 2 says there are only 2 now.
    const { flight, handler } = productPages(500, {
      totalPagesOf: (page) => (page === 1 ? 5 : 2),
    });
    server.use(handler);
    const { woo } = createTestAdapter({ concurrency: 4 });
    const listed = await collect(woo.products.list({ includeVariations: false }));
    expect(listed.map((product) => product.id)).toEqual(
      Array.from({ length: 200 }, (_, index) => index + 1),
    );
    expect(flight.peak).toBeLessThanOrEqual(4);
  });

  it('ignores the failure of a page read ahead past the end', async () => {
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        if (page >= 3) {
          return HttpResponse.json({ code: 'rest_invalid_param', message: 'no' }, { status: 400 });
        }
        const items = Array.from({ length: 100 }, (_, index) => wireProduct(page * 1000 + index));
        // Page 1 announces 4 pages, page 2 says it is the last.
        return HttpResponse.json(items, { headers: pageHeaders(page === 1 ? 400 : 200) });
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 4 });
    expect(await collect(woo.products.list({ includeVariations: false }))).toHaveLength(200);
  });

  it('throws the first failing page in page order, after the pages before it', async () => {
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        if (page === 3) {
          return HttpResponse.json({ code: 'rest_invalid_param', message: 'no' }, { status: 400 });
        }
        const items = Array.from({ length: 100 }, (_, index) => wireProduct(page * 1000 + index));
        return HttpResponse.json(items, { headers: pageHeaders(600) });
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 4 });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const product of woo.products.list({ includeVariations: false })) {
          seen.push(product.id);
        }
      })(),
    ).rejects.toMatchObject({ name: 'WooCommerceHttpError', status: 400 });
    expect(seen).toHaveLength(200);
    expect(seen[199]).toBe(2099);
  });

  it('retries a failing page on its own and keeps the order', async () => {
    const failures = new Set([2]);
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        if (failures.delete(page)) return new HttpResponse(null, { status: 503 });
        const items = Array.from({ length: 100 }, (_, index) => wireProduct(page * 1000 + index));
        return HttpResponse.json(items, { headers: pageHeaders(400) });
      }),
    );
    const { woo, sleeps } = createTestAdapter({ concurrency: 4 });
    const listed = await collect(woo.products.list({ includeVariations: false }));
    expect(listed.map((product) => Math.floor(product.id / 1000))).toEqual(
      [1, 2, 3, 4].flatMap((page) => Array<number>(100).fill(page)),
    );
    expect(sleeps).toHaveLength(1);
    expect(pageLog().filter((page) => page === 2)).toHaveLength(2);
  });

  it('stops requesting when the consumer stops early, and leaves nothing running', async () => {
    const { flight, handler } = productPages(2_000);
    server.use(handler);
    const { woo } = createTestAdapter({ concurrency: 2 });
    let count = 0;
    for await (const _ of woo.products.list({ includeVariations: false })) {
      count += 1;
      if (count === 150) break;
    }
    expect(flight.now).toBe(0);
    // Pages 1 and 2 were needed; at most `concurrency` more were read ahead.
    expect(pageLog().length).toBeLessThanOrEqual(4);
  });

  it('reads pages one after another without X-WP-TotalPages, until a short page', async () => {
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const size = page < 3 ? 100 : 40;
        return HttpResponse.json(
          Array.from({ length: size }, (_, index) => wireProduct(page * 1000 + index)),
        );
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 4 });
    expect(await collect(woo.products.list({ includeVariations: false }))).toHaveLength(240);
    expect(pageLog()).toEqual([1, 2, 3]);
  });

  it("reads several parents' variations at once and yields them in the parents' order", async () => {
    const parents = [2, 4, 6, 8, 10, 12];
    const flight = { now: 0, peak: 0 };
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json(
          Array.from({ length: 12 }, (_, index) =>
            wireProduct(index + 1, parents.includes(index + 1) ? { type: 'variable' } : {}),
          ),
          { headers: pageHeaders(12) },
        ),
      ),
      http.get(`${API}/products/:id/variations`, async ({ params }) => {
        const parent = Number(params.id);
        flight.now += 1;
        flight.peak = Math.max(flight.peak, flight.now);
        // Later parents answer sooner.
        await delay(5 + (12 - parent) * 2);
        flight.now -= 1;
        return HttpResponse.json(
          [1, 2].map((n) => wireProduct(parent * 100 + n, { parent_id: parent })),
          { headers: pageHeaders(2) },
        );
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 3 });
    const listed = await collect(woo.products.list());
    expect(listed.map((product) => product.id)).toEqual([
      ...Array.from({ length: 12 }, (_, index) => index + 1),
      ...parents.flatMap((parent) => [parent * 100 + 1, parent * 100 + 2]),
    ]);
    expect(listed.slice(12).every((product) => product.type === 'variation')).toBe(true);
    expect(flight.peak).toBe(3);
  });

  it('reads category pages ahead, in page order', async () => {
    const all = Array.from({ length: 420 }, (_, index) => ({
      id: index + 1,
      name: `Category ${index + 1}`,
      slug: `category-${index + 1}`,
      parent: 0,
    }));
    const flight = { now: 0, peak: 0 };
    server.use(
      http.get(`${API}/products/categories`, async ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        flight.now += 1;
        flight.peak = Math.max(flight.peak, flight.now);
        await delay(5 + (5 - page) * 3);
        flight.now -= 1;
        return HttpResponse.json(all.slice((page - 1) * 100, page * 100), {
          headers: pageHeaders(all.length),
        });
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 4 });
    const listed = await collect(woo.categories.list());
    expect(listed.map((category) => category.id)).toEqual(all.map((category) => category.id));
    expect(flight.peak).toBe(4);
  });
});
