/**
 * How {@link iteratePacks} reads.
 *
 * @example
 * ```ts
 * iteratePacks(fetchPack, { packSize: 500, concurrency: 4 });
 * ```
 */
export interface IteratePacksOptions {
  /**
   * The `PackSize` asked for. A first pack longer than this shows a publication that ignores
   * paging: then nothing is read ahead.
   */
  readonly packSize?: number;
  /**
   * Packs requested at once after pack 1; rows still come out in pack order and at most this
   * many packs are held.
   * @default 1
   */
  readonly concurrency?: number;
}

/**
 * Iterates rows of a `Pack`/`PackSize`-paged template: packs 1, 2, 3, … until an empty pack.
 * A publication that ignores paging answers every pack with the same rows; that is detected
 * (pack 2 starts like pack 1) and iteration stops after the first pack instead of looping.
 *
 * With `concurrency` above 1, the packs after pack 1 are read ahead that many at a time (only
 * when pack 1 was no longer than `packSize`); packs read ahead past the end — the first empty
 * pack, or a repeat of pack 1 — are dropped, their failures ignored, and waited for: nothing
 * is still running when the iteration ends (also after an error or an early `break`).
 */
export async function* iteratePacks<T>(
  fetchPack: (pack: number) => Promise<T[]>,
  options: IteratePacksOptions = {},
): AsyncGenerator<T> {
  const window = Math.max(1, Math.floor(options.concurrency ?? 1));
  let firstRowOfFirstPack: string | undefined;
  let readingAhead = false;
  const ahead = new Map<number, Promise<T[]>>();
  let nextToRequest = 2;
  const readAheadFrom = (pack: number) => {
    nextToRequest = Math.max(nextToRequest, pack);
    while (readingAhead && nextToRequest < pack + window) {
      const promise = fetchPack(nextToRequest);
      // Handled here: a pack read ahead past the end is only waited for, never read.
      promise.catch(() => {});
      ahead.set(nextToRequest, promise);
      nextToRequest += 1;
    }
  };
  try {
    for (let pack = 1; ; pack += 1) {
      const pending = ahead.get(pack);
      ahead.delete(pack);
      const rows = await (pending ?? fetchPack(pack));
      if (rows.length === 0) return;
      const firstRow = JSON.stringify(rows[0]);
      if (pack === 1) {
        firstRowOfFirstPack = firstRow;
        readingAhead =
          window > 1 && (options.packSize === undefined || rows.length <= options.packSize);
      } else if (firstRow === firstRowOfFirstPack) return;
      readAheadFrom(pack + 1);
      yield* rows;
    }
  } finally {
    // Nothing is left running once the iteration is over (end, error or early stop).
    await Promise.allSettled(ahead.values());
  }
}
