// Test helper: drops a PostgreSQL schema (and everything in it) after a test file.
import pg from 'pg';

/** Runs `DROP SCHEMA IF EXISTS … CASCADE`; `schema` must be a plain lower-case SQL name. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Unsafe schema name ${schema}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
