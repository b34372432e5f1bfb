import { randomUUID } from 'node:crypto';
import { createBullMqQueue } from '@balance-sync/adapters/bullmq';
import { describeJobQueueConformance } from '@balance-sync/woo-sync-core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithService } from '../support/services.js';
import { deleteRedisKeys } from './support/redis-keys.js';

const redisUrl = process.env.REDIS_URL ?? '';
const prefix = `bs-test-bullmq-${randomUUID().slice(0, 8)}`;

describeWithService('REDIS_URL')('BullMQ job queue (real Redis)', () => {
  afterAll(async () => {
    await deleteRedisKeys(redisUrl, `${prefix}:*`);
  });

  describeJobQueueConformance(
    'BullMQ',
    () => {
      const queueName = `conformance-${randomUUID().slice(0, 8)}`;
      return {
        open: async (options) =>
          createBullMqQueue({ connection: redisUrl, prefix, queueName, ...options }),
        dispose: async () => {
          await deleteRedisKeys(redisUrl, `${prefix}:${queueName}:*`);
        },
      };
    },
    { leaseMs: 1_000 },
  );

  describe('createBullMqQueue', () => {
    it('rejects a malformed URL without echoing it', async () => {
      await expect(
        createBullMqQueue({ connection: 'http://user:s3cret@example.com' }),
      ).rejects.toSatisfy(
        (error: Error) =>
          (error as { code?: string }).code === 'invalid_job' && !error.message.includes('s3cret'),
      );
    });

    it('fails fast on refused credentials, keeping the password out of the error', async () => {
      const url = new URL(redisUrl);
      url.username = 'nobody';
      url.password = 's3cret';
      const error = await createBullMqQueue({ connection: url.href }).catch((caught) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('s3cret');
    });

    it('keeps its Redis keys under the prefix and queue name', async () => {
      const queueName = `keys-${randomUUID().slice(0, 8)}`;
      const queue = await createBullMqQueue({ connection: redisUrl, prefix, queueName });
      await queue.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId: 1 },
        dedupeId: 'order:main:1',
      });
      await queue.close();
      expect(await deleteRedisKeys(redisUrl, `${prefix}:${queueName}:*`)).toBeGreaterThan(0);
    });
  });
});
