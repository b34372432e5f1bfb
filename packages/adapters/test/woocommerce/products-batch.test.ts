import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  API,
  createTestAdapter,
  jsonBody,
  pageHeaders,
  useMsw,
  wireProduct,
} from './support/msw-harness.js';

const { server, requests, log } = useMsw();

type Item = Record<string, unknown>;

/** A batch endpoint echoing each item as a product (ids from 1000 for creates). */
function echoBatch(onCall?: (body: { create?: Item[]; update?: Item[] }) => Response | undefined) {
  let nextId = 1000;
  return http.post(`${API}/products/batch`, async ({ request }) => {
    const body = (await request.json()) as { create?: Item[]; update?: Item[] };
    const early = onCall?.(body);
    if (early) return early;
    return HttpResponse.json({
      ...(body.create ? { create: body.create.map((item) => wireProduct(nextId++, item)) } : {}),
      ...(body.update
        ? { update: body.update.map((item) => wireProduct(Number(item.id), item)) }
        : {}),
    });
  });
}

describe('products.batch', () => {
  it('sends 250 updates as 3 batches of at most 100, outcomes in input order', async () => {
    server.use(echoBatch());
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      update: Array.from({ length: 250 }, (_, index) => ({
        id: index + 1,
        ref: `r${index}`,
        regularPrice: '9.99',
      })),
    });
    expect(log()).toEqual(['POST /products/batch', 'POST /products/batch', 'POST /products/batch']);
    const sizes = requests.map(
      (request) => (jsonBody(request) as { update: Item[] }).update.length,
    );
    expect(sizes).toEqual([100, 100, 50]);
    expect(outcomes).toHaveLength(250);
    expect(
      outcomes.every((outcome, index) => outcome.status === 'updated' && outcome.id === index + 1),
    ).toBe(true);
    expect((jsonBody(requests[0]) as { update: Item[] }).update[0]).toEqual({
      id: 1,
      regular_price: '9.99',
    });
  });

  it('runs batch calls in parallel up to the concurrency and still returns outcomes in order', async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.post(`${API}/products/batch`, async ({ request }) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        const body = (await request.json()) as { update: Item[] };
        // Later calls answer first.
        await delay(40 - Number(body.update[0]?.id ?? 0) / 10);
        inFlight -= 1;
        return HttpResponse.json({
          update: body.update.map((item) => wireProduct(Number(item.id), item)),
        });
      }),
    );
    const { woo } = createTestAdapter({ concurrency: 2 });
    const { outcomes } = await woo.products.batch({
      update: Array.from({ length: 350 }, (_, index) => ({ id: index + 1, name: `n${index}` })),
    });
    expect(peak).toBe(2);
    expect(outcomes.map((outcome) => (outcome.status === 'updated' ? outcome.id : 0))).toEqual(
      Array.from({ length: 350 }, (_, index) => index + 1),
    );
  });

  it('writes snake_case JSON with _gmt dates; variation updates go through their parent', async () => {
    server.use(
      echoBatch(),
      http.post(`${API}/products/7/variations/batch`, async ({ request }) => {
        const body = (await request.json()) as { update: Item[] };
        return HttpResponse.json({
          update: body.update.map((item) => ({
            ...wireProduct(Number(item.id), item),
            parent_id: 7,
            type: undefined,
          })),
        });
      }),
    );
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      create: [
        {
          ref: 'uid-1',
          sku: ' NEW-1 ',
          name: 'New',
          status: 'draft',
          regularPrice: '12.50',
          salePrice: '10.00',
          saleFrom: '2026-12-01T00:00:00Z',
          saleTo: null,
          manageStock: true,
          stockQuantity: 4,
          categoryIds: [21],
          meta: [{ key: '_balance_uid', value: 'uid-1' }],
        },
      ],
      update: [{ id: 70, parentId: 7, regularPrice: '3.00', categoryIds: [5] }],
    });
    expect(log()).toEqual(['POST /products/batch', 'POST /products/7/variations/batch']);
    expect(jsonBody(requests[0])).toEqual({
      create: [
        {
          name: 'New',
          sku: 'NEW-1',
          status: 'draft',
          regular_price: '12.50',
          sale_price: '10.00',
          date_on_sale_from_gmt: '2026-12-01T00:00:00',
          date_on_sale_to_gmt: '',
          manage_stock: true,
          stock_quantity: 4,
          categories: [{ id: 21 }],
          meta_data: [{ key: '_balance_uid', value: 'uid-1' }],
        },
      ],
    });
    // Variations have no categories.
    expect(jsonBody(requests[1])).toEqual({ update: [{ id: 70, regular_price: '3.00' }] });
    expect(outcomes.map((o) => [o.op, o.status])).toEqual([
      ['create', 'created'],
      ['update', 'updated'],
    ]);
    expect(outcomes[1]).toMatchObject({ item: { type: 'variation', parentId: 7 } });
  });

  it("surfaces a duplicate SKU with the owner's resource_id as a failed outcome", async () => {
    server.use(
      http.post(`${API}/products/batch`, () =>
        HttpResponse.json({
          create: [
            wireProduct(501, { sku: 'FRESH' }),
            {
              id: 0,
              error: {
                code: 'product_invalid_sku',
                message: 'Invalid or duplicated SKU.',
                data: { status: 400, resource_id: 42, unique_sku: 'TAKEN-1' },
              },
            },
          ],
        }),
      ),
    );
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      create: [
        { ref: 'a', sku: 'FRESH', name: 'A', status: 'draft' },
        { ref: 'b', sku: 'TAKEN', name: 'B', status: 'draft' },
      ],
    });
    expect(outcomes[1]).toEqual({
      op: 'create',
      status: 'failed',
      ref: 'b',
      error: {
        code: 'product_invalid_sku',
        message: 'Invalid or duplicated SKU.',
        status: 400,
        resourceId: 42,
        data: { status: 400, resource_id: 42, unique_sku: 'TAKEN-1' },
      },
    });
    expect(log()).toEqual(['POST /products/batch']);
  });

  it('halves the batch after a 413 and keeps the smaller size', async () => {
    server.use(
      echoBatch((body) => {
        const size = (body.create?.length ?? 0) + (body.update?.length ?? 0);
        return size > 30
          ? HttpResponse.json(
              {
                code: 'woocommerce_rest_request_entity_too_large',
                message: 'Unable to accept more than 30 items for this request.',
                data: { status: 413 },
              },
              { status: 413 },
            )
          : undefined;
      }),
    );
    const { woo, warnings } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      update: Array.from({ length: 100 }, (_, index) => ({ id: index + 1, name: `N${index}` })),
    });
    expect(outcomes.every((outcome) => outcome.status === 'updated')).toBe(true);
    const sizes = requests.map(
      (request) => (jsonBody(request) as { update: Item[] }).update.length,
    );
    expect(sizes).toEqual([100, 50, 25, 25, 50, 25, 25]);
    expect(woo.batchLimit).toBe(25);
    expect(warnings.some((warning) => warning.message?.includes('413'))).toBe(true);

    requests.length = 0;
    await woo.products.batch({
      update: Array.from({ length: 60 }, (_, index) => ({ id: index + 1 })),
    });
    expect(
      requests.map((request) => (jsonBody(request) as { update: Item[] }).update.length),
    ).toEqual([25, 25, 10]);
  });

  it('recovers a cut-off create batch: looks the SKUs up and re-sends only the missing ones', async () => {
    const store = new Map<string, Record<string, unknown>>();
    let nextId = 800;
    let calls = 0;
    server.use(
      http.post(`${API}/products/batch`, async ({ request }) => {
        calls += 1;
        const body = (await request.json()) as { create?: Item[]; update?: Item[] };
        const created = (body.create ?? []).map((item) => {
          const product = wireProduct(nextId++, item);
          store.set(String(item.sku).toLowerCase(), product);
          return product;
        });
        if (calls === 1) {
          // PHP ran out of time after 2 of 4 creates (they stay), the proxy cut the connection.
          for (const item of (body.create ?? []).slice(2))
            store.delete(String(item.sku).toLowerCase());
          return HttpResponse.error();
        }
        return HttpResponse.json({
          create: created,
          ...(body.update
            ? { update: body.update.map((item) => wireProduct(Number(item.id), item)) }
            : {}),
        });
      }),
      http.get(`${API}/products`, ({ request }) => {
        const asked = (new URL(request.url).searchParams.get('sku') ?? '').split(',');
        const hits = asked.flatMap((sku) => store.get(sku.toLowerCase()) ?? []);
        return HttpResponse.json(hits, { headers: pageHeaders(hits.length) });
      }),
    );
    const { woo, sleeps } = createTestAdapter();
    const recoveries: unknown[] = [];
    woo.events.on('recovery', (event) => recoveries.push(event));
    const { outcomes } = await woo.products.batch({
      create: ['A', 'B', 'C', 'D'].map((sku) => ({
        ref: sku,
        sku,
        name: sku,
        status: 'draft' as const,
      })),
      update: [{ id: 5, name: 'five' }],
    });
    expect(log()).toEqual([
      'POST /products/batch',
      'GET /products?sku=A,B,C,D&orderby=id&order=asc&per_page=100&page=1',
      'POST /products/batch',
    ]);
    expect(jsonBody(requests[2])).toEqual({
      create: [
        { sku: 'C', name: 'C', status: 'draft' },
        { sku: 'D', name: 'D', status: 'draft' },
      ],
      update: [{ id: 5, name: 'five' }],
    });
    expect(
      outcomes.map((outcome) => [
        outcome.ref,
        outcome.status,
        'recovered' in outcome && outcome.recovered,
      ]),
    ).toEqual([
      ['A', 'created', true],
      ['B', 'created', true],
      ['C', 'created', false],
      ['D', 'created', false],
      [undefined, 'updated', false],
    ]);
    expect(store.size).toBe(4);
    expect(recoveries).toEqual([{ endpoint: '/products/batch', unknown: 4, found: 2, resent: 2 }]);
    expect(sleeps).toHaveLength(1);
  });

  it('never re-sends a create after a 5xx when the lookup finds it', async () => {
    server.use(
      http.post(`${API}/products/batch`, () =>
        HttpResponse.text('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
      ),
      http.get(`${API}/products`, () =>
        HttpResponse.json([wireProduct(900, { sku: 'ONLY' })], { headers: pageHeaders(1) }),
      ),
    );
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      create: [{ ref: 'only', sku: 'only', name: 'Only', status: 'draft' }],
    });
    expect(outcomes).toEqual([
      expect.objectContaining({
        op: 'create',
        status: 'created',
        recovered: true,
        item: expect.objectContaining({ id: 900 }),
      }),
    ]);
    expect(log()).toEqual([
      'POST /products/batch',
      'GET /products?sku=only&orderby=id&order=asc&per_page=100&page=1',
    ]);
  });

  it('gives up on creates it cannot prove missing within the retry limit, without duplicates', async () => {
    server.use(
      http.post(`${API}/products/batch`, () => HttpResponse.error()),
      http.get(`${API}/products`, () => HttpResponse.json([], { headers: pageHeaders(0) })),
    );
    const { woo } = createTestAdapter({ retry: { limit: 1 } });
    const { outcomes } = await woo.products.batch({
      create: [
        { ref: 'x', sku: 'X', name: 'X', status: 'draft' },
        { ref: 'no-sku', sku: '', name: 'No SKU', status: 'draft' },
      ],
    });
    expect(log()).toEqual([
      'POST /products/batch',
      'GET /products?sku=X&orderby=id&order=asc&per_page=100&page=1',
      'POST /products/batch',
      'GET /products?sku=X&orderby=id&order=asc&per_page=100&page=1',
    ]);
    // The SKU-less create is never sent again: nothing could prove it missing.
    expect(jsonBody(requests[2])).toEqual({ create: [{ sku: 'X', name: 'X', status: 'draft' }] });
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        ref: 'x',
        error: expect.objectContaining({ code: 'WOOCOMMERCE_NETWORK_ERROR' }),
      }),
      expect.objectContaining({
        status: 'failed',
        ref: 'no-sku',
        error: expect.objectContaining({ code: 'WOOCOMMERCE_NETWORK_ERROR' }),
      }),
    ]);
  });

  it('throws on authentication errors instead of failing every item', async () => {
    server.use(
      http.post(`${API}/products/batch`, () =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_authentication_error',
            message: 'The API key provided does not have write permissions.',
            data: { status: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    await expect(woo.products.batch({ update: [{ id: 1, name: 'x' }] })).rejects.toMatchObject({
      name: 'WooCommerceAuthError',
      status: 401,
      wooCode: 'woocommerce_rest_authentication_error',
      hint: expect.stringContaining('Read/Write'),
    });
  });
});

describe('categories.batch', () => {
  it("reports term_exists with the existing term's id", async () => {
    server.use(
      http.post(`${API}/products/categories/batch`, () =>
        HttpResponse.json({
          create: [
            {
              id: 0,
              error: {
                code: 'term_exists',
                message: 'A term with the name provided already exists with this parent.',
                data: { status: 400, resource_id: 31 },
              },
            },
          ],
          update: [{ id: 12, name: 'Renamed', slug: 'renamed', parent: 0 }],
        }),
      ),
    );
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.categories.batch({
      create: [{ ref: 'g1', name: 'Shoes', parentId: 0 }],
      update: [{ id: 12, name: 'Renamed' }],
    });
    expect(jsonBody(requests[0])).toEqual({
      create: [{ name: 'Shoes', parent: 0 }],
      update: [{ id: 12, name: 'Renamed' }],
    });
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        ref: 'g1',
        error: expect.objectContaining({ code: 'term_exists', resourceId: 31 }),
      }),
      {
        op: 'update',
        status: 'updated',
        id: 12,
        item: { id: 12, name: 'Renamed', slug: 'renamed', parentId: 0 },
      },
    ]);
  });
});
