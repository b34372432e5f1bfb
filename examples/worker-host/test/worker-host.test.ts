// Smoke test: `pnpm start` of this example, against the simulators, as a real process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));
const tsx = pathToFileURL(createRequire(`${dir}package.json`).resolve('tsx')).href;

it('runs jobs and schedules, reports health, and stops gracefully on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', tsx, 'src/main.ts'],
    {
      cwd: dir,
      env: { ...process.env, HEALTH_PORT: '0' },
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
  // biome-ignore lint/suspicious/noExplicitAny: the health document is checked field by field
  let health: any;
  try {
    const deadline = Date.now() + 30_000;
    while (!/health at (\S+)/.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const url = /health at (\S+)/.exec(stderr)?.[1] as string;
    // the first import and a scheduled sweep run
    while (Date.now() < deadline) {
      health = await (await fetch(url)).json();
      if (health.processed.completed >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(health).toMatchObject({ status: 'running', stores: ['demo'], queue: 'in-process' });
    expect(health.processed.completed).toBeGreaterThanOrEqual(2);
    expect(health.schedules.map((s: { name: string }) => s.name)).toEqual([
      'stockImport',
      'orderSweep',
    ]);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exit;
  expect(code, stderr).toBe(0);
  const logs = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string });
  expect(logs.map((l) => l.msg)).toEqual(
    expect.arrayContaining([
      'worker started',
      'job done',
      'signal received: stopping gracefully',
      'worker stopped',
    ]),
  );
  expect(stderr).toMatch(/worker-host stopped/);
}, 60_000);
