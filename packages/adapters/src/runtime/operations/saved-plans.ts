import { CatalogPlan, type CatalogPlanData, type SyncStore } from '@balance-sync/woo-sync-core';

/** Settings key of the index of saved plans of a store. */
export const SAVED_PLANS_SETTING = 'catalog.savedPlans';
const PLAN_SETTING_PREFIX = 'catalog.savedPlan.';
/** How many plans a store keeps between "plan" and "apply". */
export const SAVED_PLANS_KEPT = 5;

/** A plan kept between a dry run and its apply. */
export interface SavedPlanRef {
  hash: string;
  scope: string;
  createdAt: string;
  productWrites: number;
}

/**
 * Keeps a plan in the store's settings so that a later apply can name it by hash (the admin
 * API and `balance-woo import-items --plan <hash>`). The newest {@link SAVED_PLANS_KEPT}
 * plans of a store are kept.
 */
export async function savePlan(store: SyncStore, plan: CatalogPlan): Promise<void> {
  const index = ((await store.settings.get(plan.storeId, SAVED_PLANS_SETTING)) ??
    []) as SavedPlanRef[];
  await store.settings.set(plan.storeId, PLAN_SETTING_PREFIX + plan.hash, plan.toJSON());
  const next = [
    {
      hash: plan.hash,
      scope: plan.scope,
      createdAt: plan.createdAt,
      productWrites: plan.summary.productWrites,
    },
    ...index.filter((ref) => ref.hash !== plan.hash),
  ];
  for (const old of next.slice(SAVED_PLANS_KEPT)) {
    await store.settings.set(plan.storeId, PLAN_SETTING_PREFIX + old.hash, undefined);
  }
  await store.settings.set(plan.storeId, SAVED_PLANS_SETTING, next.slice(0, SAVED_PLANS_KEPT));
}

/** A saved plan by hash (a unique prefix of at least 8 characters works), or `undefined`. */
export async function loadPlan(
  store: SyncStore,
  storeId: string,
  hash: string,
): Promise<CatalogPlan | undefined> {
  const index = ((await store.settings.get(storeId, SAVED_PLANS_SETTING)) ?? []) as SavedPlanRef[];
  const matches = index.filter(
    (ref) => ref.hash === hash || (hash.length >= 8 && ref.hash.startsWith(hash)),
  );
  if (matches.length !== 1 || !matches[0]) return undefined;
  const data = (await store.settings.get(storeId, PLAN_SETTING_PREFIX + matches[0].hash)) as
    | CatalogPlanData
    | undefined;
  return data ? CatalogPlan.fromJSON(data) : undefined;
}

/** The saved plans of a store, newest first. */
export async function listSavedPlans(store: SyncStore, storeId: string): Promise<SavedPlanRef[]> {
  return ((await store.settings.get(storeId, SAVED_PLANS_SETTING)) ?? []) as SavedPlanRef[];
}
