import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { createSyncRouter } from '@balance-sync/adapters/express';
import { createSyncRuntime, type SyncRuntime } from '@balance-sync/adapters/runtime';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type Answer = { status: number; json: any };

describe('admin API against the simulators', () => {
  let env: DemoEnvironment;
  let runtime: SyncRuntime;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    env = await startDemoEnvironment();
    runtime = await createSyncRuntime(env.config);
    const app = express();
    app.use(createSyncRouter({ runtime }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/stores/demo`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    await env.close();
  });

  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${env.config.server.adminToken}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };

  it('tests the connection of a store', async () => {
    const answer = await call('POST', '/test-connection');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      storeId: 'demo',
      ok: true,
      balance: { verdict: 'ok' },
      woocommerce: { ok: true },
    });
  });

  it('makes a plan (dry run), then applies it by hash; a stale plan is refused with 409', async () => {
    const planned = await call('POST', '/catalog/plan', { scope: 'items' });
    expect(planned.status).toBe(200);
    expect(planned.json.summary.create).toBe(16);
    expect(planned.json.plan.hash).toBe(planned.json.planHash);
    expect(planned.json.text).toContain('Skipped');
    expect(env.woo.state.products.size).toBe(0);
    const saved = await call('GET', '/catalog/plans');
    expect(saved.json.plans[0]).toMatchObject({
      hash: planned.json.planHash,
      scope: 'items',
      productWrites: 16,
    });

    const stale = await call('POST', '/catalog/plan', { scope: 'items' });
    env.balance.setPrice({
      item: env.balance.seed.items.detergent,
      priceType: env.balance.seed.priceTypes.retail,
      price: '9.99',
    });
    const refused = await call('POST', '/catalog/apply', { planHash: stale.json.planHash });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('catalog_plan_stale');

    const fresh = await call('POST', '/catalog/plan', {});
    const applied = await call('POST', '/catalog/apply', {
      planHash: fresh.json.planHash.slice(0, 12),
    });
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ status: 'succeeded', counts: { created: 16, failed: 0 } });
    expect(env.woo.state.products.size).toBe(16);

    const categories = await call('GET', '/categories');
    expect(categories.json.mappings).toHaveLength(6);
    const runs = await call('GET', '/runs?kind=catalog-apply');
    expect(runs.json.runs[0]).toMatchObject({ kind: 'catalog-apply', status: 'succeeded' });
  });

  it('queues an order export, retries a document and reconciles a range', async () => {
    for (const mapping of await runtime.store.products.list('demo')) {
      await env.woo.admin.editProduct(mapping.wooId, { status: 'publish' });
    }
    const order = await env.woo.shopper.placeOrder({
      lines: [{ sku: 'HH-001', quantity: 1 }],
      paymentMethod: 'card',
      paid: true,
    });
    const queued = await call('POST', `/orders/${order.id}/export`);
    expect(queued.status).toBe(202);
    expect(queued.json).toMatchObject({ orderId: order.id, deduplicated: false });
    const job = await runtime.queue.get(queued.json.jobId);
    await runtime.handleJob(job as NonNullable<typeof job>, {
      attempt: 1,
      signal: new AbortController().signal,
    });

    const ledger = await call('GET', `/ledger?orderId=${order.id}`);
    expect(ledger.json.entries[0]).toMatchObject({ key: `sale:${order.id}`, state: 'exported' });

    const notRetryable = await call('POST', `/documents/sale:${order.id}/retry`, {});
    expect(notRetryable.status).toBe(409);
    expect(notRetryable.json.error.code).toBe('document_not_retryable');
    const missing = await call('POST', '/documents/sale:1/retry', {});
    expect(missing.status).toBe(404);
    const resend = await call('POST', `/documents/sale:${order.id}/retry`, { resend: true });
    expect(resend.status).toBe(200);
    expect(resend.json).toMatchObject({
      key: `sale:${order.id}`,
      previousState: 'exported',
      jobId: expect.any(String),
    });

    const today = new Date().toISOString().slice(0, 10);
    const report = await call('GET', `/reconciliation?from=${today}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({ storeId: 'demo', orders: 1 });
    expect(report.json.rows[0]).toMatchObject({ key: `sale:${order.id}` });
    const problems = await call('GET', `/reconciliation?from=${today}&to=${today}&problems=true`);
    const notOk = report.json.rows.filter((r: { status: string }) => r.status !== 'ok');
    expect(problems.json.rows).toEqual(notOk);

    const swept = await call('POST', '/sweep');
    expect(swept.status).toBe(200);
    expect(swept.json).toMatchObject({ storeId: 'demo', scanned: expect.any(Number) });
  });
});
