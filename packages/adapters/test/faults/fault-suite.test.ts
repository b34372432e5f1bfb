// The fault suite (issue #8): the real web host and worker processes under Balance outages,
// 429 storms, HTML error pages, lost responses, duplicated / replayed / reordered / disabled
// webhooks, cut-off import batches and SIGKILLed workers — once on the embedded default
// (SQLite store + in-process queue) and once distributed (PostgreSQL + BullMQ). Afterwards
// every paid order must have exactly one Sale, every refund exactly one credit note, totals
// equal to the tetri, no ledger row stuck, no product duplicated, and no secret in any log.
//
// `pnpm test` runs the reduced profile; `pnpm test:faults` (FAULTS=full) the full one.
// FAULTS_SEED=<n> repeats a run's traffic and fault schedule. The table is printed and
// written to test-results/faults/<backend>-<reduced|full>.json (and .md).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../support/services.js';
import { type FaultProfile, formatFaultTable, runFaults } from './support/fault-run.js';
import { type FaultBackend, startFaultWorld } from './support/fault-world.js';
import { repoRoot } from './support/host-processes.js';

const full = process.env.FAULTS === 'full';
const seed = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 1_000_000));

const profile: FaultProfile = full
  ? {
      mode: 'full',
      seed,
      items: 600,
      ordersPerPhase: 30,
      phaseMs: 15_000,
      minKills: 30,
      killEveryMs: [1_500, 4_000],
      workers: 3,
      replays: 200,
      settleTimeoutMs: 420_000,
    }
  : {
      mode: 'reduced',
      seed,
      items: 150,
      ordersPerPhase: 4,
      phaseMs: 3_000,
      minKills: 6,
      killEveryMs: [1_500, 3_500],
      workers: 2,
      replays: 20,
      settleTimeoutMs: 240_000,
    };

const resultsDir = join(repoRoot, 'test-results', 'faults');

async function runBackend(
  backend: FaultBackend,
  urls: { databaseUrl?: string; redisUrl?: string },
) {
  const dir = join(resultsDir, `${backend}-run`);
  rmSync(dir, { recursive: true, force: true });
  const world = await startFaultWorld({
    backend,
    dir,
    items: profile.items,
    orderSweep: '*/5 * * * * *',
    ...urls,
  });
  try {
    const report = await runFaults(world, profile, (line) =>
      console.log(`[faults ${backend}] ${line}`),
    );
    const table = formatFaultTable(report);
    console.log(`\n${table}\n`);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `${backend}-${profile.mode}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    writeFileSync(join(resultsDir, `${backend}-${profile.mode}.md`), `${table}\n`);
    for (const row of report.rows) expect.soft(row.ok, `${row.check}: ${row.measured}`).toBe(true);
    expect(report.scan.findings).toEqual([]);
  } finally {
    await world.close();
  }
}

// one file, backends one after the other: the hosts are several processes on few cores
describe(`fault suite (${profile.mode}, seed ${seed})`, () => {
  const timeout = full ? 1_500_000 : 600_000;

  it('embedded default: SQLite store + in-process queue', () => runBackend('sqlite', {}), timeout);

  const databaseUrl = serviceUrl('DATABASE_URL');
  const redisUrl = serviceUrl('REDIS_URL');
  it.skipIf(!databaseUrl || !redisUrl)(
    'distributed: PostgreSQL store + BullMQ queue',
    () => runBackend('postgres-bullmq', { databaseUrl, redisUrl }),
    timeout,
  );
});
