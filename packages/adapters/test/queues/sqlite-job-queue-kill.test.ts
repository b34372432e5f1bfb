import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteJobQueue } from '@balance-sync/adapters/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { effectCount, executionsOf, openEffects } from './support/effects-database.js';
import { queueFixture, spawnConsumer, until } from './support/spawn-consumer.js';

const JOBS = 120;
const HANG_ORDER_ID = 7;
const LEASE_MS = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'bs-sqlite-queue-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite job queue: a consumer killed mid-run', () => {
  it('loses no job: a restarted consumer finishes them all, each with exactly one effect', async () => {
    const queuePath = join(dir, 'queue.db');
    const effectsPath = join(dir, 'effects.db');
    const effects = openEffects(effectsPath);
    const queue = createSqliteJobQueue({ path: queuePath });
    const ids = new Map<number, string>();
    for (let orderId = 1; orderId <= JOBS; orderId += 1) {
      const { id } = await queue.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId },
        dedupeId: `order:main:${orderId}`,
      });
      ids.set(orderId, id);
    }
    const env = {
      QUEUE_PATH: queuePath,
      EFFECTS_PATH: effectsPath,
      HANG_ORDER_ID: String(HANG_ORDER_ID),
      LEASE_MS: String(LEASE_MS),
    };

    const first = spawnConsumer(queueFixture('sqlite-queue-consumer.ts'), env);
    await first.ready;
    await until('the first consumer to be mid-run', 30_000, () => {
      return executionsOf(effects, HANG_ORDER_ID).length > 0 && effectCount(effects) >= 30;
    });
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');

    const stuck = await queue.list({ states: ['active'] });
    expect(stuck.map((job) => job.id)).toContain(ids.get(HANG_ORDER_ID));
    expect(effectCount(effects)).toBeLessThan(JOBS);

    const restarted = spawnConsumer(queueFixture('sqlite-queue-consumer.ts'), env);
    await restarted.ready;
    await until('every job to complete', 60_000, async () => {
      return (await queue.counts()).completed === JOBS;
    });
    restarted.child.kill('SIGTERM');
    const { code, stderr } = await restarted.exit;
    expect(code, stderr).toBe(0);

    expect(await queue.counts()).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
      completed: JOBS,
      failed: 0,
      dead: 0,
    });
    expect(effectCount(effects)).toBe(JOBS);
    // Every job that was active in the killed consumer ran again after its lease.
    for (const job of stuck) {
      const orderId = (job.payload as { orderId: number }).orderId;
      expect((await queue.get(job.id))?.attempts).toBe(2);
      expect(executionsOf(effects, orderId).map((run) => run.attempt)).toContain(2);
    }
    const hung = executionsOf(effects, HANG_ORDER_ID);
    expect(hung.map((run) => run.attempt)).toEqual([1, 2]);
    expect(hung[0]?.pid).toBe(first.child.pid);
    expect(hung[1]?.pid).toBe(restarted.child.pid);

    await queue.close();
    effects.close();
  }, 120_000);
});
