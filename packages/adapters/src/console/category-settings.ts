import type { SyncStore } from '@balance-sync/woo-sync-core';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import {
  type CategoryChoice,
  mergeCategoryChoices,
  type StoreCategories,
} from './category-choices.js';

/**
 * The per-store `SyncStore.settings` key under which the console keeps the operator's
 * category choices. They are merged over `stores[].categories` of the configuration file.
 */
export const CATEGORY_SETTINGS_KEY = 'categories';

/** Format tag of the saved value, so a later version can migrate it. */
export const CATEGORY_SETTINGS_FORMAT = 'balance-sync/console-categories@1';

/** The operator's choices as saved in the store settings. */
export interface SavedCategoryChoices {
  format: typeof CATEGORY_SETTINGS_FORMAT;
  /** Choices by Balance group uid; groups not listed keep what the configuration says. */
  groups: Record<string, CategoryChoice>;
  updatedAt: string;
}

/** The saved choices of a store, or `undefined` when the console never saved any. */
export async function readSavedCategoryChoices(
  store: SyncStore,
  storeId: string,
): Promise<SavedCategoryChoices | undefined> {
  const value = (await store.settings.get(storeId, CATEGORY_SETTINGS_KEY)) as
    | SavedCategoryChoices
    | undefined;
  if (!value || value.format !== CATEGORY_SETTINGS_FORMAT || typeof value.groups !== 'object') {
    return undefined;
  }
  return value;
}

/** Saves (replaces) the choices of a store. */
export async function saveCategoryChoices(
  store: SyncStore,
  storeId: string,
  groups: Record<string, CategoryChoice>,
  now: Date,
): Promise<SavedCategoryChoices> {
  const saved: SavedCategoryChoices = {
    format: CATEGORY_SETTINGS_FORMAT,
    groups,
    updatedAt: now.toISOString(),
  };
  await store.settings.set(storeId, CATEGORY_SETTINGS_KEY, saved);
  return saved;
}

/**
 * Keeps the engine of a runtime on the effective category settings of its stores: the
 * configured `stores[].categories` (remembered as they were when this was created) with the
 * choices saved in `SyncStore.settings` merged over them.
 *
 * How it takes effect: the engine reads `stores[].categories` of its own configuration
 * (`runtime.engine.config`) each time it makes or verifies a plan, so replacing that object
 * is picked up by the next dry run, by `apply` (a plan made before a change is then refused
 * as stale, since the category settings are part of its fingerprint) and by catalog-import
 * jobs of a worker in the same process. A worker in another process does not see changes
 * until its runtime does the same merge (see docs/console.md).
 */
export class EffectiveCategories {
  readonly #runtime: SyncRuntime;
  readonly #configured = new Map<string, StoreCategories>();

  constructor(runtime: SyncRuntime) {
    this.#runtime = runtime;
    for (const store of runtime.config.stores) {
      this.#configured.set(store.id, structuredClone(store.categories));
    }
  }

  /** The categories of the configuration file for a store. */
  configured(storeId: string): StoreCategories {
    const configured = this.#configured.get(storeId);
    if (!configured) throw new Error(`No store "${storeId}"`);
    return configured;
  }

  /** Reads the saved choices of a store and installs the merged settings in the engine. */
  async refresh(storeId: string): Promise<{
    saved: SavedCategoryChoices | undefined;
    effective: StoreCategories;
  }> {
    const saved = await readSavedCategoryChoices(this.#runtime.store, storeId);
    const effective = mergeCategoryChoices(this.configured(storeId), saved?.groups);
    this.#install(storeId, effective);
    return { saved, effective };
  }

  /** Refreshes every configured store. */
  async refreshAll(): Promise<void> {
    for (const storeId of this.#configured.keys()) await this.refresh(storeId);
  }

  /** Saves new choices for a store and installs the merged settings. */
  async save(
    storeId: string,
    groups: Record<string, CategoryChoice>,
  ): Promise<{ saved: SavedCategoryChoices; effective: StoreCategories }> {
    const saved = await saveCategoryChoices(
      this.#runtime.store,
      storeId,
      groups,
      this.#runtime.clock.now(),
    );
    const effective = mergeCategoryChoices(this.configured(storeId), groups);
    this.#install(storeId, effective);
    return { saved, effective };
  }

  #install(storeId: string, effective: StoreCategories): void {
    const target = this.#runtime.engine.config.stores.find((s) => s.id === storeId);
    if (target) target.categories = effective;
  }
}
