import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildConsoleAssets,
  CONSOLE_FILES,
  type ConsoleAssets,
  type ConsoleFileName,
} from './build-console-assets.js';

let loading: Promise<ConsoleAssets> | undefined;

/**
 * The built console. The published package ships it in `dist/console/`, next to the bundled
 * module that runs this (the package build writes it, see tsup.config.ts). Running from the
 * TypeScript sources (tests, `pnpm demo`, tsx), there is no such folder: the console is then
 * built once per process, in memory, with esbuild. Memoized; a failed build is retried on the
 * next call.
 */
export function loadConsoleAssets(): Promise<ConsoleAssets> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<ConsoleAssets> {
  const prebuilt = fileURLToPath(new URL('./console/', import.meta.url));
  if (CONSOLE_FILES.every((name) => existsSync(join(prebuilt, name)))) {
    const files = new Map<ConsoleFileName, Uint8Array>();
    for (const name of CONSOLE_FILES) files.set(name, await readFile(join(prebuilt, name)));
    return files;
  }
  return buildConsoleAssets();
}
