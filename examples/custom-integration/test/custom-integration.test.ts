// Smoke test: `pnpm start` of this example, against the simulators, as a real process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));
const tsx = pathToFileURL(createRequire(`${dir}package.json`).resolve('tsx')).href;

it('runs end to end: plan, import, order export, reconciliation', async () => {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', tsx, 'src/main.ts'],
    {
      cwd: dir,
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
  const [code] = await once(child, 'close');
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/plan [0-9a-f]{12}: create 16/);
  expect(stdout).toMatch(/imported: 16 products created as drafts, 0 failed/);
  expect(stdout).toMatch(/event exported: sale:\d+ → [0-9a-f-]{36}/);
  expect(stdout).toMatch(/reconcile sale:\d+: ok/);
  expect(stdout).toMatch(/custom integration: done/);
}, 60_000);
