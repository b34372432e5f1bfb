import type { IncomingHttpHeaders } from 'node:http';
import {
  verifyWooWebhook,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from '@balance-sync/adapters/woocommerce';
import { describe, expect, it } from 'vitest';

const SECRET = 'G6x&kT9#pQ';
const BODY = '{"id":4711,"status":"processing","total":"118.00"}';
// base64(HMAC-SHA256(BODY, SECRET)), computed independently with Python's hmac module.
const SIGNATURE = '6FlEGZFYyyyKwqinz4j70k8354AsM/jTE/kHWNa0Xb0=';

function headers(overrides: Record<string, string | undefined> = {}): IncomingHttpHeaders {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-wc-webhook-source': 'https://shop.example.com/',
    'x-wc-webhook-topic': 'order.updated',
    'x-wc-webhook-resource': 'order',
    'x-wc-webhook-event': 'updated',
    'x-wc-webhook-signature': SIGNATURE,
    'x-wc-webhook-id': '12',
    'x-wc-webhook-delivery-id': 'b1946ac92492d2347c6235b4d2611184',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

function failure(run: () => unknown): WebhookVerificationFailure | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
}

describe('verifyWooWebhook', () => {
  it('accepts a correctly signed delivery (Node headers, Buffer body)', () => {
    expect(
      verifyWooWebhook({ rawBody: Buffer.from(BODY), headers: headers(), secret: SECRET }),
    ).toEqual({
      kind: 'event',
      topic: 'order.updated',
      resource: 'order',
      event: 'updated',
      webhookId: 12,
      deliveryId: 'b1946ac92492d2347c6235b4d2611184',
      source: 'https://shop.example.com/',
      payload: { id: 4711, status: 'processing', total: '118.00' },
    });
  });

  it('accepts Fetch Headers, mixed-case records, repeated headers and Uint8Array bodies', () => {
    const fetchHeaders = new Headers(headers() as Record<string, string>);
    const bytes = new TextEncoder().encode(BODY);
    expect(verifyWooWebhook({ rawBody: bytes, headers: fetchHeaders, secret: SECRET }).kind).toBe(
      'event',
    );
    const mixed = {
      'X-WC-Webhook-Signature': [SIGNATURE, 'other'],
      'X-WC-Webhook-Topic': 'order.created',
    };
    expect(verifyWooWebhook({ rawBody: BODY, headers: mixed, secret: SECRET })).toMatchObject({
      kind: 'event',
      topic: 'order.created',
      webhookId: undefined,
    });
    // A view into a larger buffer: only its own bytes are signed.
    const padded = new Uint8Array([1, 2, ...bytes, 3]).subarray(2, 2 + bytes.length);
    expect(verifyWooWebhook({ rawBody: padded, headers: headers(), secret: SECRET }).kind).toBe(
      'event',
    );
  });

  it('refuses a tampered body, a wrong secret and a mangled signature', () => {
    const tampered = BODY.replace('118.00', '1.00');
    expect(
      failure(() => verifyWooWebhook({ rawBody: tampered, headers: headers(), secret: SECRET })),
    ).toBe('bad-signature');
    expect(
      failure(() =>
        verifyWooWebhook({ rawBody: BODY, headers: headers(), secret: 'G6x&amp;kT9#pQ' }),
      ),
    ).toBe('bad-signature');
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: BODY,
          headers: headers({ 'x-wc-webhook-signature': SIGNATURE.slice(0, -2) }),
          secret: SECRET,
        }),
      ),
    ).toBe('bad-signature');
    expect(
      failure(() => verifyWooWebhook({ rawBody: `${BODY} `, headers: headers(), secret: SECRET })),
    ).toBe('bad-signature');
    expect(failure(() => verifyWooWebhook({ rawBody: BODY, headers: headers(), secret: '' }))).toBe(
      'bad-signature',
    );
  });

  it('refuses a delivery without a signature', () => {
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: BODY,
          headers: headers({ 'x-wc-webhook-signature': undefined }),
          secret: SECRET,
        }),
      ),
    ).toBe('missing-signature');
  });

  it('recognises the creation ping (form body, no X-WC headers)', () => {
    const ping = {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'WooCommerce/9.4.0 Hookshot (WordPress/6.7)',
    };
    expect(verifyWooWebhook({ rawBody: 'webhook_id=12', headers: ping, secret: SECRET })).toEqual({
      kind: 'ping',
      webhookId: 12,
    });
    // A ping-shaped body with a topic header is not a ping.
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: 'webhook_id=12',
          headers: { 'x-wc-webhook-topic': 'order.updated' },
          secret: SECRET,
        }),
      ),
    ).toBe('missing-signature');
    expect(
      failure(() => verifyWooWebhook({ rawBody: 'webhook_id=abc', headers: ping, secret: SECRET })),
    ).toBe('missing-signature');
  });

  it('checks the raw bytes, not a decoded string (non-UTF-8 bodies)', () => {
    const raw = Buffer.concat([
      Buffer.from('{"id":1,"name":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' broken"}'),
    ]);
    const signature = 'LkPZMpVfb6Dr/vABbLb29CAMQaW2t/b5BKgqNno8BK8=';
    // Correctly signed, so the signature passes; the body is then refused as not UTF-8 JSON.
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: raw,
          headers: headers({ 'x-wc-webhook-signature': signature }),
          secret: SECRET,
        }),
      ),
    ).toBe('malformed-json');
    // One changed invalid byte decodes to the same replacement characters, but the bytes differ.
    const tampered = Buffer.from(raw);
    tampered[tampered.indexOf(0xfe)] = 0xfd;
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: tampered,
          headers: headers({ 'x-wc-webhook-signature': signature }),
          secret: SECRET,
        }),
      ),
    ).toBe('bad-signature');
  });

  it('refuses a signed delivery without a topic, with an unknown topic or a non-object body', () => {
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: BODY,
          headers: headers({ 'x-wc-webhook-topic': undefined }),
          secret: SECRET,
        }),
      ),
    ).toBe('missing-header');
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: BODY,
          headers: headers({ 'x-wc-webhook-topic': 'order.exploded' }),
          secret: SECRET,
        }),
      ),
    ).toBe('unknown-topic');
    expect(
      verifyWooWebhook({
        rawBody: BODY,
        headers: headers({ 'x-wc-webhook-topic': 'action.woocommerce_order_refunded' }),
        secret: SECRET,
      }),
    ).toMatchObject({ resource: 'action', event: 'woocommerce_order_refunded' });
    const array = '[1,2]';
    const arraySignature = '1VDoevuC71pMfZvoLTRpsoF6U6ZmY3w1Uno7nCYbYcE='; // Python hmac
    expect(
      failure(() =>
        verifyWooWebhook({
          rawBody: array,
          headers: headers({ 'x-wc-webhook-signature': arraySignature }),
          secret: SECRET,
        }),
      ),
    ).toBe('malformed-json');
  });

  it('never puts the secret or the expected signature into the error', () => {
    try {
      verifyWooWebhook({ rawBody: 'x', headers: headers(), secret: SECRET });
      expect.unreachable();
    } catch (error) {
      const text = `${String(error)} ${JSON.stringify((error as WebhookVerificationError).toJSON())}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SIGNATURE);
      expect((error as WebhookVerificationError).code).toBe('WOOCOMMERCE_WEBHOOK_INVALID');
    }
  });
});
