import {
  type CatalogPlanData,
  JOB_STATES,
  type JobName,
  LEDGER_STATES,
  type LedgerKind,
} from '@balance-sync/woo-sync-core';
import express, { type Request, type Response, type Router } from 'express';
import { describeFailure } from '../runtime/operations/describe-failure.js';
import { listSavedPlans, loadPlan, savePlan } from '../runtime/operations/saved-plans.js';
import { testStoreConnection } from '../runtime/operations/test-store-connection.js';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import { requireAdminToken } from './admin-auth.js';
import { HttpError, sendError } from './http-error.js';
import { jsonApiErrorHandler, jsonRoute, knownStoreParam } from './json-api.js';

const JOB_NAMES: readonly JobName[] = [
  'export-order',
  'export-refund',
  'sweep-orders',
  'push-return-request',
  'catalog-import',
  'reconcile',
];
const LEDGER_KINDS: readonly LedgerKind[] = ['sale', 'credit', 'return', 'client'];
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Health of a worker running in the same process, shown by `GET /admin/health`.
 *
 * @example
 * ```ts
 * createSyncRouter({ runtime, workerHealth: () => worker.health() });
 * ```
 */
export type WorkerHealthSource = () => unknown;

type Handler = (req: Request, res: Response) => Promise<unknown>;

function listParam<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
): T[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = String(value)
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !allowed.includes(p as T));
  if (bad.length > 0) {
    throw new HttpError(
      400,
      'invalid_query',
      `${name} must be one or more of ${allowed.join(', ')} (got ${bad.join(', ')})`,
    );
  }
  return parts as T[];
}

function intParam(value: unknown, name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(
      400,
      'invalid_query',
      `${name} must be a whole number between ${min} and ${max}`,
    );
  }
  return n;
}

/** `2026-11-01` (the store's day start, UTC here) or a zoned ISO instant. */
function instantParam(value: unknown, name: string, endOfDay: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (DAY.test(text)) return `${text}T${endOfDay ? '23:59:59' : '00:00:00'}Z`;
  if (ZONED_INSTANT.test(text) && !Number.isNaN(Date.parse(text)))
    return new Date(text).toISOString();
  throw new HttpError(
    400,
    'invalid_query',
    `${name} must be a date (2026-11-01) or a zoned ISO instant (2026-11-01T00:00:00Z)`,
  );
}

/**
 * The admin JSON API (`/admin/...`), behind the bearer token. Every answer is JSON; errors are
 * `{ error: { code, message } }`. See docs/operations.md for each route's shape.
 */
export function createAdminRouter(options: {
  runtime: SyncRuntime;
  adminToken: string | undefined;
  workerHealth?: WorkerHealthSource | undefined;
  startedAt: number;
}): Router {
  const { runtime } = options;
  const router = express.Router({ mergeParams: true });
  router.use(requireAdminToken(options.adminToken));
  router.use(express.json({ limit: '50mb', type: () => true }));

  const routes = new Map<string, Set<string>>();
  const define = (method: 'get' | 'post', path: string, handler: Handler) => {
    const methods = routes.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    routes.set(path, methods);
    router[method](path, jsonRoute(handler));
  };

  router.param('storeId', knownStoreParam(runtime));

  // ---- health

  define('get', '/health', async () => ({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
    stores: runtime.storeIds,
    queue: runtime.config.queue.driver,
    storage: runtime.config.storage.driver,
    ...(options.workerHealth ? { worker: options.workerHealth() } : {}),
  }));

  define('get', '/ready', async (_req, res) => {
    const probe = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      try {
        await run();
        return { ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const failure = describeFailure(error);
        return {
          ok: false,
          latencyMs: Math.round(performance.now() - started),
          error: { code: failure.code, message: failure.message },
        };
      }
    };
    const [store, queue] = await Promise.all([
      probe(() => runtime.store.ledger.counts(runtime.storeIds[0] ?? 'main')),
      probe(() => runtime.queue.counts()),
    ]);
    const ready = store.ok && queue.ok;
    res.status(ready ? 200 : 503);
    return { ready, checks: { store, queue } };
  });

  define('get', '/stores', async () => ({
    stores: runtime.config.stores.map((store) => ({
      id: store.id,
      name: store.name ?? store.id,
      url: store.woocommerce.url,
      timezone: store.timezone,
      currency: store.currency,
      webhooks: Boolean(store.woocommerce.webhookSecret),
      orderExport: Boolean(runtime.config.orders || store.orders),
    })),
  }));

  // ---- connection and catalog

  define('post', '/stores/:storeId/test-connection', async (req) =>
    testStoreConnection(runtime, String(req.params.storeId)),
  );

  define('post', '/stores/:storeId/catalog/plan', async (req) => {
    const storeId = String(req.params.storeId);
    const scope = (req.body as { scope?: unknown } | undefined)?.scope ?? 'items';
    if (scope !== 'items' && scope !== 'stocks') {
      throw new HttpError(400, 'invalid_body', 'scope must be "items" or "stocks"');
    }
    const plan = await runtime.engine.catalog.plan({ storeId, scope });
    await savePlan(runtime.store, plan);
    return { planHash: plan.hash, summary: plan.summary, text: plan.toText(), plan: plan.toJSON() };
  });

  define('get', '/stores/:storeId/catalog/plans', async (req) => ({
    plans: await listSavedPlans(runtime.store, String(req.params.storeId)),
  }));

  define('post', '/stores/:storeId/catalog/apply', async (req) => {
    const storeId = String(req.params.storeId);
    const body = (req.body ?? {}) as { planHash?: unknown; plan?: unknown };
    let plan: Parameters<typeof runtime.engine.catalog.apply>[0];
    if (typeof body.planHash === 'string' && body.planHash !== '') {
      const saved = await loadPlan(runtime.store, storeId, body.planHash);
      if (!saved) {
        throw new HttpError(
          404,
          'plan_not_found',
          `No saved plan ${body.planHash} for store "${storeId}" (the last ${5} plans are kept); make a new one with POST /admin/stores/${storeId}/catalog/plan`,
        );
      }
      plan = saved;
    } else if (typeof body.plan === 'object' && body.plan !== null) {
      plan = body.plan as CatalogPlanData;
      if ((plan as CatalogPlanData).storeId !== storeId) {
        throw new HttpError(
          400,
          'catalog_plan_wrong_store',
          `The plan is for store "${String((plan as CatalogPlanData).storeId)}", not "${storeId}"`,
        );
      }
    } else {
      throw new HttpError(
        400,
        'invalid_body',
        'Send { "planHash": "<hash>" } (a plan made by POST …/catalog/plan) or { "plan": <plan JSON> }',
      );
    }
    const result = await runtime.engine.catalog.apply(plan);
    return result;
  });

  define('get', '/stores/:storeId/categories', async (req) => {
    const storeId = String(req.params.storeId);
    const store = runtime.config.stores.find((s) => s.id === storeId);
    return {
      configured: store?.categories.mapping ?? {},
      excludedGroups: store?.categories.excludedGroups ?? [],
      mappings: await runtime.store.categories.list(storeId),
    };
  });

  define('get', '/stores/:storeId/runs', async (req) => {
    const storeId = String(req.params.storeId);
    const kind = req.query.kind;
    const limit = intParam(req.query.limit, 'limit', { min: 1, max: 500 }) ?? 50;
    const runs = await runtime.store.runs.list(storeId, {
      limit,
      ...(typeof kind === 'string' && kind ? { kind: kind as never } : {}),
    });
    return { runs };
  });

  // ---- queue

  define('get', '/queue', async (req) => {
    const states = listParam(req.query.state, JOB_STATES, 'state');
    const [name] = listParam(req.query.name, JOB_NAMES, 'name') ?? [];
    const storeId =
      typeof req.query.storeId === 'string' && req.query.storeId ? req.query.storeId : undefined;
    const limit = intParam(req.query.limit, 'limit', { min: 1, max: 1000 }) ?? 100;
    const offset = intParam(req.query.offset, 'offset') ?? 0;
    const [jobs, counts] = await Promise.all([
      runtime.queue.list({
        limit,
        offset,
        ...(states ? { states } : {}),
        ...(name ? { name } : {}),
        ...(storeId ? { storeId } : {}),
      }),
      runtime.queue.counts(storeId ? { storeId } : {}),
    ]);
    return { counts, jobs, limit, offset };
  });

  define('get', '/queue/:jobId', async (req) => {
    const job = await runtime.queue.get(String(req.params.jobId));
    if (!job) throw new HttpError(404, 'job_not_found', `No job ${String(req.params.jobId)}`);
    return { job };
  });

  define('post', '/queue/retry-failed', async (req) => {
    const body = (req.body ?? {}) as { storeId?: unknown; states?: unknown; name?: unknown };
    const states =
      body.states === undefined
        ? undefined
        : listParam(
            Array.isArray(body.states) ? body.states.join(',') : body.states,
            ['failed', 'dead'] as const,
            'states',
          );
    const [name] = body.name === undefined ? [] : (listParam(body.name, JOB_NAMES, 'name') ?? []);
    if (body.storeId !== undefined && !runtime.storeIds.includes(String(body.storeId))) {
      throw new HttpError(404, 'unknown_store', `No store "${String(body.storeId)}"`);
    }
    const retried = await runtime.queue.retryAll({
      ...(states ? { states } : {}),
      ...(name ? { name } : {}),
      ...(body.storeId !== undefined ? { storeId: String(body.storeId) } : {}),
    });
    return { retried };
  });

  define('post', '/queue/:jobId/retry', async (req) => {
    const jobId = String(req.params.jobId);
    const job = await runtime.queue.get(jobId);
    if (!job) throw new HttpError(404, 'job_not_found', `No job ${jobId}`);
    if (job.state !== 'failed' && job.state !== 'dead') {
      throw new HttpError(
        409,
        'job_not_retryable',
        `Job ${jobId} is ${job.state}; only failed and dead jobs can be retried`,
      );
    }
    const retried = await runtime.queue.retry(jobId);
    return { retried, job: await runtime.queue.get(jobId) };
  });

  // ---- ledger and reconciliation

  define('get', '/stores/:storeId/ledger', async (req) => {
    const storeId = String(req.params.storeId);
    const orderId = intParam(req.query.orderId, 'orderId', { min: 1 });
    if (orderId !== undefined) {
      return { entries: await runtime.store.ledger.listByOrder(storeId, orderId) };
    }
    const states = listParam(req.query.state, LEDGER_STATES, 'state');
    const kinds = listParam(req.query.kind, LEDGER_KINDS, 'kind');
    const limit = intParam(req.query.limit, 'limit', { min: 1, max: 1000 }) ?? 100;
    const cursor =
      typeof req.query.cursor === 'string' && req.query.cursor ? req.query.cursor : undefined;
    const [page, counts] = await Promise.all([
      runtime.store.ledger.list({
        storeId,
        limit,
        ...(states ? { states } : {}),
        ...(kinds ? { kinds } : {}),
        ...(cursor ? { cursor } : {}),
      }),
      runtime.store.ledger.counts(storeId),
    ]);
    return { counts, entries: page.entries, ...(page.next ? { next: page.next } : {}) };
  });

  define('get', '/stores/:storeId/reconciliation', async (req) => {
    const storeId = String(req.params.storeId);
    const from = instantParam(req.query.from, 'from', false);
    const to = instantParam(req.query.to, 'to', true);
    const onlyProblems = req.query.problems === 'true' || req.query.problems === '1';
    const report = await runtime.engine.orders.reconcile({ storeId, from, to });
    return onlyProblems
      ? { ...report, rows: report.rows.filter((r) => r.status !== 'ok') }
      : report;
  });

  define('post', '/stores/:storeId/orders/:orderId/export', async (req, res) => {
    const storeId = String(req.params.storeId);
    const orderId = intParam(req.params.orderId, 'orderId', { min: 1 }) as number;
    const job = await runtime.queue.enqueue({
      name: 'export-order',
      storeId,
      payload: { orderId },
      dedupeId: `order:${storeId}:${orderId}`,
    });
    res.status(202);
    return { orderId, jobId: job.id, deduplicated: job.deduplicated };
  });

  define('post', '/stores/:storeId/documents/:key/retry', async (req) => {
    const storeId = String(req.params.storeId);
    const resend = (req.body as { resend?: unknown } | undefined)?.resend === true;
    return runtime.engine.orders.retryDocument({ storeId, key: String(req.params.key), resend });
  });

  define('post', '/stores/:storeId/sweep', async (req) =>
    runtime.engine.orders.sweepOrders({ storeId: String(req.params.storeId) }),
  );

  // ---- 404 / 405 / errors

  router.use((req, res) => {
    const path = [...routes.keys()].find((p) => matches(p, req.path));
    if (path) {
      const allow = [...(routes.get(path) ?? [])].join(', ');
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${allow}`, {
        headers: { allow },
      });
      return;
    }
    sendError(
      res,
      404,
      'not_found',
      `No admin route ${req.method} ${req.baseUrl}${req.path}; see docs/operations.md`,
    );
  });

  router.use(
    jsonApiErrorHandler({ runtime, failureLog: 'admin request failed', bodyLimit: '50 MB' }),
  );

  return router;
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  return (
    a.length === b.length && a.every((segment, i) => segment.startsWith(':') || segment === b[i])
  );
}
