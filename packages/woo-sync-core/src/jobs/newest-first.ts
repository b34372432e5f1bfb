/** What {@link newestFirst} orders by: the creation instant, then a tie-breaker. */
export type NewestFirstKey = readonly [createdAt: number | string, tieBreaker: number | string];

/**
 * A comparator for `Array.prototype.sort` that puts the newest job first — the order of
 * `JobQueue.list()` in every adapter: by creation instant descending, then by a tie-breaker
 * descending (a sequence number, or an id that sorts by creation) for jobs created in the
 * same millisecond. Both parts of a key are compared as they are (numbers as numbers,
 * ISO-8601 instants and time-ordered ids as text).
 *
 * @param key - the creation instant and tie-breaker of an item
 * @example
 * ```ts
 * jobs.sort(newestFirst((job: Job) => [job.createdAt, job.id]));
 * stored.sort(newestFirst((row: { createdAt: number; seq: number }) => [row.createdAt, row.seq]));
 * ```
 */
export function newestFirst<T>(key: (item: T) => NewestFirstKey): (a: T, b: T) => number {
  const descending = (x: number | string, y: number | string) => (x < y ? 1 : x > y ? -1 : 0);
  return (a, b) => {
    const [createdA, tieA] = key(a);
    const [createdB, tieB] = key(b);
    return descending(createdA, createdB) || descending(tieA, tieB);
  };
}
