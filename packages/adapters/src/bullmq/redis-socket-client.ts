import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';

/**
 * Where a Redis server is. Mirrors the common subset of ioredis's options, so a URL-less
 * configuration reads the same.
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

/** Parses a connection into options; the URL's password is kept out of every message. */
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
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: true } : {}),
  };
}

type Reply = string | number | null | Error | Reply[];

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

const CRLF = Buffer.from('\r\n');
const INCOMPLETE = Symbol('incomplete');

/** Parses one RESP2 reply at `offset`; nested errors become `Error` values. */
function parseReply(buffer: Buffer, offset: number): [Reply, number] | typeof INCOMPLETE {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd < 0) return INCOMPLETE;
  const type = buffer[offset];
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case 0x2b: // +
      return [line, next];
    case 0x2d: // -
      return [new Error(line), next];
    case 0x3a: // :
      return [Number(line), next];
    case 0x24: {
      // $
      const length = Number(line);
      if (length < 0) return [null, next];
      if (buffer.length < next + length + 2) return INCOMPLETE;
      return [buffer.toString('utf8', next, next + length), next + length + 2];
    }
    case 0x2a: {
      // *
      const count = Number(line);
      if (count < 0) return [null, next];
      const items: Reply[] = [];
      let cursor = next;
      for (let i = 0; i < count; i += 1) {
        const parsed = parseReply(buffer, cursor);
        if (parsed === INCOMPLETE) return INCOMPLETE;
        items.push(parsed[0]);
        cursor = parsed[1];
      }
      return [items, cursor];
    }
    default:
      throw new Error(`Unexpected Redis reply type byte ${String(type)}`);
  }
}

function encodeCommand(command: string, args: readonly unknown[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n`)];
  for (const arg of [command, ...args]) {
    const bytes = Buffer.isBuffer(arg)
      ? arg
      : Buffer.from(arg === undefined || arg === null ? '' : String(arg));
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/**
 * A small RESP2 Redis client with the shape of Bun's `RedisClient` (`send`, `connected`,
 * `onconnect`/`onclose`, `duplicate`), which BullMQ 6 adapts through `createBunRedisClient`.
 * It lets the BullMQ adapter run without the optional `ioredis` package. Commands are
 * pipelined on one socket; replies come back in order.
 */
export class RedisSocketClient {
  /** Called once the connection is ready (after AUTH and SELECT). */
  onconnect: (() => void) | undefined;
  /** Called once when the connection closes; with an error when it was not asked to. */
  onclose: ((error?: Error) => void) | undefined;
  readonly #options: BullMqRedisOptions;
  /** This client and every duplicate made from it (or from its duplicates). */
  readonly #family: { clients: Set<RedisSocketClient>; disposed: boolean };
  #socket: Socket | undefined;
  #connected = false;
  #closedByUser = false;
  #pending: Pending[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #connecting: Promise<void> | undefined;

  constructor(
    options: BullMqRedisOptions,
    family: { clients: Set<RedisSocketClient>; disposed: boolean } = {
      clients: new Set(),
      disposed: false,
    },
  ) {
    this.#options = options;
    this.#family = family;
    family.clients.add(this);
  }

  /** Whether commands can be sent. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Where this client connects, without credentials. */
  get url(): string {
    const scheme = this.#options.tls ? 'rediss' : 'redis';
    return `${scheme}://${this.#options.host ?? '127.0.0.1'}:${this.#options.port ?? 6379}/${this.#options.db ?? 0}`;
  }

  connect(): Promise<void> {
    // After closeAll(), reconnect attempts (BullMQ retries in the background) never settle
    // and open nothing, so no socket or retry timer outlives the queue.
    if (this.#family.disposed) return new Promise<void>(() => {});
    if (this.#connected) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    this.#family.clients.add(this);
    const host = this.#options.host ?? '127.0.0.1';
    const port = this.#options.port ?? 6379;
    const timeoutMs = this.#options.connectTimeoutMs ?? 10_000;
    this.#closedByUser = false;
    this.#buffer = Buffer.alloc(0);
    const socket = await new Promise<Socket>((resolve, reject) => {
      const tls = this.#options.tls;
      const created = tls
        ? connectTls({ host, port, servername: host, ...(tls === true ? {} : tls) })
        : connectTcp({ host, port });
      const timer = setTimeout(() => {
        created.destroy();
        reject(new Error(`Connection closed: could not reach Redis at ${host}:${port} in time`));
      }, timeoutMs);
      const onError = (error: Error) => {
        clearTimeout(timer);
        reject(
          new Error(`Connection closed: could not reach Redis at ${host}:${port}`, {
            cause: error,
          }),
        );
      };
      created.once('error', onError);
      created.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        created.off('error', onError);
        resolve(created);
      });
    });
    if (this.#family.disposed || this.#closedByUser) {
      socket.destroy();
      throw new Error('Connection closed while connecting');
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', () => {
      // 'close' follows and reports the loss.
    });
    socket.on('close', () => this.#lost(socket));
    this.#connected = true;
    try {
      if (this.#options.password !== undefined) {
        const auth = this.#options.username
          ? [this.#options.username, this.#options.password]
          : [this.#options.password];
        await this.send('AUTH', auth).catch(() => {
          throw new Error('Redis refused the credentials (AUTH failed)');
        });
      }
      if (this.#options.db) await this.send('SELECT', [String(this.#options.db)]);
    } catch (error) {
      this.close();
      throw error;
    }
    this.onconnect?.();
  }

  /** Sends one command; resolves with its reply (rejects with the server's error). */
  send(command: string, args: readonly unknown[] = []): Promise<Reply> {
    const socket = this.#socket;
    if (!this.#connected || !socket) return Promise.reject(new Error('Connection closed'));
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      socket.write(encodeCommand(command, args));
    });
  }

  /** Closes the connection; pending commands fail with "Connection closed". */
  close(): void {
    this.#closedByUser = true;
    this.#family.clients.delete(this);
    this.#socket?.destroy();
    if (this.#socket) this.#lost(this.#socket);
  }

  /** Same as {@link RedisSocketClient.close} (BullMQ looks for it). */
  disconnect(): void {
    this.close();
  }

  /** A new, unconnected client to the same server (closed by {@link RedisSocketClient.closeAll}). */
  async duplicate(): Promise<RedisSocketClient> {
    return new RedisSocketClient(this.#options, this.#family);
  }

  /** Closes this client and all its duplicates for good. */
  closeAll(): void {
    this.#family.disposed = true;
    for (const client of [...this.#family.clients]) client.close();
  }

  #receive(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let offset = 0;
    while (offset < this.#buffer.length) {
      let parsed: [Reply, number] | typeof INCOMPLETE;
      try {
        parsed = parseReply(this.#buffer, offset);
      } catch (error) {
        this.#socket?.destroy(error as Error);
        return;
      }
      if (parsed === INCOMPLETE) break;
      offset = parsed[1];
      const pending = this.#pending.shift();
      const reply = parsed[0];
      if (!pending) continue;
      if (reply instanceof Error) pending.reject(reply);
      else pending.resolve(reply);
    }
    this.#buffer = offset === this.#buffer.length ? Buffer.alloc(0) : this.#buffer.subarray(offset);
  }

  #lost(socket: Socket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    const wasConnected = this.#connected;
    this.#connected = false;
    const pending = this.#pending;
    this.#pending = [];
    for (const { reject } of pending) reject(new Error('Connection closed'));
    if (wasConnected)
      this.onclose?.(this.#closedByUser ? undefined : new Error('Connection closed unexpectedly'));
  }
}
