/**
 * A stream the CLI writes to (`process.stdout` fits).
 *
 * @example
 * ```ts
 * let out = '';
 * const stdout: CliWritable = { write: (chunk) => { out += chunk; }, isTTY: false };
 * ```
 */
export interface CliWritable {
  write(chunk: string): unknown;
  /** Whether it is a terminal (progress bars, colours). */
  isTTY?: boolean | undefined;
  /** Terminal width, for progress bars. */
  columns?: number | undefined;
}

/**
 * Where the CLI reads and writes. `runCli` uses the process's streams, environment and
 * working directory unless told otherwise (tests pass their own).
 *
 * @example
 * ```ts
 * await runCli(['queue', 'list', '--json'], { io: { stdout, cwd: '/srv/balance-sync' } });
 * ```
 */
export interface CliIo {
  stdout: CliWritable;
  stderr: CliWritable;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The process's own streams, environment and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
