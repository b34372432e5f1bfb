import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingSale } from './fixtures/ledger-rows.js';
import { fixture, spawnFixture } from './spawn-tsx.js';

const dir = mkdtempSync(join(tmpdir(), 'balance-sync-sqlite-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts fixtures that print "ready", then sends all of them "go" at once. */
async function startTogether(
  script: string,
  argsPerChild: readonly (readonly string[])[],
): Promise<string[][]> {
  const outputs = argsPerChild.map(() => [] as string[]);
  const readiness: Promise<void>[] = [];
  const children = argsPerChild.map((args, index) => {
    let ready!: () => void;
    readiness.push(new Promise<void>((resolve) => (ready = resolve)));
    return spawnFixture(fixture(script), args, (line) => {
      if (line === 'ready') ready();
      else outputs[index]!.push(line);
    });
  });
  await Promise.race([
    Promise.all(readiness),
    Promise.all(children.map((c) => c.exit)).then((exits) => {
      throw new Error(
        `a fixture exited before it was ready:\n${exits.map((e) => e.stderr).join('\n')}`,
      );
    }),
  ]);
  for (const { child } of children) child.stdin!.write('go\n');
  for (const { exit } of children) {
    const { code, signal, stderr } = await exit;
    if (code !== 0) throw new Error(`fixture ${script} exited with ${code ?? signal}:\n${stderr}`);
  }
  return outputs;
}

describe('SQLite store shared by several processes', () => {
  it('creates and migrates new files once when three processes open them at the same moment', async () => {
    // Opening a brand-new file races on switching it to WAL, which SQLite does not queue.
    const paths = Array.from({ length: 100 }, (_, i) => join(dir, `migrate-race-${i}.db`));
    const outputs = await startTogether('sqlite-open-store.ts', [paths, paths, paths]);
    expect(outputs).toStrictEqual([['opened'], ['opened'], ['opened']]);
    for (const path of paths) {
      const db = new DatabaseSync(path);
      const rows = db.prepare('SELECT namespace, version FROM schema_migrations').all();
      const mode = db.prepare('PRAGMA journal_mode').get();
      db.close();
      expect(
        rows.map((row) => ({ ...row })),
        path,
      ).toStrictEqual([{ namespace: 'sync-store', version: 1 }]);
      expect(mode?.journal_mode, path).toBe('wal');
    }
  });

  it('lets exactly one process move each row when two race on the same versions', async () => {
    const path = join(dir, 'cas-race.db');
    const rows = 300;
    const store = createSqliteStore({ path });
    for (let i = 0; i < rows; i += 1) {
      await store.ledger.insert(pendingSale('shared', i, '2026-11-27T08:00:00.000Z'));
    }

    const outputs = await startTogether('sqlite-cas-racer.ts', [
      [path, 'shared', String(rows), 'racer-a', 'forward'],
      [path, 'shared', String(rows), 'racer-b', 'reverse'],
    ]);
    const results = outputs.map(
      (lines) => JSON.parse(lines.at(-1)!) as { label: string; won: string[] },
    );

    const winners = new Map<string, string[]>();
    for (const { label, won } of results) {
      for (const key of won) winners.set(key, [...(winners.get(key) ?? []), label]);
    }
    for (let i = 0; i < rows; i += 1) {
      const key = `sale:${i}`;
      const stored = await store.ledger.get('shared', key);
      expect(winners.get(key), key).toHaveLength(1);
      expect(stored?.version, key).toBe(2);
      expect(stored?.payloadHash, key).toBe(winners.get(key)![0]);
    }
    // Each process's own inserts all landed, in the same file, while the other wrote too.
    expect((await store.ledger.counts('racer-a-own')).pending).toBe(rows);
    expect((await store.ledger.counts('racer-b-own')).pending).toBe(rows);
    await store.close();
  });
});
