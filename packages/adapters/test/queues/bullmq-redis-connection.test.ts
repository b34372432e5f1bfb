// The BullMQ adapter's Redis connection handling, without a Redis server: options parsing,
// what messages may show, and that no password reaches an error.
import { createBullMqQueue } from '@balance-sync/adapters/bullmq';
import { describe, expect, it } from 'vitest';
import { redactRedisError } from '../../src/bullmq/redact-redis-error.js';
import {
  parseRedisConnection,
  redisConnectionSecrets,
  redisServerLabel,
} from '../../src/bullmq/redis-connection-options.js';

describe('parseRedisConnection', () => {
  it('reads user, password, database and TLS from a URL', () => {
    expect(parseRedisConnection('rediss://worker:p%40ss@redis.internal:6380/2')).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'worker',
      password: 'p@ss',
      db: 2,
      tls: true,
    });
    expect(parseRedisConnection('redis://[::1]')).toEqual({ host: '::1', port: 6379 });
  });

  it('passes options through as they are', () => {
    expect(parseRedisConnection({ host: 'h', password: 'x' })).toEqual({
      host: 'h',
      password: 'x',
    });
  });

  it.each([
    ['http://user:s3cret@example.com', 'scheme'],
    ['redis://user:s3cret@host:6379/not-a-db', 'database number'],
    ['redis s3cret', 'Invalid Redis URL'],
  ])('refuses %s without echoing it', (url, reason) => {
    expect(() => parseRedisConnection(url)).toThrow(reason);
    try {
      parseRedisConnection(url);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});

describe('redisServerLabel and redisConnectionSecrets', () => {
  it('names the server without credentials', () => {
    expect(redisServerLabel({ host: 'r', port: 6380, db: 2, tls: true, password: 'x' })).toBe(
      'rediss://r:6380/2',
    );
    expect(redisServerLabel({ host: '::1' })).toBe('redis://[::1]:6379/0');
  });

  it('lists the password as given and URL-encoded, and the URL itself', () => {
    expect(redisConnectionSecrets('redis://:p%40ss@host:6379')).toEqual([
      'p@ss',
      'p%40ss',
      'redis://:p%40ss@host:6379',
    ]);
    expect(redisConnectionSecrets({ host: 'h' })).toEqual([]);
  });
});

describe('redactRedisError', () => {
  it('drops the failed command’s arguments and scrubs secrets from the message', () => {
    const error = Object.assign(new Error('WRONGPASS for s3cret'), {
      name: 'ReplyError',
      code: 'WRONGPASS',
      command: { name: 'auth', args: ['nobody', 's3cret'] },
    });
    const safe = redactRedisError(error, ['s3cret']);
    expect(safe.message).toBe('WRONGPASS for [redacted]');
    expect(safe.name).toBe('ReplyError');
    expect(safe).toMatchObject({ code: 'WRONGPASS', command: 'auth' });
    expect(`${JSON.stringify(safe)} ${safe.stack}`).not.toContain('s3cret');
  });

  it('turns a thrown non-error into an error', () => {
    expect(redactRedisError('lost s3cret', ['s3cret']).message).toBe('lost [redacted]');
  });
});

describe('createBullMqQueue on an unreachable server', () => {
  it('fails fast with queue_unavailable, naming the server but not the password', async () => {
    const error = await createBullMqQueue({
      connection: 'redis://worker:s3cret@127.0.0.1:1/3',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'JobQueueError', code: 'queue_unavailable' });
    const text = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)} ${JSON.stringify((error as Error).cause)}`;
    expect((error as Error).message).toContain('redis://127.0.0.1:1/3');
    expect(text).not.toContain('s3cret');
  });
});
