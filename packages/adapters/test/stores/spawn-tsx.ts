// Runs a TypeScript fixture in a child process the way the packages run from source:
// `node --conditions=@balance-sync/source --import tsx <script> …args`.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Path of a fixture script next to this file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Starts a fixture; its stdout is read line by line through `onLine`. */
export function spawnFixture(
  script: string,
  args: readonly string[],
  onLine: (line: string) => void = () => {},
): {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--conditions=@balance-sync/source', '--import', 'tsx', script, ...args],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', onLine);
  const exit = (async () => {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    return { code, signal, stderr };
  })();
  return { child, exit };
}

/** Runs a fixture to its end and returns its stdout lines; fails on a non-zero exit. */
export async function runFixture(script: string, args: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  const { exit } = spawnFixture(script, args, (line) => lines.push(line));
  const { code, signal, stderr } = await exit;
  if (code !== 0) {
    throw new Error(`fixture ${script} exited with ${code ?? signal}:\n${stderr}`);
  }
  return lines;
}
