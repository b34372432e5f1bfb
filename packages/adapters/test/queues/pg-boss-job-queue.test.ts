import { randomUUID } from 'node:crypto';
import { createPgBossQueue } from '@balance-sync/adapters/pg-boss';
import { describeJobQueueConformance } from '@balance-sync/woo-sync-core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithService } from '../support/services.js';
import { dropPostgresSchema } from './support/postgres-schema.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const schema = `bs_test_pgboss_${randomUUID().slice(0, 8)}`;

describeWithService('DATABASE_URL')('pg-boss job queue (real PostgreSQL)', () => {
  afterAll(async () => {
    await dropPostgresSchema(databaseUrl, schema);
  });

  describeJobQueueConformance(
    'pg-boss',
    () => {
      const queueName = `conformance-${randomUUID().slice(0, 8)}`;
      return {
        open: async (options) =>
          createPgBossQueue({
            connectionString: databaseUrl,
            schema,
            queueName,
            pollMs: 50,
            recoveryIntervalMs: 1_000,
            poolSize: 4,
            ...options,
          }),
      };
    },
    // pg-boss heartbeats count whole seconds, at least 10.
    { leaseMs: 10_000 },
  );

  describe('createPgBossQueue', () => {
    it('refuses a queue that exists with another policy', async () => {
      const { PgBoss } = await import('pg-boss');
      const boss = new PgBoss({ connectionString: databaseUrl, schema, schedule: false });
      boss.on('error', () => {});
      await boss.start();
      await boss.createQueue('standard-queue', { policy: 'standard' });
      await boss.stop({ graceful: false });
      await expect(
        createPgBossQueue({ connectionString: databaseUrl, schema, queueName: 'standard-queue' }),
      ).rejects.toMatchObject({ code: 'queue_misconfigured' });
    });

    it('fails on an unusable database, keeping the password out of the error', async () => {
      const url = new URL(databaseUrl);
      url.password = 's3cret';
      url.pathname = '/bs_no_such_database';
      const error = await createPgBossQueue({ connectionString: url.href, schema }).catch(
        (caught) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain('s3cret');
    });

    it('rejects an unsafe schema name', async () => {
      await expect(
        createPgBossQueue({ connectionString: databaseUrl, schema: 'x; DROP TABLE y' }),
      ).rejects.toMatchObject({ code: 'invalid_job' });
    });
  });
});
