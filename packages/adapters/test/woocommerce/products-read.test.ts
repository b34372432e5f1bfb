import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  API,
  collect,
  createTestAdapter,
  pageHeaders,
  useMsw,
  wireProduct,
} from './support/msw-harness.js';

const { server, requests, log } = useMsw();

const PRODUCT_FIELDS =
  'id,parent_id,type,status,sku,name,regular_price,sale_price,date_on_sale_from_gmt,date_on_sale_to_gmt,manage_stock,stock_quantity,stock_status,categories,meta_data,date_modified_gmt';

describe('products.list', () => {
  it('reads 250 products over 3 pages following X-WP-TotalPages', async () => {
    const all = Array.from({ length: 250 }, (_, index) => wireProduct(index + 1));
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json(all.slice((page - 1) * 100, page * 100), {
          headers: pageHeaders(all.length),
        });
      }),
    );
    const { woo } = createTestAdapter();
    const listed = await collect(woo.products.list());
    expect(listed).toHaveLength(250);
    expect(listed.map((product) => product.id)).toEqual(all.map((product) => product.id));
    expect(log()).toEqual([
      'GET /products?orderby=id&order=asc&per_page=100&page=1',
      'GET /products?orderby=id&order=asc&per_page=100&page=2',
      'GET /products?orderby=id&order=asc&per_page=100&page=3',
    ]);
    // Raw values, only the port's fields.
    expect(requests[0]?.url.searchParams.get('context')).toBe('edit');
    expect(requests[0]?.url.searchParams.get('_fields')).toBe(PRODUCT_FIELDS);
    expect(requests[0]?.headers.get('authorization')).toMatch(/^Basic /);
  });

  it('maps WooCommerce JSON to the port: _gmt dates with Z, decimal strings, categories, meta', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json(
          [
            wireProduct(7, {
              sku: 'SHIRT',
              regular_price: '20.5',
              sale_price: '18',
              date_on_sale_from_gmt: '2026-12-01T00:00:00',
              date_on_sale_to_gmt: null,
              manage_stock: true,
              stock_quantity: 3,
              categories: [{ id: 21, name: 'Shirts', slug: 'shirts' }],
              meta_data: [{ id: 99, key: '_balance_uid', value: 'u-1' }],
              date_modified_gmt: '2026-11-27T08:15:30',
              // Fields the adapter did not ask for are ignored.
              price: '18',
            }),
          ],
          { headers: pageHeaders(1) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const [product] = await collect(woo.products.list({ includeVariations: false }));
    expect(product).toEqual({
      id: 7,
      parentId: 0,
      type: 'simple',
      status: 'publish',
      sku: 'SHIRT',
      name: 'Product 7',
      regularPrice: '20.5',
      salePrice: '18',
      saleFrom: '2026-12-01T00:00:00Z',
      saleTo: null,
      manageStock: true,
      stockQuantity: 3,
      stockStatus: 'instock',
      categoryIds: [21],
      meta: [{ key: '_balance_uid', value: 'u-1' }],
      dateModified: '2026-11-27T08:15:30Z',
    });
  });

  it("reads variable products' variations through the parent's /variations endpoint", async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json(
          [wireProduct(1), wireProduct(2, { type: 'variable', regular_price: '' }), wireProduct(3)],
          { headers: pageHeaders(3) },
        ),
      ),
      http.get(`${API}/products/2/variations`, () =>
        HttpResponse.json(
          [
            // Variation JSON has no `type` in older stores and says "parent" for inherited stock.
            {
              ...wireProduct(20, { parent_id: 2, manage_stock: 'parent', stock_quantity: 9 }),
              type: undefined,
            },
            wireProduct(21, { parent_id: 2 }),
          ],
          { headers: pageHeaders(2) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const listed = await collect(woo.products.list());
    expect(listed.map((product) => [product.id, product.type, product.parentId])).toEqual([
      [1, 'simple', 0],
      [2, 'variable', 0],
      [3, 'simple', 0],
      [20, 'variation', 2],
      [21, 'variation', 2],
    ]);
    expect(listed[3]).toMatchObject({ manageStock: false, stockQuantity: null, categoryIds: [] });
    expect(log()).toEqual([
      'GET /products?orderby=id&order=asc&per_page=100&page=1',
      'GET /products/2/variations?orderby=id&order=asc&per_page=100&page=1',
    ]);
  });

  it('fails clearly when a required field is missing', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json([wireProduct(1), { ...wireProduct(2), date_modified_gmt: undefined }], {
          headers: pageHeaders(2),
        }),
      ),
    );
    const { woo } = createTestAdapter();
    await expect(collect(woo.products.list())).rejects.toMatchObject({
      name: 'WooCommerceSchemaError',
      code: 'WOOCOMMERCE_SCHEMA_ERROR',
      issues: [{ path: '[1].date_modified_gmt', message: expect.any(String) }],
    });
  });
});

describe('products.findBySkus', () => {
  it('sends comma lists chunked to a safe URL length and filters like WooCommerce', async () => {
    const skus = Array.from(
      { length: 300 },
      (_, index) => `SKU-${String(index).padStart(24, '0')}`,
    );
    const store = skus.map((sku, index) =>
      wireProduct(index + 1, { sku: index % 2 ? sku.toLowerCase() : sku }),
    );
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const asked = (new URL(request.url).searchParams.get('sku') ?? '').split(',');
        // Like the database collation: case-insensitive; plus a near miss WooCommerce would not return.
        const hits = store.filter((product) =>
          asked.some((sku) => sku.toLowerCase() === String(product.sku).toLowerCase()),
        );
        return HttpResponse.json(hits, { headers: pageHeaders(hits.length) });
      }),
    );
    const { woo } = createTestAdapter();
    const found = await woo.products.findBySkus([...skus.map((sku) => ` ${sku} `), 'missing']);
    expect(found).toHaveLength(300);
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) {
      expect(request.url.toString().length).toBeLessThanOrEqual(2_000);
      expect(request.url.searchParams.get('per_page')).toBe('100');
    }
    const sent = requests.flatMap((request) =>
      (request.url.searchParams.get('sku') ?? '').split(','),
    );
    expect(sent.sort()).toEqual([...skus, 'missing'].sort());
  });

  it('keeps only exact (trimmed, case-insensitive) matches, variations included, never trash', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json(
          [
            wireProduct(1, { sku: 'ABC' }),
            wireProduct(2, { sku: 'ABC-1' }),
            wireProduct(3, { sku: 'xyz', type: 'variation', parent_id: 9 }),
            wireProduct(4, { sku: 'GONE', status: 'trash' }),
          ],
          { headers: pageHeaders(4) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const found = await woo.products.findBySkus(['abc', ' XYZ', 'gone', '', '  ']);
    expect(found.map((product) => [product.id, product.type, product.parentId])).toEqual([
      [1, 'simple', 0],
      [3, 'variation', 9],
    ]);
    expect(log()).toEqual([
      'GET /products?sku=abc,XYZ,gone&orderby=id&order=asc&per_page=100&page=1',
    ]);
  });

  it('sends a SKU that contains a comma on its own', async () => {
    server.use(
      http.get(`${API}/products`, () => HttpResponse.json([], { headers: pageHeaders(0) })),
    );
    const { woo } = createTestAdapter();
    await woo.products.findBySkus(['A', 'B,C', 'D']);
    expect(log()).toEqual([
      'GET /products?sku=B,C&orderby=id&order=asc&per_page=100&page=1',
      'GET /products?sku=A,D&orderby=id&order=asc&per_page=100&page=1',
    ]);
  });

  it('asks nothing for an empty list', async () => {
    const { woo } = createTestAdapter();
    expect(await woo.products.findBySkus(['', ' '])).toEqual([]);
    expect(log()).toEqual([]);
  });
});

describe('products.getByIds', () => {
  it('reads products with include and variations one by one, dropping 404s and trash', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json([wireProduct(1), wireProduct(2, { status: 'trash' })], {
          headers: pageHeaders(2),
        }),
      ),
      http.get(`${API}/products/30`, () =>
        HttpResponse.json(wireProduct(30, { type: 'variation', parent_id: 3 })),
      ),
      http.get(`${API}/products/404`, () =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_product_invalid_id',
            message: 'Invalid ID.',
            data: { status: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const found = await woo.products.getByIds([30, 1, 2, 404, 1]);
    expect(found.map((product) => product.id)).toEqual([30, 1]);
    expect(log()).toEqual([
      'GET /products?include=30,1,2,404&orderby=include&per_page=100&page=1',
      'GET /products/30',
      'GET /products/404',
    ]);
  });
});
