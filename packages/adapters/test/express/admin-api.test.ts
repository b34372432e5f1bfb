import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSyncRouter } from '@balance-sync/adapters/express';
import { type NewLedgerEntry, PermanentJobError } from '@balance-sync/woo-sync-core';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  expectNoSecrets,
  SECRETS,
  type TestRuntime,
} from '../runtime/test-runtime.js';

// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
const json = (res: Response): Promise<any> => res.json();

describe('admin API', () => {
  let t: TestRuntime;
  let server: Server;
  let base: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    t = await createTestRuntime();
    const app = express();
    app.use(createSyncRouter({ runtime: t.runtime, workerHealth: () => ({ status: 'running' }) }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.dispose();
    expectNoSecrets(t.logs.join('') + bodies.join(''));
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    token: string | null = SECRETS.adminToken,
  ) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    bodies.push(text);
    // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
    return { status: res.status, headers: res.headers, json: JSON.parse(text) as any };
  }

  it('refuses requests without the right bearer token', async () => {
    const none = await call('GET', '/health', undefined, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.json).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) },
    });
    const wrong = await call('GET', '/queue', undefined, 'admin-token-012345678X');
    expect(wrong.status).toBe(401);
    const prefix = await call('GET', '/queue', undefined, SECRETS.adminToken.slice(0, -1));
    expect(prefix.status).toBe(401);
    const basic = await fetch(`${base}/health`, {
      headers: { authorization: `Basic ${btoa(`x:${SECRETS.adminToken}`)}` },
    });
    expect(basic.status).toBe(401);
  });

  it('is disabled without a configured token', async () => {
    const other = await createTestRuntime({ patch: (raw) => delete raw.server });
    const app = express();
    app.use(createSyncRouter({ runtime: other.runtime }));
    const s = createServer(app);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(
        `http://127.0.0.1:${(s.address() as AddressInfo).port}/admin/health`,
        {
          headers: { authorization: 'Bearer anything' },
        },
      );
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe('admin_disabled');
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await other.dispose();
    }
  });

  it('reports health and readiness', async () => {
    const health = await call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      stores: ['main', 'nosecret'],
      queue: 'in-process',
      storage: 'sqlite',
      worker: { status: 'running' },
    });
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({
      ready: true,
      checks: { store: { ok: true }, queue: { ok: true } },
    });
    const stores = await call('GET', '/stores');
    expect(stores.json.stores[0]).toEqual({
      id: 'main',
      name: 'main',
      url: 'http://127.0.0.1:9',
      timezone: 'Asia/Tbilisi',
      currency: 'GEL',
      webhooks: true,
      orderExport: false,
    });
  });

  it('lists the queue by state and retries one job and all failed ones', async () => {
    const queue = t.runtime.queue;
    const ids: string[] = [];
    for (const orderId of [1, 2, 3]) {
      ids.push(
        (
          await queue.enqueue({
            name: 'export-order',
            storeId: 'main',
            payload: { orderId },
            dedupeId: `order:main:${orderId}`,
          })
        ).id,
      );
    }
    let failing = true;
    await queue.start(async (job) => {
      if (failing) {
        throw new PermanentJobError(
          `Balance refused order ${(job.payload as { orderId: number }).orderId}`,
          { code: 'document_failed' },
        );
      }
    });
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await done()); i += 1)
        await new Promise((r) => setTimeout(r, 20));
    };
    await until(async () => (await queue.counts()).failed === 3);

    const failed = await call('GET', '/queue?state=failed,dead');
    expect(failed.status).toBe(200);
    expect(failed.json.counts.failed).toBe(3);
    expect(failed.json.jobs.map((j: { id: string }) => j.id).sort()).toEqual([...ids].sort());
    expect(failed.json.jobs[0].lastError).toMatchObject({ code: 'document_failed' });

    const one = await call('GET', `/queue/${ids[0]}`);
    expect(one.json.job).toMatchObject({ id: ids[0], state: 'failed' });

    const bad = await call('GET', '/queue?state=broken');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_query');

    const missing = await call('POST', '/queue/no-such-job/retry');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('job_not_found');

    // the cause is fixed: a retried job now completes
    failing = false;
    const retried = await call('POST', `/queue/${ids[0]}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.json.retried).toBe(true);
    await until(async () => (await queue.get(ids[0] as string))?.state === 'completed');
    expect((await queue.get(ids[0] as string))?.state).toBe('completed');

    const completed = await call('POST', `/queue/${ids[0]}/retry`);
    expect(completed.status).toBe(409);
    expect(completed.json.error.code).toBe('job_not_retryable');

    const all = await call('POST', '/queue/retry-failed', { storeId: 'main' });
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ retried: 2 });
    await until(async () => (await queue.counts()).completed === 3);
    expect(await queue.counts()).toMatchObject({ failed: 0, dead: 0, completed: 3 });
    const empty = await call('POST', '/queue/retry-failed');
    expect(empty.json).toEqual({ retried: 0 });
  });

  it('looks up the ledger by order', async () => {
    const now = new Date().toISOString();
    const entry: NewLedgerEntry = {
      storeId: 'main',
      key: 'sale:4711',
      uid: '0b7f6a3e-5d1c-5f7a-9e2b-4c8d1a2b3c4d',
      kind: 'sale',
      orderId: 4711,
      refundId: null,
      template: 'Sale',
      payloadHash: 'abc',
      payload: [{ uid: '0b7f6a3e-5d1c-5f7a-9e2b-4c8d1a2b3c4d' }],
      totalMinor: 11800,
      currency: 'GEL',
      state: 'exported',
      attempts: 1,
      lastError: null,
      drift: null,
      createdAt: now,
      updatedAt: now,
      exportedAt: now,
    };
    await t.runtime.store.ledger.insert(entry);
    const byOrder = await call('GET', '/stores/main/ledger?orderId=4711');
    expect(byOrder.status).toBe(200);
    expect(byOrder.json.entries).toHaveLength(1);
    expect(byOrder.json.entries[0]).toMatchObject({
      key: 'sale:4711',
      state: 'exported',
      totalMinor: 11800,
    });
    const page = await call('GET', '/stores/main/ledger?state=exported&kind=sale');
    expect(page.json.counts.exported).toBe(1);
    expect(page.json.entries.map((e: { key: string }) => e.key)).toEqual(['sale:4711']);
    const none = await call('GET', '/stores/main/ledger?orderId=1');
    expect(none.json.entries).toEqual([]);
    const badOrder = await call('GET', '/stores/main/ledger?orderId=abc');
    expect(badOrder.status).toBe(400);
    const unknown = await call('GET', '/stores/elsewhere/ledger?orderId=1');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('unknown_store');
  });

  it('validates catalog requests before doing any work', async () => {
    const scope = await call('POST', '/stores/main/catalog/plan', { scope: 'everything' });
    expect(scope.status).toBe(400);
    expect(scope.json.error.code).toBe('invalid_body');
    const noPlan = await call('POST', '/stores/main/catalog/apply', {});
    expect(noPlan.status).toBe(400);
    const unknownHash = await call('POST', '/stores/main/catalog/apply', {
      planHash: 'deadbeefdeadbeef',
    });
    expect(unknownHash.status).toBe(404);
    expect(unknownHash.json.error.code).toBe('plan_not_found');
    const plans = await call('GET', '/stores/main/catalog/plans');
    expect(plans.json).toEqual({ plans: [] });
    const categories = await call('GET', '/stores/main/categories');
    expect(categories.json).toEqual({ configured: {}, excludedGroups: [], mappings: [] });
    const range = await call('GET', '/stores/main/reconciliation?from=yesterday&to=2026-11-02');
    expect(range.status).toBe(400);
    expect(range.json.error.message).toMatch(/from must be a date/);
  });

  it('answers malformed JSON 400, unknown routes 404 and wrong methods 405', async () => {
    const malformed = await call('POST', '/queue/retry-failed', '{"storeId":');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('malformed_json');
    const notFound = await call('GET', '/nothing-here');
    expect(notFound.status).toBe(404);
    expect(notFound.json.error.code).toBe('not_found');
    const method = await call('DELETE', '/queue');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    const method2 = await call('GET', '/stores/main/test-connection');
    expect(method2.status).toBe(405);
    expect(method2.headers.get('allow')).toBe('POST');
  });
});
