import { isGuid, NULL_GUID } from './seeded-random.js';
import type { SimClient, SimItem, SimulatorState, SimWarehouse } from './simulator-state.js';

/**
 * Besides the GUID, which attributes an incoming reference may match — Balance's
 * per-integration "search settings". Matching a GUID `uid` is always on; the first record
 * in catalog order that matches wins (as 1C's find-by-code does).
 *
 * @example
 * ```ts
 * createBalanceSimulator({ searchBy: { Item: ['code'], Warehouse: ['code'], Client: ['id'] } });
 * ```
 */
export interface ReferenceSearchSettings {
  Item?: readonly ('code' | 'internalArticle' | 'name')[];
  Client?: readonly ('id' | 'code' | 'name')[];
  Warehouse?: readonly ('code' | 'name')[];
}

/**
 * Whether a reference value is empty (`""`, absent or the null GUID).
 *
 * @example
 * ```ts
 * isEmptyReference('00000000-0000-0000-0000-000000000000'); // true
 * ```
 */
export function isEmptyReference(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === NULL_GUID;
}

/**
 * Resolves an `Item` reference to a catalog row (item or group).
 *
 * @example
 * ```ts
 * resolveItem(sim.state, 'CF-001', { Item: ['code'] })?.Name; // "ყავა ესპრესო 250გ"
 * ```
 */
export function resolveItem(
  state: SimulatorState,
  reference: unknown,
  search: ReferenceSearchSettings,
): SimItem | undefined {
  if (typeof reference !== 'string' || isEmptyReference(reference)) return undefined;
  const byUid = isGuid(reference) ? state.items.get(reference.toLowerCase()) : undefined;
  if (byUid) return byUid;
  for (const mode of search.Item ?? []) {
    for (const item of state.items.values()) {
      if (item.IsGroup) continue;
      const value =
        mode === 'code' ? item.Code : mode === 'internalArticle' ? item.InternalArticle : item.Name;
      if (value !== '' && value === reference) return item;
    }
  }
  return undefined;
}

/**
 * Resolves a `Client` reference.
 *
 * @example
 * ```ts
 * resolveClient(sim.state, '01001012345', { Client: ['id'] })?.Name; // "ნინო ბერიძე"
 * ```
 */
export function resolveClient(
  state: SimulatorState,
  reference: unknown,
  search: ReferenceSearchSettings,
): SimClient | undefined {
  if (typeof reference !== 'string' || isEmptyReference(reference)) return undefined;
  const byUid = isGuid(reference) ? state.clients.get(reference.toLowerCase()) : undefined;
  if (byUid && byUid.DeletionMark !== true) return byUid;
  for (const mode of search.Client ?? []) {
    for (const client of state.clients.values()) {
      if (client.DeletionMark === true) continue;
      const value = mode === 'id' ? client.ID : mode === 'code' ? client.Code : client.Name;
      if (value !== '' && value === reference) return client;
    }
  }
  return undefined;
}

/**
 * Resolves a `Warehouse` reference.
 *
 * @example
 * ```ts
 * resolveWarehouse(sim.state, 'MW', { Warehouse: ['code'] })?.Name; // "მთავარი საწყობი"
 * ```
 */
export function resolveWarehouse(
  state: SimulatorState,
  reference: unknown,
  search: ReferenceSearchSettings,
): SimWarehouse | undefined {
  if (typeof reference !== 'string' || isEmptyReference(reference)) return undefined;
  const byUid = isGuid(reference) ? state.warehouses.get(reference.toLowerCase()) : undefined;
  if (byUid) return byUid;
  for (const mode of search.Warehouse ?? []) {
    for (const warehouse of state.warehouses.values()) {
      const value = mode === 'code' ? warehouse.Code : warehouse.Name;
      if (value !== '' && value === reference) return warehouse;
    }
  }
  return undefined;
}
