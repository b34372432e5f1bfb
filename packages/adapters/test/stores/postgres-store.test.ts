import { createPostgresStore, migratePostgresStore } from '@balance-sync/adapters/postgres';
import type { Logger } from '@balance-sync/woo-sync-core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithService, serviceUrl } from '../support/services.js';
import { pendingSale } from './fixtures/ledger-rows.js';
import { dropSchema, freshSchemaName } from './postgres-schema.js';

const connectionString = serviceUrl('DATABASE_URL') ?? '';
const schemas: string[] = [];
/** A schema of this file, dropped after it. */
function schemaForTest(): string {
  const schema = freshSchemaName('store_test');
  schemas.push(schema);
  return schema;
}

describeWithService('DATABASE_URL')('PostgreSQL store', () => {
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(connectionString, schema);
  });

  describe('migrations', () => {
    it('creates the schema on first start and records the migration once', async () => {
      const schema = schemaForTest();
      const store = await createPostgresStore({ connectionString, schema });
      expect(store.schema).toBe(schema);
      await store.close();
      const again = await migratePostgresStore({ connectionString, schema });
      expect(again).toStrictEqual({ schema, applied: [], version: 1 });

      const client = new pg.Client({ connectionString });
      await client.connect();
      const { rows } = await client.query(
        `SELECT namespace, version, name FROM "${schema}".schema_migrations`,
      );
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema],
      );
      await client.end();
      expect(rows).toStrictEqual([
        { namespace: 'sync-store', version: 1, name: 'create-sync-store' },
      ]);
      expect(tables.rows.map((row) => row.table_name)).toStrictEqual([
        'schema_migrations',
        'sync_apply_journal',
        'sync_category_mappings',
        'sync_cursors',
        'sync_customers',
        'sync_ledger',
        'sync_product_mappings',
        'sync_run_reports',
        'sync_settings',
      ]);
    });

    it('applies each migration once when many processes migrate at the same moment', async () => {
      const schema = schemaForTest();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => migratePostgresStore({ connectionString, schema })),
      );
      expect(results.filter((r) => r.applied.length > 0)).toStrictEqual([
        { schema, applied: [1], version: 1 },
      ]);
      expect(results.every((r) => r.version === 1)).toBe(true);
    });

    it('with migrate: false refuses a schema that needs migrations, then runs once migrated', async () => {
      const schema = schemaForTest();
      await expect(
        createPostgresStore({ connectionString, schema, migrate: false }),
      ).rejects.toMatchObject({ code: 'postgres_schema_outdated' });
      expect(await migratePostgresStore({ connectionString, schema })).toMatchObject({
        applied: [1],
      });
      const store = await createPostgresStore({ connectionString, schema, migrate: false });
      await store.close();
    });

    it('refuses a schema migrated by a newer release', async () => {
      const schema = schemaForTest();
      await migratePostgresStore({ connectionString, schema });
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(
        `INSERT INTO "${schema}".schema_migrations (namespace, version, name) VALUES ('sync-store', 2, 'future')`,
      );
      await client.end();
      await expect(createPostgresStore({ connectionString, schema })).rejects.toMatchObject({
        code: 'postgres_schema_too_new',
      });
    });
  });

  describe('options and connections', () => {
    it('rejects bad options before connecting', async () => {
      await expect(createPostgresStore({})).rejects.toMatchObject({ code: 'invalid_options' });
      const pool = new pg.Pool({ connectionString });
      await expect(createPostgresStore({ connectionString, pool })).rejects.toMatchObject({
        code: 'invalid_options',
      });
      await pool.end();
      await expect(
        createPostgresStore({ connectionString, schema: 'bad"; DROP SCHEMA public; --' }),
      ).rejects.toMatchObject({ code: 'invalid_schema_name' });
    });

    it('reports an unreachable server without the password', async () => {
      const secret = 'sup3r-s3cret-pw';
      const error = await createPostgresStore({
        connectionString: `postgres://sync:${secret}@127.0.0.1:1/nowhere`,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'postgres_unavailable' });
      expect((error as Error).message).toContain('127.0.0.1:1/nowhere');
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(secret);
      expect(String((error as Error).stack)).not.toContain(secret);
    });

    it('leaves a pool it was given open on close()', async () => {
      const pool = new pg.Pool({ connectionString, max: 2 });
      const store = await createPostgresStore({ pool, schema: schemaForTest() });
      await store.customers.put('main', 'personal:1', 'uid-1');
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows).toStrictEqual([{ one: 1 }]);
      await pool.end();
    });

    it('logs, and survives, an idle connection the server drops', async () => {
      const warnings: unknown[] = [];
      const logger: Logger = {
        debug: () => {},
        info: () => {},
        warn: (fields, message) => warnings.push({ fields, message }),
        error: () => {},
      };
      const schema = schemaForTest();
      const store = await createPostgresStore({
        connectionString,
        schema,
        logger,
        maxConnections: 1,
      });
      await store.settings.set('main', 'k', 1);
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      // Only this store's connection: its last statement names this test's schema.
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'balance-sync' AND state = 'idle' AND position($1 in query) > 0`,
        [schema],
      );
      expect(rowCount).toBe(1);
      await admin.end();
      await expect.poll(() => warnings.length).toBeGreaterThan(0);
      expect(await store.settings.get('main', 'k')).toBe(1);
      await store.close();
    });
  });

  describe('two workers on one database', () => {
    it('lets exactly one of two pools move each row', async () => {
      const schema = schemaForTest();
      const a = await createPostgresStore({ connectionString, schema, maxConnections: 5 });
      const b = await createPostgresStore({ connectionString, schema, maxConnections: 5 });
      const rows = 200;
      for (let i = 0; i < rows; i += 1) {
        await a.ledger.insert(pendingSale('shared', i, '2026-11-27T08:00:00.000Z'));
      }
      const race = (store: typeof a, label: string, order: number[]) =>
        Promise.all(
          order.map(async (i) => {
            const moved = await store.ledger.update('shared', `sale:${i}`, 1, {
              state: 'sent',
              attempts: 1,
              payloadHash: label,
              updatedAt: '2026-11-27T08:00:01.000Z',
            });
            return moved ? `sale:${i}` : undefined;
          }),
        );
      const indexes = Array.from({ length: rows }, (_, i) => i);
      const [wonA, wonB] = await Promise.all([
        race(a, 'a', indexes),
        race(b, 'b', [...indexes].reverse()),
      ]);
      const winsA = new Set(wonA.filter(Boolean));
      const winsB = new Set(wonB.filter(Boolean));
      expect(winsA.size + winsB.size).toBe(rows);
      for (let i = 0; i < rows; i += 1) {
        const key = `sale:${i}`;
        expect(winsA.has(key) !== winsB.has(key), key).toBe(true);
        const stored = await a.ledger.get('shared', key);
        expect(stored?.version, key).toBe(2);
        expect(stored?.payloadHash, key).toBe(winsA.has(key) ? 'a' : 'b');
      }
      await Promise.all([a.close(), b.close()]);
    });

    it('loses no update when two pools retry compare-and-set on one row', async () => {
      const schema = schemaForTest();
      const a = await createPostgresStore({ connectionString, schema, maxConnections: 4 });
      const b = await createPostgresStore({ connectionString, schema, maxConnections: 4 });
      await a.ledger.insert(pendingSale('shared', 1, '2026-11-27T08:00:00.000Z'));
      const perWorker = 40;
      // Each successful move adds one attempt to what the worker read: a lost update would
      // leave attempts below the number of successes.
      const worker = async (store: typeof a) => {
        let done = 0;
        let conflicts = 0;
        while (done < perWorker) {
          const row = (await store.ledger.get('shared', 'sale:1'))!;
          const moved = await store.ledger.update('shared', 'sale:1', row.version, {
            attempts: row.attempts + 1,
            updatedAt: '2026-11-27T08:00:01.000Z',
          });
          if (moved) done += 1;
          else conflicts += 1;
        }
        return conflicts;
      };
      await Promise.all([worker(a), worker(a), worker(b), worker(b)]);
      const final = await a.ledger.get('shared', 'sale:1');
      expect(final?.attempts).toBe(4 * perWorker);
      expect(final?.version).toBe(1 + 4 * perWorker);
      await Promise.all([a.close(), b.close()]);
    });
  });
});
