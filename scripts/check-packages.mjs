#!/usr/bin/env node
// Checks every published package with publint and @arethetypeswrong/cli.
// Run after `pnpm build`; exits non-zero on the first package with problems.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
let failed = false;
for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name);
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      const out = execFileSync(join(root, 'node_modules/.bin', tool), args, {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      console.log(`✔ ${tool} ${name}`);
      if (process.env.VERBOSE) console.log(out);
    } catch (error) {
      failed = true;
      console.error(`✘ ${tool} ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
