import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'eventemitter3';
import PQueue from 'p-queue';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type {
  ApplyJournalEntry,
  CategoryMapping,
  ProductMapping,
  PushedValues,
  RunReport,
  SyncStore,
} from '../ports/sync-store.js';
import type {
  WooBatchOutcome,
  WooCategoryDraft,
  WooCommercePort,
  WooProduct,
  WooProductDraft,
  WooProductFields,
  WooProductPatch,
} from '../ports/woocommerce-port.js';
import { toUtcIso } from '../time/utc-instant.js';
import { CatalogError } from './catalog-error.js';
import type { CatalogEventMap, CatalogItemEvent, CatalogItemOutcome } from './catalog-events.js';
import { balanceUidOf } from './catalog-fingerprints.js';
import type {
  CatalogPlan,
  CatalogPlanEntry,
  CategoryPlanEntry,
  CategoryTarget,
} from './catalog-plan.js';
import type { CatalogPlannerConfig } from './catalog-planner.js';
import { type DesiredProduct, decideProduct, rememberStored } from './product-decision.js';

/**
 * Options of `engine.catalog.apply()`.
 *
 * @example
 * ```ts
 * await engine.catalog.apply(plan, { concurrency: 2 });
 * ```
 */
export interface CatalogApplyOptions {
  /**
   * How many batch calls run at the same time.
   * @default the store's `woocommerce.concurrency` (4)
   */
  concurrency?: number;
}

/**
 * One entry `apply` could not carry out.
 *
 * @example
 * ```ts
 * for (const f of result.failures) console.warn(`${f.sku}: ${f.code} ${f.message}`);
 * ```
 */
export interface CatalogApplyFailure {
  entryId: string;
  balanceUid: string;
  sku: string;
  wooId?: number;
  /** WooCommerce's error code (e.g. `product_invalid_sku`) or the SDK's. */
  code: string;
  message: string;
}

/**
 * What `apply` did, per outcome.
 *
 * @example
 * ```ts
 * const { created, adopted, updated, failed } = result.counts;
 * ```
 */
export interface CatalogApplyCounts {
  created: number;
  adopted: number;
  updated: number;
  /** Links and pushed values remembered without a store write. */
  recorded: number;
  failed: number;
  categoriesCreated: number;
  categoriesAdopted: number;
  /** Entries a previous, interrupted apply of the same plan had already finished. */
  alreadyDone: number;
}

/**
 * The result of `engine.catalog.apply()`.
 *
 * @example
 * ```ts
 * const result = await engine.catalog.apply(plan);
 * if (result.status === 'partial') console.table(result.failures);
 * ```
 */
export interface CatalogApplyResult {
  storeId: string;
  planHash: string;
  /** `partial` when some entries failed (see `failures`); the rest was applied. */
  status: 'succeeded' | 'partial';
  counts: CatalogApplyCounts;
  failures: CatalogApplyFailure[];
  /** The stored run report. */
  report: RunReport;
}

/**
 * What the applier needs.
 *
 * @example
 * ```ts
 * new CatalogApplier({ config, woo, store, clock: systemClock, logger: silentLogger, events });
 * ```
 */
export interface CatalogApplierDeps {
  config: CatalogPlannerConfig;
  woo: WooCommercePort;
  store: SyncStore;
  clock: Clock;
  logger: Logger;
  events: EventEmitter<CatalogEventMap>;
}

/**
 * Settings key of the last plan applied to a store (its journal is kept; older ones are cleared).
 *
 * @example
 * ```ts
 * await store.settings.get('main', LAST_APPLIED_PLAN_SETTING); // the hash of the last applied plan
 * ```
 */
export const LAST_APPLIED_PLAN_SETTING = 'catalog.lastAppliedPlan';

const MAX_BATCH = 100;

/** A product write that went through: the fields sent and the product WooCommerce returned. */
interface WrittenProduct {
  fields: WooProductFields;
  product: WooProduct;
}

/**
 * Executes a {@link CatalogPlan}: categories first (parents before children, level by
 * level), then product creates and updates in batches of at most 100 (the store's limit),
 * several batches at a time (p-queue). Progress is journaled per batch in the SyncStore
 * (`in-flight` before sending, `done`/`failed` after), and mappings with their last pushed
 * values are recorded as each batch returns, so an apply that crashed is finished by
 * applying the same plan again (or a new one): creates that were in flight are first looked
 * up by SKU and linked instead of being sent twice.
 *
 * A create refused for a duplicate SKU (a product appeared since the plan) adopts the owner
 * WooCommerce names in `resource_id`, under the same ownership rules as a planned adoption.
 * Other per-item failures are reported and do not stop the run; a failing batch call
 * (store down) stops it with `catalog_apply_failed`.
 *
 * @example
 * ```ts
 * const applier = new CatalogApplier({ config, woo, store, clock, logger, events });
 * const result = await applier.apply(plan, journal, { concurrency: 4 });
 * ```
 */
export class CatalogApplier {
  readonly #deps: CatalogApplierDeps;

  constructor(deps: CatalogApplierDeps) {
    this.#deps = deps;
  }

  /**
   * Applies `plan`. `journal` is the plan's journal as read before verification.
   */
  async apply(
    plan: CatalogPlan,
    journal: ReadonlyMap<string, ApplyJournalEntry>,
    options: CatalogApplyOptions = {},
  ): Promise<CatalogApplyResult> {
    const run = new ApplyRun(this.#deps, plan, journal, options);
    return run.execute();
  }
}

/** One execution of a plan. */
class ApplyRun {
  readonly #deps: CatalogApplierDeps;
  readonly #plan: CatalogPlan;
  readonly #journal: ReadonlyMap<string, ApplyJournalEntry>;
  readonly #concurrency: number;
  readonly #limit: number;
  readonly #categoryIds = new Map<string, number>();
  readonly #failures: CatalogApplyFailure[] = [];
  readonly #counts: CatalogApplyCounts = {
    created: 0,
    adopted: 0,
    updated: 0,
    recorded: 0,
    failed: 0,
    categoriesCreated: 0,
    categoriesAdopted: 0,
    alreadyDone: 0,
  };
  readonly #startedAt: string;
  #done = 0;
  #total = 0;
  #mappingsByWooId: Promise<Map<number, ProductMapping>> | undefined;
  #defaultCategoryId: Promise<number | undefined> | undefined;

  constructor(
    deps: CatalogApplierDeps,
    plan: CatalogPlan,
    journal: ReadonlyMap<string, ApplyJournalEntry>,
    options: CatalogApplyOptions,
  ) {
    this.#deps = deps;
    this.#plan = plan;
    this.#journal = journal;
    this.#concurrency = Math.max(
      1,
      options.concurrency ?? deps.config.store.woocommerce.concurrency ?? 4,
    );
    this.#limit = Math.max(1, Math.min(MAX_BATCH, deps.woo.batchLimit));
    this.#startedAt = this.#now();
  }

  #now(): string {
    return toUtcIso(this.#deps.clock.now().getTime());
  }

  get #storeId(): string {
    return this.#plan.storeId;
  }

  async execute(): Promise<CatalogApplyResult> {
    const plan = this.#plan;
    const reportId = `catalog-apply:${plan.hash.slice(0, 16)}:${this.#startedAt}:${randomUUID()}`;
    const baseReport: RunReport = {
      id: reportId,
      storeId: this.#storeId,
      kind: plan.scope === 'stocks' ? 'stock-apply' : 'catalog-apply',
      status: 'running',
      startedAt: this.#startedAt,
      finishedAt: null,
      summary: {},
      details: { planHash: plan.hash },
    };
    await this.#deps.store.runs.save(baseReport);

    const categoryWork = plan.categories.filter(
      (c) => (c.kind === 'create' || c.kind === 'adopt') && !this.#isDone(c.id),
    );
    const productWork = plan.entries.filter((e) => (e.write || e.record) && !this.#isDone(e.id));
    this.#counts.alreadyDone =
      plan.categories.filter((c) => this.#isDone(c.id)).length +
      plan.entries.filter((e) => (e.write || e.record) && this.#isDone(e.id)).length;
    this.#total = categoryWork.length + productWork.length;

    try {
      this.#seedCategoryIds();
      await this.#applyCategories(categoryWork);
      await this.#applyProducts(productWork);
    } catch (error) {
      const failed: RunReport = {
        ...baseReport,
        status: 'failed',
        finishedAt: this.#now(),
        summary: { ...this.#counts },
        error: error instanceof Error ? error.message : String(error),
      };
      await this.#deps.store.runs.save(failed).catch(() => {});
      if (error instanceof CatalogError) throw error;
      throw new CatalogError(
        'catalog_apply_failed',
        `Applying plan ${plan.hash.slice(0, 12)} stopped: ${error instanceof Error ? error.message : String(error)}. Progress is saved: apply the same plan again (or a new one) to finish without duplicates.`,
        { cause: error, details: { done: this.#done, total: this.#total } },
      );
    }

    const status = this.#failures.length > 0 ? 'partial' : 'succeeded';
    const report: RunReport = {
      ...baseReport,
      status,
      finishedAt: this.#now(),
      summary: { ...this.#counts },
      details: { planHash: plan.hash, failures: this.#failures },
    };
    await this.#deps.store.runs.save(report);
    const { settings, applyJournal } = this.#deps.store;
    const previous = await settings.get(this.#storeId, LAST_APPLIED_PLAN_SETTING);
    if (typeof previous === 'string' && previous !== plan.hash) {
      await applyJournal.clear(this.#storeId, previous);
    }
    await settings.set(this.#storeId, LAST_APPLIED_PLAN_SETTING, plan.hash);
    this.#deps.events.emit('applied', {
      storeId: this.#storeId,
      planHash: plan.hash,
      status,
      report,
    });
    return {
      storeId: this.#storeId,
      planHash: plan.hash,
      status,
      counts: this.#counts,
      failures: this.#failures,
      report,
    };
  }

  #isDone(entryId: string): boolean {
    return this.#journal.get(entryId)?.state === 'done';
  }

  // ------------------------------------------------------------------ categories

  #seedCategoryIds(): void {
    for (const category of this.#plan.categories) {
      if (category.kind !== 'conflict' && category.wooId !== undefined) {
        this.#categoryIds.set(category.groupUid, category.wooId);
      }
      const line = this.#journal.get(category.id);
      if (line?.state === 'done' && line.wooId !== undefined) {
        this.#categoryIds.set(category.groupUid, line.wooId);
      }
    }
  }

  async #applyCategories(work: CategoryPlanEntry[]): Promise<void> {
    const { store, woo } = this.#deps;
    const adopted = work.filter((c) => c.kind === 'adopt' && c.wooId !== undefined);
    if (adopted.length > 0) {
      await store.categories.upsert(
        this.#storeId,
        adopted.map((c) => this.#categoryMapping(c.groupUid, c.wooId as number, 'adopted')),
      );
      await this.#record(adopted.map((c) => this.#line(c.id, 'done', c.wooId)));
      for (const c of adopted) {
        this.#counts.categoriesAdopted += 1;
        this.#emitCategory(c, 'category-adopted', c.wooId);
      }
      this.#progress();
    }
    const creates = work.filter((c) => c.kind === 'create');
    const levels = [...new Set(creates.map((c) => c.depth))].sort((a, b) => a - b);
    for (const level of levels) {
      const todo: { entry: CategoryPlanEntry; draft: WooCategoryDraft }[] = [];
      for (const entry of creates.filter((c) => c.depth === level)) {
        const parentId = entry.parent ? this.#resolveCategory(entry.parent) : 0;
        if (parentId === undefined) {
          await this.#categoryFailed(
            entry,
            'parent_category_missing',
            'its parent category could not be created',
          );
          continue;
        }
        todo.push({
          entry,
          draft: { ref: entry.groupUid, name: entry.name, ...(parentId ? { parentId } : {}) },
        });
      }
      for (let start = 0; start < todo.length; start += this.#limit) {
        const chunk = todo.slice(start, start + this.#limit);
        await this.#record(chunk.map(({ entry }) => this.#line(entry.id, 'in-flight')));
        const { outcomes } = await woo.categories.batch({ create: chunk.map((c) => c.draft) });
        const mappings: CategoryMapping[] = [];
        const lines: ApplyJournalEntry[] = [];
        for (const [index, { entry }] of chunk.entries()) {
          const outcome = outcomes[index];
          if (outcome?.status === 'created') {
            this.#categoryIds.set(entry.groupUid, outcome.item.id);
            mappings.push(this.#categoryMapping(entry.groupUid, outcome.item.id, 'created'));
            lines.push(this.#line(entry.id, 'done', outcome.item.id));
            this.#counts.categoriesCreated += 1;
            this.#emitCategory(entry, 'category-created', outcome.item.id);
          } else if (outcome?.status === 'failed' && outcome.error.resourceId !== undefined) {
            // `term_exists`: a category of that name appeared under the parent — use it.
            const id = outcome.error.resourceId;
            this.#categoryIds.set(entry.groupUid, id);
            mappings.push(this.#categoryMapping(entry.groupUid, id, 'adopted'));
            lines.push(this.#line(entry.id, 'done', id));
            this.#counts.categoriesAdopted += 1;
            this.#emitCategory(entry, 'category-adopted', id);
          } else {
            const error =
              outcome?.status === 'failed'
                ? outcome.error
                : { code: 'unexpected_outcome', message: 'no outcome for this category' };
            lines.push(this.#line(entry.id, 'failed', undefined, error.message));
            this.#fail({
              entryId: entry.id,
              balanceUid: entry.groupUid,
              sku: '',
              code: error.code,
              message: error.message,
            });
            this.#emitCategory(entry, 'failed', undefined, error);
          }
        }
        if (mappings.length > 0) await store.categories.upsert(this.#storeId, mappings);
        await this.#record(lines);
        this.#progress();
      }
    }
  }

  async #categoryFailed(entry: CategoryPlanEntry, code: string, message: string): Promise<void> {
    await this.#record([this.#line(entry.id, 'failed', undefined, message)]);
    this.#fail({ entryId: entry.id, balanceUid: entry.groupUid, sku: '', code, message });
    this.#emitCategory(entry, 'failed', undefined, { code, message });
  }

  #resolveCategory(target: CategoryTarget): number | undefined {
    return target.id ?? this.#categoryIds.get(target.group);
  }

  #categoryMapping(
    groupUid: string,
    wooCategoryId: number,
    origin: CategoryMapping['origin'],
  ): CategoryMapping {
    return { groupUid, wooCategoryId, origin, updatedAt: this.#now() };
  }

  // ------------------------------------------------------------------ products

  async #applyProducts(work: CatalogPlanEntry[]): Promise<void> {
    const { store } = this.#deps;
    // 1. Links and pushed values that need no store write.
    const recordOnly = work.filter((e) => !e.write);
    if (recordOnly.length > 0) {
      const mappings = recordOnly.flatMap((e) => {
        const mapping = this.#mappingFor(e, e.wooId as number, e.wooParentId ?? 0);
        return mapping ? [mapping] : [];
      });
      await store.products.upsert(this.#storeId, mappings);
      await this.#record(recordOnly.map((e) => this.#line(e.id, 'done', e.wooId)));
      for (const entry of recordOnly) {
        const outcome = entry.kind === 'adopt' || entry.links ? 'adopted' : 'recorded';
        this.#counts[outcome] += 1;
        this.#emit(entry, outcome, entry.wooId);
      }
      this.#progress();
    }

    // 2. Creates that were in flight when a previous apply stopped: look them up first.
    let writes = work.filter((e) => e.write);
    const inFlightCreates = writes.filter(
      (e) => e.kind === 'create' && this.#journal.get(e.id)?.state === 'in-flight',
    );
    if (inFlightCreates.length > 0) {
      const recovered = await this.#recoverCreates(inFlightCreates);
      writes = writes.filter((e) => !recovered.has(e.id));
    }

    // 3. Batches of ≤ 100, several at a time.
    const queue = new PQueue({ concurrency: this.#concurrency });
    let fatal: unknown;
    for (let start = 0; start < writes.length; start += this.#limit) {
      const chunk = writes.slice(start, start + this.#limit);
      void queue.add(async () => {
        if (fatal !== undefined) return;
        try {
          await this.#applyChunk(chunk);
        } catch (error) {
          // Stop at the first failing call: nothing else is started.
          fatal ??= error;
          queue.clear();
        }
      });
    }
    await queue.onIdle();
    if (fatal !== undefined) throw fatal;
  }

  async #recoverCreates(entries: CatalogPlanEntry[]): Promise<Set<string>> {
    const recovered = new Set<string>();
    const bySku = new Map<string, WooProduct[]>();
    for (let start = 0; start < entries.length; start += this.#limit) {
      const skus = entries.slice(start, start + this.#limit).map((e) => e.sku);
      for (const product of await this.#deps.woo.products.findBySkus(skus)) {
        const key = product.sku.trim().toLowerCase();
        bySku.set(key, [...(bySku.get(key) ?? []), product]);
      }
    }
    const mappings: ProductMapping[] = [];
    const lines: ApplyJournalEntry[] = [];
    for (const entry of entries) {
      const found = (bySku.get(entry.sku.trim().toLowerCase()) ?? []).find(
        (p) => balanceUidOf(p) === entry.balanceUid,
      );
      if (!found) continue;
      // The create went through: remember what the store stored of what was sent.
      const mapping = this.#mappingFor(entry, found.id, found.parentId, {
        fields: this.#createDraftFields(entry),
        product: found,
      });
      if (mapping) mappings.push(mapping);
      lines.push(this.#line(entry.id, 'done', found.id));
      recovered.add(entry.id);
      this.#counts.created += 1;
      this.#emit(entry, 'created', found.id);
    }
    if (mappings.length > 0) await this.#deps.store.products.upsert(this.#storeId, mappings);
    if (lines.length > 0) {
      await this.#record(lines);
      this.#progress();
    }
    return recovered;
  }

  async #applyChunk(chunk: CatalogPlanEntry[]): Promise<void> {
    const { woo, store } = this.#deps;
    const creates: { entry: CatalogPlanEntry; draft: WooProductDraft }[] = [];
    const updates: { entry: CatalogPlanEntry; patch: WooProductPatch }[] = [];
    for (const entry of chunk) {
      const fields = this.#fieldsOf(entry);
      if (entry.kind === 'create') {
        creates.push({ entry, draft: { ...this.#createDraftFields(entry), ref: entry.id } });
      } else {
        updates.push({
          entry,
          patch: {
            ...fields,
            id: entry.wooId as number,
            ref: entry.id,
            ...(entry.wooParentId ? { parentId: entry.wooParentId } : {}),
          },
        });
      }
    }
    await this.#record(chunk.map((e) => this.#line(e.id, 'in-flight', e.wooId)));
    const { outcomes } = await woo.products.batch({
      ...(creates.length > 0 ? { create: creates.map((c) => c.draft) } : {}),
      ...(updates.length > 0 ? { update: updates.map((u) => u.patch) } : {}),
    });
    const ordered = [...creates.map((c) => c.entry), ...updates.map((u) => u.entry)];
    const sentFields: WooProductFields[] = [
      ...creates.map((c) => c.draft),
      ...updates.map((u) => u.patch),
    ];
    const mappings: ProductMapping[] = [];
    const lines: ApplyJournalEntry[] = [];
    const races: { entry: CatalogPlanEntry; ownerId: number }[] = [];
    for (const [index, entry] of ordered.entries()) {
      const outcome: WooBatchOutcome<WooProduct> | undefined = outcomes[index];
      if (outcome && outcome.status !== 'failed') {
        const product = outcome.item;
        const mapping = this.#mappingFor(entry, product.id, product.parentId, {
          fields: sentFields[index] ?? {},
          product,
        });
        if (mapping) mappings.push(mapping);
        lines.push(this.#line(entry.id, 'done', product.id));
        const result: CatalogItemOutcome =
          outcome.status === 'created'
            ? 'created'
            : entry.kind === 'adopt' || entry.links
              ? 'adopted'
              : 'updated';
        this.#counts[
          result === 'created' ? 'created' : result === 'adopted' ? 'adopted' : 'updated'
        ] += 1;
        this.#emit(entry, result, product.id);
        continue;
      }
      const error = outcome?.error ?? {
        code: 'unexpected_outcome',
        message: 'the store returned no outcome for this item',
        status: 0,
      };
      if (
        entry.kind === 'create' &&
        error.code === 'product_invalid_sku' &&
        error.resourceId !== undefined &&
        error.resourceId > 0
      ) {
        races.push({ entry, ownerId: error.resourceId });
        continue;
      }
      lines.push(this.#line(entry.id, 'failed', entry.wooId, `${error.code}: ${error.message}`));
      this.#fail({
        entryId: entry.id,
        balanceUid: entry.balanceUid,
        sku: entry.sku,
        ...(entry.wooId !== undefined ? { wooId: entry.wooId } : {}),
        code: error.code,
        message: error.message,
      });
      this.#emit(entry, 'failed', entry.wooId, error);
    }
    if (mappings.length > 0) await store.products.upsert(this.#storeId, mappings);
    if (lines.length > 0) await this.#record(lines);
    if (races.length > 0) await this.#adoptOwners(races);
    this.#progress();
  }

  /**
   * Creates refused because the SKU is taken: adopt the owner WooCommerce named, unless it
   * is linked to another item.
   */
  async #adoptOwners(races: { entry: CatalogPlanEntry; ownerId: number }[]): Promise<void> {
    const { woo, store, clock, config } = this.#deps;
    const owners = new Map(
      (await woo.products.getByIds(races.map((r) => r.ownerId))).map((p) => [p.id, p]),
    );
    this.#mappingsByWooId ??= store.products
      .list(this.#storeId)
      .then((list) => new Map(list.map((m) => [m.wooId, m])));
    const mappingsByWooId = await this.#mappingsByWooId;
    // WooCommerce's "Uncategorized": a product only in it counts as uncategorized.
    this.#defaultCategoryId ??= (async () => {
      for await (const category of woo.categories.list()) {
        if (category.slug === 'uncategorized') return category.id;
      }
      return undefined;
    })();
    const defaultCategoryId = await this.#defaultCategoryId;
    const adoptions: {
      entry: CatalogPlanEntry;
      owner: WooProduct;
      decision: ReturnType<typeof decideProduct>;
    }[] = [];
    const lines: ApplyJournalEntry[] = [];
    for (const { entry, ownerId } of races) {
      const owner = owners.get(ownerId);
      const linkedTo = owner && (mappingsByWooId.get(owner.id)?.balanceUid ?? balanceUidOf(owner));
      if (!owner || (linkedTo !== undefined && linkedTo !== entry.balanceUid)) {
        const message = owner
          ? `the SKU belongs to product #${owner.id}, which is linked to Balance item ${linkedTo}`
          : `the SKU belongs to product #${ownerId}, which could not be read`;
        lines.push(this.#line(entry.id, 'failed', undefined, message));
        this.#fail({
          entryId: entry.id,
          balanceUid: entry.balanceUid,
          sku: entry.sku,
          wooId: ownerId,
          code: 'sku-owned-by-other-item',
          message,
        });
        this.#emit(entry, 'failed', ownerId, { code: 'sku-owned-by-other-item', message });
        continue;
      }
      const decision = decideProduct(this.#desiredOf(entry), owner, undefined, 'adopt', {
        ownership: config.catalog.ownership,
        scope: this.#plan.scope,
        now: clock.now(),
        skuAvailable: true,
        ...(defaultCategoryId !== undefined ? { defaultCategoryId } : {}),
      });
      adoptions.push({ entry, owner, decision });
    }
    const withWrites = adoptions.filter((a) => a.decision.write);
    const sentFields = withWrites.map(({ decision }) =>
      this.#resolveWrite(decision.write?.fields ?? {}, decision.write?.categories),
    );
    const outcomes =
      withWrites.length > 0
        ? (
            await woo.products.batch({
              update: withWrites.map(({ entry, owner }, index) => ({
                ...sentFields[index],
                id: owner.id,
                ref: entry.id,
                ...(owner.parentId ? { parentId: owner.parentId } : {}),
              })),
            })
          ).outcomes
        : [];
    const mappings: ProductMapping[] = [];
    for (const adoption of adoptions) {
      const { entry, owner, decision } = adoption;
      const index = withWrites.indexOf(adoption);
      const outcome = index >= 0 ? outcomes[index] : undefined;
      if (outcome?.status === 'failed') {
        lines.push(this.#line(entry.id, 'failed', owner.id, outcome.error.message));
        this.#fail({
          entryId: entry.id,
          balanceUid: entry.balanceUid,
          sku: entry.sku,
          wooId: owner.id,
          code: outcome.error.code,
          message: outcome.error.message,
        });
        this.#emit(entry, 'failed', owner.id, outcome.error);
        continue;
      }
      if (decision.record) {
        const mapping = this.#mappingFromRecord(
          entry.balanceUid,
          owner.id,
          owner.parentId,
          decision.record,
          outcome?.status === 'updated'
            ? { fields: sentFields[index] ?? {}, product: outcome.item }
            : undefined,
        );
        if (mapping) mappings.push(mapping);
      }
      lines.push(this.#line(entry.id, 'done', owner.id));
      this.#counts.adopted += 1;
      this.#emit(entry, 'adopted', owner.id);
    }
    if (mappings.length > 0) await store.products.upsert(this.#storeId, mappings);
    await this.#record(lines);
  }

  /** What Balance wants for a planned create, to decide an adoption under the same rules. */
  #desiredOf(entry: CatalogPlanEntry): DesiredProduct {
    const fields = entry.write?.fields ?? {};
    const categories = entry.write?.categories
      ?.map((t) => ({ group: t.group, id: this.#resolveCategory(t) }))
      .filter((t): t is CategoryTarget & { id: number } => t.id !== undefined);
    return {
      balanceUid: entry.balanceUid,
      sku: fields.sku ?? entry.sku,
      name: fields.name ?? entry.name,
      ...(fields.regularPrice !== undefined ? { regularPrice: fields.regularPrice } : {}),
      sale: fields.salePrice
        ? { price: fields.salePrice, from: fields.saleFrom ?? null, to: fields.saleTo ?? null }
        : null,
      stock: fields.stockQuantity ?? 0,
      ...(categories?.length ? { categories } : {}),
    };
  }

  /** The fields a create sends. */
  #createDraftFields(entry: CatalogPlanEntry): Omit<WooProductDraft, 'ref'> {
    const fields = this.#fieldsOf(entry);
    return {
      ...fields,
      sku: fields.sku ?? entry.sku,
      name: fields.name ?? entry.name,
      status: fields.status ?? 'draft',
    };
  }

  #fieldsOf(entry: CatalogPlanEntry): WooProductFields {
    return this.#resolveWrite(entry.write?.fields ?? {}, entry.write?.categories);
  }

  #resolveWrite(
    fields: Omit<WooProductFields, 'categoryIds'>,
    categories: CategoryTarget[] | undefined,
  ): WooProductFields {
    if (!categories) return { ...fields };
    const ids = this.#resolveCategories(categories);
    return ids && ids.length > 0 ? { ...fields, categoryIds: ids } : { ...fields };
  }

  /** Category ids of targets; `undefined` when one could not be resolved. */
  #resolveCategories(targets: CategoryTarget[]): number[] | undefined {
    const ids: number[] = [];
    for (const target of targets) {
      const id = this.#resolveCategory(target);
      if (id === undefined) return undefined;
      ids.push(id);
    }
    return ids;
  }

  #mappingFor(
    entry: CatalogPlanEntry,
    wooId: number,
    wooParentId: number,
    written?: WrittenProduct,
  ): ProductMapping | undefined {
    if (!entry.record) return undefined;
    return this.#mappingFromRecord(entry.balanceUid, wooId, wooParentId, entry.record, written);
  }

  /**
   * The mapping to store for a record; after a write, with the values the store stored
   * (`written`: what was sent and the product WooCommerce returned, see `rememberStored`).
   */
  #mappingFromRecord(
    balanceUid: string,
    wooId: number,
    wooParentId: number,
    record: NonNullable<CatalogPlanEntry['record']>,
    written?: WrittenProduct,
  ): ProductMapping {
    let lastPushed: PushedValues = { ...record.pushed };
    let sku = record.sku;
    if (record.pendingCategories) {
      const ids = this.#resolveCategories(record.pendingCategories);
      if (ids) lastPushed.categoryIds = ids;
    }
    if (written) {
      ({ sku, pushed: lastPushed } = rememberStored(
        { sku, pushed: lastPushed },
        written.fields,
        written.product,
      ));
    }
    return { balanceUid, wooId, wooParentId, sku, lastPushed, updatedAt: this.#now() };
  }

  // ------------------------------------------------------------------ journal, events

  #line(
    entryId: string,
    state: ApplyJournalEntry['state'],
    wooId?: number,
    error?: string,
  ): ApplyJournalEntry {
    return {
      entryId,
      state,
      ...(wooId !== undefined ? { wooId } : {}),
      ...(error !== undefined ? { error } : {}),
      updatedAt: this.#now(),
    };
  }

  async #record(lines: ApplyJournalEntry[]): Promise<void> {
    if (lines.length === 0) return;
    await this.#deps.store.applyJournal.record(this.#storeId, this.#plan.hash, lines);
  }

  #fail(failure: CatalogApplyFailure): void {
    this.#failures.push(failure);
    this.#counts.failed += 1;
    this.#deps.logger.warn(
      { storeId: this.#storeId, entryId: failure.entryId, sku: failure.sku, code: failure.code },
      `catalog apply: ${failure.message}`,
    );
  }

  #emit(
    entry: CatalogPlanEntry,
    outcome: CatalogItemOutcome,
    wooId: number | undefined,
    error?: { code: string; message: string },
  ): void {
    this.#done += 1;
    const event: CatalogItemEvent = {
      storeId: this.#storeId,
      planHash: this.#plan.hash,
      entryId: entry.id,
      kind: entry.kind,
      outcome,
      balanceUid: entry.balanceUid,
      sku: entry.sku,
      ...(wooId !== undefined ? { wooId } : {}),
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    };
    this.#deps.events.emit('item', event);
  }

  #emitCategory(
    entry: CategoryPlanEntry,
    outcome: CatalogItemOutcome,
    wooId: number | undefined,
    error?: { code: string; message: string },
  ): void {
    this.#done += 1;
    this.#deps.events.emit('item', {
      storeId: this.#storeId,
      planHash: this.#plan.hash,
      entryId: entry.id,
      kind: 'category',
      outcome,
      balanceUid: entry.groupUid,
      sku: '',
      ...(wooId !== undefined ? { wooId } : {}),
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    });
  }

  #progress(): void {
    this.#deps.events.emit('progress', {
      storeId: this.#storeId,
      planHash: this.#plan.hash,
      done: this.#done,
      total: this.#total,
    });
  }
}
