// Category choices saved in the console apply to every host over the same SyncStore, not only
// to the process that serves the console: `balance-woo import-items` (its own runtime, from
// the configuration file) and a worker's runtime plan with them, and a plan made before a
// save is refused as stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSyncRuntime } from '@balance-sync/adapters/runtime';
import { type CatalogPlanData, silentLogger } from '@balance-sync/woo-sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.js';
import { type ConsoleWorld, STORE, startConsoleWorld } from './console-world.js';

describe('saved category choices outside the console process', () => {
  let world: ConsoleWorld;
  const groups = () => world.balance.seed.groups;

  beforeAll(async () => {
    world = await startConsoleWorld({ worker: false });
    // The configuration file the other hosts read (the same SQLite file as the console's).
    writeFileSync(join(world.dir, 'balance-sync.config.json'), JSON.stringify(world.config));
  });
  afterAll(async () => {
    await world?.close();
  });

  const importItems = async (args: string[]) => {
    const run = await cli(['import-items', '--store', STORE, ...args], { cwd: world.dir });
    return run;
  };
  const save = async (choices: Record<string, unknown>) => {
    const res = await fetch(`${world.url}/console/api/stores/${STORE}/categories`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ groups: choices }),
    });
    expect(res.status).toBe(200);
  };
  const excludedGroupItems = (plan: CatalogPlanData) =>
    plan.entries.filter((e) => e.reason === 'excluded-group').length;

  it('import-items plans with them and refuses its own plan from before a save as stale', async () => {
    const before = await importItems(['--dry-run', '--json']);
    expect(before.code).toBe(0);
    const planBefore: CatalogPlanData = before.json().result.plan;
    expect(planBefore.categories.map((c) => c.groupUid)).not.toContain(groups().groceries);

    await save({ [groups().sweets]: 'exclude', [groups().groceries]: 'create' });

    const after = await importItems(['--dry-run', '--json']);
    expect(after.code).toBe(0);
    const planAfter: CatalogPlanData = after.json().result.plan;
    expect(excludedGroupItems(planAfter)).toBeGreaterThan(excludedGroupItems(planBefore));
    expect(planAfter.categories.map((c) => c.groupUid)).toContain(groups().groceries);
    expect(planAfter.categories.map((c) => c.groupUid)).not.toContain(groups().sweets);
    expect(planAfter.inputs.config).not.toBe(planBefore.inputs.config);

    const stale = await importItems(['--plan', planBefore.hash.slice(0, 12), '--json']);
    expect(stale.code).not.toBe(0);
    expect(stale.stdout + stale.stderr).toContain('catalog_plan_stale');
    expect(world.woo.state.products.size).toBe(0);
  });

  it('a worker runtime of its own plans with them too', async () => {
    const runtime = await createSyncRuntime(world.config, {
      logger: silentLogger,
      balanceOptions: { retry: false },
    });
    try {
      const plan = await runtime.engine.catalog.plan({ storeId: STORE });
      expect(plan.categories.map((c) => c.groupUid)).toContain(groups().groceries);
      const fromConsole = await world.runtime.engine.catalog.plan({ storeId: STORE });
      expect(plan.inputs).toEqual(fromConsole.inputs);
      expect(plan.hash).toBe(fromConsole.hash);
    } finally {
      await runtime.close({ timeoutMs: 2_000 });
    }
  });

  it('an unreadable saved value stops plans everywhere until the console saves again', async () => {
    await world.runtime.store.settings.set(STORE, 'categories', {
      format: 'balance-sync/console-categories@9',
      groups: {},
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const headers = { authorization: `Bearer ${world.adminToken}` };
    const page = await fetch(`${world.url}/console/api/stores/${STORE}/categories`, { headers });
    expect(page.status).toBe(200);
    const answer = (await page.json()) as {
      saved: unknown;
      effective: unknown;
      configured: unknown;
    };
    expect(answer.saved).toBeNull();
    expect(answer.effective).toEqual(answer.configured);

    const refused = await importItems(['--dry-run', '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('catalog_read_failed');

    await save({ [groups().sweets]: 'exclude' });
    const planned = await importItems(['--dry-run', '--json']);
    expect(planned.code).toBe(0);
  });
});
