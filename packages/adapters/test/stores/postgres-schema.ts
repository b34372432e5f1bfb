// A throwaway PostgreSQL schema per test file, dropped afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** A fresh schema name no other test file uses. */
export function freshSchemaName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
