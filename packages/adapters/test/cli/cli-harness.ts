// Runs `balance-woo` in-process (runCli) with captured streams, or as a real child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type DemoEnvironment, runCli } from '@balance-sync/adapters/cli';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const binPath = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
/** tsx's loader by absolute URL, so a child may run in any working directory. */
const tsxLoader = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (throws when it is not exactly one). */
  // biome-ignore lint/suspicious/noExplicitAny: documents are checked field by field
  json(): any;
}

export async function cli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    io: {
      stdout: {
        write: (s: string) => {
          stdout += s;
        },
        isTTY: options.tty ?? false,
        columns: 100,
      },
      stderr: {
        write: (s: string) => {
          stderr += s;
        },
      },
      env: options.env ?? {},
      cwd: options.cwd ?? repoRoot,
    },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/**
 * Writes a configuration file for the simulators with every secret left out, and returns the
 * environment that supplies them (the way an operator keeps secrets out of the file).
 */
export function writeConfigWithoutSecrets(
  env: DemoEnvironment,
  dir: string,
): {
  path: string;
  vars: Record<string, string>;
} {
  // biome-ignore lint/suspicious/noExplicitAny: fields are deleted from a deep copy
  const config = structuredClone(env.config) as unknown as Record<string, any>;
  const store = config.stores[0];
  const vars: Record<string, string> = {
    BALANCE_SYNC_BALANCE_PASSWORD: config.balance.password,
    BALANCE_SYNC_STORES_DEMO_CONSUMER_KEY: store.woocommerce.consumerKey,
    BALANCE_SYNC_STORES_DEMO_CONSUMER_SECRET: store.woocommerce.consumerSecret,
    BALANCE_SYNC_STORES_DEMO_WEBHOOK_SECRET: store.woocommerce.webhookSecret,
    BALANCE_SYNC_SERVER_ADMIN_TOKEN: config.server.adminToken,
  };
  delete config.balance.password;
  delete store.woocommerce.consumerKey;
  delete store.woocommerce.consumerSecret;
  delete store.woocommerce.webhookSecret;
  delete config.server.adminToken;
  config.storage.path = './sync.db';
  const path = join(dir, 'balance-sync.config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return { path, vars };
}

/** Starts the real executable (`node --conditions=@balance-sync/source --import tsx bin.ts`). */
export function spawnCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exit: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', tsxLoader, binPath, ...args],
    {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  const exit = once(child, 'close').then(([code]) => code as number | null);
  return { child, output, exit };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
