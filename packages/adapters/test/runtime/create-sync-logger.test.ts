import { createSyncLogger, REDACTED_KEYS } from '@balance-sync/adapters/runtime';
import { describe, expect, it } from 'vitest';
import { SECRETS, testConfig } from './test-runtime.js';

/** Every form a secret could be written in (as the security scan looks for them). */
function formsOf(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  ]);
  return [...forms];
}

const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');
/** The secrets of testConfig and the Basic credentials built from them. */
const ALL_SECRETS = [
  ...Object.values(SECRETS),
  basic('woo-sync', SECRETS.balancePassword),
  basic(SECRETS.consumerKey, SECRETS.consumerSecret),
];

function expectClean(text: string): void {
  for (const secret of ALL_SECRETS) {
    for (const form of formsOf(secret)) {
      if (text.includes(form)) throw new Error(`a form of a secret leaked: ${form.slice(0, 6)}…`);
    }
  }
  // An Authorization value of any scheme (the security scan's pattern).
  expect(text).not.toMatch(
    /authorization\\?["']?\s*[:=]\s*\\?["']?(?:basic|bearer|oauth|digest)\s+(?!\[redacted\])[^\s"',}\\]{6,}/i,
  );
}

describe('createSyncLogger', () => {
  const lines: string[] = [];
  const logger = createSyncLogger({
    config: testConfig('/tmp'),
    level: 'debug',
    destination: { write: (line: string) => void lines.push(line) },
  });

  it('redacts secret keys at any depth', () => {
    lines.length = 0;
    logger.info(
      {
        password: 'p',
        request: { headers: { authorization: 'Basic abc', 'x-wc-webhook-signature': 'sig' } },
        store: { woocommerce: { consumerKey: 'k', consumerSecret: 's', webhookSecret: 'w' } },
        server: { adminToken: 't' },
        queue: { redisUrl: 'redis://:pw@host' },
      },
      'request',
    );
    const line = JSON.parse(lines[0] as string);
    expect(line.password).toBe('[redacted]');
    expect(line.request.headers).toEqual({
      authorization: '[redacted]',
      'x-wc-webhook-signature': '[redacted]',
    });
    expect(line.store.woocommerce).toEqual({
      consumerKey: '[redacted]',
      consumerSecret: '[redacted]',
      webhookSecret: '[redacted]',
    });
    expect(line.server.adminToken).toBe('[redacted]');
    expect(line.queue.redisUrl).toBe('[redacted]');
    expect(REDACTED_KEYS).toEqual(
      expect.arrayContaining([
        'password',
        'consumerSecret',
        'webhookSecret',
        'adminToken',
        'authorization',
      ]),
    );
  });

  it('scrubs configured secret values from messages, error messages and stacks', () => {
    lines.length = 0;
    logger.error(
      {
        err: new Error(`login failed for woo-sync:${SECRETS.balancePassword}`),
        note: `token=${SECRETS.adminToken}`,
      },
      `webhook secret was ${SECRETS.webhookSecret}`,
    );
    const text = lines.join('');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    const line = JSON.parse(lines[0] as string);
    expect(line.msg).toBe('webhook secret was [redacted]');
    expect(line.err.message).toBe('login failed for woo-sync:[redacted]');
    expect(line.note).toBe('token=[redacted]');
  });

  it('redacts secret keys at any depth, in arrays and whatever their case', () => {
    lines.length = 0;
    const deep = { a: { b: { c: { d: { e: { f: { g: { password: 'deep-unknown-pw-1' } } } } } } } };
    logger.info(
      {
        deep,
        stores: [
          { woocommerce: { consumer_key: 'ck_unknown_1', consumer_secret: 'cs_unknown_1' } },
        ],
        headers: { Authorization: 'Bearer unknown-token-1', 'X-WC-Webhook-Signature': 'sig-1' },
        Password: 'unknown-pw-2',
        AdminToken: 'unknown-token-2',
        cookie: ['session=1'],
      },
      'nested',
    );
    const text = lines.join('');
    for (const value of ['deep-unknown-pw-1', 'ck_unknown_1', 'cs_unknown_1', 'unknown-token-1']) {
      expect(text).not.toContain(value);
    }
    const line = JSON.parse(lines[0] as string);
    expect(line.deep.a.b.c.d.e.f.g.password).toBe('[redacted]');
    expect(line.stores[0].woocommerce).toEqual({
      consumer_key: '[redacted]',
      consumer_secret: '[redacted]',
    });
    expect(line.headers).toEqual({
      Authorization: '[redacted]',
      'X-WC-Webhook-Signature': '[redacted]',
    });
    expect(line).toMatchObject({ Password: '[redacted]', AdminToken: '[redacted]' });
    expect(line.cookie).toBe('[redacted]');
  });

  it('never changes the objects it logs', () => {
    const fields = {
      storeId: 'main',
      request: { headers: { authorization: 'Basic abc', accept: 'json' } },
      when: new Date(0),
    };
    const copy = structuredClone(fields);
    logger.info(fields, 'unchanged');
    expect(fields).toEqual(copy);
    const config = testConfig('/tmp');
    const before = structuredClone(config);
    lines.length = 0;
    logger.info({ config }, 'the whole configuration');
    expect(config).toEqual(before);
    expectClean(lines.join(''));
    const line = JSON.parse(lines[0] as string);
    expect(line.config.balance.password).toBe('[redacted]');
    expect(line.config.stores[0].woocommerce.url).toBe('http://127.0.0.1:9');
  });

  it('scrubs secrets from error messages, causes, stacks and error properties', () => {
    lines.length = 0;
    const cause = new Error(`WooCommerce refused consumer_secret=${SECRETS.consumerSecret}`);
    const error = Object.assign(
      new Error(
        `request failed with headers {"Authorization":"Basic ${basic('woo-sync', SECRETS.balancePassword)}"}`,
        {
          cause,
        },
      ),
      {
        code: 'http_error',
        request: {
          url: `https://shop.example.ge/wp-json/wc/v3/products?consumer_key=${SECRETS.consumerKey}`,
          headers: { authorization: `Basic ${basic(SECRETS.consumerKey, SECRETS.consumerSecret)}` },
        },
        details: { config: { balance: { password: SECRETS.balancePassword } } },
      },
    );
    logger.error({ err: error, storeId: 'main' }, 'export failed');
    logger.error(error);
    logger.warn({ error, attempt: 2 }, 'retrying');
    logger.error({ err: new AggregateError([cause], `all failed: ${SECRETS.adminToken}`) }, 'many');
    const text = lines.join('');
    expectClean(text);
    const line = JSON.parse(lines[0] as string);
    expect(line.err.message).toContain('request failed');
    expect(line.err.message).toContain('WooCommerce refused consumer_secret=[redacted]');
    expect(line.err.stack).toContain('caused by:');
    expect(line.err.request.headers.authorization).toBe('[redacted]');
    expect(line.err.details.config.balance.password).toBe('[redacted]');
    expect(line.err.code).toBe('http_error');
    expect(line.err.type).toBe('Error');
    expect(JSON.parse(lines[2] as string).error.request.headers.authorization).toBe('[redacted]');
  });

  it('scrubs every form of a secret: encoded, escaped, and as Basic credentials', () => {
    lines.length = 0;
    const webhook = SECRETS.webhookSecret; // has & and #, so its encodings differ
    logger.info(`query secret=${encodeURIComponent(webhook)}`);
    logger.info(`form secret=${new URLSearchParams({ s: webhook }).toString().slice(2)}`);
    logger.info(`<p>secret ${webhook.replace(/&/g, '&amp;')}</p>`);
    logger.info({ quoted: `"${webhook}"` }, 'escaped');
    logger.info(`Balance said: bad credentials ${basic('woo-sync', SECRETS.balancePassword)}`);
    logger.info(`store said: ${basic(SECRETS.consumerKey, SECRETS.consumerSecret)}`);
    const text = lines.join('');
    expectClean(text);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('redacts Authorization values and URL passwords it does not know', () => {
    lines.length = 0;
    logger.warn('upstream: authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig');
    logger.warn({ note: 'sent Authorization=OAuth oauth_consumer_key_abcdef' }, 'oauth');
    logger.warn('connecting to postgres://sync:unknown-db-pw@db.internal:5432/sync');
    const text = lines.join('');
    expectClean(text);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text).not.toContain('unknown-db-pw');
    expect(text).toContain('authorization: Bearer [redacted]');
    expect(text).toContain('postgres://sync:[redacted]@db.internal:5432/sync');
  });

  it('redacts child bindings and survives cyclic and huge objects', () => {
    lines.length = 0;
    logger
      .child({ store: { consumerSecret: 'cs_unknown_child' } })
      .child({ job: 'grandchild' })
      .info('from a grandchild');
    const cyclic: Record<string, unknown> = { password: 'cyclic-unknown-pw' };
    cyclic.self = cyclic;
    logger.info({ cyclic }, 'cyclic');
    const huge = { rows: Array.from({ length: 20_000 }, (_, i) => ({ id: i, sku: `SKU-${i}` })) };
    const started = performance.now();
    logger.info(huge, 'huge');
    expect(performance.now() - started).toBeLessThan(2_000);
    const text = lines.join('');
    expect(text.includes('cs_unknown_child')).toBe(false);
    expect(text.includes('cyclic-unknown-pw')).toBe(false);
    expect(JSON.parse(lines[0] as string).store.consumerSecret).toBe('[redacted]');
    expect(lines).toHaveLength(3);
  });
});
