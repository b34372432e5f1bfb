import { createHmac, randomBytes } from 'node:crypto';
import { createManualClock, restErrorStatus } from '@balance-sync/adapters/woocommerce/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { api, basic, startSim } from './helpers.js';

type Sim = Awaited<ReturnType<typeof startSim>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** An OAuth 1.0a signer written from the RFC, independent of the simulator's code. */
function oauthQuery(
  method: string,
  url: string,
  key: string,
  secret: string,
  opts: { algorithm?: 'HMAC-SHA1' | 'HMAC-SHA256'; timestamp: number; nonce?: string },
): string {
  const u = new URL(url);
  const enc = (s: string) =>
    encodeURIComponent(s).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const params: [string, string][] = [...u.searchParams.entries()];
  const oauth: [string, string][] = [
    ['oauth_consumer_key', key],
    ['oauth_nonce', opts.nonce ?? randomBytes(8).toString('hex')],
    ['oauth_signature_method', opts.algorithm ?? 'HMAC-SHA1'],
    ['oauth_timestamp', String(opts.timestamp)],
  ];
  const all = [...params, ...oauth]
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const paramString = all.map(([k, v]) => `${k}=${v}`).join('&');
  const base = `${method}&${enc(`${u.origin}${u.pathname}`)}&${enc(paramString)}`;
  const algo = (opts.algorithm ?? 'HMAC-SHA1') === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algo, `${secret}&`).update(base).digest('base64');
  const q = new URLSearchParams(u.search);
  for (const [k, v] of oauth) q.set(k, v);
  q.set('oauth_signature', signature);
  return `${u.origin}${u.pathname}?${q.toString()}`;
}

describe('transport and auth', () => {
  it('#1 serves under /wp-json/wc/v3 and answers rest_no_route for unknown routes or methods', async () => {
    sim = await startSim();
    const ok = await api(sim, 'GET', '/products');
    expect(ok.status).toBe(200);
    const expected = {
      code: 'rest_no_route',
      message: 'No route was found matching the URL and request method',
      data: { status: 404 },
    };
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/products'],
      ['GET', '/products/abc'],
      ['POST', '/refunds'],
    ] as const) {
      const res = await api(sim, method, path);
      expect(res.status).toBe(404);
      expect(res.json).toEqual(expected);
    }
    const outside = await fetch(`${sim.url}/shop/`);
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('text/html');
  });

  it('#2 HTTPS accepts Basic and query-string keys (query wins); plain HTTP requires OAuth 1.0a', async () => {
    const clock = createManualClock('2026-03-01T08:00:00Z');
    sim = await startSim({ clock });
    const key = sim.keys.default;
    const readOnly = sim.keys.readOnly();
    // Basic.
    expect(
      (await fetch(`${sim.restUrl}/products`, { headers: { Authorization: basic(key) } })).status,
    ).toBe(200);
    // Query string.
    const q = `consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`;
    expect((await fetch(`${sim.restUrl}/products?${q}`)).status).toBe(200);
    // Query string wins over the header: a read-only key in the query makes a POST fail even with a r/w header.
    const qRead = `consumer_key=${readOnly.consumerKey}&consumer_secret=${readOnly.consumerSecret}`;
    const both = await fetch(`${sim.restUrl}/products?${qRead}`, {
      method: 'POST',
      headers: { Authorization: basic(key), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(both.status).toBe(401);
    expect(((await both.json()) as { message: string }).message).toBe(
      'The API key provided does not have write permissions.',
    );

    // Plain HTTP: Basic and query keys are ignored (anonymous), OAuth works.
    sim.settings.https = false;
    const ignored = await fetch(`${sim.restUrl}/products`, {
      headers: { Authorization: basic(key) },
    });
    expect(ignored.status).toBe(401);
    expect(((await ignored.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_view');
    const now = Math.floor(clock.now() / 1000);
    for (const algorithm of ['HMAC-SHA1', 'HMAC-SHA256'] as const) {
      const url = oauthQuery(
        'GET',
        `${sim.restUrl}/products?per_page=5&search=a b`,
        key.consumerKey,
        key.consumerSecret,
        {
          algorithm,
          timestamp: now,
        },
      );
      const res = await fetch(url);
      expect(res.status, algorithm).toBe(200);
    }
    // ±900 s window.
    const late = oauthQuery('GET', `${sim.restUrl}/products`, key.consumerKey, key.consumerSecret, {
      timestamp: now - 901,
    });
    const lateRes = await fetch(late);
    expect(lateRes.status).toBe(401);
    expect(await lateRes.json()).toEqual({
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid timestamp.',
      data: { status: 401 },
    });
    const edge = oauthQuery('GET', `${sim.restUrl}/products`, key.consumerKey, key.consumerSecret, {
      timestamp: now - 899,
    });
    expect((await fetch(edge)).status).toBe(200);
    // Nonce replay.
    const once = oauthQuery('GET', `${sim.restUrl}/products`, key.consumerKey, key.consumerSecret, {
      timestamp: now,
      nonce: 'fixed-nonce',
    });
    expect((await fetch(once)).status).toBe(200);
    const replay = await fetch(once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toBe(
      'Invalid nonce - nonce has already been used.',
    );
    // Bad signature, unknown key, bad method, missing parameter.
    const bad = new URL(
      oauthQuery('GET', `${sim.restUrl}/products`, key.consumerKey, 'cs_wrong', { timestamp: now }),
    );
    expect(((await (await fetch(bad)).json()) as { message: string }).message).toBe(
      'Invalid signature - provided signature does not match.',
    );
    const unknown = oauthQuery('GET', `${sim.restUrl}/products`, 'ck_unknown', 'cs_x', {
      timestamp: now,
    });
    expect(((await (await fetch(unknown)).json()) as { message: string }).message).toBe(
      'Consumer key is invalid.',
    );
    const md5 = new URL(
      oauthQuery('GET', `${sim.restUrl}/products`, key.consumerKey, key.consumerSecret, {
        timestamp: now,
      }),
    );
    md5.searchParams.set('oauth_signature_method', 'PLAINTEXT');
    expect(((await (await fetch(md5)).json()) as { message: string }).message).toBe(
      'Invalid signature - signature method is invalid.',
    );
    const missing = await fetch(
      `${sim.restUrl}/products?oauth_consumer_key=${key.consumerKey}&oauth_nonce=x`,
    );
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameters oauth_timestamp, oauth_signature, oauth_signature_method',
      data: { status: 401 },
    });
  });

  it('#3 no credentials or an unknown Basic key run as anonymous: 401 cannot_view / cannot_create', async () => {
    sim = await startSim();
    const none = await fetch(`${sim.restUrl}/products`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
    const unknown = await fetch(`${sim.restUrl}/orders`, {
      headers: { Authorization: `Basic ${Buffer.from('ck_nope:cs_nope').toString('base64')}` },
    });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_view');
    const create = await fetch(`${sim.restUrl}/products`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"x"}',
    });
    expect(create.status).toBe(401);
    expect(await create.json()).toEqual({
      code: 'woocommerce_rest_cannot_create',
      message: 'Sorry, you are not allowed to create resources.',
      data: { status: 401 },
    });
    const batch = await fetch(`${sim.restUrl}/products/batch`, { method: 'POST' });
    expect(((await batch.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_batch');
    // A key whose user lacks capabilities gets 403.
    const weak = sim.keys.create('read_write', { capable: false });
    const forbidden = await fetch(`${sim.restUrl}/products`, {
      headers: { Authorization: basic(weak) },
    });
    expect(forbidden.status).toBe(403);
  });

  it('#4 a known key with a wrong secret → 401 "Consumer secret is invalid." without WWW-Authenticate', async () => {
    sim = await startSim();
    const res = await fetch(`${sim.restUrl}/products`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${sim.keys.default.consumerKey}:cs_wrong`).toString('base64')}`,
      },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(await res.json()).toEqual({
      code: 'woocommerce_rest_authentication_error',
      message: 'Consumer secret is invalid.',
      data: { status: 401 },
    });
  });

  it('#5 key scopes: read-only keys cannot write, write-only keys cannot read', async () => {
    sim = await startSim();
    const reader = sim.keys.readOnly();
    const writer = sim.keys.writeOnly();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${sim.restUrl}/products/1`, {
        method,
        headers: { Authorization: basic(reader) },
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        code: 'woocommerce_rest_authentication_error',
        message: 'The API key provided does not have write permissions.',
        data: { status: 401 },
      });
    }
    const get = await fetch(`${sim.restUrl}/products`, {
      headers: { Authorization: basic(writer) },
    });
    expect(get.status).toBe(401);
    expect(((await get.json()) as { message: string }).message).toBe(
      'The API key provided does not have read permissions.',
    );
    expect(
      (await fetch(`${sim.restUrl}/products`, { headers: { Authorization: basic(reader) } }))
        .status,
    ).toBe(200);
    const write = await fetch(`${sim.restUrl}/products`, {
      method: 'POST',
      headers: { Authorization: basic(writer), 'Content-Type': 'application/json' },
      body: '{"name":"W"}',
    });
    expect(write.status).toBe(201);
  });

  it('#6 error bodies are {code, message, data}; HTTP status is data.status, else 500', async () => {
    sim = await startSim();
    expect(restErrorStatus({ status: 404 })).toBe(404);
    expect(restErrorStatus(404)).toBe(500);
    expect(restErrorStatus(null)).toBe(500);
    const missing = await api(sim, 'GET', '/products/999');
    expect(missing.status).toBe(404);
    expect(Object.keys(missing.json)).toEqual(['code', 'message', 'data']);
    // Refund errors carry a bare integer: HTTP 500 with data 404.
    const refund = await api(sim, 'POST', '/orders/999/refunds', { amount: '1.00' });
    expect(refund.status).toBe(500);
    expect(refund.json).toEqual({
      code: 'woocommerce_rest_invalid_order_id',
      message: 'Invalid order ID.',
      data: 404,
    });
  });
});
