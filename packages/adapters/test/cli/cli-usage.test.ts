import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_EXIT_CODES } from '@balance-sync/adapters/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const VERBS: string[][] = [
  ['test-connection'],
  ['import-items'],
  ['import-stocks'],
  ['push-order'],
  ['push-refund'],
  ['push-return-request'],
  ['retry-document'],
  ['resend-document'],
  ['sweep'],
  ['reconcile'],
  ['queue', 'list'],
  ['queue', 'retry'],
  ['queue', 'retry-failed'],
  ['serve'],
  ['worker'],
  ['demo'],
];

describe('balance-woo usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-cli-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('documents every verb, the configuration and the exit codes in --help', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const [verb] of VERBS) expect(run.stdout).toContain(verb as string);
    expect(run.stdout).toMatch(
      /Exit codes:\s+0 {2}success\s+1 {2}finished with failures.*\s+2 {2}bad usage or configuration/s,
    );
    expect(run.stdout).toContain('BALANCE_SYNC_');
    expect(CLI_EXIT_CODES).toEqual({ success: 0, failures: 1, usage: 2 });
  });

  it.each(VERBS.map((verb) => [verb.join(' '), verb] as const))(
    '%s has --help with examples, --json, --config and --verbose',
    async (_name, verb) => {
      const run = await cli([...verb, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: balance-woo /);
      expect(run.stdout).toContain('--json');
      expect(run.stdout).toContain('--config <file>');
      expect(run.stdout).toContain('--verbose');
      expect(run.stdout).toMatch(/Examples?:\n\s+\$ balance-woo /);
    },
  );

  it('prints help and exits 2 without a verb', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: balance-woo');
  });

  it('exits 2 on unknown verbs, unknown flags and missing arguments', async () => {
    const unknown = await cli(['import-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'import-everything'/);
    const flag = await cli(['import-items', '--dryrun']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--dryrun'/);
    expect(flag.stderr).toMatch(/Did you mean --dry-run\?/);
    const missing = await cli(['push-order']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'orderId'/);
    const range = await cli(['reconcile', '--from', '2026-11-01']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/required option '--to/);
    const queue = await cli(['queue']);
    expect(queue.code).toBe(2);
  });

  it('exits 2 with what to do next when there is no configuration, on stderr and as one JSON document', async () => {
    const human = await cli(['test-connection'], { cwd: dir });
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/no balance-sync\.config\.json.*--config.*balance-woo demo/s);
    const json = await cli(['import-items', '--dry-run', '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(json.json()).toMatchObject({
      ok: false,
      command: 'import-items',
      exitCode: 2,
      error: {
        code: 'config_invalid',
        message: expect.stringContaining('no balance-sync.config.json'),
      },
    });
  });

  it('exits 2 for an invalid configuration and names each bad path', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({
        balance: { connection: { mode: 'cloud', applicationId: 'x' } },
        stores: [],
      }),
    );
    const run = await cli(['queue', 'list', '--config', path, '--json'], {
      env: { BALANCE_SYNC_SERVER_PORT: 'high' },
    });
    expect(run.code).toBe(2);
    const paths = run.json().error.details.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'server.port',
        'balance.connection.applicationId',
        'balance.username',
        'balance.password',
        'catalog',
        'stores',
      ]),
    );
    expect(run.stderr).toMatch(/Fix the configuration and run the command again/);
  });

  it('validates arguments before touching anything', async () => {
    const bad = await cli(['push-order', 'abc', '--config', join(dir, 'nope.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/orderId must be a positive whole number \(got "abc"\)/);
    const lines = await cli(['push-return-request', '12', '--line', 'MUG']);
    expect(lines.code).toBe(2);
    expect(lines.stderr).toMatch(/--line must be <sku>:<quantity>/);
    const both = await cli(['import-items', '--dry-run', '--plan', 'abc']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dry-run and --plan do not go together/);
  });
});
