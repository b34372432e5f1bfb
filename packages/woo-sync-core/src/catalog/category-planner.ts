import type { StoreConfig } from '../config/sync-config-schema.js';
import type { CategoryMapping } from '../ports/sync-store.js';
import type { WooCategory } from '../ports/woocommerce-port.js';
import type { CategoryPlanEntry, CategoryTarget } from './catalog-plan.js';
import type { GroupTree } from './group-tree.js';

/** How a group reaches its WooCommerce category. */
type GroupCategory =
  | { kind: 'configured'; id: number }
  | { kind: 'stored'; id: number }
  | { kind: 'adopt'; id: number }
  | { kind: 'create' }
  | { kind: 'broken'; id: number };

const nameKey = (parentId: number, name: string) => `${parentId}\u0001${name.trim().toLowerCase()}`;

/**
 * Decides the WooCommerce category of every Balance group that products are filed under,
 * and which categories to create:
 *
 * - a group mapped to a category id in `stores[].categories.mapping` uses it (a missing id
 *   is a `category-not-found` conflict; its items get no category from it);
 * - otherwise a category the SDK created or adopted earlier (SyncStore) is reused while it
 *   still exists;
 * - a group mapped to `"create"` gets a category; with `catalog.createCategories`, so does
 *   every unmapped group that holds an imported item, with its unmapped ancestors (the
 *   Balance tree is mirrored below the nearest mapped ancestor);
 * - a category to create that already exists by name under the same parent is adopted;
 * - excluded groups and their descendants never become categories;
 * - an item's group that Balance did not return (`unknown-group`) gets a category only from
 *   a configured id; group chains that loop are followed until they come back on themselves.
 *
 * A product is filed under the category of its group, or of the nearest ancestor that has one.
 *
 * @example
 * ```ts
 * const categories = new CategoryPlanner(tree, store.categories, createCategories, storeCategories, mappings);
 * categories.plan(groupsOfImportedItems);
 * categories.targetFor(item.parent); // [{ group: '…', id: 17 }]
 * ```
 */
export class CategoryPlanner {
  readonly #tree: GroupTree;
  readonly #excluded: ReadonlySet<string>;
  readonly #states = new Map<string, GroupCategory>();
  readonly #targets = new Map<string | null, CategoryTarget[] | undefined>();
  readonly #entries: CategoryPlanEntry[] = [];
  readonly #config: StoreConfig['categories'];
  readonly #createCategories: boolean;
  readonly #storeCategories: ReadonlyMap<number, WooCategory>;
  readonly #byName = new Map<string, WooCategory>();
  readonly #stored: ReadonlyMap<string, CategoryMapping>;

  constructor(
    tree: GroupTree,
    config: StoreConfig['categories'],
    createCategories: boolean,
    excluded: ReadonlySet<string>,
    storeCategories: readonly WooCategory[],
    mappings: readonly CategoryMapping[],
  ) {
    this.#tree = tree;
    this.#config = config;
    this.#createCategories = createCategories;
    this.#excluded = excluded;
    this.#storeCategories = new Map(storeCategories.map((c) => [c.id, c]));
    for (const category of storeCategories) {
      const key = nameKey(category.parentId, category.name);
      if (!this.#byName.has(key)) this.#byName.set(key, category);
    }
    this.#stored = new Map(mappings.map((m) => [m.groupUid, m]));
  }

  /**
   * Decides the categories, given the groups that hold imported items.
   *
   * @returns the category entries of the plan, parents before children
   */
  plan(groupsInUse: Iterable<string>): CategoryPlanEntry[] {
    const tree = this.#tree;
    const inUse = new Set(groupsInUse);
    // 1. Configured ids, then remembered ones. A group Balance did not return can only be
    //    mapped to an existing id, and only counts while an imported item is in it.
    for (const [group, value] of Object.entries(this.#config.mapping)) {
      if (value === 'create' || tree.isWithin(group, this.#excluded)) continue;
      if (!tree.has(group) && !inUse.has(group)) continue;
      this.#states.set(
        group,
        this.#storeCategories.has(value)
          ? { kind: 'configured', id: value }
          : { kind: 'broken', id: value },
      );
    }
    for (const [group, mapping] of this.#stored) {
      if (this.#states.has(group) || !tree.has(group) || tree.isWithin(group, this.#excluded)) {
        continue;
      }
      if (this.#storeCategories.has(mapping.wooCategoryId)) {
        this.#states.set(group, { kind: 'stored', id: mapping.wooCategoryId });
      }
    }
    // 2. Groups to create.
    const toCreate = new Set<string>();
    for (const [group, value] of Object.entries(this.#config.mapping)) {
      if (value === 'create' && tree.has(group) && !this.#states.has(group)) toCreate.add(group);
    }
    if (this.#createCategories) {
      for (const used of inUse) {
        for (const group of tree.lineage(used)) {
          if (!tree.has(group) || this.#states.has(group)) break;
          toCreate.add(group);
        }
      }
    }
    for (const group of toCreate) if (tree.isWithin(group, this.#excluded)) toCreate.delete(group);
    // 3. Parents before children: adopt an existing category of the same name, else create.
    const ordered = [...toCreate].sort((a, b) => tree.depthOf(a) - tree.depthOf(b));
    const depth = new Map<string, number>();
    const createEntries: CategoryPlanEntry[] = [];
    for (const group of ordered) {
      const name = tree.get(group)?.name ?? group;
      const parentGroup = this.#nearestCategorized(tree.parentOf(group), toCreate);
      const parentState = parentGroup === null ? undefined : this.#states.get(parentGroup);
      const parentId =
        parentState === undefined ? 0 : 'id' in parentState ? parentState.id : undefined;
      const existing =
        parentId === undefined ? undefined : this.#byName.get(nameKey(parentId, name));
      if (existing) {
        this.#states.set(group, { kind: 'adopt', id: existing.id });
        createEntries.push({
          id: `group:${group}`,
          kind: 'adopt',
          groupUid: group,
          name,
          wooId: existing.id,
          depth: 0,
          record: true,
          detail: `existing category “${existing.name}” (#${existing.id}) is used`,
        });
        continue;
      }
      this.#states.set(group, { kind: 'create' });
      const level =
        parentState?.kind === 'create' ? (depth.get(parentGroup as string) ?? 0) + 1 : 0;
      depth.set(group, level);
      createEntries.push({
        id: `group:${group}`,
        kind: 'create',
        groupUid: group,
        name,
        parent:
          parentGroup === null || parentState === undefined
            ? null
            : { group: parentGroup, ...(parentId !== undefined ? { id: parentId } : {}) },
        depth: level,
        record: true,
      });
    }
    // 4. Entries for configured / remembered / broken groups.
    for (const [group, state] of this.#states) {
      if (state.kind === 'create' || state.kind === 'adopt') continue;
      const name = tree.get(group)?.name ?? group;
      if (state.kind === 'broken') {
        this.#entries.push({
          id: `group:${group}`,
          kind: 'conflict',
          reason: 'category-not-found',
          detail: `category #${state.id} configured for group “${name}” does not exist in the store`,
          groupUid: group,
          name,
          wooId: state.id,
          depth: 0,
        });
      } else {
        this.#entries.push({
          id: `group:${group}`,
          kind: 'unchanged',
          groupUid: group,
          name,
          wooId: state.id,
          depth: 0,
        });
      }
    }
    this.#entries.push(...createEntries);
    return this.#entries;
  }

  /**
   * The categories a product in group `group` belongs to: the category of the group or of
   * its nearest ancestor that has one; `undefined` when none has (or the nearest one is
   * broken), so the product's categories are left as they are.
   */
  targetFor(group: string | null): CategoryTarget[] | undefined {
    if (this.#targets.has(group)) return this.#targets.get(group);
    let target: CategoryTarget[] | undefined;
    for (const g of this.#tree.lineage(group)) {
      const state = this.#states.get(g);
      if (!state) continue;
      if (state.kind !== 'broken') {
        target = [{ group: g, ...('id' in state ? { id: state.id } : {}) }];
      }
      break;
    }
    this.#targets.set(group, target);
    return target;
  }

  #nearestCategorized(group: string | null, toCreate: ReadonlySet<string>): string | null {
    for (const g of this.#tree.lineage(group)) {
      const state = this.#states.get(g);
      if (state && state.kind !== 'broken') return g;
      if (toCreate.has(g)) return g;
    }
    return null;
  }
}
