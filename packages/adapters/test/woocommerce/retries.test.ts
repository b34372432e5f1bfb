import { ManualClock } from '@balance-sync/woo-sync-core/testing';
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

/** Answers with the given responses in turn, then with the last one. */
function sequence(...responses: (() => Response)[]) {
  let call = 0;
  return () => {
    const respond = responses[Math.min(call, responses.length - 1)]!;
    call += 1;
    return respond();
  };
}

const okPage = () => HttpResponse.json([wireProduct(1)], { headers: pageHeaders(1) });

describe('retries', () => {
  it('waits as Retry-After asks (seconds), whether the body is HTML or empty', async () => {
    server.use(
      http.get(
        `${API}/products`,
        sequence(
          () =>
            new HttpResponse('<html><body><h1>429 Too Many Requests</h1></body></html>', {
              status: 429,
              headers: { 'Retry-After': '7', 'Content-Type': 'text/html' },
            }),
          () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '2' } }),
          okPage,
        ),
      ),
    );
    const { woo, sleeps } = createTestAdapter();
    const retries: unknown[] = [];
    woo.events.on('retry', (event) => retries.push(event));
    const listed = await collect(woo.products.list());
    expect(listed.map((product) => product.id)).toEqual([1]);
    expect(sleeps).toEqual([7_000, 2_000]);
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 7_000, reason: 'status', status: 429 }),
      expect.objectContaining({ attempt: 2, delayMs: 2_000, reason: 'status', status: 503 }),
    ]);
    expect(log()).toHaveLength(3);
  });

  it('reads Retry-After as an HTTP date against the injected clock, capped by maxRetryAfterMs', async () => {
    server.use(
      http.get(
        `${API}/products`,
        sequence(
          () =>
            new HttpResponse('', {
              status: 503,
              headers: { 'Retry-After': 'Fri, 27 Nov 2026 08:00:30 GMT' },
            }),
          () => new HttpResponse('', { status: 503, headers: { 'Retry-After': '3600' } }),
          okPage,
        ),
      ),
    );
    const { woo, sleeps } = createTestAdapter({
      clock: new ManualClock('2026-11-27T08:00:00Z'),
      retry: { maxRetryAfterMs: 45_000 },
    });
    await collect(woo.products.list());
    expect(sleeps).toEqual([30_000, 45_000]);
  });

  it('backs off exponentially with full jitter when there is no Retry-After', async () => {
    server.use(
      http.get(
        `${API}/products`,
        sequence(
          () =>
            HttpResponse.json(
              { code: 'internal_server_error', message: 'boom', data: { status: 500 } },
              { status: 500 },
            ),
          () => HttpResponse.error(),
          () => new HttpResponse('<html>Bad gateway</html>', { status: 502 }),
          okPage,
        ),
      ),
    );
    const { woo, sleeps } = createTestAdapter({ random: () => 0.5 });
    const retries: { reason: string }[] = [];
    woo.events.on('retry', (event) => retries.push(event));
    await collect(woo.products.list());
    // random 0.5 × min(30 s, 500 ms × 2^n)
    expect(sleeps).toEqual([250, 500, 1_000]);
    expect(retries.map((event) => event.reason)).toEqual(['status', 'network', 'status']);
  });

  it('gives up after the retry limit with a readable error', async () => {
    server.use(
      http.get(
        `${API}/products`,
        () =>
          new HttpResponse(
            '<html><head><title>Service Unavailable</title></head><body><p>The server is busy.</p></body></html>',
            {
              status: 503,
              headers: { 'Content-Type': 'text/html' },
            },
          ),
      ),
    );
    const { woo, sleeps } = createTestAdapter({ retry: { limit: 2 } });
    await expect(collect(woo.products.list())).rejects.toMatchObject({
      name: 'WooCommerceHttpError',
      status: 503,
      bodyExcerpt: 'Service Unavailable The server is busy.',
      request: expect.objectContaining({ attempts: 3 }),
    });
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry what cannot succeed (400, 404)', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json(
          {
            code: 'rest_invalid_param',
            message: 'Invalid parameter(s): per_page',
            data: { status: 400, params: { per_page: 'bad' } },
          },
          { status: 400 },
        ),
      ),
    );
    const { woo, sleeps } = createTestAdapter();
    await expect(collect(woo.products.list())).rejects.toMatchObject({
      status: 400,
      wooCode: 'rest_invalid_param',
      data: { status: 400, params: { per_page: 'bad' } },
    });
    expect(sleeps).toEqual([]);
    expect(log()).toHaveLength(1);
  });

  it('times out slow attempts and retries reads', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/products`, async () => {
        calls += 1;
        if (calls === 1) await delay(500);
        return okPage();
      }),
    );
    const { woo, sleeps } = createTestAdapter({ timeoutMs: 50 });
    const retries: { reason: string }[] = [];
    woo.events.on('retry', (event) => retries.push(event));
    await collect(woo.products.list());
    expect(retries.map((event) => event.reason)).toEqual(['timeout']);
    expect(sleeps).toHaveLength(1);
  });

  it('retries a create batch after 429 (the host refused it before running it) without a lookup', async () => {
    server.use(
      http.post(
        `${API}/products/batch`,
        sequence(
          () => new HttpResponse('', { status: 429, headers: { 'Retry-After': '5' } }),
          () => HttpResponse.json({ create: [wireProduct(10, { sku: 'A' })] }),
        ),
      ),
    );
    const { woo, sleeps } = createTestAdapter();
    const { outcomes } = await woo.products.batch({
      create: [{ ref: 'a', sku: 'A', name: 'A', status: 'draft' }],
    });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'created', ref: 'a' })]);
    expect(sleeps).toEqual([5_000]);
    expect(log()).toEqual(['POST /products/batch', 'POST /products/batch']);
  });

  it('retries update-only batches after a 5xx', async () => {
    server.use(
      http.post(
        `${API}/products/batch`,
        sequence(
          () => new HttpResponse('', { status: 504 }),
          () => HttpResponse.json({ update: [wireProduct(3)] }),
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const { outcomes } = await woo.products.batch({ update: [{ id: 3, name: 'x' }] });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'updated', id: 3 })]);
    expect(log()).toEqual(['POST /products/batch', 'POST /products/batch']);
  });
});

describe('broken bodies', () => {
  it('parses JSON preceded by a PHP notice and reports it once', async () => {
    const notice =
      '<br />\n<b>Deprecated</b>:  Creation of dynamic property Foo::$bar is deprecated in <b>/var/www/wp-content/plugins/foo/foo.php</b> on line <b>12</b><br />\n';
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        return new HttpResponse(`${notice}${JSON.stringify([wireProduct(page)])}`, {
          headers: { 'Content-Type': 'application/json', ...pageHeaders(200) },
        });
      }),
    );
    const { woo, warnings } = createTestAdapter();
    const responses: { leadingJunkChars?: number }[] = [];
    woo.events.on('response', (event) => responses.push(event));
    const listed = await collect(woo.products.list({ includeVariations: false }));
    expect(listed.map((product) => product.id)).toEqual([1, 2]);
    expect(responses.map((event) => event.leadingJunkChars)).toEqual([
      notice.length,
      notice.length,
    ]);
    expect(warnings.filter((warning) => warning.message?.includes('PHP notice'))).toHaveLength(1);
  });

  it('also finds JSON after a notice that contains brackets', async () => {
    server.use(
      http.get(
        `${API}/orders/5`,
        () =>
          new HttpResponse(
            `Warning: Undefined array key [0] in {closure}()\n{"id":5,"status":"processing","date_created_gmt":"2026-11-27T08:00:00","date_modified_gmt":"2026-11-27T08:00:00"}`,
          ),
      ),
    );
    const { woo } = createTestAdapter();
    expect(await woo.orders.get(5)).toMatchObject({ id: 5, status: 'processing' });
  });

  it('reports a 200 that is not JSON as a schema error', async () => {
    server.use(http.get(`${API}/orders/5`, () => HttpResponse.html('<html>Maintenance</html>')));
    const { woo } = createTestAdapter();
    await expect(woo.orders.get(5)).rejects.toMatchObject({
      name: 'WooCommerceSchemaError',
      issues: [{ path: '', message: 'the body is HTML, not JSON' }],
    });
  });
});
