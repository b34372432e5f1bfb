// Runs a queue consumer fixture in a child process the way the packages run from source:
// `node --conditions=@balance-sync/source --import tsx <script>`, configured through env.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** A running consumer process. */
export interface ConsumerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited (its stderr is kept for failure messages). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once the fixture printed `ready`. */
  ready: Promise<void>;
}

/** Path of a fixture next to the queue tests. */
export function queueFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Starts `script` with `env` added to this process's environment. */
export function spawnConsumer(script: string, env: Record<string, string>): ConsumerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', 'tsx', script],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let stdout = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('ready\n')) resolve();
    });
    child.once('close', () => reject(new Error(`consumer exited before it was ready:\n${stderr}`)));
  });
  ready.catch(() => {});
  const exit = (async () => {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    return { code, signal, stderr };
  })();
  return { child, exit, ready };
}

/** Polls `probe` until it returns true. */
export async function until(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean> | boolean,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
