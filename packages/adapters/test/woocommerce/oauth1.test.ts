import { createHmac } from 'node:crypto';
import { signOAuth1Request } from '@balance-sync/adapters/woocommerce/testing';
import { ManualClock } from '@balance-sync/woo-sync-core/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  oauth1BaseString,
  oauth1QueryParams,
  oauth1Signature,
} from '../../src/woocommerce/auth/oauth1.js';
import {
  collect,
  createTestAdapter,
  pageHeaders,
  useMsw,
  wireProduct,
} from './support/msw-harness.js';

const { server, requests } = useMsw();

describe('OAuth 1.0a signing', () => {
  it('computes HMAC-SHA256 like a published OAuth 1.0a vector', () => {
    // Faithlife.OAuth HMAC-SHA256 test case (RFC 5849 style base string, with a token secret).
    const base =
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';
    expect(oauth1Signature(base, 'j49sk3j29djd', 'dh893hdasih9')).toBe(
      'ypAxjNip++Dm0fTM+gCl8wAo6ufSnseu1WHxL7py3BU=',
    );
  });

  it('builds the base string exactly as WooCommerce checks it (pairs encoded again)', () => {
    const params: [string, string][] = [
      ['context', 'edit'],
      ['_fields', 'id,sku'],
      ['per_page', '100'],
      ['page', '1'],
      ['oauth_consumer_key', 'ck_test'],
      ['oauth_nonce', 'abc123'],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_timestamp', '1795766400'],
    ];
    const base = oauth1BaseString('get', 'http://shop.example.com/wp-json/wc/v3/products', params);
    expect(base).toBe(
      'GET&http%3A%2F%2Fshop.example.com%2Fwp-json%2Fwc%2Fv3%2Fproducts&_fields%3Did%252Csku%26context%3Dedit%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc123%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1795766400%26page%3D1%26per_page%3D100',
    );
    // Computed independently (Python hmac) from the string above with the key `cs_test&`.
    expect(oauth1Signature(base, 'cs_test')).toBe('0WOc1uewupxjiiW6O21QbfEs2grkFzTJjMw+tNlKR9Q=');
    const signed = oauth1QueryParams(
      'GET',
      'http://shop.example.com/wp-json/wc/v3/products',
      params.slice(0, 4),
      { consumerKey: 'ck_test', timestamp: 1_795_766_400, nonce: 'abc123' },
      'cs_test',
    );
    expect(signed.at(-1)).toEqual([
      'oauth_signature',
      '0WOc1uewupxjiiW6O21QbfEs2grkFzTJjMw+tNlKR9Q=',
    ]);
  });

  it('behind a TLS proxy, signs with http:// after the store refuses the https:// signature', async () => {
    const seen: string[] = [];
    server.use(
      http.get('https://proxied.example.com/wp-json/wc/v3/orders/3', ({ request }) => {
        const url = new URL(request.url);
        const params = [...url.searchParams].filter(([name]) => name !== 'oauth_signature');
        params.sort(([a], [b]) => (a < b ? -1 : 1));
        const rawurlencode = (value: string) =>
          encodeURIComponent(value).replace(
            /[!'()*]/g,
            (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
          );
        const joined = params
          .map(([k, v]) => rawurlencode(`${rawurlencode(k)}=${rawurlencode(v)}`))
          .join('%26');
        // WordPress behind the proxy sees plain HTTP.
        const base = `GET&${rawurlencode(`http://${url.host}${url.pathname}`)}&${joined}`;
        const ok =
          url.searchParams.get('oauth_signature') ===
          createHmac('sha256', 'cs_p&').update(base).digest('base64');
        seen.push(ok ? 'ok' : 'bad');
        return ok
          ? HttpResponse.json({
              id: 3,
              status: 'processing',
              date_created_gmt: '2026-11-27T08:00:00',
              date_modified_gmt: '2026-11-27T08:00:00',
            })
          : HttpResponse.json(
              {
                code: 'woocommerce_rest_authentication_error',
                message: 'Invalid signature - provided signature does not match.',
                data: { status: 401 },
              },
              { status: 401 },
            );
      }),
    );
    const { woo, sleeps } = createTestAdapter({
      url: 'https://proxied.example.com',
      consumerKey: 'ck_p',
      consumerSecret: 'cs_p',
      auth: 'oauth1',
    });
    expect(await woo.orders.get(3)).toMatchObject({ id: 3 });
    expect(await woo.orders.get(3)).toMatchObject({ id: 3 });
    expect(seen).toEqual(['bad', 'ok', 'ok']);
    expect(sleeps).toEqual([]);
  });

  it("agrees with the WooCommerce simulator's independent signer", () => {
    const url = 'http://127.0.0.1:8080/wp-json/wc/v3/products';
    const query: [string, string][] = [
      ['sku', 'A B,ü*(x),C~D'],
      ['_fields', 'id,sku'],
      ['per_page', '100'],
    ];
    const theirs = signOAuth1Request({
      method: 'GET',
      url: `${url}?${new URLSearchParams(query)}`,
      consumerKey: 'ck_x',
      consumerSecret: 'cs_y',
      timestamp: 1_795_766_400,
      nonce: 'n0nce',
    });
    const ours = oauth1QueryParams(
      'GET',
      url,
      query,
      { consumerKey: 'ck_x', timestamp: 1_795_766_400, nonce: 'n0nce' },
      'cs_y',
    );
    expect(Object.fromEntries(ours)).toEqual(theirs);
  });

  it('signs real requests so that a WooCommerce-style check accepts them', async () => {
    // The check of WC_REST_Authentication, re-implemented: decoded query params minus the
    // signature, sorted by name, name and value rawurlencoded, then each `name=value` pair
    // rawurlencoded again (join_with_equals_sign), joined with %26.
    const rawurlencode = (value: string) =>
      encodeURIComponent(value).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    const verified: boolean[] = [];
    server.use(
      http.get('http://shop.example.com/wp-json/wc/v3/products', ({ request }) => {
        const url = new URL(request.url);
        const params = [...url.searchParams].filter(([name]) => name !== 'oauth_signature');
        params.sort(([a], [b]) => (a < b ? -1 : 1));
        const joined = params
          .map(([k, v]) => rawurlencode(`${rawurlencode(k)}=${rawurlencode(v)}`))
          .join('%26');
        const base = `GET&${rawurlencode(`${url.origin}${url.pathname}`)}&${joined}`;
        const expected = createHmac('sha256', 'cs_plain&').update(base).digest('base64');
        verified.push(url.searchParams.get('oauth_signature') === expected);
        return HttpResponse.json([wireProduct(1)], { headers: pageHeaders(1) });
      }),
    );
    const { woo } = createTestAdapter({
      url: 'http://shop.example.com',
      consumerKey: 'ck_plain',
      consumerSecret: 'cs_plain',
      auth: 'oauth1',
      clock: new ManualClock('2026-11-27T08:00:00Z'),
    });
    await collect(woo.products.list());
    await woo.products.findBySkus(['A B', 'ü*(x)']);
    expect(verified).toEqual([true, true]);
    const first = requests[0]!.url.searchParams;
    expect(first.get('oauth_signature_method')).toBe('HMAC-SHA256');
    expect(first.get('oauth_timestamp')).toBe(String(Date.parse('2026-11-27T08:00:00Z') / 1000));
    expect(first.get('oauth_nonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    // A fresh nonce per request.
    expect(requests[1]!.url.searchParams.get('oauth_nonce')).not.toBe(first.get('oauth_nonce'));
  });
});
