/**
 * Runs `tasks` at most `window` at a time and yields their results in task order: task
 * *n + window* starts once result *n* has arrived, so at most `window` results are in flight
 * or waiting besides the one being consumed. The first failure (in task order) is thrown when
 * its turn comes; when the consumer stops early (or a task failed), nothing more is started,
 * the tasks already running are waited for and their failures ignored.
 *
 * @example
 * ```ts
 * for await (const variations of readAhead(parents.map((p) => () => readVariations(p)), 4)) {
 *   out.push(...variations);
 * }
 * ```
 */
export async function* readAhead<T>(
  tasks: Iterable<() => Promise<T>>,
  window: number,
): AsyncGenerator<T> {
  const iterator = tasks[Symbol.iterator]();
  const started: Promise<T>[] = [];
  const startNext = (): boolean => {
    const next = iterator.next();
    if (next.done) return false;
    const promise = next.value();
    // Handled here: after an early stop a result is only waited for, never read.
    promise.catch(() => {});
    started.push(promise);
    return true;
  };
  try {
    while (started.length < Math.max(1, window) && startNext()) {}
    while (started.length > 0) {
      const result = await (started.shift() as Promise<T>);
      startNext();
      yield result;
    }
  } finally {
    // Nothing is left running once the consumer is done (end, error or early stop).
    await Promise.allSettled(started);
  }
}
