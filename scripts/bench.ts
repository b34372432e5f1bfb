// `pnpm bench [filter]`: runs every benchmark suite and prints one side-by-side table.
// Results are also written to .bench-results/latest.json for docs/performance.md.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './bench/bench-types.js';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv[2];
const scale = Number(process.env.BENCH_SCALE ?? '1');

function findSuites(): string[] {
  const dirs = [join(root, 'scripts/bench')];
  for (const pkg of readdirSync(join(root, 'packages')))
    dirs.push(join(root, 'packages', pkg, 'bench'));
  const files: string[] = [];
  for (const dir of dirs) {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of entries) if (f.endsWith('.bench.ts')) files.push(join(dir, f));
  }
  return files.filter((f) => !filter || f.includes(filter)).sort();
}

const fmt = (n: number) =>
  Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

const results: Array<{ suite: string; file: string; rows: BenchRow[]; error?: string }> = [];
for (const file of findSuites()) {
  const mod = (await import(pathToFileURL(file).href)) as { default: BenchSuite };
  const suite = mod.default;
  console.log(`\n▶ ${suite.name} (${relative(root, file)})`);
  const started = performance.now();
  try {
    const rows = await suite.run({ scale, log: (m) => console.log(`  ${m}`) });
    results.push({ suite: suite.name, file: relative(root, file), rows });
    console.log(`  done in ${fmt(Math.round(performance.now() - started))} ms`);
  } catch (error) {
    console.error(`  ✘ ${suite.name} failed:`, error);
    results.push({ suite: suite.name, file: relative(root, file), rows: [], error: String(error) });
  }
}

console.log('\n| suite | case | metric | value | baseline | target | met |');
console.log('|---|---|---|---|---|---|---|');
for (const { suite, rows, error } of results) {
  if (error) console.log(`| ${suite} | — | error | ${error.slice(0, 60)} | | | ✘ |`);
  for (const r of rows) {
    const baseline = r.baseline ? `${fmt(r.baseline.value)} ${r.unit} (${r.baseline.label})` : '';
    const met = r.met === undefined ? '' : r.met ? '✔' : '✘';
    console.log(
      `| ${suite} | ${r.case} | ${r.metric} | ${fmt(r.value)} ${r.unit} | ${baseline} | ${r.target ?? ''} | ${met} |`,
    );
  }
}
mkdirSync(join(root, '.bench-results'), { recursive: true });
writeFileSync(
  join(root, '.bench-results/latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, scale, results }, null, 2)}\n`,
);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
