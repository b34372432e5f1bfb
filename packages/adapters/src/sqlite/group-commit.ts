/** One caller waiting for its item to be committed. */
interface Waiter<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items added during one turn of the event loop are committed together by one
 * call of `commit` (one transaction, so one fsync) on the next `setImmediate`, or at once by
 * {@link GroupCommit.flush}. Every caller's promise settles only after that call returned —
 * with its own result when it did, with the same error for all when it threw (then nothing of
 * the group may have been committed: `commit` must be all-or-nothing).
 *
 * @example
 * ```ts
 * const inserts = new GroupCommit((rows: Row[]) =>
 *   immediateTransaction(db, () => rows.map((row) => insert.run(row).lastInsertRowid)),
 * );
 * const [a, b] = await Promise.all([inserts.add(first), inserts.add(second)]); // one COMMIT
 * ```
 */
export class GroupCommit<Item, Result> {
  readonly #commit: (items: readonly Item[]) => readonly Result[];
  #waiting: Waiter<Item, Result>[] = [];
  #scheduled: ReturnType<typeof setImmediate> | undefined;

  /**
   * @param commit Writes all items in one transaction and returns their results in order;
   *   synchronous, and rolls everything back when it throws.
   */
  constructor(commit: (items: readonly Item[]) => readonly Result[]) {
    this.#commit = commit;
  }

  /** Adds an item to the next commit; resolves with its result once that committed. */
  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits the items added so far now (before closing the database, say). */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const group = this.#waiting;
    if (group.length === 0) return;
    this.#waiting = [];
    let results: readonly Result[];
    try {
      results = this.#commit(group.map((waiter) => waiter.item));
    } catch (error) {
      for (const waiter of group) waiter.reject(error);
      return;
    }
    for (const [index, waiter] of group.entries()) waiter.resolve(results[index] as Result);
  }
}
