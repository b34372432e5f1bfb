/**
 * `meta_data` handling shared by products, orders and refunds (`WC_Data::update_meta_data`
 * followed by `save_meta_data`).
 *
 * Internal module.
 */
import { phpToInt, phpToString } from './php.js';
import type { MetaEntry, StoreState } from './store-state.js';

/**
 * Applies a REST `meta_data` array: each entry updates the meta with its `id`, else the first
 * meta with its `key` (other duplicates of the key are removed), else adds a new one. Keys not
 * mentioned stay. A `null` value deletes the entry, as `save_meta_data` does.
 */
export function upsertMeta(state: StoreState, meta: MetaEntry[], input: unknown): MetaEntry[] {
  if (!Array.isArray(input)) return meta;
  let entries = meta.map((m) => ({ ...m }));
  const deleted = new Set<MetaEntry>();
  for (const raw of input) {
    if (raw === null || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    const key = phpToString(item.key);
    const value = item.value === undefined ? null : item.value;
    const metaId =
      item.id === undefined || item.id === null || item.id === '' ? 0 : phpToInt(item.id);
    let target: MetaEntry | undefined;
    if (metaId) {
      target = entries.find((m) => m.id === metaId && typeof item.id === 'number');
    } else {
      const matches = entries.filter((m) => m.key === key);
      for (const m of matches) m.value = null;
      target = matches[0];
      for (const m of matches.slice(1)) deleted.add(m);
    }
    if (target) {
      target.key = key;
      target.value = value;
    } else {
      entries.push({ id: state.allocateMetaId(), key, value });
    }
  }
  entries = entries.filter((m) => !deleted.has(m) && m.value !== null);
  return entries;
}

/** Adds a meta entry without replacing existing ones (`add_meta_data($key, $value, true)`). */
export function setMeta(state: StoreState, meta: MetaEntry[], key: string, value: unknown): void {
  const existing = meta.find((m) => m.key === key);
  if (existing) existing.value = value;
  else meta.push({ id: state.allocateMetaId(), key, value });
}

/** The REST rendering `[{id, key, value}]`. */
export function metaToJson(
  meta: readonly MetaEntry[],
): { id: number; key: string; value: unknown }[] {
  return meta.map((m) => ({ id: m.id, key: m.key, value: m.value }));
}
