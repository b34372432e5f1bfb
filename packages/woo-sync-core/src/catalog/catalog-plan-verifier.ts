import PQueue from 'p-queue';
import type { ApplyJournalEntry, ProductMapping } from '../ports/sync-store.js';
import type { WooCommercePort, WooProduct } from '../ports/woocommerce-port.js';
import { CatalogError } from './catalog-error.js';
import {
  categoriesFingerprint,
  configFingerprint,
  productFingerprint,
  snapshotFingerprints,
} from './catalog-fingerprints.js';
import type { CatalogPlan, CatalogPlanEntry } from './catalog-plan.js';
import type { CatalogPlannerConfig } from './catalog-planner.js';
import type { CatalogSnapshotReader } from './catalog-snapshot-reader.js';

/**
 * What the verifier needs.
 *
 * @example
 * ```ts
 * new CatalogPlanVerifier({ config, reader, woo });
 * ```
 */
export interface CatalogPlanVerifierDeps {
  config: CatalogPlannerConfig;
  reader: CatalogSnapshotReader;
  woo: WooCommercePort;
}

/**
 * Checks, before anything is written, that a plan's inputs are still what they were when it
 * was made: the store's catalog settings, everything read from Balance, the store's
 * categories and category mappings, the unexported order quantities, and — for each entry
 * that still has to write to an existing product — that product and its mapping (read back
 * by id, in chunks of the batch limit, the store's `woocommerce.concurrency` chunks at a
 * time). Entries the journal shows as started or done are not re-checked: their products
 * changed because of this plan. Throws `catalog_plan_stale` listing what changed.
 *
 * Every input is read again in full — nothing is taken from the read that made the plan, as
 * only a new read can show a change — but as fast as the reads allow: Balance's paged lists
 * read several packs at a time, and the store's products are not listed (only the ones the
 * plan writes to are read back).
 *
 * Products that appeared in the store after planning are not looked for: a create that
 * meets one fails with a duplicate SKU and adopts it.
 *
 * @example
 * ```ts
 * await new CatalogPlanVerifier({ config, reader, woo }).verify(plan, journal);
 * ```
 */
export class CatalogPlanVerifier {
  readonly #deps: CatalogPlanVerifierDeps;

  constructor(deps: CatalogPlanVerifierDeps) {
    this.#deps = deps;
  }

  async verify(plan: CatalogPlan, journal: ReadonlyMap<string, ApplyJournalEntry>): Promise<void> {
    const { config, reader, woo } = this.#deps;
    const changed: string[] = [];
    if (configFingerprint(config) !== plan.inputs.config) changed.push('catalog settings');

    const snapshot = await reader.read(plan.scope, { products: false });
    const fresh = snapshotFingerprints(snapshot);
    if (fresh.balance !== plan.inputs.balance) changed.push('Balance data');
    // Categories this plan already created or adopted (a resumed apply) do not count.
    const ownGroups = new Set<string>();
    const ownCategoryIds = new Set<number>();
    for (const category of plan.categories) {
      const line = journal.get(category.id);
      if (!line) continue;
      ownGroups.add(category.groupUid);
      if (category.kind === 'create' && line.wooId !== undefined) ownCategoryIds.add(line.wooId);
    }
    const categories =
      ownGroups.size === 0
        ? fresh.categories
        : categoriesFingerprint(
            snapshot.store.categories.filter((c) => !ownCategoryIds.has(c.id)),
            snapshot.mappings.categories.filter((m) => !ownGroups.has(m.groupUid)),
          );
    if (categories !== plan.inputs.categories) changed.push('store categories');
    if (fresh.orders !== plan.inputs.orders) changed.push('unexported paid orders');

    const toCheck = plan.entries.filter((e) => e.expect && e.wooId && !journal.has(e.id));
    const changedProducts: number[] = [];
    if (toCheck.length > 0) {
      const mappings = new Map<number, ProductMapping>(
        snapshot.mappings.products.map((m) => [m.wooId, m]),
      );
      const limit = Math.max(1, Math.min(100, woo.batchLimit));
      const chunks: CatalogPlanEntry[][] = [];
      for (let start = 0; start < toCheck.length; start += limit) {
        chunks.push(toCheck.slice(start, start + limit));
      }
      // Chunks are read `concurrency` at a time; results are checked in plan order.
      const queue = new PQueue({ concurrency: Math.max(1, config.store.woocommerce.concurrency) });
      const reads = chunks.map((chunk) =>
        queue.add(() => woo.products.getByIds(chunk.map((e) => e.wooId as number))),
      );
      const settled = await Promise.allSettled(reads);
      for (const [index, chunk] of chunks.entries()) {
        const result = settled[index] as PromiseSettledResult<WooProduct[]>;
        if (result.status === 'rejected') throw result.reason;
        const found = new Map(result.value.map((p) => [p.id, p]));
        for (const entry of chunk) {
          const product = found.get(entry.wooId as number);
          const fingerprint = product && productFingerprint(product, mappings.get(product.id));
          if (fingerprint !== entry.expect) changedProducts.push(entry.wooId as number);
        }
      }
    }
    if (changedProducts.length > 0) {
      changed.push(
        `${changedProducts.length} product(s) in the store (${changedProducts
          .slice(0, 10)
          .map((id) => `#${id}`)
          .join(', ')}${changedProducts.length > 10 ? ', …' : ''})`,
      );
    }
    if (changed.length > 0) {
      throw new CatalogError(
        'catalog_plan_stale',
        `The plan ${plan.hash.slice(0, 12)} is stale — changed since it was made: ${changed.join('; ')}. Nothing was written; make a new plan with engine.catalog.plan() and apply that.`,
        { details: { changed, products: changedProducts } },
      );
    }
  }
}
