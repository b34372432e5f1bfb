/*
 * The operator's category choices (made in the console) and how they combine with the
 * configured `stores[].categories`. Pure functions without imports: the engine merges the
 * saved choices when it plans and verifies, and the console's browser page shows the same
 * merge (it loads this module through the `@balance-sync/woo-sync-core/category-choices`
 * entry point, which pulls in nothing else).
 */

/**
 * What an operator chose for one Balance group:
 * - a WooCommerce category id: products of the group go into that category;
 * - `create`: the import creates a category for the group;
 * - `exclude`: the group and its descendants never become categories or products;
 * - `none`: no mapping and no exclusion (the group follows `catalog.createCategories`).
 *
 * @example
 * ```ts
 * const choices: Record<string, CategoryChoice> = { [coffee]: 17, [tea]: 'create', [expenses]: 'exclude' };
 * ```
 */
export type CategoryChoice = number | 'create' | 'exclude' | 'none';

/**
 * The category settings of a store as the engine reads them (`stores[].categories` of the
 * configuration): group uid → category id or `create`, and the excluded groups.
 *
 * @example
 * ```ts
 * const categories: StoreCategories = { mapping: { [coffee]: 17 }, excludedGroups: [expenses] };
 * ```
 */
export interface StoreCategories {
  mapping: Record<string, number | 'create'>;
  excludedGroups: string[];
}

/**
 * A problem with a submitted set of choices, for the operator.
 *
 * @example
 * ```ts
 * const issue: CategoryChoiceIssue = { group: 'not-a-uid', message: 'is not a Balance group uid (8-4-4-4-12 hex digits)' };
 * ```
 */
export interface CategoryChoiceIssue {
  group: string;
  message: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Upper bound of choices in one save (Balance tenants have hundreds of groups, not more). */
const MAX_CHOICES = 10_000;

/**
 * Checks a submitted `{ [groupUid]: choice }` object; returns the choices or the issues.
 *
 * @example
 * ```ts
 * parseCategoryChoices({ [tea]: 'create' }); // { ok: true, groups: { [tea]: 'create' } }
 * parseCategoryChoices({ [tea]: 'sometimes' }).ok; // false
 * ```
 */
export function parseCategoryChoices(
  input: unknown,
):
  | { ok: true; groups: Record<string, CategoryChoice> }
  | { ok: false; issues: CategoryChoiceIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ group: '(body)', message: 'send { "groups": { "<group uid>": choice } }' }],
    };
  }
  const entries = Object.entries(input);
  if (entries.length > MAX_CHOICES) {
    return {
      ok: false,
      issues: [{ group: '(body)', message: `at most ${MAX_CHOICES} groups can be saved at once` }],
    };
  }
  const issues: CategoryChoiceIssue[] = [];
  const groups: Record<string, CategoryChoice> = {};
  for (const [group, choice] of entries) {
    if (!GUID.test(group)) {
      issues.push({ group, message: 'is not a Balance group uid (8-4-4-4-12 hex digits)' });
      continue;
    }
    if (choice === 'create' || choice === 'exclude' || choice === 'none') {
      groups[group] = choice;
    } else if (typeof choice === 'number' && Number.isSafeInteger(choice) && choice > 0) {
      groups[group] = choice;
    } else {
      issues.push({
        group,
        message:
          'must be a WooCommerce category id (a positive whole number), "create", "exclude" or "none"',
      });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, groups };
}

/**
 * What the categories settings say for one group itself (not inherited from an ancestor).
 *
 * @example
 * ```ts
 * categoryChoiceOf({ mapping: { [tea]: 17 }, excludedGroups: [] }, tea); // 17
 * categoryChoiceOf({ mapping: {}, excludedGroups: [] }, tea); // 'none'
 * ```
 */
export function categoryChoiceOf(categories: StoreCategories, groupUid: string): CategoryChoice {
  const uid = groupUid.toLowerCase();
  if (categories.excludedGroups.some((g) => g.toLowerCase() === uid)) return 'exclude';
  const entry = Object.entries(categories.mapping).find(([g]) => g.toLowerCase() === uid);
  return entry ? entry[1] : 'none';
}

/**
 * The effective category settings: the configured ones with the saved choices on top. A
 * choice replaces whatever the configuration said for that group (mapping and exclusion);
 * groups without a choice keep the configuration. Always a fresh object.
 *
 * @example
 * ```ts
 * mergeCategoryChoices({ mapping: { [tea]: 17 }, excludedGroups: [] }, { [tea]: 'exclude' });
 * // → { mapping: {}, excludedGroups: [tea] }
 * ```
 */
export function mergeCategoryChoices(
  configured: StoreCategories,
  choices: Readonly<Record<string, CategoryChoice>> | undefined,
): StoreCategories {
  if (!choices || Object.keys(choices).length === 0) {
    return { mapping: { ...configured.mapping }, excludedGroups: [...configured.excludedGroups] };
  }
  const chosen = new Set(Object.keys(choices).map((g) => g.toLowerCase()));
  const mapping: StoreCategories['mapping'] = {};
  for (const [group, value] of Object.entries(configured.mapping)) {
    if (!chosen.has(group.toLowerCase())) mapping[group] = value;
  }
  const excludedGroups = configured.excludedGroups.filter((g) => !chosen.has(g.toLowerCase()));
  for (const [group, choice] of Object.entries(choices)) {
    if (choice === 'exclude') excludedGroups.push(group);
    else if (choice !== 'none') mapping[group] = choice;
  }
  return { mapping, excludedGroups };
}
