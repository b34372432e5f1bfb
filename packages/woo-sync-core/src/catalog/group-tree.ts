import type { BalanceCatalogItem } from './catalog-snapshot.js';

/**
 * What is wrong with the group chain above an item:
 * - `unknown-group`: its group is not a group Balance returned;
 * - `group-cycle`: following the parents comes back to a group already passed (`groups` is
 *   the loop, in parent order).
 *
 * @example
 * ```ts
 * const issue: GroupChainIssue = { kind: 'group-cycle', groups: [groupA, groupB] };
 * ```
 */
export type GroupChainIssue =
  | { kind: 'unknown-group'; group: string }
  | { kind: 'group-cycle'; groups: string[] };

/**
 * The Balance group hierarchy (groups are `Items` rows with `IsGroup`), with the questions
 * the planner asks of it answered in O(depth) and memoized per group.
 *
 * @example
 * ```ts
 * const tree = new GroupTree(snapshot.balance.items);
 * tree.isWithin(coffeeGroup, new Set([beveragesGroup])); // true
 * ```
 */
export class GroupTree {
  readonly #groups = new Map<string, BalanceCatalogItem>();
  readonly #memo = new Map<ReadonlySet<string>, Map<string, boolean>>();
  /** Per known group: the loop its chain runs into, or `null` when the chain ends. */
  readonly #chains = new Map<string, GroupChainIssue | null>();

  constructor(items: readonly BalanceCatalogItem[]) {
    for (const item of items) if (item.isGroup) this.#groups.set(item.uid, item);
  }

  /** The group row, when `uid` is a group. */
  get(uid: string): BalanceCatalogItem | undefined {
    return this.#groups.get(uid);
  }

  /** Whether `uid` is a known group. */
  has(uid: string): boolean {
    return this.#groups.has(uid);
  }

  /** All groups. */
  values(): IterableIterator<BalanceCatalogItem> {
    return this.#groups.values();
  }

  /** The parent group of a group (`null` at the root or for unknown parents). */
  parentOf(uid: string): string | null {
    const parent = this.#groups.get(uid)?.parent ?? null;
    return parent !== null && this.#groups.has(parent) ? parent : null;
  }

  /**
   * `uid` and its ancestors, nearest first (stops at the root, an unknown parent, or a cycle).
   */
  *lineage(uid: string | null): Generator<string> {
    const seen = new Set<string>();
    let current = uid;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      yield current;
      const parent = this.#groups.get(current)?.parent ?? null;
      current = parent;
    }
  }

  /**
   * What is wrong with the chain of groups above an item in group `uid` (see
   * {@link GroupChainIssue}); `undefined` when it is a known group whose chain ends at the
   * root (or at a parent that is not a group). O(depth) once, memoized per group; always
   * terminates.
   */
  chainIssue(uid: string | null): GroupChainIssue | undefined {
    if (uid === null) return undefined;
    if (!this.#groups.has(uid)) return { kind: 'unknown-group', group: uid };
    const path: string[] = [];
    const position = new Map<string, number>();
    let issue: GroupChainIssue | null = null;
    let current: string | null = uid;
    while (current !== null && this.#groups.has(current)) {
      const known = this.#chains.get(current);
      if (known !== undefined) {
        issue = known;
        break;
      }
      const at = position.get(current);
      if (at !== undefined) {
        issue = { kind: 'group-cycle', groups: path.slice(at) };
        break;
      }
      position.set(current, path.length);
      path.push(current);
      current = this.#groups.get(current)?.parent ?? null;
    }
    for (const group of path) this.#chains.set(group, issue);
    return issue ?? undefined;
  }

  /** Depth of a group: 0 at the root. */
  depthOf(uid: string): number {
    let depth = -1;
    for (const group of this.lineage(uid)) if (this.#groups.has(group)) depth += 1;
    return Math.max(depth, 0);
  }

  /**
   * Whether group `uid` is one of `set` or a descendant of one. `set` must not change after
   * the first call (answers are memoized per set).
   */
  isWithin(uid: string | null, set: ReadonlySet<string>): boolean {
    if (uid === null || set.size === 0) return false;
    let memo = this.#memo.get(set);
    if (!memo) {
      memo = new Map();
      this.#memo.set(set, memo);
    }
    const known = memo.get(uid);
    if (known !== undefined) return known;
    const path: string[] = [];
    let answer = false;
    for (const group of this.lineage(uid)) {
      const cached = memo.get(group);
      if (cached !== undefined) {
        answer = cached;
        break;
      }
      path.push(group);
      if (set.has(group)) {
        answer = true;
        break;
      }
    }
    for (const group of path) memo.set(group, answer);
    return answer;
  }
}
