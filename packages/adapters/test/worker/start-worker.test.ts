import { createSyncLogger } from '@balance-sync/adapters/runtime';
import { startWorker } from '@balance-sync/adapters/worker';
import { ConfigError, parseSyncConfig } from '@balance-sync/woo-sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSecretsForTest, startDemoEnvironmentForTest } from './worker-support.js';

// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
const json = (res: Response): Promise<any> => res.json();

type Env = Awaited<ReturnType<typeof startDemoEnvironmentForTest>>;

const until = async (done: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('startWorker', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startDemoEnvironmentForTest();
  });
  afterAll(async () => {
    await env.close();
  });

  it('runs scheduled jobs, reports health, and stops gracefully after the job in flight', async () => {
    const logs: string[] = [];
    const config = parseSyncConfig({ ...env.config, schedules: { stockImport: '* * * * * *' } });
    const worker = await startWorker({
      config,
      handleSignals: false,
      healthPort: 0,
      overrides: {
        logger: createSyncLogger({
          config,
          level: 'debug',
          destination: { write: (l: string) => void logs.push(l) },
        }),
      },
    });
    const queue = worker.runtime.queue;

    // the per-second stock schedule enqueues catalog-import jobs that the consumers run
    await until(
      async () => (await queue.list({ states: ['completed'], name: 'catalog-import' })).length > 0,
    );
    const [stockJob] = await queue.list({ states: ['completed'], name: 'catalog-import' });
    expect(stockJob).toMatchObject({
      storeId: 'demo',
      payload: { scope: 'stocks' },
      dedupeId: 'catalog:demo:stocks',
    });
    const health = worker.health();
    expect(health).toMatchObject({ status: 'running', stores: ['demo'], queue: 'in-process' });
    expect(health.processed.completed).toBeGreaterThan(0);
    expect(health.schedules).toEqual([
      expect.objectContaining({
        name: 'stockImport',
        storeId: 'demo',
        pattern: '* * * * * *',
        timezone: 'Asia/Tbilisi',
      }),
      expect.objectContaining({
        name: 'orderSweep',
        storeId: 'demo',
        pattern: '*/5 * * * *',
        lastRun: null,
      }),
    ]);
    expect(Date.parse(health.schedules[0]?.nextRun ?? '')).toBeGreaterThan(Date.now() - 1000);

    const res = await fetch(worker.healthUrl as string);
    expect(res.status).toBe(200);
    expect((await json(res)).status).toBe('running');

    // a slow Balance: a full import is in flight when the stop comes
    env.balance.faults.set({ latency: { ms: 300 } });
    const { id } = await queue.enqueue({
      name: 'catalog-import',
      storeId: 'demo',
      payload: { scope: 'items' },
    });
    await until(async () => (await queue.get(id))?.state === 'active');
    const stopping = worker.stop();
    expect(worker.health().status).toBe('stopping');
    await stopping;
    env.balance.faults.clear();
    expect(worker.health().status).toBe('stopped');
    await worker.stopped;
    // the worker let the job finish instead of abandoning it
    const { createSqliteJobQueue } = await import('@balance-sync/adapters/sqlite');
    const reader = createSqliteJobQueue({
      path: config.storage.driver === 'sqlite' ? config.storage.path : '',
    });
    expect((await reader.get(id))?.state).toBe('completed');
    await reader.close();
    await expect(fetch(worker.healthUrl as string)).rejects.toThrow();

    const text = logs.join('');
    expect(text).toMatch(/"msg":"worker started"/);
    expect(text).toMatch(/"msg":"scheduled job enqueued"/);
    expect(text).toMatch(/"msg":"job done"/);
    expect(text).toMatch(/"msg":"worker stopped"/);
    for (const secret of collectSecretsForTest(config)) expect(text).not.toContain(secret);
  });

  it('refuses an invalid cron pattern, naming the setting', async () => {
    const config = parseSyncConfig({
      ...env.config,
      schedules: { orderSweep: 'every five minutes' },
    });
    const error = await startWorker({ config, handleSignals: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe('schedules.orderSweep');
    expect((error as ConfigError).message).toMatch(/"every five minutes" is not a cron pattern/);
  });
});
