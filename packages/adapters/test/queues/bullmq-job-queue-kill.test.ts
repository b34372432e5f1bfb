import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullMqQueue } from '@balance-sync/adapters/bullmq';
import { afterAll, expect, it } from 'vitest';
import { describeWithService } from '../support/services.js';
import { effectCount, executionsOf, openEffects } from './support/effects-database.js';
import { deleteRedisKeys } from './support/redis-keys.js';
import {
  type ConsumerProcess,
  queueFixture,
  spawnConsumer,
  until,
} from './support/spawn-consumer.js';

const JOBS = 120;
const HANG_ORDER_ID = 7;
const LEASE_MS = 1_000;
const redisUrl = process.env.REDIS_URL ?? '';
const prefix = `bs-test-bullmq-kill-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'bs-bullmq-kill-'));

describeWithService('REDIS_URL')('BullMQ job queue: one of two workers killed mid-run', () => {
  afterAll(async () => {
    await deleteRedisKeys(redisUrl, `${prefix}:*`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the surviving worker recovers the stalled jobs; every job has exactly one effect', async () => {
    const effectsPath = join(dir, 'effects.db');
    const effects = openEffects(effectsPath);
    const queue = await createBullMqQueue({ connection: redisUrl, prefix, queueName: 'kill' });
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
      REDIS_URL: redisUrl,
      PREFIX: prefix,
      QUEUE_NAME: 'kill',
      EFFECTS_PATH: effectsPath,
      HANG_ORDER_ID: String(HANG_ORDER_ID),
      LEASE_MS: String(LEASE_MS),
    };
    const workers: ConsumerProcess[] = [
      spawnConsumer(queueFixture('bullmq-queue-consumer.ts'), env),
      spawnConsumer(queueFixture('bullmq-queue-consumer.ts'), env),
    ];
    try {
      await Promise.all(workers.map((worker) => worker.ready));
      await until('the hanging job to run and other jobs to progress', 30_000, () => {
        return executionsOf(effects, HANG_ORDER_ID).length > 0 && effectCount(effects) >= 30;
      });
      // Kill the worker holding the hanging job (and whatever else it was running).
      const victimPid = executionsOf(effects, HANG_ORDER_ID)[0]?.pid;
      const victim = workers.find((worker) => worker.child.pid === victimPid)!;
      const survivor = workers.find((worker) => worker !== victim)!;
      const activeInVictim = (await queue.list({ states: ['active'] })).map((job) => job.id);
      victim.child.kill('SIGKILL');
      expect((await victim.exit).signal).toBe('SIGKILL');
      expect(activeInVictim).toContain(ids.get(HANG_ORDER_ID));

      await until('every job to complete', 60_000, async () => {
        return (await queue.counts()).completed === JOBS;
      });
      survivor.child.kill('SIGTERM');
      const { code, stderr } = await survivor.exit;
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
      const hung = executionsOf(effects, HANG_ORDER_ID);
      expect(hung.map((run) => run.attempt)).toEqual([1, 2]);
      expect(hung[0]?.pid).toBe(victim.child.pid);
      expect(hung[1]?.pid).toBe(survivor.child.pid);
      expect((await queue.get(ids.get(HANG_ORDER_ID)!))?.attempts).toBe(2);
    } finally {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await queue.close();
      effects.close();
    }
  }, 120_000);
});
