// The real hosts as child processes: `balance-woo serve` and `balance-woo worker`, run from
// source exactly as an operator runs them (`node --conditions=@balance-sync/source --import tsx
// packages/adapters/src/cli/bin.ts <verb> --config <file>`), with every byte they print kept
// in a log file for the secret scan.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const binPath = join(repoRoot, 'packages/adapters/src/cli/bin.ts');
/** tsx's loader by absolute URL, so a child may run in any working directory. */
const tsxLoader = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;

/** A free TCP port on 127.0.0.1 (so a restarted web host keeps its webhook URL). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/** One run of a host process. */
export interface HostProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed (`text`: stdout and stderr, also in `logFile`; `stdout` alone). */
  readonly output: { text: string; stdout: string };
  readonly logFile: string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether it has exited. */
  readonly exited: boolean;
}

export interface SpawnHostOptions {
  /** A label for logs, e.g. `worker-1#3`. */
  name: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Folder where `<name>.log` is written. */
  logDir: string;
}

/** Starts `balance-woo <args>` from source; its output is appended to `<logDir>/<name>.log`. */
export function spawnHost(options: SpawnHostOptions): HostProcess {
  const logFile = join(options.logDir, `${options.name.replace(/[^a-z0-9#-]/gi, '_')}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', tsxLoader, binPath, ...options.args],
    {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = { text: '', stdout: '' };
  const onData = (chunk: string) => {
    output.text += chunk;
    log.write(chunk);
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
    onData(chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', onData);
  let exited = false;
  const exit = once(child, 'close').then(([code, signal]) => {
    exited = true;
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      log.end(() => resolve({ code: code as number | null, signal: signal as NodeJS.Signals })),
    );
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  return {
    name: options.name,
    child,
    pid: child.pid,
    output,
    logFile,
    exit,
    get exited() {
      return exited;
    },
  };
}

/** Waits until `check()` holds, polling; throws `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resident set size of a process in MB (Linux `/proc`), or `undefined` once it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Stops a host gracefully (SIGTERM), then with SIGKILL if it has not exited in `graceMs`. */
export async function stopHost(host: HostProcess, graceMs = 15_000): Promise<void> {
  if (host.exited) return;
  host.child.kill('SIGTERM');
  const timer = setTimeout(() => host.child.kill('SIGKILL'), graceMs);
  await host.exit;
  clearTimeout(timer);
}
