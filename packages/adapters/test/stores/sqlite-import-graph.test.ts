import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, runFixture } from './spawn-tsx.js';

/** Module URLs loaded by importing `specifier` in a fresh process. */
async function loadedModules(specifier: string): Promise<string[]> {
  const lines = await runFixture(fixture('import-graph-probe.ts'), [specifier]);
  return JSON.parse(lines.at(-1)!) as string[];
}

const heavyPeers =
  /\/node_modules\/(?:\.pnpm\/)?(?:pg|pg-pool|pg-protocol|pg-boss|bullmq|ioredis)[@/]/;

describe('the /sqlite entry stays independent of the other adapters', () => {
  it('never loads pg, pg-boss, bullmq or ioredis (sources)', async () => {
    const loaded = await loadedModules('@balance-sync/adapters/sqlite');
    expect(loaded.some((url) => url.includes('/src/sqlite/'))).toBe(true);
    expect(loaded.filter((url) => heavyPeers.test(url))).toStrictEqual([]);
    expect(loaded.filter((url) => url.includes('/src/postgres/'))).toStrictEqual([]);
  });

  it('the probe does see pg when the /postgres entry is imported', async () => {
    const loaded = await loadedModules('@balance-sync/adapters/postgres');
    expect(loaded.some((url) => heavyPeers.test(url))).toBe(true);
  });

  const built = fileURLToPath(new URL('../../dist/sqlite.js', import.meta.url));
  it.runIf(existsSync(built))('never loads them from the built bundle either', async () => {
    const loaded = await loadedModules(pathToFileURL(built).href);
    expect(loaded.filter((url) => heavyPeers.test(url))).toStrictEqual([]);
  });
});
