import { describe, expect, it } from 'vitest';
import { queueFixture, spawnConsumer } from './support/spawn-consumer.js';

/** Module URLs resolved by importing `specifier` in a fresh process. */
async function loadedModules(specifier: string): Promise<string[]> {
  const probe = spawnConsumer(queueFixture('import-graph-probe.ts'), {
    PROBE_SPECIFIER: specifier,
  });
  let out = '';
  probe.child.stdout?.on('data', (chunk: string) => {
    out += chunk;
  });
  const { code, stderr } = await probe.exit;
  expect(code, stderr).toBe(0);
  return JSON.parse(out.split('\n')[0]!) as string[];
}

const peer = (name: string) => new RegExp(`/node_modules/(?:\\.pnpm/)?${name}[@/]`);

describe('queue entries stay independent of each other', () => {
  it('/bullmq loads bullmq but neither pg nor pg-boss', async () => {
    const loaded = await loadedModules('@balance-sync/adapters/bullmq');
    expect(loaded.some((url) => peer('bullmq').test(url))).toBe(true);
    expect(loaded.some((url) => peer('ioredis').test(url))).toBe(true);
    expect(loaded.filter((url) => peer('pg(?:-boss|-pool|-protocol)?').test(url))).toEqual([]);
    expect(loaded.filter((url) => /\/src\/(?:sqlite|postgres|pg-boss)\//.test(url))).toEqual([]);
  });

  it('/pg-boss loads pg-boss but not bullmq', async () => {
    const loaded = await loadedModules('@balance-sync/adapters/pg-boss');
    expect(loaded.some((url) => peer('pg-boss').test(url))).toBe(true);
    expect(loaded.filter((url) => peer('(?:bullmq|ioredis)').test(url))).toEqual([]);
    expect(loaded.filter((url) => /\/src\/(?:sqlite|postgres|bullmq)\//.test(url))).toEqual([]);
  });

  it('/sqlite (with its job queue) loads neither bullmq nor pg nor pg-boss', async () => {
    const loaded = await loadedModules('@balance-sync/adapters/sqlite');
    expect(loaded.some((url) => url.includes('/src/sqlite/sqlite-job-queue.ts'))).toBe(true);
    expect(loaded.filter((url) => peer('(?:bullmq|ioredis|pg|pg-boss)').test(url))).toEqual([]);
  });
});
