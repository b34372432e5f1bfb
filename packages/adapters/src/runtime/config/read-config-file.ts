import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@balance-sync/woo-sync-core';

/**
 * The file names searched, in order, when no path is given.
 *
 * @example
 * ```ts
 * const found = CONFIG_FILE_NAMES.find((name) => existsSync(name));
 * ```
 */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze([
  'balance-sync.config.json',
  'balance-sync.config.mjs',
  'balance-sync.config.js',
  'balance-sync.config.ts',
  'balance-sync.config.mts',
]);

/** Finds the configuration file in `cwd`, or `undefined` when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function jsonSyntaxIssue(text: string, error: SyntaxError): string {
  const position = /position (\d+)/.exec(error.message);
  if (position?.[1]) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `is not valid JSON at line ${line}, column ${column}: ${error.message.replace(/ in JSON at position.*$/, '')}; fix the syntax (a trailing comma or a missing quote is the usual cause)`;
  }
  return `is not valid JSON (${error.message}); fix the syntax`;
}

/**
 * Reads a configuration file: JSON, or a module (`.mjs`, `.js`, `.ts`, `.mts`) whose default
 * export is the configuration object or a function returning it (sync or async). TypeScript
 * files load through Node's type stripping (Node ≥ 22.18) or a loader such as tsx.
 *
 * @example
 * ```ts
 * const raw = await readConfigFile('./balance-sync.config.json');
 * ```
 */
export async function readConfigFile(path: string): Promise<unknown> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new ConfigError([
      {
        path: '(file)',
        message: `${absolute} does not exist; pass the right path with --config (or BALANCE_SYNC_CONFIG), or create it (docs/getting-started.md has an example)`,
      },
    ]);
  }
  const extension = extname(absolute).toLowerCase();
  if (extension === '.json') {
    const text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigError(
        [{ path: '(file)', message: jsonSyntaxIssue(text, error as SyntaxError) }],
        {
          source: absolute,
        },
      );
    }
  }
  if (!['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'].includes(extension)) {
    throw new ConfigError([
      {
        path: '(file)',
        message: `${absolute}: unsupported extension "${extension}"; use .json, .mjs, .js or .ts`,
      },
    ]);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? 'this Node cannot load TypeScript; use Node ≥ 22.18, run with tsx, or rename it to .mjs'
        : 'fix the error in the module';
    throw new ConfigError(
      [
        {
          path: '(file)',
          message: `could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; ${hint}`,
        },
      ],
      { source: absolute },
    );
  }
  let value = module.default;
  if (typeof value === 'function') value = await (value as () => unknown)();
  if (typeof value !== 'object' || value === null) {
    throw new ConfigError(
      [
        {
          path: '(file)',
          message:
            'has no default export with the configuration; write `export default { balance: …, catalog: …, stores: [...] }`',
        },
      ],
      { source: absolute },
    );
  }
  return value;
}
