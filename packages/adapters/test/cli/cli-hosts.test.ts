import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, waitFor, writeConfigWithoutSecrets } from './cli-harness.js';

describe('balance-woo hosts (real processes and signals)', () => {
  let env: DemoEnvironment;
  let dir: string;
  let vars: Record<string, string>;

  beforeAll(async () => {
    env = await startDemoEnvironment();
    dir = mkdtempSync(join(tmpdir(), 'bs-hosts-'));
    ({ vars } = writeConfigWithoutSecrets(env, dir));
  });
  afterAll(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve: webhooks and the admin API answer; SIGTERM stops it gracefully with exit 0', async () => {
    const serve = spawnCli(['serve'], { cwd: dir, env: vars });
    await waitFor(() => /listening on (http:\/\/\S+)/.test(serve.output.stderr));
    const url = /listening on (http:\/\/\S+)/.exec(serve.output.stderr)?.[1] as string;

    const health = await fetch(`${url}/admin/health`, {
      headers: { authorization: `Bearer ${vars.BALANCE_SYNC_SERVER_ADMIN_TOKEN}` },
    });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      stores: ['demo'],
      worker: { status: 'running' },
    });

    const body = JSON.stringify({ id: 777, status: 'processing' });
    const signature = createHmac('sha256', vars.BALANCE_SYNC_STORES_DEMO_WEBHOOK_SECRET as string)
      .update(body)
      .digest('base64');
    const accepted = await fetch(`${url}/webhooks/woocommerce/demo`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.updated',
        'x-wc-webhook-signature': signature,
      },
    });
    expect(accepted.status).toBe(202);
    const unsigned = await fetch(`${url}/webhooks/woocommerce/demo`, {
      method: 'POST',
      body,
      headers: { 'x-wc-webhook-topic': 'order.updated' },
    });
    expect(unsigned.status).toBe(401);
    const nowhere = await fetch(`${url}/elsewhere`);
    expect(nowhere.status).toBe(404);

    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    const lines = serve.output.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'worker started',
        'web host listening',
        'webhook accepted',
        'webhook refused',
        'stopping the web host',
        'worker stopped',
      ]),
    );
    for (const secret of Object.values(vars))
      expect(serve.output.stdout + serve.output.stderr).not.toContain(secret);
  });

  it('worker --health-port --json: one JSON document, a health endpoint, graceful SIGINT', async () => {
    const worker = spawnCli(['worker', '--health-port', '0', '--json'], { cwd: dir, env: vars });
    await waitFor(() => worker.output.stdout.trim().endsWith('}'));
    const document = JSON.parse(worker.output.stdout);
    expect(document).toMatchObject({
      ok: true,
      command: 'worker',
      exitCode: 0,
      result: { stores: ['demo'] },
    });
    const health = await fetch(document.result.healthUrl);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'running', queue: 'in-process' });
    worker.child.kill('SIGINT');
    expect(await worker.exit).toBe(0);
    // logs went to stderr, so stdout still holds exactly that one document
    expect(JSON.parse(worker.output.stdout)).toEqual(document);
    expect(worker.output.stderr).toMatch(/"msg":"worker stopped"/);
  });

  it('demo: the whole story, exit 0, well under a minute', async () => {
    const started = Date.now();
    const demo = spawnCli(['demo', '--json'], { cwd: dir });
    const code = await demo.exit;
    expect(code, demo.output.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const report = JSON.parse(demo.output.stdout);
    expect(report).toMatchObject({ ok: true, command: 'demo', exitCode: 0 });
    expect(report.result.steps.map((s: { title: string; ok: boolean }) => [s.title, s.ok])).toEqual(
      [
        ['Test connection', true],
        ['Category mapping', true],
        ['Dry-run import report', true],
        ['Import', true],
        ['Shopper orders', true],
        ['Webhooks', true],
        ['Sale export', true],
        ['A partial and a full refund', true],
        ['Credit notes', true],
        ['A Balance outage and recovery', true],
        ['Reconciliation', true],
      ],
    );
    expect(demo.output.stderr).toBe('');
  }, 90_000);
});
