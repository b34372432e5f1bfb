import type { Logger } from '@balance-sync/woo-sync-core';
import pg from 'pg';
import { PostgresAdapterError } from './postgres-adapter-error.js';

/**
 * Where the PostgreSQL adapters connect: give exactly one of `connectionString` and `pool`.
 *
 * @example
 * ```ts
 * const connection: PostgresConnectionOptions = {
 *   connectionString: process.env.DATABASE_URL,
 *   schema: 'balance_sync',
 * };
 * ```
 */
export interface PostgresConnectionOptions {
  /**
   * `postgres://user:password@host:5432/database`. The adapter then owns a pool and ends it on
   * `close()`. The string is never written to errors or logs.
   */
  connectionString?: string;
  /** A `pg` pool you own: the adapter uses it and leaves it open on `close()`. */
  pool?: pg.Pool;
  /**
   * The schema holding the tables; created when missing. Many stores share one schema (rows
   * are scoped by store id); a schema per environment keeps environments apart.
   * @default 'balance_sync'
   */
  schema?: string;
  /**
   * Size of the pool created from `connectionString`.
   * @default 10
   */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The schema name, checked and double-quoted for use in SQL. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new PostgresAdapterError(
      'invalid_schema_name',
      `schema must be a plain SQL identifier (letters, digits, underscores; at most 63), got ${JSON.stringify(schema)}`,
    );
  }
  return `"${schema}"`;
}

/** `host:port/database` of a connection string, without user or password, for messages. */
export function describeConnection(connectionString: string | undefined): string {
  if (connectionString === undefined) return 'the given pool';
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/** The pool to use and whether the adapter created it (and so must end it). */
export function resolvePool(options: PostgresConnectionOptions): { pool: pg.Pool; owned: boolean } {
  const hasString = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasString === (options.pool !== undefined)) {
    throw new PostgresAdapterError(
      'invalid_options',
      'give exactly one of connectionString and pool',
    );
  }
  if (options.pool) return { pool: options.pool, owned: false };
  const max = options.maxConnections ?? 10;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new PostgresAdapterError(
      'invalid_options',
      `maxConnections must be a positive integer, got ${max}`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    application_name: 'balance-sync',
  });
  return { pool, owned: true };
}

/** Whether an error is the driver failing to reach or log in to the server. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  // Node network errors, and SQLSTATE classes 08 (connection) and 28 (authorization),
  // 3D000 (no such database), 57P03 (the server is starting up).
  return (
    /^E[A-Z]+$/.test(code) ||
    code.startsWith('08') ||
    code.startsWith('28') ||
    code === '3D000' ||
    code === '57P03'
  );
}

/**
 * Reports errors of idle pooled clients (the server restarted, a proxy dropped the
 * connection). `pg` drops such a client by itself, but without a listener the error would
 * crash the process; with one that said nothing it would vanish. So it is logged as a warning.
 */
export function warnOnIdleClientErrors(pool: pg.Pool, logger: Logger | undefined): void {
  pool.on('error', (error: Error & { code?: string }) => {
    const message = 'PostgreSQL dropped an idle pooled connection; the pool opens a new one';
    if (logger) logger.warn({ error: error.message, code: error.code }, message);
    else console.warn(`[balance-sync] ${message}: ${error.message}`);
  });
}
