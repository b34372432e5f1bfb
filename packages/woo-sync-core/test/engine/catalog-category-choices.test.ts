// The operator's category choices saved in SyncStore.settings (by the console) apply to every
// engine over the same SyncStore — a worker or `import-items` in another process plans with
// them too — and are part of a plan's settings fingerprint.
import {
  CATEGORY_CHOICES_FORMAT,
  CATEGORY_CHOICES_SETTING,
  CatalogError,
  type CatalogPlan,
  createSyncEngine,
  parseSyncConfig,
  resolveStoreConfig,
  type SyncEngine,
  saveCategoryChoices,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import { configFingerprint } from '../../src/catalog/catalog-fingerprints.js';
import { type CatalogWorld, createCatalogWorld, seedConfig } from './catalog-world.js';

/** Another engine (another process) over the same Balance, store and SyncStore. */
function secondEngine(world: CatalogWorld): SyncEngine {
  return createSyncEngine({
    config: seedConfig(world.sim),
    balance: world.balance,
    woo: world.woo,
    store: world.store,
    clock: world.clock,
  });
}

const excludedSkus = (plan: CatalogPlan) =>
  plan.entries
    .filter((e) => e.reason === 'excluded-group')
    .map((e) => e.sku)
    .sort();

describe('saved category choices', () => {
  it('are used by a plan of another engine over the same SyncStore', async () => {
    const world = createCatalogWorld();
    const { groups } = world.sim.seed;
    const before = await secondEngine(world).catalog.plan({ storeId: 'main' });
    expect(excludedSkus(before)).toEqual(['EXP-001']);

    // What the console does: save the choices, nothing else.
    await saveCategoryChoices(
      world.store,
      'main',
      { [groups.tea]: 'exclude', [groups.expenses]: 'none', [groups.coffee]: 'create' },
      world.clock.now(),
    );

    const after = await secondEngine(world).catalog.plan({ storeId: 'main' });
    const teaUids = new Set<string>();
    for await (const row of world.balance.items.list()) {
      if (!row.IsGroup && row.Group === groups.tea) teaUids.add(row.uid);
    }
    const teaSkus = before.entries.filter((e) => teaUids.has(e.balanceUid)).map((e) => e.sku);
    expect(teaSkus.length).toBeGreaterThan(0);
    expect(excludedSkus(after)).toEqual([...teaSkus].sort());
    expect(after.entries.find((e) => e.sku === 'EXP-001')?.reason).not.toBe('excluded-group');
    expect(after.categories.map((c) => [c.groupUid, c.kind])).toContainEqual([
      groups.coffee,
      'create',
    ]);
    expect(after.inputs.config).not.toBe(before.inputs.config);
  });

  it('make a plan made before they were saved stale, in every engine', async () => {
    const world = createCatalogWorld();
    const { groups } = world.sim.seed;
    const plan = await world.engine.catalog.plan({ storeId: 'main' });
    await saveCategoryChoices(world.store, 'main', { [groups.tea]: 'exclude' }, world.clock.now());

    for (const engine of [world.engine, secondEngine(world)]) {
      const error = await engine.catalog.apply(plan).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogError);
      expect(error).toMatchObject({
        code: 'catalog_plan_stale',
        details: { changed: ['catalog settings'] },
      });
    }
    expect(world.woo.batchCalls).toEqual([]);

    const fresh = await secondEngine(world).catalog.plan({ storeId: 'main' });
    const result = await world.engine.catalog.apply(fresh);
    expect(result.status).toBe('succeeded');
    expect(result.counts.created).toBe(fresh.summary.create);
  });

  it('leave the settings fingerprint as it was when none are saved', async () => {
    const world = createCatalogWorld();
    const plan = await world.engine.catalog.plan({ storeId: 'main' });
    const configured = resolveStoreConfig(parseSyncConfig(seedConfig(world.sim)), 'main');
    expect(plan.inputs.config).toBe(configFingerprint(configured));

    // Choices that change nothing (the configuration already says so) change nothing.
    await saveCategoryChoices(
      world.store,
      'main',
      { [world.sim.seed.groups.expenses]: 'exclude' },
      world.clock.now(),
    );
    const same = await world.engine.catalog.plan({ storeId: 'main' });
    expect(same.inputs.config).toBe(plan.inputs.config);
    expect(same.hash).toBe(plan.hash);
  });

  it('that cannot be read stop the plan (never planned without them)', async () => {
    const world = createCatalogWorld();
    await world.store.settings.set('main', CATEGORY_CHOICES_SETTING, {
      format: CATEGORY_CHOICES_FORMAT,
      groups: { [world.sim.seed.groups.tea]: 'sometimes' },
      updatedAt: '2025-12-01T08:00:00.000Z',
    });
    const error = await world.engine.catalog.plan({ storeId: 'main' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({
      code: 'catalog_read_failed',
      details: { read: 'saved category choices' },
    });
    expect((error as Error).message).toContain('Save the choices again');
    const [report] = await world.store.runs.list('main', { kind: 'catalog-plan' });
    expect(report?.status).toBe('failed');

    await world.store.settings.set('main', CATEGORY_CHOICES_SETTING, {
      format: 'balance-sync/console-categories@2',
      groups: {},
      updatedAt: '2025-12-01T08:00:00.000Z',
    });
    await expect(world.engine.catalog.plan({ storeId: 'main' })).rejects.toThrow(
      /format "balance-sync\/console-categories@2"/,
    );
  });
});
