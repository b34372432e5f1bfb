import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createSyncRuntime } from '@balance-sync/adapters/runtime';
import { ConfigError, silentLogger } from '@balance-sync/woo-sync-core';
import { InMemorySyncStore } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';
import { describeWithService, serviceUrl } from '../support/services.js';
import { testConfig } from './test-runtime.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;
const heavyPeers =
  /\/node_modules\/(?:\.pnpm\/)?(?:pg|pg-pool|pg-protocol|pg-boss|bullmq|ioredis|express)[@/]/;

describe('createSyncRuntime', () => {
  it('a worker on the embedded default never loads pg, pg-boss, bullmq or express', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-probe-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--conditions=@balance-sync/source',
          '--import',
          tsx,
          fileURLToPath(new URL('./fixtures/worker-import-probe.ts', import.meta.url)),
          dir,
        ],
        { cwd: repoRoot },
      );
      const loaded = JSON.parse(stdout.trim().split('\n').at(-1) as string) as string[];
      expect(loaded.some((url) => url.includes('/src/sqlite/'))).toBe(true);
      expect(loaded.filter((url) => heavyPeers.test(url))).toEqual([]);
      expect(
        loaded.filter((url) => /\/src\/(postgres|bullmq|pg-boss|express)\//.test(url)),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the in-process queue on PostgreSQL storage, saying what to choose', async () => {
    const config = testConfig('/tmp', (raw) => {
      raw.storage = { driver: 'postgres', databaseUrl: 'postgres://127.0.0.1:9/none' };
    });
    // a ready store, so no PostgreSQL connection is attempted: the queue choice is what fails
    const error = await createSyncRuntime(config, {
      logger: silentLogger,
      store: new InMemorySyncStore(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      path: 'queue.driver',
      message: expect.stringMatching(/"pg-boss".*"bullmq"/),
    });
  });

  it('throws ConfigError for an unknown store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-rt-'));
    const runtime = await createSyncRuntime(testConfig(dir), { logger: silentLogger });
    try {
      expect(() => runtime.woo('elsewhere')).toThrow(
        /no store with id "elsewhere"; configured stores: main, nosecret/,
      );
      expect(runtime.woo('main')).toBe(runtime.woo('main'));
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithService('DATABASE_URL')('createSyncRuntime on PostgreSQL and pg-boss', () => {
  it('opens the store and the queue, enqueues, and closes', async () => {
    const url = serviceUrl('DATABASE_URL') as string;
    const suffix = Math.random().toString(36).slice(2, 8);
    const config = testConfig('/tmp', (raw) => {
      raw.storage = { driver: 'postgres', databaseUrl: url, schema: `bs_rt_${suffix}` };
      raw.queue = { driver: 'pg-boss', databaseUrl: url, schema: `bs_rt_jobs_${suffix}` };
    });
    const runtime = await createSyncRuntime(config, { logger: silentLogger });
    try {
      const { id } = await runtime.queue.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId: 1 },
        dedupeId: 'order:main:1',
      });
      expect((await runtime.queue.get(id))?.state).toBe('waiting');
      expect(await runtime.store.ledger.counts('main')).toMatchObject({ exported: 0 });
    } finally {
      await runtime.close({ timeoutMs: 5_000 });
    }
  }, 60_000);
});

describeWithService('REDIS_URL')('createSyncRuntime with BullMQ', () => {
  it('opens the queue on Redis, enqueues with dedupe, and closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-rt-'));
    const config = testConfig(dir, (raw) => {
      raw.queue = {
        driver: 'bullmq',
        redisUrl: serviceUrl('REDIS_URL'),
        prefix: `bs-rt-${Math.random().toString(36).slice(2, 8)}`,
      };
    });
    const runtime = await createSyncRuntime(config, { logger: silentLogger });
    try {
      const first = await runtime.queue.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId: 7 },
        dedupeId: 'order:main:7',
      });
      const second = await runtime.queue.enqueue({
        name: 'export-order',
        storeId: 'main',
        payload: { orderId: 7 },
        dedupeId: 'order:main:7',
      });
      expect(second).toEqual({ id: first.id, deduplicated: true });
    } finally {
      await runtime.close({ timeoutMs: 5_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
