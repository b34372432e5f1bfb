/**
 * The log of every request the simulator answered (or dropped), with credentials redacted.
 */

/**
 * One logged request.
 *
 * @example
 * const [first] = sim.requests.entries;
 * expect(first).toMatchObject({ method: 'GET', route: '/wc/v3/products', status: 200 });
 */
export interface RequestLogEntry {
  /** Sequence number. */
  seq: number;
  /** HTTP method as received. */
  method: string;
  /** URL path as received (e.g. `/wp-json/wc/v3/products`). */
  path: string;
  /** REST route (`/wc/v3/products`), or `null` for non-REST paths. */
  route: string | null;
  /** Query parameters; `consumer_key`, `consumer_secret` and OAuth key/signature are `[redacted]`. */
  query: Record<string, unknown>;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** HTTP status sent, or `null` when the connection was dropped. */
  status: number | null;
  /** WooCommerce error code of an error response. */
  errorCode: string | null;
  /** Key id of the authenticated API key (never the key itself), or `null`. */
  keyId: number | null;
  /** Labels of the faults applied. */
  faults: string[];
  /** `http` (real server) or `msw` (handlers). */
  transport: 'http' | 'msw' | 'direct';
  /** Simulator clock time (epoch ms) when the request started. */
  startedAt: number;
  /** Wall time spent answering, in milliseconds. */
  durationMs: number;
}

const REDACTED_KEYS = new Set([
  'consumer_key',
  'consumer_secret',
  'oauth_signature',
  'oauth_consumer_key',
]);

/** Replaces credential query parameters with `[redacted]`. */
export function redactQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) out[k] = REDACTED_KEYS.has(k) ? '[redacted]' : v;
  return out;
}

/**
 * The request log, available as `sim.requests`.
 *
 * @example
 * sim.requests.clear();
 * await client.listProducts();
 * expect(sim.requests.entries.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([
 *   'GET /wc/v3/products 200',
 * ]);
 */
export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private seq = 0;

  /** All entries, oldest first. */
  get entries(): readonly RequestLogEntry[] {
    return this.items;
  }

  /** Number of entries. */
  get size(): number {
    return this.items.length;
  }

  /** The newest entry. */
  last(): RequestLogEntry | undefined {
    return this.items[this.items.length - 1];
  }

  /** Entries matching a predicate. */
  filter(predicate: (entry: RequestLogEntry) => boolean): RequestLogEntry[] {
    return this.items.filter(predicate);
  }

  /** Empties the log. */
  clear(): void {
    this.items.length = 0;
  }

  /** Appends an entry. @internal */
  push(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.items.push(full);
    return full;
  }
}
