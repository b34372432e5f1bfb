import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { createSqliteStore } from '@balance-sync/adapters/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, cli, writeConfigWithoutSecrets } from './cli-harness.js';

describe('balance-woo against the simulators', () => {
  let env: DemoEnvironment;
  let dir: string;
  let vars: Record<string, string>;
  const runs: CliRun[] = [];
  const run = async (args: string[], options: { tty?: boolean } = {}) => {
    const result = await cli(args, { env: vars, cwd: dir, ...options });
    runs.push(result);
    return result;
  };
  let orderId = 0;

  beforeAll(async () => {
    env = await startDemoEnvironment();
    dir = mkdtempSync(join(tmpdir(), 'bs-cli-'));
    ({ vars } = writeConfigWithoutSecrets(env, dir));
  });
  afterAll(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
    // no command ever printed a secret
    const all = runs.map((r) => r.stdout + r.stderr).join('\n');
    for (const secret of Object.values(vars)) expect(all).not.toContain(secret);
  });

  it('test-connection checks both sides (secrets from the environment)', async () => {
    const json = await run(['test-connection', '--json']);
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({
      ok: true,
      command: 'test-connection',
      exitCode: 0,
      result: { storeId: 'demo', ok: true, balance: { verdict: 'ok' }, woocommerce: { ok: true } },
    });
    const human = await run(['test-connection']);
    expect(human.stdout).toMatch(/Balance \(onprem, .*\): ok/);
    expect(human.stdout).toMatch(/✔ Both connections work\./);

    // wrong consumer secret: exit 1 and a hint
    const broken = await cli(['test-connection'], {
      env: {
        ...vars,
        BALANCE_SYNC_STORES_DEMO_CONSUMER_SECRET: 'cs_wrong_0000000000000000000000000000000000',
      },
      cwd: dir,
    });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/WooCommerce .*: failed/);
    expect(broken.stdout).toMatch(/consumer key\/secret/);
  });

  it('import-items --dry-run writes nothing and saves the plan; --plan applies exactly it (with a progress bar on a terminal)', async () => {
    const productsBefore = env.woo.state.products.size;
    const dry = await run(['import-items', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const { planHash, summary, plan } = dry.json().result;
    expect(summary.create).toBe(16);
    expect(plan.entries.length).toBeGreaterThan(16);
    expect(env.woo.state.products.size).toBe(productsBefore);

    const human = await run(['import-items', '--dry-run']);
    expect(human.stdout).toMatch(/Dry run: nothing was written/);
    expect(human.stdout).toMatch(
      new RegExp(`balance-woo import-items --plan ${planHash.slice(0, 12)} --store demo`),
    );

    const applied = await run(['import-items', '--plan', planHash.slice(0, 12)], { tty: true });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Applying \[[█░]+\] \d+\/\d+/);
    expect(applied.stdout).toMatch(/16 created \(as drafts\)/);
    expect(env.woo.state.products.size).toBe(productsBefore + 16);

    const again = await run(['import-items', '--json']);
    expect(again.code).toBe(0);
    expect(again.json().result.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });

    const stocks = await run(['import-stocks', '--dry-run', '--json']);
    expect(stocks.code).toBe(0);
    expect(stocks.json().result.plan.scope).toBe('stocks');
    const unknownPlan = await run(['import-items', '--plan', 'ffffffffffff']);
    expect(unknownPlan.code).toBe(2);
    expect(unknownPlan.stderr).toMatch(/No saved plan "ffffffffffff".*--dry-run/);
  });

  it('push-order: dry run shows the exact document; the export is idempotent; unknown orders exit 1', async () => {
    const store = createSqliteStore({ path: join(dir, 'sync.db') });
    for (const mapping of await store.products.list('demo')) {
      await env.woo.admin.editProduct(mapping.wooId, { status: 'publish' });
    }
    await store.close();
    const order = await env.woo.shopper.placeOrder({
      lines: [{ sku: 'CF-001', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
      shipping: { methodId: 'flat_rate', title: 'Courier', total: '5.00' },
    });
    orderId = order.id;

    const dry = await run(['push-order', String(orderId), '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const [entry] = dry.json().result.entries;
    expect(entry).toMatchObject({ key: `sale:${orderId}`, status: 'valid', template: 'Sale' });
    expect(entry.totalMinor).toBe(Math.round(Number(order.total) * 100));
    expect(env.balance.state.sales.size).toBe(0);

    const pushed = await run(['push-order', String(orderId), '--json']);
    expect(pushed.code).toBe(0);
    const [sale] = pushed.json().result.documents;
    expect(sale).toMatchObject({ key: `sale:${orderId}`, action: 'exported', state: 'exported' });
    expect(env.balance.state.sales.get(sale.uid)?.totalTetri).toBe(entry.totalMinor);

    const again = await run(['push-order', String(orderId)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already exported, unchanged/);
    expect(env.balance.state.sales.size).toBe(1);

    const missing = await run(['push-order', '999999', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json().result.status).toBe('not-found');
  });

  it('push-refund and push-return-request make credit notes based on the Sale', async () => {
    const order = env.woo.read.order(orderId);
    const refund = await env.woo.admin.refund(orderId, { amount: '2.00', reason: 'Goodwill' });
    const pushed = await run(['push-refund', String(orderId), String(refund.id), '--json']);
    expect(pushed.code).toBe(0);
    const credit = pushed
      .json()
      .result.documents.find((d: { key: string }) => d.key === `credit:${refund.id}`);
    expect(credit).toMatchObject({ action: 'exported', kind: 'credit' });
    expect(env.balance.state.salesCredits.get(credit.uid)?.totalTetri).toBe(200);

    const sku = order.line_items[0]?.sku as string;
    const ret = await run(['push-return-request', String(orderId), '--line', `${sku}:1`, '--json']);
    expect(ret.code).toBe(0);
    const { requestId, documents } = ret.json().result;
    expect(requestId).toMatch(/^cli-[0-9a-f]{16}$/);
    expect(documents.find((d: { kind: string }) => d.kind === 'return')).toMatchObject({
      action: 'exported',
    });
    // the same command again makes no second credit note
    const again = await run([
      'push-return-request',
      String(orderId),
      '--line',
      `${sku}:1`,
      '--json',
    ]);
    expect(again.json().result.requestId).toBe(requestId);
    expect(env.balance.state.salesCredits.size).toBe(2);
  });

  it('reconcile finds a document Balance lost, names the fix, and the fix works', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const ok = await run(['reconcile', '--from', today, '--to', today, '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json().result.rows.every((r: { status: string }) => r.status === 'ok')).toBe(true);

    // retrying an exported document is refused with the command that does it on purpose
    const retryExported = await run(['retry-document', `sale:${orderId}`]);
    expect(retryExported.code).toBe(2);
    expect(retryExported.stderr).toMatch(/already exported.*resend-document sale:/);

    const saleUid = [...env.balance.state.sales.keys()][0] as string;
    env.balance.deleteDocument('Sale', saleUid);
    const problem = await run(['reconcile', '--from', today, '--to', today]);
    expect(problem.code).toBe(1);
    expect(problem.stdout).toMatch(/MISSING IN BALANCE\s+sale:\d+/);
    expect(problem.stdout).toContain(`fix: balance-woo resend-document sale:${orderId}`);

    const resend = await run(['resend-document', `sale:${orderId}`, '--json']);
    expect(resend.code).toBe(0);
    expect(resend.json().result).toMatchObject({
      key: `sale:${orderId}`,
      previousState: 'exported',
      jobId: expect.any(String),
    });

    const drained = await run(['sweep', '--drain', '--json']);
    expect(drained.code).toBe(0);
    expect(drained.json().result.drained.completed).toBeGreaterThan(0);
    expect(env.balance.state.sales.get(saleUid)).toBeDefined();
    const fixed = await run(['reconcile', '--from', today, '--to', today, '--json']);
    expect(fixed.code).toBe(0);

    const range = await run(['reconcile', '--from', 'last week', '--to', today]);
    expect(range.code).toBe(2);
  });

  it('queue list / retry / retry-failed', async () => {
    const list = await run(['queue', 'list', '--all', '--json']);
    expect(list.code).toBe(0);
    const { counts, jobs } = list.json().result;
    expect(counts.completed).toBeGreaterThan(0);
    expect(jobs.length).toBeGreaterThan(0);
    const human = await run(['queue', 'list']);
    expect(human.stdout).toMatch(
      /waiting \d+ · delayed \d+ · active \d+ · completed \d+ · failed 0 · dead 0/,
    );
    const retryDone = await run(['queue', 'retry', jobs[0].id]);
    expect(retryDone.code).toBe(2);
    expect(retryDone.stderr).toMatch(/only failed and dead jobs can be retried/);
    const none = await run(['queue', 'retry-failed', '--json']);
    expect(none.json().result).toEqual({ retried: 0 });
  });
});
