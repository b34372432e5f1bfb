import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files of the built console, served from `/console/`. */
export const CONSOLE_FILES = ['index.html', 'console.js', 'console.css'] as const;

/** One of {@link CONSOLE_FILES}. */
export type ConsoleFileName = (typeof CONSOLE_FILES)[number];

/** The built console, file name → contents. */
export type ConsoleAssets = ReadonlyMap<ConsoleFileName, Uint8Array>;

/** The part of esbuild's API the console build uses. */
interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{
    outputFiles?: { path: string; contents: Uint8Array }[];
    errors: { text: string }[];
  }>;
}

/**
 * The console's HTML page: no inline script or style (the Content-Security-Policy allows
 * only this origin's files), no external asset, an empty favicon so the browser asks for none.
 */
export function consoleIndexHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Balance ↔ WooCommerce</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="console.css">
<script type="module" src="console.js"></script>
</head>
<body>
<div id="app"></div>
<noscript>The console needs JavaScript. / კონსოლს JavaScript სჭირდება.</noscript>
</body>
</html>
`;
}

/**
 * Loads esbuild: directly when the package can see it, otherwise through tsup (the build tool
 * of this repository, which depends on it). Only used when the console is built — at
 * package build time, or on the fly when running from source.
 */
async function loadEsbuild(): Promise<EsbuildApi> {
  const name = 'esbuild';
  try {
    return (await import(name)) as EsbuildApi;
  } catch {
    const require = createRequire(import.meta.url);
    let tsup: string;
    try {
      tsup = require.resolve('tsup');
    } catch {
      throw new Error(
        'The console is not built (no dist/console) and esbuild is not installed to build it; run `pnpm build` in the repository, or install the published package, which ships the built console',
      );
    }
    return createRequire(tsup)(name) as EsbuildApi;
  }
}

/** Options of {@link buildConsoleAssets}. */
export interface BuildConsoleAssetsOptions {
  /** Folder of the UI sources (`main.tsx`, `console.css`). @default this module's `ui/` */
  uiDir?: string;
  /** Also write the files here (the package build writes `dist/console/`). */
  outDir?: string;
  /** @default true */
  minify?: boolean;
}

/**
 * Bundles the console UI (Preact, TSX) with esbuild into one JS file, one CSS file and
 * `index.html`, in memory; with `outDir` also writes them there.
 */
export async function buildConsoleAssets(
  options: BuildConsoleAssetsOptions = {},
): Promise<ConsoleAssets> {
  const uiDir = resolve(options.uiDir ?? fileURLToPath(new URL('./ui/', import.meta.url)));
  const esbuild = await loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [
      { in: join(uiDir, 'main.tsx'), out: 'console' },
      { in: join(uiDir, 'console.css'), out: 'console' },
    ],
    outdir: join(uiDir, '.out'),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Workspace packages from their TypeScript sources, as the tests and tsx load them (the UI
    // bundles the engine's dependency-free `@balance-sync/woo-sync-core/category-choices`), so
    // the console never bundles a stale build of the engine.
    conditions: ['@balance-sync/source'],
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(uiDir, 'tsconfig.json'),
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = new Map<ConsoleFileName, Uint8Array>();
  files.set('index.html', new TextEncoder().encode(consoleIndexHtml()));
  for (const file of result.outputFiles ?? []) {
    if (file.path.endsWith('console.js')) files.set('console.js', file.contents);
    if (file.path.endsWith('console.css')) files.set('console.css', file.contents);
  }
  for (const name of CONSOLE_FILES) {
    if (!files.has(name)) throw new Error(`The console build produced no ${name}`);
  }
  if (options.outDir) {
    await mkdir(options.outDir, { recursive: true });
    for (const [name, contents] of files) await writeFile(join(options.outDir, name), contents);
  }
  return files;
}
