// The admin API of the real web host (`balance-woo serve`, a child process) admits only the
// configured bearer token: no header, a wrong token of the same length, a token of another
// length (the comparison is timing-safe and must not throw), another scheme, the token in the
// query string — all 401 on every route, and the answer never echoes what was sent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultWorld, startFaultWorld } from '../faults/support/fault-world.js';
import {
  freePort,
  type HostProcess,
  spawnHost,
  stopHost,
  waitUntil,
} from '../faults/support/host-processes.js';
import { scanForSecrets } from './secret-scan.js';

const ROUTES: Array<[method: string, path: string]> = [
  ['GET', '/admin/health'],
  ['GET', '/admin/ready'],
  ['GET', '/admin/stores'],
  ['POST', '/admin/stores/demo/test-connection'],
  ['POST', '/admin/stores/demo/catalog/plan'],
  ['POST', '/admin/stores/demo/catalog/apply'],
  ['GET', '/admin/queue'],
  ['POST', '/admin/queue/retry-failed'],
  ['GET', '/admin/stores/demo/ledger'],
  ['GET', '/admin/stores/demo/reconciliation'],
  ['POST', '/admin/stores/demo/orders/1/export'],
  ['POST', '/admin/stores/demo/documents/sale:1/retry'],
  ['POST', '/admin/stores/demo/sweep'],
  ['GET', '/admin/no-such-route'],
];

describe('admin API of the web host (child process)', () => {
  let dir: string;
  let world: FaultWorld;
  let serve: HostProcess;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-admin-auth-'));
    world = await startFaultWorld({ backend: 'sqlite', dir, items: 24, orderSweep: '0 0 1 1 *' });
    const port = await freePort();
    serve = spawnHost({
      name: 'serve',
      args: ['serve', '--no-worker', '--port', String(port), '--config', world.configPath],
      cwd: dir,
      env: world.hostEnv,
      logDir: world.logDir,
    });
    await waitUntil(() => serve.output.text.includes('web host listening'), 60_000, 'serve');
    base = `http://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(async () => {
    if (serve) await stopHost(serve);
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });

  it('refuses every route without the right token, with 401 and a challenge', async () => {
    const token = world.adminToken;
    const wrongSameLength = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const attempts: Array<[label: string, headers: Record<string, string>, query?: string]> = [
      ['no header', {}],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['wrong token, same length', { authorization: `Bearer ${wrongSameLength}` }],
      ['wrong token, shorter', { authorization: 'Bearer x' }],
      ['wrong token, much longer', { authorization: `Bearer ${token}${'x'.repeat(5000)}` }],
      ['token as a prefix', { authorization: `Bearer ${token.slice(0, -1)}` }],
      [
        'Basic scheme',
        { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` },
      ],
      ['token without a scheme', { authorization: token }],
      ['token in another header', { 'x-admin-token': token }],
      ['token in the query', {}, `?token=${encodeURIComponent(token)}`],
    ];
    for (const [method, path] of ROUTES) {
      for (const [label, headers, query] of attempts) {
        const res = await call(method, `${path}${query ?? ''}`, headers);
        const text = await res.text();
        expect(res.status, `${method} ${path} with ${label}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect(JSON.parse(text).error.code).toBe('unauthorized');
        expect(text).not.toContain(token);
        expect(text).not.toContain(wrongSameLength);
      }
    }
  }, 120_000);

  it('admits the right token (scheme case-insensitive)', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await call('GET', '/admin/health', {
        authorization: `${scheme} ${world.adminToken}`,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('logs no token, sent or configured', async () => {
    await stopHost(serve);
    const log = readFileSync(serve.logFile, 'utf8');
    expect(log).toContain('web host listening');
    expect(scanForSecrets(log, 'serve.log', world.secrets)).toEqual([]);
  });
});
