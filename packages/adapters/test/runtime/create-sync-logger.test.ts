import { createSyncLogger, REDACTED_KEYS } from '@balance-sync/adapters/runtime';
import { describe, expect, it } from 'vitest';
import { SECRETS, testConfig } from './test-runtime.js';

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
});
