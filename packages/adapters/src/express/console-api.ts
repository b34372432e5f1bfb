import {
  CATEGORY_CHOICES_SETTING,
  type Job,
  type LedgerEntry,
  type LedgerState,
  mergeCategoryChoices,
  parseCategoryChoices,
  parseSavedCategoryChoices,
  resolveStoreConfig,
  type SavedCategoryChoices,
  saveCategoryChoices,
} from '@balance-sync/woo-sync-core';
import express, { type Request, type Response, type Router } from 'express';
import { CatalogApplyTracker } from '../console/catalog-apply-tracker.js';
import { describeFailure } from '../runtime/operations/describe-failure.js';
import { loadPlan } from '../runtime/operations/saved-plans.js';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import { requireAdminToken } from './admin-auth.js';
import { HttpError, sendError } from './http-error.js';
import { jsonApiErrorHandler, jsonRoute, knownStoreParam } from './json-api.js';

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** A Balance group as the Categories page shows it. */
interface BalanceGroupRow {
  uid: string;
  name: string;
  /** Parent group uid; `null` at the root. */
  parent: string | null;
  /** Items (not groups) directly in this group. */
  items: number;
}

/** Jobs whose failure the operator fixes from the Exports page. */
const EXPORT_JOBS = new Set(['export-order', 'export-refund', 'push-return-request']);
const RETRYABLE: readonly LedgerState[] = ['failed', 'dead'];
/** How many ledger rows one drift scan or retry-all reads at most. */
const SCAN_LIMIT = 20_000;
const PAGE = 500;

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function balanceGroups(runtime: SyncRuntime): Promise<BalanceGroupRow[]> {
  const groups = new Map<string, BalanceGroupRow>();
  const itemsPerGroup = new Map<string, number>();
  for await (const row of runtime.balance.items.list()) {
    const parent = row.Group ?? null;
    if (row.IsGroup) {
      groups.set(row.uid, {
        uid: row.uid,
        name: String(row.Name || row.FullName || row.Code || row.uid),
        parent,
        items: 0,
      });
    } else if (parent) {
      itemsPerGroup.set(parent, (itemsPerGroup.get(parent) ?? 0) + 1);
    }
  }
  for (const [uid, count] of itemsPerGroup) {
    const group = groups.get(uid);
    if (group) group.items = count;
  }
  return [...groups.values()].map((g) => ({
    ...g,
    parent: g.parent !== null && groups.has(g.parent) ? g.parent : null,
  }));
}

/** Reads every ledger row of a store in the given states (bounded by {@link SCAN_LIMIT}). */
async function ledgerRows(
  runtime: SyncRuntime,
  storeId: string,
  states?: readonly LedgerState[],
): Promise<{ rows: LedgerEntry[]; truncated: boolean }> {
  const rows: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await runtime.store.ledger.list({
      storeId,
      limit: PAGE,
      ...(states ? { states } : {}),
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.entries);
    cursor = page.next;
  } while (cursor && rows.length < SCAN_LIMIT);
  return { rows, truncated: Boolean(cursor) };
}

/** The failed and dead export jobs of a store, by order id. */
async function failedExportJobs(
  runtime: SyncRuntime,
  storeId: string,
): Promise<Map<number, Job[]>> {
  const jobs = await runtime.queue.list({ storeId, states: ['failed', 'dead'], limit: 1000 });
  const byOrder = new Map<number, Job[]>();
  for (const job of jobs) {
    if (!EXPORT_JOBS.has(job.name)) continue;
    const orderId = (job.payload as { orderId?: unknown }).orderId;
    if (typeof orderId !== 'number') continue;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), job]);
  }
  return byOrder;
}

/**
 * The console's own JSON API (`/console/api/...`), for what the admin API does not offer:
 * the Balance group tree beside the store's categories and saving the operator's choices,
 * applying a saved plan in the background with progress, documents with drift, and retries
 * that keep the ledger and the queue consistent. Behind the same bearer token as `/admin`.
 */
export function createConsoleApi(options: {
  runtime: SyncRuntime;
  adminToken: string | undefined;
}): Router {
  const { runtime } = options;
  const applies = new CatalogApplyTracker(runtime);
  /** `stores[].categories` of the configuration file. */
  const configuredCategories = (storeId: string) =>
    resolveStoreConfig(runtime.config, storeId).store.categories;
  /**
   * The saved choices for display. An unreadable value is shown as none, so the page still
   * loads and saving replaces it (the engine refuses to plan until then).
   */
  const savedChoices = async (storeId: string): Promise<SavedCategoryChoices | undefined> => {
    const read = parseSavedCategoryChoices(
      await runtime.store.settings.get(storeId, CATEGORY_CHOICES_SETTING),
    );
    if (read.ok) return read.saved;
    runtime.logger.warn(
      { storeId, problem: read.problem },
      'console: saved category choices are not readable; saving replaces them',
    );
    return undefined;
  };

  const router = express.Router({ mergeParams: true });
  router.use(requireAdminToken(options.adminToken));
  router.use(express.json({ limit: '2mb' }));

  const define = (method: 'get' | 'post' | 'put', path: string, handler: Handler) => {
    router[method](path, jsonRoute(handler));
  };

  router.param('storeId', knownStoreParam(runtime));

  // ---- categories

  define('get', '/stores/:storeId/categories', async (req) => {
    const storeId = String(req.params.storeId);
    const [groups, wooCategories, remembered, saved] = await Promise.all([
      balanceGroups(runtime),
      collect(runtime.woo(storeId).categories.list()),
      runtime.store.categories.list(storeId),
      savedChoices(storeId),
    ]);
    const configured = configuredCategories(storeId);
    return {
      groups,
      wooCategories: wooCategories.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId })),
      configured,
      saved: saved ?? null,
      // What the engine plans with (it merges the saved choices itself, in every process).
      effective: mergeCategoryChoices(configured, saved?.groups),
      remembered: remembered.map((m) => ({
        groupUid: m.groupUid,
        wooCategoryId: m.wooCategoryId,
        origin: m.origin,
      })),
      createCategories: resolveStoreConfig(runtime.config, storeId).catalog.createCategories,
    };
  });

  define('put', '/stores/:storeId/categories', async (req) => {
    const storeId = String(req.params.storeId);
    const parsed = parseCategoryChoices((req.body as { groups?: unknown } | undefined)?.groups);
    if (!parsed.ok) {
      throw new HttpError(
        400,
        'invalid_categories',
        `Some choices are not valid: ${parsed.issues.map((i) => `${i.group} ${i.message}`).join('; ')}`,
        { details: parsed.issues },
      );
    }
    // Only saved: every engine over this SyncStore reads them when it plans or verifies.
    const saved = await saveCategoryChoices(
      runtime.store,
      storeId,
      parsed.groups,
      runtime.clock.now(),
    );
    runtime.logger.info(
      { storeId, groups: Object.keys(parsed.groups).length },
      'console: category choices saved',
    );
    return { saved, effective: mergeCategoryChoices(configuredCategories(storeId), saved.groups) };
  });

  // ---- catalog apply with progress

  define('post', '/stores/:storeId/catalog/apply', async (req, res) => {
    const storeId = String(req.params.storeId);
    const planHash = (req.body as { planHash?: unknown } | undefined)?.planHash;
    if (typeof planHash !== 'string' || planHash.length < 8) {
      throw new HttpError(
        400,
        'invalid_body',
        'Send { "planHash": "<hash>" } of a dry run made by POST /admin/stores/<store>/catalog/plan',
      );
    }
    const plan = await loadPlan(runtime.store, storeId, planHash);
    if (!plan) {
      throw new HttpError(
        404,
        'plan_not_found',
        `No saved plan ${planHash} for store "${storeId}" (the last 5 dry runs are kept); run a new dry run and apply that one`,
      );
    }
    const running = applies.runningFor(storeId);
    if (running) {
      throw new HttpError(
        409,
        'apply_in_progress',
        `Plan ${running.planHash.slice(0, 12)} is being applied to store "${storeId}"; wait until it finishes`,
      );
    }
    res.status(202);
    return applies.start(plan);
  });

  define('get', '/stores/:storeId/catalog/apply/:planHash', async (req) => {
    const storeId = String(req.params.storeId);
    const progress = applies.get(storeId, String(req.params.planHash));
    if (!progress) {
      throw new HttpError(
        404,
        'apply_not_found',
        `This server has not applied plan ${String(req.params.planHash)} since it started; past imports are in GET /admin/stores/${storeId}/runs?kind=catalog-apply`,
      );
    }
    return progress;
  });

  // ---- documents

  define('get', '/stores/:storeId/drift', async (req) => {
    const storeId = String(req.params.storeId);
    const { rows, truncated } = await ledgerRows(runtime, storeId);
    const drifted = rows
      .filter((row) => row.drift !== null)
      .sort((a, b) => (b.drift?.detectedAt ?? '').localeCompare(a.drift?.detectedAt ?? ''));
    return { count: drifted.length, entries: drifted.slice(0, 200), truncated };
  });

  /**
   * Retries the documents of one order: its failed / dead export jobs go back to the queue
   * (so they leave the failed list too); without such a job, the engine reopens the document
   * and queues its export.
   */
  const retryOrderDocuments = async (
    storeId: string,
    rows: readonly LedgerEntry[],
    jobsByOrder: Map<number, Job[]>,
  ): Promise<{ jobs: string[]; documents: string[] }> => {
    const orderId = rows[0]?.orderId;
    const jobs = orderId === undefined ? [] : (jobsByOrder.get(orderId) ?? []);
    const retriedJobs: string[] = [];
    for (const job of jobs) if (await runtime.queue.retry(job.id)) retriedJobs.push(job.id);
    if (retriedJobs.length > 0) return { jobs: retriedJobs, documents: rows.map((r) => r.key) };
    const documents: string[] = [];
    for (const row of rows) {
      await runtime.engine.orders.retryDocument({ storeId, key: row.key });
      documents.push(row.key);
    }
    return { jobs: [], documents };
  };

  define('post', '/stores/:storeId/documents/:key/retry', async (req) => {
    const storeId = String(req.params.storeId);
    const key = String(req.params.key);
    const row = await runtime.store.ledger.get(storeId, key);
    if (!row) {
      throw new HttpError(404, 'document_not_found', `No document "${key}" in store "${storeId}"`);
    }
    if (!RETRYABLE.includes(row.state)) {
      throw new HttpError(
        409,
        'document_not_retryable',
        `${key} is ${row.state}; only failed and dead documents are retried (an exported one can be sent again with "resend")`,
      );
    }
    const jobsByOrder = await failedExportJobs(runtime, storeId);
    return { key, ...(await retryOrderDocuments(storeId, [row], jobsByOrder)) };
  });

  define('post', '/stores/:storeId/exports/retry-all', async (req) => {
    const storeId = String(req.params.storeId);
    const [{ rows }, jobsByOrder] = await Promise.all([
      ledgerRows(runtime, storeId, RETRYABLE),
      failedExportJobs(runtime, storeId),
    ]);
    const byOrder = new Map<number, LedgerEntry[]>();
    for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    const retried = { jobs: [] as string[], documents: [] as string[] };
    const failures: { key: string; code: string; message: string }[] = [];
    for (const orderRows of byOrder.values()) {
      try {
        const done = await retryOrderDocuments(storeId, orderRows, jobsByOrder);
        retried.jobs.push(...done.jobs);
        retried.documents.push(...done.documents);
      } catch (error) {
        const failure = describeFailure(error);
        for (const row of orderRows) {
          failures.push({ key: row.key, code: failure.code, message: failure.message });
        }
      }
    }
    // Export jobs that failed before any document was recorded (e.g. the order could not be read).
    for (const [orderId, jobs] of jobsByOrder) {
      if (byOrder.has(orderId)) continue;
      for (const job of jobs) if (await runtime.queue.retry(job.id)) retried.jobs.push(job.id);
    }
    runtime.logger.info(
      { storeId, jobs: retried.jobs.length, documents: retried.documents.length },
      'console: retried failed exports',
    );
    return { ...retried, failures };
  });

  // ---- 404 / errors

  router.use((req, res) => {
    sendError(
      res,
      404,
      'not_found',
      `No console API route ${req.method} ${req.baseUrl}${req.path}; see docs/console.md`,
    );
  });

  router.use(
    jsonApiErrorHandler({ runtime, failureLog: 'console request failed', bodyLimit: '2 MB' }),
  );

  return router;
}
