import { inspect } from 'node:util';
import { isWooCommerceError, WooCommerceHttpError } from '@balance-sync/adapters/woocommerce';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  API,
  collect,
  createTestAdapter,
  KEY,
  pageHeaders,
  SECRET,
  useMsw,
  wireProduct,
} from './support/msw-harness.js';

const { server, requests } = useMsw();

function everything(woo: ReturnType<typeof createTestAdapter>['woo']) {
  const seen: unknown[] = [];
  woo.events.on('request', (event) => seen.push(event));
  woo.events.on('response', (event) => seen.push(event));
  woo.events.on('retry', (event) => seen.push(event));
  woo.events.on('recovery', (event) => seen.push(event));
  return seen;
}

describe('redaction', () => {
  it('sends query credentials but keeps them out of errors, events and logs', async () => {
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        // WooCommerce echoes every query parameter in Link; a WAF page echoes the URL.
        return new HttpResponse(`<html><body>Request blocked: ${request.url}</body></html>`, {
          status: 503,
          headers: {
            Link: `<${request.url.replace('page=1', 'page=2')}>; rel="next"`,
            'Retry-After': '1',
          },
        });
      }),
    );
    const { woo, warnings } = createTestAdapter({ auth: 'query', retry: { limit: 1 } });
    const events = everything(woo);
    const error = await collect(woo.products.list()).catch((caught: unknown) => caught);

    // The request really carried them (and no Authorization header).
    const sent = requests[0]!.url.searchParams;
    expect(sent.get('consumer_key')).toBe(KEY);
    expect(sent.get('consumer_secret')).toBe(SECRET);
    expect(requests[0]!.headers.get('authorization')).toBeNull();

    expect(error).toBeInstanceOf(WooCommerceHttpError);
    expect(isWooCommerceError(error)).toBe(true);
    const http503 = error as WooCommerceHttpError;
    const surfaces = [
      http503.message,
      http503.url,
      http503.bodyExcerpt,
      JSON.stringify(http503.toJSON()),
      inspect(http503, { depth: 10 }),
      String(http503.stack),
      JSON.stringify(events),
      JSON.stringify(warnings),
    ];
    for (const surface of surfaces) {
      expect(surface).not.toContain(SECRET);
      expect(surface).not.toContain(KEY);
    }
    expect(http503.bodyExcerpt).toContain('consumer_secret=[REDACTED]');
    expect(events.length).toBeGreaterThan(0);
  });

  it('never exposes the Basic credentials or OAuth signatures', async () => {
    server.use(
      http.get('http://plain.example.com/wp-json/wc/v3/orders/1', ({ request }) =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_authentication_error',
            message: `Invalid signature - provided signature does not match. ${new URL(request.url).search}`,
            data: { status: 401 },
          },
          { status: 401 },
        ),
      ),
      http.get(`${API}/orders/2`, () =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_cannot_view',
            message: 'Sorry, you cannot list resources.',
            data: { status: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    const oauth = createTestAdapter({ url: 'http://plain.example.com', auth: 'oauth1' });
    const oauthEvents = everything(oauth.woo);
    const oauthError = (await oauth.woo.orders.get(1).catch((caught: unknown) => caught)) as Error;
    const signatures = requests.map((request) => request.url.searchParams.get('oauth_signature')!);
    // The store refused the signature, so the adapter re-signed once with the other scheme.
    expect(signatures).toHaveLength(2);
    const signature = signatures[1]!;
    expect(signature).toMatch(/=$/);
    for (const surface of [
      oauthError.message,
      inspect(oauthError),
      JSON.stringify((oauthError as WooCommerceHttpError).toJSON()),
      JSON.stringify(oauthEvents),
    ]) {
      for (const sent of signatures) {
        expect(surface).not.toContain(sent);
        expect(surface).not.toContain(encodeURIComponent(sent));
      }
      expect(surface).not.toContain(KEY);
    }
    expect(oauthError).toMatchObject({
      name: 'WooCommerceAuthError',
      code: 'WOOCOMMERCE_AUTH_ERROR',
    });

    const basic = createTestAdapter();
    const basicError = (await basic.woo.orders.get(2).catch((caught: unknown) => caught)) as Error;
    const authorization = requests.at(-1)!.headers.get('authorization')!;
    expect(authorization).toBe(`Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
    for (const surface of [basicError.message, inspect(basicError), JSON.stringify(basicError)]) {
      expect(surface).not.toContain(authorization.slice(6));
      expect(surface).not.toContain(SECRET);
    }
    expect((basicError as WooCommerceHttpError).hint).toContain("auth: 'oauth1'");
  });

  it('keeps secrets out of network errors and their causes', async () => {
    server.use(http.get(`${API}/products`, () => HttpResponse.error()));
    const { woo } = createTestAdapter({ auth: 'query', retry: false });
    const error = await collect(woo.products.list()).catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({
      name: 'WooCommerceNetworkError',
      code: 'WOOCOMMERCE_NETWORK_ERROR',
    });
    const json = JSON.stringify((error as WooCommerceHttpError).toJSON());
    expect(json).not.toContain(SECRET);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('redacts URLs in successful responses events too', async () => {
    server.use(
      http.get(`${API}/products`, () =>
        HttpResponse.json([wireProduct(1)], { headers: pageHeaders(1) }),
      ),
    );
    const { woo } = createTestAdapter({ auth: 'query' });
    const events = everything(woo);
    await collect(woo.products.list());
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(events[0]).toMatchObject({ method: 'GET', attempt: 1 });
    expect((events[0] as { url: string }).url).toContain('/wp-json/wc/v3/products?');
  });
});
