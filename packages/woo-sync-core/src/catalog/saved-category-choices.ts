import type { StoreSyncConfig } from '../config/parse-sync-config.js';
import type { SyncStore } from '../ports/sync-store.js';
import { CatalogError } from './catalog-error.js';
import {
  type CategoryChoice,
  type CategoryChoiceIssue,
  mergeCategoryChoices,
  parseCategoryChoices,
} from './category-choices.js';

/**
 * The per-store `SyncStore.settings` key of the operator's category choices (saved by the
 * console). Every engine over the same SyncStore merges them over `stores[].categories` when
 * it plans or verifies a catalog plan.
 *
 * @example
 * ```ts
 * await store.settings.get('main', CATEGORY_CHOICES_SETTING); // SavedCategoryChoices | undefined
 * ```
 */
export const CATEGORY_CHOICES_SETTING = 'categories';

/**
 * Format tag of the saved value, so a later version can migrate it.
 *
 * @example
 * ```ts
 * saved.format === CATEGORY_CHOICES_FORMAT; // true
 * ```
 */
export const CATEGORY_CHOICES_FORMAT = 'balance-sync/console-categories@1';

/**
 * The operator's choices as saved in the store settings.
 *
 * @example
 * ```ts
 * const saved: SavedCategoryChoices = {
 *   format: CATEGORY_CHOICES_FORMAT,
 *   groups: { [sweets]: 'exclude', [groceries]: 'create' },
 *   updatedAt: '2026-01-10T08:00:00.000Z',
 * };
 * ```
 */
export interface SavedCategoryChoices {
  format: typeof CATEGORY_CHOICES_FORMAT;
  /** Choices by Balance group uid; groups not listed keep what the configuration says. */
  groups: Record<string, CategoryChoice>;
  updatedAt: string;
}

/**
 * Reads a saved value of the {@link CATEGORY_CHOICES_SETTING} setting: `saved` is
 * `undefined` when nothing was saved; `ok: false` says why a value is not a set of choices
 * of this format (edited by hand, or written by a newer version).
 *
 * @example
 * ```ts
 * const read = parseSavedCategoryChoices(await store.settings.get('main', CATEGORY_CHOICES_SETTING));
 * if (read.ok) read.saved?.groups; // { '<group uid>': 'exclude', … }
 * ```
 */
export function parseSavedCategoryChoices(
  value: unknown,
):
  | { ok: true; saved: SavedCategoryChoices | undefined }
  | { ok: false; problem: string; issues: CategoryChoiceIssue[] } {
  if (value === undefined || value === null) return { ok: true, saved: undefined };
  const saved = (typeof value === 'object' ? value : {}) as Partial<SavedCategoryChoices>;
  if (saved.format !== CATEGORY_CHOICES_FORMAT) {
    return {
      ok: false,
      problem: `format ${JSON.stringify(saved.format)}, expected ${CATEGORY_CHOICES_FORMAT}`,
      issues: [],
    };
  }
  const groups = parseCategoryChoices(saved.groups);
  if (!groups.ok) {
    return { ok: false, problem: 'some choices are not valid', issues: groups.issues.slice(0, 10) };
  }
  if (typeof saved.updatedAt !== 'string') {
    return { ok: false, problem: 'no updatedAt', issues: [] };
  }
  return {
    ok: true,
    saved: { format: CATEGORY_CHOICES_FORMAT, groups: groups.groups, updatedAt: saved.updatedAt },
  };
}

/**
 * The saved choices of a store, or `undefined` when none were ever saved. Throws
 * `catalog_read_failed` when the SyncStore cannot be read or holds a value that is not a set
 * of choices of this format ({@link parseSavedCategoryChoices}) — planning without them could
 * import groups the operator excluded; saving the choices again (console, Categories page)
 * replaces the value.
 *
 * @example
 * ```ts
 * const saved = await readSavedCategoryChoices(store, 'main');
 * saved?.groups; // { '<group uid>': 'exclude', … }
 * ```
 */
export async function readSavedCategoryChoices(
  store: SyncStore,
  storeId: string,
): Promise<SavedCategoryChoices | undefined> {
  let value: unknown;
  try {
    value = await store.settings.get(storeId, CATEGORY_CHOICES_SETTING);
  } catch (error) {
    throw new CatalogError(
      'catalog_read_failed',
      `Reading the saved category choices of store "${storeId}" failed, so no plan was made and nothing was written: ${error instanceof Error ? error.message : String(error)}. Fix the cause and plan again.`,
      { cause: error, details: { read: 'saved category choices' } },
    );
  }
  const read = parseSavedCategoryChoices(value);
  if (!read.ok) {
    throw new CatalogError(
      'catalog_read_failed',
      `The category choices saved for store "${storeId}" (SyncStore setting "${CATEGORY_CHOICES_SETTING}") are not readable (${read.problem}), so no plan was made and nothing was written. Save the choices again in the console (Categories page).`,
      {
        details: {
          read: 'saved category choices',
          problem: read.problem,
          ...(read.issues.length > 0 ? { issues: read.issues } : {}),
        },
      },
    );
  }
  return read.saved;
}

/**
 * Saves (replaces) the choices of a store. The next plan of any engine over the same
 * SyncStore uses them; a plan made before is refused at apply as stale.
 *
 * @example
 * ```ts
 * await saveCategoryChoices(store, 'main', { [sweets]: 'exclude' }, clock.now());
 * ```
 */
export async function saveCategoryChoices(
  store: SyncStore,
  storeId: string,
  groups: Record<string, CategoryChoice>,
  now: Date,
): Promise<SavedCategoryChoices> {
  const saved: SavedCategoryChoices = {
    format: CATEGORY_CHOICES_FORMAT,
    groups,
    updatedAt: now.toISOString(),
  };
  await store.settings.set(storeId, CATEGORY_CHOICES_SETTING, saved);
  return saved;
}

/**
 * The settings of a store with saved category choices merged over its configured
 * `categories` (see {@link mergeCategoryChoices}); the configuration itself when there are
 * none. This is what the catalog plans and verifies with, so the choices are part of a
 * plan's settings fingerprint.
 *
 * @example
 * ```ts
 * const config = withCategoryChoices(resolveStoreConfig(sync, 'main'), saved);
 * config.store.categories.excludedGroups; // configured exclusions plus the chosen ones
 * ```
 */
export function withCategoryChoices<T extends Pick<StoreSyncConfig, 'store'>>(
  config: T,
  saved: SavedCategoryChoices | undefined,
): T {
  if (!saved) return config;
  return {
    ...config,
    store: {
      ...config.store,
      categories: mergeCategoryChoices(config.store.categories, saved.groups),
    },
  };
}
