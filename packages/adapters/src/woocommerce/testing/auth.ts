/**
 * REST API keys and `WC_REST_Authentication`: Basic / query-string keys over HTTPS, OAuth 1.0a
 * (one-legged, HMAC-SHA1/SHA256, ±15 min timestamps, nonce replay) otherwise, key scopes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WooRestError } from './errors.js';
import { type PhpQueryMap, type PhpQueryValue, phpUrlDecode, rawUrlEncode } from './php.js';
import type { SeededRandom } from './random.js';

/**
 * Permissions of an API key.
 *
 * @example
 * const readOnly = sim.keys.create('read');
 */
export type KeyPermissions = 'read' | 'write' | 'read_write';

/**
 * A REST API key (consumer key + secret) of the store.
 *
 * @example
 * const { consumerKey, consumerSecret } = sim.keys.default;
 * const auth = 'Basic ' + btoa(`${consumerKey}:${consumerSecret}`);
 */
export interface ApiKey {
  keyId: number;
  /** `ck_…` (40 hex characters after the prefix). */
  consumerKey: string;
  /** `cs_…` (40 hex characters after the prefix). */
  consumerSecret: string;
  permissions: KeyPermissions;
  /** Owner user id (1 = the administrator). */
  userId: number;
  description: string;
  /** Whether the owner has the shop-manager capabilities (else requests get 403). */
  capable: boolean;
  /** Clock time (epoch ms) of the last authenticated request, or `null`. */
  lastAccess: number | null;
}

/**
 * Options for {@link ApiKeyRegistry.create}.
 *
 * @example
 * sim.keys.create('read', { description: 'Reporting', capable: true });
 */
export interface CreateKeyOptions {
  description?: string;
  /** Owner user id. Default 1. */
  userId?: number;
  /** `false` makes every permission check answer 403 (a user without capabilities). */
  capable?: boolean;
  /** Fixed key/secret (otherwise generated from the seed). */
  consumerKey?: string;
  consumerSecret?: string;
}

/**
 * The store's API keys, available as `sim.keys`.
 *
 * @example
 * const writer = sim.keys.create('write');
 * const reader = sim.keys.create('read');
 * sim.keys.revoke(reader.consumerKey);
 */
export class ApiKeyRegistry {
  private readonly keys = new Map<string, ApiKey>();
  private readonly nonces = new Map<number, Map<number, string>>();
  private nextId = 1;
  private readonly random: SeededRandom;
  /** The read/write key created with the store. */
  readonly default: ApiKey;

  /** @internal */
  constructor(random: SeededRandom) {
    this.random = random;
    this.default = this.create('read_write', { description: 'Simulator default key' });
  }

  /** Creates a key with the given permissions. */
  create(permissions: KeyPermissions, options: CreateKeyOptions = {}): ApiKey {
    const key: ApiKey = {
      keyId: this.nextId++,
      consumerKey: options.consumerKey ?? `ck_${this.random.hex(40)}`,
      consumerSecret: options.consumerSecret ?? `cs_${this.random.hex(40)}`,
      permissions,
      userId: options.userId ?? 1,
      description: options.description ?? `${permissions} key`,
      capable: options.capable ?? true,
      lastAccess: null,
    };
    this.keys.set(key.consumerKey, key);
    return key;
  }

  /** A read-only key. */
  readOnly(options: CreateKeyOptions = {}): ApiKey {
    return this.create('read', options);
  }

  /** A write-only key. */
  writeOnly(options: CreateKeyOptions = {}): ApiKey {
    return this.create('write', options);
  }

  /** Deletes a key (later requests with it run as anonymous / fail OAuth). */
  revoke(consumerKey: string): void {
    this.keys.delete(consumerKey);
  }

  /** Looks a key up. */
  find(consumerKey: string): ApiKey | undefined {
    return this.keys.get(consumerKey);
  }

  /** All keys. */
  all(): ApiKey[] {
    return [...this.keys.values()];
  }

  /** Used OAuth nonces of a key, by timestamp (WooCommerce keys them by timestamp). @internal */
  noncesOf(keyId: number): Map<number, string> {
    let map = this.nonces.get(keyId);
    if (!map) {
      map = new Map();
      this.nonces.set(keyId, map);
    }
    return map;
  }
}

/**
 * The user a request runs as.
 *
 * @example
 * const user: AuthUser = { key: sim.keys.default, userId: 1, capable: true };
 */
export interface AuthUser {
  key: ApiKey;
  userId: number;
  capable: boolean;
}

/** Input of {@link authenticate}. */
export interface AuthRequest {
  method: string;
  /** Request path (e.g. `/wp-json/wc/v3/products`). */
  path: string;
  query: PhpQueryMap;
  /** Parsed `application/x-www-form-urlencoded` body (`$_POST`), if any. */
  formBody: PhpQueryMap | null;
  authorization: string | null;
  https: boolean;
  siteUrl: string;
  nowSec: number;
}

/** Outcome of {@link authenticate}: a user, an error, or neither (anonymous). */
export interface AuthOutcome {
  user: AuthUser | null;
  error: WooRestError | null;
}

function authError(message: string): WooRestError {
  return new WooRestError('woocommerce_rest_authentication_error', message, { status: 401 });
}

function str(value: PhpQueryValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** PHP `rawurldecode`: `%XX` octets decoded, `+` kept, invalid sequences left alone. */
function rawUrlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

function userOf(key: ApiKey): AuthUser {
  return { key, userId: key.userId, capable: key.capable };
}

function parseOAuthHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header.startsWith('OAuth ')) return out;
  const re = /(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g;
  for (let m = re.exec(header); m !== null; m = re.exec(header)) {
    const name = m[1] ?? '';
    const value = m[3] !== undefined && m[3] !== '' ? m[3] : (m[4] ?? '');
    out[name] = phpUrlDecode(value);
  }
  return out;
}

const OAUTH_PARAMS = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
] as const;

function encodeDeep(value: PhpQueryValue): PhpQueryValue {
  if (typeof value === 'string') return rawUrlEncode(value);
  const out: PhpQueryMap = {};
  for (const [k, v] of Object.entries(value)) out[k] = encodeDeep(v);
  return out;
}

function joinWithEquals(params: PhpQueryMap, out: string[] = [], prefix = ''): string[] {
  for (const [rawKey, value] of Object.entries(params)) {
    const key = prefix ? `${prefix}%5B${rawKey}%5D` : rawKey;
    if (typeof value === 'string') out.push(rawUrlEncode(`${key}=${value}`));
    else joinWithEquals(value, out, key);
  }
  return out;
}

/**
 * The OAuth 1.0a signature base string WooCommerce builds: `METHOD&enc(url)&enc(sorted params)`
 * where the URL is the home URL (scheme from `is_ssl()`) plus the request path.
 */
export function oauthBaseString(method: string, baseUrl: string, params: PhpQueryMap): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== 'oauth_signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const normalized: PhpQueryMap = {};
  for (const key of sorted) {
    const value = params[key];
    if (value !== undefined) normalized[rawUrlEncode(key)] = encodeDeep(value);
  }
  return `${method.toUpperCase()}&${rawUrlEncode(baseUrl)}&${joinWithEquals(normalized).join('%26')}`;
}

/**
 * Signs a request the way WooCommerce verifies it and returns the `oauth_*` parameters to add
 * to the query string. `url` must be the URL you will call (its query is part of the
 * signature).
 *
 * @example
 * const url = `${sim.url}/wp-json/wc/v3/products?per_page=5`;
 * const oauth = signOAuth1Request({ method: 'GET', url, consumerKey, consumerSecret });
 * await fetch(`${url}&${new URLSearchParams(oauth)}`);
 */
export function signOAuth1Request(input: {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256';
  timestamp?: number;
  nonce?: string;
}): Record<string, string> {
  const url = new URL(input.url);
  const query: PhpQueryMap = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: input.nonce ?? Math.random().toString(36).slice(2),
    oauth_signature_method: input.signatureMethod ?? 'HMAC-SHA256',
  };
  const base = oauthBaseString(input.method, `${url.origin}${url.pathname}`, {
    ...query,
    ...oauth,
  });
  const algorithm = (input.signatureMethod ?? 'HMAC-SHA256') === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  oauth.oauth_signature = createHmac(algorithm, `${input.consumerSecret}&`)
    .update(base)
    .digest('base64');
  return oauth;
}

function basicCredentials(req: AuthRequest): { key: string; secret: string } | null {
  const ck = str(req.query.consumer_key);
  const cs = str(req.query.consumer_secret);
  if (ck !== '' && cs !== '') return { key: ck, secret: cs };
  const header = req.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (key === '' || secret === '') return null;
  return { key, secret };
}

function oauthParams(req: AuthRequest): { params: PhpQueryMap | null; error: WooRestError | null } {
  const params: PhpQueryMap = { ...req.query, ...(req.formBody ?? {}) };
  const header = (req.authorization ?? '').trim();
  Object.assign(params, parseOAuthHeader(header));
  const missing: string[] = [];
  let haveOne = false;
  for (const name of OAUTH_PARAMS) {
    const v = params[name];
    if (v === undefined || v === '' || v === '0') missing.push(name);
    else haveOne = true;
  }
  if (!haveOne) return { params: null, error: null };
  if (missing.length > 0) {
    const label = missing.length === 1 ? 'Missing OAuth parameter' : 'Missing OAuth parameters';
    return {
      params: null,
      error: new WooRestError(
        'woocommerce_rest_authentication_missing_parameter',
        `${label} ${missing.join(', ')}`,
        {
          status: 401,
        },
      ),
    };
  }
  return { params, error: null };
}

/** `WC_REST_Authentication::authenticate()` plus its error reporting. */
export function authenticate(req: AuthRequest, keys: ApiKeyRegistry): AuthOutcome {
  let error: WooRestError | null = null;
  if (req.https) {
    const creds = basicCredentials(req);
    if (creds) {
      const key = keys.find(creds.key);
      if (key) {
        if (safeEqual(key.consumerSecret, creds.secret)) return { user: userOf(key), error: null };
        error = authError('Consumer secret is invalid.');
      }
    }
  }
  const { params, error: paramError } = oauthParams(req);
  if (paramError) return { user: null, error: paramError };
  if (!params) return { user: null, error };
  const key = keys.find(str(params.oauth_consumer_key));
  if (!key) return { user: null, error: authError('Consumer key is invalid.') };
  const method = str(params.oauth_signature_method);
  const site = new URL(req.siteUrl);
  const baseUrl = `${req.https ? 'https' : 'http'}://${site.host}${req.path}`;
  const base = oauthBaseString(req.method, baseUrl, params);
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return { user: null, error: authError('Invalid signature - signature method is invalid.') };
  }
  const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${key.consumerSecret}&`)
    .update(base)
    .digest('base64');
  const provided = rawUrlDecode(str(params.oauth_signature).replace(/ /g, '+'));
  if (!safeEqual(expected, provided)) {
    return {
      user: null,
      error: authError('Invalid signature - provided signature does not match.'),
    };
  }
  const timestamp = Number(str(params.oauth_timestamp));
  const window = 15 * 60;
  if (
    !Number.isFinite(timestamp) ||
    timestamp < req.nowSec - window ||
    timestamp > req.nowSec + window
  ) {
    return { user: null, error: authError('Invalid timestamp.') };
  }
  const used = keys.noncesOf(key.keyId);
  const nonce = str(params.oauth_nonce);
  if ([...used.values()].includes(nonce)) {
    return { user: null, error: authError('Invalid nonce - nonce has already been used.') };
  }
  used.set(timestamp, nonce);
  for (const ts of used.keys()) if (ts < req.nowSec - window) used.delete(ts);
  return { user: userOf(key), error: null };
}

/** `check_permissions()` of the key for the HTTP method (runs before route matching). */
export function checkKeyScope(user: AuthUser, method: string): WooRestError | null {
  const p = user.key.permissions;
  switch (method) {
    case 'HEAD':
    case 'GET':
      return p === 'read' || p === 'read_write'
        ? null
        : authError('The API key provided does not have read permissions.');
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      return p === 'write' || p === 'read_write'
        ? null
        : authError('The API key provided does not have write permissions.');
    case 'OPTIONS':
      return null;
    default:
      return new WooRestError(
        'woocommerce_rest_authentication_invalid_method',
        'Unknown request method.',
        {
          status: 401,
        },
      );
  }
}
