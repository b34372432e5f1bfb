import type { SyncConfig } from '@balance-sync/woo-sync-core';

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

/**
 * Every secret value in a configuration: the Balance password, each store's consumer key
 * and secret and webhook secret, the admin token, and database / Redis URLs with their
 * passwords.
 *
 * @example
 * ```ts
 * const secrets = collectSecrets(config); // ['…', '…']
 * ```
 */
export function collectSecrets(config: SyncConfig): string[] {
  const values: string[] = [config.balance.password];
  for (const store of config.stores) {
    values.push(store.woocommerce.consumerKey, store.woocommerce.consumerSecret);
    if (store.woocommerce.webhookSecret) values.push(store.woocommerce.webhookSecret);
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
 * Replaces every occurrence of a secret in `text` with `[redacted]`. With `json`, the JSON
 * string form of each secret is replaced too (a finished log line).
 *
 * @example
 * ```ts
 * scrubSecrets('login failed for pa55word!', ['pa55word!']); // 'login failed for [redacted]'
 * ```
 */
export function scrubSecrets(text: string, secrets: readonly string[], json = false): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    if (json) {
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join('[redacted]');
    }
  }
  return out;
}
