// `balance-woo serve` (the real executable) serves the console with the demo environment's
// configuration, and leaves it out with `server.console: false`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, waitFor } from '../cli/cli-harness.js';

describe('balance-woo serve and the console', () => {
  let env: DemoEnvironment;
  let dir: string;

  beforeAll(async () => {
    env = await startDemoEnvironment();
    dir = mkdtempSync(join(tmpdir(), 'bs-console-serve-'));
  });
  afterAll(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const serve = async (console: boolean) => {
    const config = {
      ...env.config,
      storage: { driver: 'sqlite', path: './sync.db' },
      server: { ...env.config.server, port: 0, console },
    };
    const path = join(dir, `config-${console}.json`);
    writeFileSync(path, JSON.stringify(config));
    const child = spawnCli(['serve', '--no-worker', '--config', path], { cwd: dir });
    await waitFor(() => /listening on (http:\/\/\S+)/.test(child.output.stderr));
    const url = /listening on (http:\/\/\S+)/.exec(child.output.stderr)?.[1] as string;
    return { url, child };
  };

  it('serves the console and its API behind the admin token', async () => {
    const { url, child } = await serve(true);
    try {
      const page = await fetch(`${url}/console/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="console.js"></script>');
      const script = await fetch(`${url}/console/console.js`);
      expect(script.status).toBe(200);
      expect((await script.text()).length).toBeGreaterThan(10_000);
      const token = env.config.server.adminToken as string;
      const categories = await fetch(`${url}/console/api/stores/demo/categories`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(categories.status).toBe(200);
      const answer = (await categories.json()) as { groups: unknown[] };
      expect(answer.groups.length).toBeGreaterThan(0);
      expect((await fetch(`${url}/console/api/stores/demo/categories`)).status).toBe(401);
    } finally {
      child.child.kill('SIGTERM');
      expect(await child.exit).toBe(0);
    }
  });

  it('leaves the console out with server.console: false', async () => {
    const { url, child } = await serve(false);
    try {
      expect((await fetch(`${url}/console/`)).status).toBe(404);
      const health = await fetch(`${url}/admin/health`, {
        headers: { authorization: `Bearer ${env.config.server.adminToken}` },
      });
      expect(health.status).toBe(200);
    } finally {
      child.child.kill('SIGTERM');
      expect(await child.exit).toBe(0);
    }
  });

  it('serve --demo starts the simulators and serves the console with a printed token', async () => {
    const child = spawnCli(['serve', '--demo', '--port', '0'], { cwd: dir });
    try {
      await waitFor(() => /admin token (\S+)/.test(child.output.stderr));
      await waitFor(() => /listening on (http:\/\/\S+)/.test(child.output.stderr));
      const url = /listening on (http:\/\/\S+)/.exec(child.output.stderr)?.[1] as string;
      const token = /admin token (\S+)/.exec(child.output.stderr)?.[1] as string;
      expect((await fetch(`${url}/console/`)).status).toBe(200);
      const stores = await fetch(`${url}/admin/stores`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(stores.status).toBe(200);
      expect(JSON.stringify(await stores.json())).toContain('demo');
      expect((await fetch(`${url}/admin/stores`)).status).toBe(401);
    } finally {
      child.child.kill('SIGTERM');
      expect(await child.exit).toBe(0);
    }
  });
});
