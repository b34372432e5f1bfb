import { uuidV5 } from './uuid-v5.js';

/**
 * The fixed namespace of this project: UUIDv5 of the URL namespace and
 * `https://github.com/balance-sync/balance-sync`. Every store's namespace derives from it.
 * It must never change: every document uid ever written depends on it.
 *
 * @example
 * ```ts
 * uuidV5(UUID_NAMESPACE_URL, 'https://github.com/balance-sync/balance-sync') === PROJECT_UUID_NAMESPACE; // true
 * ```
 */
export const PROJECT_UUID_NAMESPACE = '832489a5-8816-5c3f-8826-ecca98b0bdd7';

/** What a store namespace is derived from: the store id, or an explicit override. */
export interface StoreNamespaceSource {
  /** The store id from the configuration (`stores[].id`). */
  readonly id: string;
  /**
   * `stores[].documentNamespace`: pins the namespace, e.g. when the store id has to change
   * (a move, a rename) but documents already exported must keep their uids.
   */
  readonly documentNamespace?: string | undefined;
}

/**
 * The per-store namespace of document uids: the configured `documentNamespace` when set,
 * otherwise UUIDv5 of {@link PROJECT_UUID_NAMESPACE} and the store id. Two stores never
 * share document uids, and the same store always gets the same ones.
 *
 * @example
 * ```ts
 * storeNamespace({ id: 'main' }); // uuidV5(PROJECT_UUID_NAMESPACE, 'main')
 * storeNamespace({ id: 'main', documentNamespace: '0f7c…' }); // '0f7c…'
 * ```
 */
export function storeNamespace(store: StoreNamespaceSource): string {
  const override = store.documentNamespace?.trim();
  if (override) return override.toLowerCase();
  if (store.id.trim() === '') throw new TypeError('store id must not be empty');
  return uuidV5(PROJECT_UUID_NAMESPACE, store.id);
}
