import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'eventemitter3';
import type { EngineContext } from '../engine/engine-context.js';
import type { RunReport } from '../ports/sync-store.js';
import { toUtcIso } from '../time/utc-instant.js';
import {
  CatalogApplier,
  type CatalogApplyOptions,
  type CatalogApplyResult,
} from './catalog-applier.js';
import { CatalogError } from './catalog-error.js';
import type { CatalogEventMap } from './catalog-events.js';
import { CatalogPlan, type CatalogPlanData } from './catalog-plan.js';
import { CatalogPlanVerifier } from './catalog-plan-verifier.js';
import { CatalogPlanner } from './catalog-planner.js';
import type { CatalogScope } from './catalog-snapshot.js';
import { CatalogSnapshotReader } from './catalog-snapshot-reader.js';
import { readSavedCategoryChoices, withCategoryChoices } from './saved-category-choices.js';

/**
 * What to plan.
 *
 * @example
 * ```ts
 * await engine.catalog.plan({ storeId: 'main', scope: 'stocks' });
 * ```
 */
export interface CatalogPlanRequest {
  storeId: string;
  /**
   * `items`: the whole catalog; `stocks`: stock of linked products only (the scheduled
   * stock import).
   * @default 'items'
   */
  scope?: CatalogScope;
}

/**
 * The catalog import of the engine (`engine.catalog`): plan, review, apply.
 *
 * @example
 * ```ts
 * const plan = await engine.catalog.plan({ storeId: 'main', scope: 'items' });
 * console.log(plan.toText()); // the dry run
 * const result = await engine.catalog.apply(plan, { concurrency: 4 });
 * ```
 */
export interface CatalogService {
  /** planned / item / progress / applied. */
  readonly events: EventEmitter<CatalogEventMap>;
  /**
   * Reads Balance, the store and the SyncStore (nothing is written to Balance or the store)
   * and decides what an import would do. The store's category settings are the configured
   * `stores[].categories` with the operator's choices saved in `SyncStore.settings`
   * (`categories`, see {@link CATEGORY_CHOICES_SETTING}) merged over them, so every process
   * over the same SyncStore plans with the same choices. Fails as a whole with
   * `catalog_read_failed` when any read fails. Saves a `catalog-plan` run report.
   */
  plan(request: CatalogPlanRequest): Promise<CatalogPlan>;
  /**
   * Executes a plan (a {@link CatalogPlan} or its JSON). Refuses with `catalog_plan_stale`
   * if its inputs changed since it was made (saved category choices included), and with
   * `catalog_plan_invalid` if it was edited. Applies of the same store run one after the
   * other.
   */
  apply(
    plan: CatalogPlan | CatalogPlanData,
    options?: CatalogApplyOptions,
  ): Promise<CatalogApplyResult>;
}

/**
 * Builds the catalog service from the engine's shared context.
 *
 * @example
 * ```ts
 * const catalog = createCatalogService(createEngineContext({ config, balance, woo, store }));
 * ```
 */
export function createCatalogService(context: EngineContext): CatalogService {
  const events = new EventEmitter<CatalogEventMap>();
  const locks = new Map<string, Promise<unknown>>();

  /**
   * The settings, port and reader a plan of the store is made and verified with: the
   * configured settings with the category choices saved in the SyncStore merged over them,
   * read again each time (another process may have saved new ones).
   */
  const partsFor = async (storeId: string) => {
    const configured = context.storeConfig(storeId);
    const woo = context.woo(storeId);
    const saved = await readSavedCategoryChoices(context.store, storeId);
    const config = withCategoryChoices(configured, saved);
    const reader = new CatalogSnapshotReader({
      config,
      balance: context.balance,
      woo,
      store: context.store,
      clock: context.clock,
    });
    return { config, woo, reader };
  };

  const serialize = <T>(storeId: string, run: () => Promise<T>): Promise<T> => {
    const previous = locks.get(storeId) ?? Promise.resolve();
    const next = previous.then(run, run);
    locks.set(
      storeId,
      next.catch(() => {}),
    );
    return next;
  };

  return {
    events,

    async plan({ storeId, scope = 'items' }) {
      // An unknown store is a configuration error, not a failed plan.
      context.woo(storeId);
      const startedAt = toUtcIso(context.clock.now().getTime());
      const report: RunReport = {
        id: `catalog-plan:${scope}:${startedAt}:${randomUUID()}`,
        storeId,
        kind: 'catalog-plan',
        status: 'running',
        startedAt,
        finishedAt: null,
        summary: {},
      };
      let plan: CatalogPlan;
      try {
        const { config, reader } = await partsFor(storeId);
        const snapshot = await reader.read(scope);
        plan = new CatalogPlanner(config).plan(snapshot, context.clock.now());
      } catch (error) {
        await context.store.runs
          .save({
            ...report,
            status: 'failed',
            finishedAt: toUtcIso(context.clock.now().getTime()),
            error: error instanceof Error ? error.message : String(error),
          })
          .catch(() => {});
        throw error;
      }
      const { reasons, categories, ...counts } = plan.summary;
      await context.store.runs.save({
        ...report,
        status: 'succeeded',
        finishedAt: toUtcIso(context.clock.now().getTime()),
        summary: { ...counts, categoriesToCreate: categories.create },
        details: { planHash: plan.hash, scope, reasons },
      });
      context.logger.info({ storeId, scope, planHash: plan.hash, ...counts }, 'catalog plan made');
      events.emit('planned', { storeId, scope, planHash: plan.hash, summary: plan.summary });
      return plan;
    },

    async apply(input, options = {}) {
      const plan = input instanceof CatalogPlan ? input : CatalogPlan.fromJSON(input);
      if (!context.config.stores.some((s) => s.id === plan.storeId)) {
        throw new CatalogError(
          'catalog_plan_wrong_store',
          `The plan is for store "${plan.storeId}", which this engine does not serve; apply it with the engine of that store.`,
        );
      }
      return serialize(plan.storeId, async () => {
        const { config, woo, reader } = await partsFor(plan.storeId);
        const journal = new Map(
          (await context.store.applyJournal.get(plan.storeId, plan.hash)).map((line) => [
            line.entryId,
            line,
          ]),
        );
        await new CatalogPlanVerifier({ config, reader, woo }).verify(plan, journal);
        const applier = new CatalogApplier({
          config,
          woo,
          store: context.store,
          clock: context.clock,
          logger: context.logger,
          events,
        });
        const result = await applier.apply(plan, journal, options);
        context.logger.info(
          { storeId: plan.storeId, planHash: plan.hash, status: result.status, ...result.counts },
          'catalog plan applied',
        );
        return result;
      });
    },
  };
}
