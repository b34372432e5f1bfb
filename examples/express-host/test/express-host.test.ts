// Smoke test: `pnpm start` of this example, against the simulators, as a real process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));
const tsx = pathToFileURL(createRequire(`${dir}package.json`).resolve('tsx')).href;
const ADMIN_TOKEN = 'example-admin-token-0123456789';

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('takes webhooks, exports orders through the in-process worker, and stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', tsx, 'src/main.ts'],
    {
      cwd: dir,
      env: { ...process.env, PORT: '0', ADMIN_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = once(child, 'close');
  try {
    await until(() => /express-host listening on (\S+)/.test(stdout), 'the host to listen');
    const url = /express-host listening on (\S+)/.exec(stdout)?.[1] as string;
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

    expect(await (await fetch(url)).text()).toMatch(/My shop backend/);
    const health = await fetch(`${url}/sync/admin/health`, { headers: admin });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', worker: { status: 'running' } });

    const placed = await fetch(`${url}/demo/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'HH-001' }),
    });
    expect(placed.status).toBe(201);
    const { orderId } = (await placed.json()) as { orderId: number };
    let entries: { key: string; state: string }[] = [];
    await until(async () => {
      const res = await fetch(`${url}/sync/admin/stores/demo/ledger?orderId=${orderId}`, {
        headers: admin,
      });
      entries = ((await res.json()) as { entries: typeof entries }).entries;
      return entries.some((e) => e.state === 'exported');
    }, 'the order to be exported');
    expect(entries[0]).toMatchObject({ key: `sale:${orderId}`, state: 'exported' });
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exit;
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/SIGTERM: stopping\n[\s\S]*^stopped$/m);
  expect(stdout).toMatch(/"msg":"webhook accepted"/);
  expect(stdout).toMatch(/"key":"sale:\d+".*"msg":"document exported"/);
}, 60_000);
