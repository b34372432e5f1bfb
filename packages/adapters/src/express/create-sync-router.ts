import express, { type Router } from 'express';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import { createAdminRouter, type WorkerHealthSource } from './admin-router.js';
import { createConsoleRouter } from './console-router.js'; // operator console (issue #9)
import { sendError } from './http-error.js';
import { createWebhookHandler } from './webhook-handler.js';

/**
 * The largest webhook body accepted (1 MiB); larger ones get 413.
 *
 * @example
 * ```ts
 * createSyncRouter({ runtime, maxWebhookBodyBytes: WEBHOOK_BODY_LIMIT_BYTES / 2 });
 * ```
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Options of {@link createSyncRouter}.
 *
 * @example
 * ```ts
 * const options: SyncRouterOptions = { runtime, adminToken: process.env.ADMIN_TOKEN, workerHealth: () => worker.health() };
 * app.use('/sync', createSyncRouter(options));
 * ```
 */
export interface SyncRouterOptions {
  /** The runtime built by `createSyncRuntime` (its queue receives the webhook jobs). */
  runtime: SyncRuntime;
  /**
   * Bearer token of the admin API. Without one the admin API refuses every request (401
   * `admin_disabled`); the webhooks work regardless.
   * @default runtime.config.server.adminToken
   */
  adminToken?: string;
  /**
   * Largest accepted webhook body in bytes.
   * @default 1048576
   */
  maxWebhookBodyBytes?: number;
  /**
   * Health of a worker that runs in the same process, reported by `GET /admin/health`
   * (e.g. `() => worker.health()`).
   */
  workerHealth?: WorkerHealthSource;
  /**
   * Serve the operator console (Connection, Categories, Import, Exports) at `/console/`, with
   * its JSON API under `/console/api/` behind the same admin token. See docs/console.md.
   * `balance-woo serve` passes `server.console` (on by default).
   * @default false
   */
  console?: boolean;
}

/**
 * An Express 5 router with the sync's HTTP surface, for an existing app:
 *
 * - `POST /webhooks/woocommerce/:storeId` — raw body (≤ 1 MiB, else 413), signature check
 *   (401), the creation ping (200), durable enqueue of the order's export, then 202. Unknown
 *   store 404, malformed JSON 400, other methods 405. Nothing is enqueued on any error, and
 *   no engine work runs in the request.
 * - `/admin/...` — the admin JSON API behind `Authorization: Bearer <adminToken>` (health,
 *   readiness, test connection, catalog plan / apply, queue, retries, ledger,
 *   reconciliation; see docs/operations.md).
 * - `/console/` — with `console: true`, the operator console and its API (docs/console.md).
 *
 * Mount it **before** any JSON body parser of the app: the webhook signature covers the raw
 * bytes.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createSyncRouter } from '@balance-sync/adapters/express';
 * import { createSyncRuntime, loadSyncConfig } from '@balance-sync/adapters/runtime';
 *
 * const { config } = await loadSyncConfig();
 * const runtime = await createSyncRuntime(config);
 * const app = express();
 * app.use('/sync', createSyncRouter({ runtime, adminToken: process.env.ADMIN_TOKEN }));
 * app.use(express.json()); // the app's own parsers after the router
 * app.listen(8787);
 * ```
 */
export function createSyncRouter(options: SyncRouterOptions): Router {
  const { runtime } = options;
  const router = express.Router();
  const webhook = createWebhookHandler({
    runtime,
    maxBodyBytes: options.maxWebhookBodyBytes ?? WEBHOOK_BODY_LIMIT_BYTES,
  });

  router.post('/webhooks/woocommerce/:storeId', webhook);
  router.all('/webhooks/woocommerce/:storeId', (req, res) => {
    sendError(
      res,
      405,
      'method_not_allowed',
      `${req.method} is not allowed here; WooCommerce delivers webhooks with POST`,
      { headers: { allow: 'POST' } },
    );
  });

  router.use(
    '/admin',
    createAdminRouter({
      runtime,
      adminToken: options.adminToken ?? runtime.config.server.adminToken,
      workerHealth: options.workerHealth,
      startedAt: Date.now(),
    }),
  );

  // Operator console (issue #9, console-router.ts / docs/console.md): added by the console's
  // owner; mounted only when asked for, so the routes above are unchanged.
  if (options.console) {
    router.use(
      '/console',
      createConsoleRouter({
        runtime,
        adminToken: options.adminToken ?? runtime.config.server.adminToken,
      }),
    );
  }
  return router;
}
