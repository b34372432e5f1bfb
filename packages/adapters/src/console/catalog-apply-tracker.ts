import type {
  CatalogApplyCounts,
  CatalogApplyFailure,
  CatalogItemEvent,
  CatalogPlan,
  CatalogProgressEvent,
} from '@balance-sync/woo-sync-core';
import { describeFailure } from '../runtime/operations/describe-failure.js';
import type { SyncRuntime } from '../runtime/sync-runtime.js';

/** Where an apply started from the console is. */
export type CatalogApplyState = 'running' | 'succeeded' | 'partial' | 'failed';

/** What the console shows while (and after) a plan is applied. */
export interface CatalogApplyProgress {
  storeId: string;
  planHash: string;
  state: CatalogApplyState;
  /** Writes done so far (product and category batches), of `total`. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  /** Outcomes so far (`created`, `updated`, `failed`…), from the engine's item events. */
  outcomes: Record<string, number>;
  /** The applier's counts once finished. */
  counts?: CatalogApplyCounts;
  /** Entries that could not be applied, with WooCommerce's message. */
  failures: CatalogApplyFailure[];
  /** Why the whole apply failed (`catalog_plan_stale`, WooCommerce unreachable…). */
  error?: { code: string; message: string };
}

/** How many finished applies are remembered per process. */
const KEPT = 20;

/**
 * Runs plan applies in the background for the console and remembers their progress, from
 * the engine's `progress` and `item` events. One apply per store at a time (the engine
 * serializes applies of a store anyway; this refuses a second one instead of queueing it).
 */
export class CatalogApplyTracker {
  readonly #runtime: SyncRuntime;
  readonly #runs = new Map<string, CatalogApplyProgress>();

  constructor(runtime: SyncRuntime) {
    this.#runtime = runtime;
    const events = runtime.engine.catalog.events;
    events.on('progress', (event: CatalogProgressEvent) => {
      const run = this.#running(event.storeId, event.planHash);
      if (!run) return;
      run.done = event.done;
      run.total = event.total;
    });
    events.on('item', (event: CatalogItemEvent) => {
      const run = this.#running(event.storeId, event.planHash);
      if (!run) return;
      run.outcomes[event.outcome] = (run.outcomes[event.outcome] ?? 0) + 1;
    });
  }

  /** The apply of a store that is still running, if any. */
  runningFor(storeId: string): CatalogApplyProgress | undefined {
    for (const run of this.#runs.values()) {
      if (run.storeId === storeId && run.state === 'running') return run;
    }
    return undefined;
  }

  /** Progress of an apply of this process, or `undefined`. */
  get(storeId: string, planHash: string): CatalogApplyProgress | undefined {
    return this.#runs.get(key(storeId, planHash));
  }

  /** Starts applying a plan; the returned progress object is updated as the apply runs. */
  start(plan: CatalogPlan): CatalogApplyProgress {
    const run: CatalogApplyProgress = {
      storeId: plan.storeId,
      planHash: plan.hash,
      state: 'running',
      done: 0,
      total: plan.summary.productWrites + plan.summary.categories.create,
      startedAt: this.#runtime.clock.now().toISOString(),
      finishedAt: null,
      outcomes: {},
      failures: [],
    };
    this.#runs.delete(key(run.storeId, run.planHash));
    this.#runs.set(key(run.storeId, run.planHash), run);
    this.#forgetOld();
    void this.#runtime.engine.catalog.apply(plan).then(
      (result) => {
        run.state = result.status;
        run.counts = result.counts;
        run.failures = result.failures;
        run.done = run.total;
        run.finishedAt = this.#runtime.clock.now().toISOString();
      },
      (error: unknown) => {
        const failure = describeFailure(error);
        if (failure.status >= 500) {
          this.#runtime.logger.error(
            { err: error, storeId: run.storeId, planHash: run.planHash },
            'console apply failed',
          );
        }
        run.state = 'failed';
        run.error = { code: failure.code, message: failure.message };
        run.finishedAt = this.#runtime.clock.now().toISOString();
      },
    );
    return run;
  }

  #running(storeId: string, planHash: string): CatalogApplyProgress | undefined {
    const run = this.#runs.get(key(storeId, planHash));
    return run?.state === 'running' ? run : undefined;
  }

  #forgetOld(): void {
    const finished = [...this.#runs.entries()].filter(([, run]) => run.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT))) {
      this.#runs.delete(id);
    }
  }
}

const key = (storeId: string, planHash: string) => `${storeId}\u0001${planHash}`;
