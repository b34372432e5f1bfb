import type { SyncConfig } from '@balance-sync/woo-sync-core';
import { REDACTED } from './redact-secret-keys.js';

/** Values shorter than this are not scrubbed from text (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

function urlPassword(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const url = new URL(value);
    return [value, decodeURIComponent(url.password), url.password].filter(Boolean);
  } catch {
    return [value];
  }
}

/** The base64 `user:secret` of an HTTP Basic `Authorization` header. */
function basicCredentials(user: string, secret: string): string {
  return Buffer.from(`${user}:${secret}`, 'utf8').toString('base64');
}

/**
 * Every secret value in a configuration: the Balance password, each store's consumer key
 * and secret and webhook secret, the admin token, database / Redis URLs with their
 * passwords, and the Basic credentials built from them (`base64(user:password)` of Balance,
 * `base64(consumerKey:consumerSecret)` of WooCommerce), longest first.
 *
 * @example
 * ```ts
 * const secrets = collectSecrets(config); // ['…', '…']
 * ```
 */
export function collectSecrets(config: SyncConfig): string[] {
  const values: string[] = [
    config.balance.password,
    basicCredentials(config.balance.username, config.balance.password),
  ];
  for (const store of config.stores) {
    const { consumerKey, consumerSecret, webhookSecret } = store.woocommerce;
    values.push(consumerKey, consumerSecret, basicCredentials(consumerKey, consumerSecret));
    if (webhookSecret) values.push(webhookSecret);
  }
  if (config.server.adminToken) values.push(config.server.adminToken);
  if (config.storage.driver === 'postgres') values.push(...urlPassword(config.storage.databaseUrl));
  if (config.queue.driver === 'pg-boss') values.push(...urlPassword(config.queue.databaseUrl));
  if (config.queue.driver === 'bullmq') values.push(...urlPassword(config.queue.redisUrl));
  return [...new Set(values.filter((v) => v.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * The forms a secret takes in a finished JSON log line: as it is, JSON-escaped, percent-encoded
 * (URLs, OAuth 1.0a base strings), form-encoded (query strings, `+` for spaces), and
 * HTML-escaped (an HTML error page quoted in a message) — each also JSON-escaped.
 *
 * @example
 * ```ts
 * secretForms('p@ss"word'); // ['p@ss"word', 'p@ss\\"word', 'p%40ss%22word', …]
 * ```
 */
export function secretForms(secret: string): string[] {
  const html = secret
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    html,
  ];
  const all = new Set<string>();
  for (const form of forms) {
    all.add(form);
    all.add(JSON.stringify(form).slice(1, -1));
  }
  return [...all].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** `Authorization: <scheme> <value>` in text, also inside JSON strings (escaped quotes). */
const AUTHORIZATION_VALUE =
  /((?:proxy-)?authorization\\?["']?\s*[:=]\s*\\?["']?\s*(?:basic|bearer|oauth|digest|token)\s+)(?!\[redacted\])[^\s"'\\,}]+/gi;
/** The password of `scheme://user:password@host` in any URL. */
const URL_PASSWORD = /(\/\/[^\s:/@"'\\]+:)[^\s@/"'\\]+@/g;

/**
 * A function that scrubs finished text (a log line): every form of every secret
 * ({@link secretForms}) becomes `[redacted]`, and so do the values of `Authorization` headers
 * and passwords in URLs, known or not. Built once per logger; costs a few substring searches
 * per line.
 *
 * @example
 * ```ts
 * const scrub = createSecretScrubber(['pa55word!']);
 * scrub('login failed for pa55word!'); // 'login failed for [redacted]'
 * scrub('authorization: Basic dXNlcjpwYXNz'); // 'authorization: Basic [redacted]'
 * ```
 */
export function createSecretScrubber(secrets: readonly string[]): (text: string) => string {
  const needles = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    if (out.includes('uthorization') || out.includes('UTHORIZATION')) {
      out = out.replace(AUTHORIZATION_VALUE, `$1${REDACTED}`);
    }
    if (out.includes('://') && out.includes('@')) out = out.replace(URL_PASSWORD, `$1${REDACTED}@`);
    return out;
  };
}
