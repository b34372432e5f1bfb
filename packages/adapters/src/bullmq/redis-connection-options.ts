import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

/**
 * Where a Redis server is, for the BullMQ adapter. The fields are the common subset of
 * ioredis's options, so a configuration without a URL reads the same.
 */
export interface BullMqRedisOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 6379 */
  port?: number;
  /** ACL user name (Redis 6+). */
  username?: string;
  /** Password (never logged nor put in error messages). */
  password?: string;
  /**
   * Database number.
   * @default 0
   */
  db?: number;
  /** `true` or Node TLS options to connect over TLS (`rediss://` URLs do it too). */
  tls?: boolean | TlsConnectionOptions;
  /**
   * How long to wait for the TCP (and TLS) handshake, in milliseconds.
   * @default 10000
   */
  connectTimeoutMs?: number;
}

/** A Redis URL (`redis://[user[:password]@]host[:port][/db]`, `rediss://` for TLS) or options. */
export type BullMqConnection = string | BullMqRedisOptions;

/**
 * Reads a connection (URL or options) into options. Throws a plain `Error` naming what is
 * wrong, never echoing the URL (it may hold a password).
 *
 * @example
 * ```ts
 * parseRedisConnection('rediss://worker:s3cret@redis.internal:6380/2');
 * // { host: 'redis.internal', port: 6380, username: 'worker', password: 's3cret', db: 2, tls: true }
 * ```
 */
export function parseRedisConnection(connection: BullMqConnection): BullMqRedisOptions {
  if (typeof connection !== 'string') return { ...connection };
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new Error('Invalid Redis URL (expected redis://host:port or rediss://host:port)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`Unsupported Redis URL scheme "${url.protocol}" (use redis: or rediss:)`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new Error('Invalid Redis URL: the path must be a database number (e.g. /0)');
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: true } : {}),
  };
}

/**
 * The server of a connection for messages and logs, without credentials.
 *
 * @example
 * ```ts
 * redisServerLabel({ host: 'redis.internal', port: 6380, db: 2, tls: true, password: 'x' });
 * // 'rediss://redis.internal:6380/2'
 * ```
 */
export function redisServerLabel(options: BullMqRedisOptions): string {
  const scheme = options.tls ? 'rediss' : 'redis';
  const host = options.host ?? '127.0.0.1';
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${shownHost}:${options.port ?? 6379}/${options.db ?? 0}`;
}

/**
 * The values of a connection that must never reach an error message or a log line: the
 * password (as given and URL-encoded) and the whole URL.
 *
 * @example
 * ```ts
 * redisConnectionSecrets('redis://:p@ss@host:6379'); // ['p@ss', 'p%40ss', 'redis://:p@ss@host:6379']
 * ```
 */
export function redisConnectionSecrets(connection: BullMqConnection): string[] {
  let password: string | undefined;
  try {
    password = parseRedisConnection(connection).password;
  } catch {
    // An unreadable URL is still a secret as a whole.
  }
  const secrets = password ? [password, encodeURIComponent(password)] : [];
  if (typeof connection === 'string') secrets.push(connection);
  return [...new Set(secrets)];
}
