/**
 * Iterates rows of a `Pack`/`PackSize`-paged template: packs 1, 2, 3, … until an empty pack.
 * A publication that ignores paging answers every pack with the same rows; that is detected
 * (pack 2 starts like pack 1) and iteration stops after the first pack instead of looping.
 */
export async function* iteratePacks<T>(
  fetchPack: (pack: number) => Promise<T[]>,
): AsyncGenerator<T> {
  let firstRowOfFirstPack: string | undefined;
  for (let pack = 1; ; pack += 1) {
    const rows = await fetchPack(pack);
    if (rows.length === 0) return;
    const firstRow = JSON.stringify(rows[0]);
    if (pack === 1) firstRowOfFirstPack = firstRow;
    else if (firstRow === firstRowOfFirstPack) return;
    yield* rows;
  }
}
