/**
 * The web host's HTTP surface as an Express 5 router: WooCommerce webhooks (signature check
 * and durable enqueue only) and the admin JSON API. Express is an optional peer dependency:
 * only this entry loads it.
 *
 * @packageDocumentation
 */

export type { WorkerHealthSource } from './admin-router.js';
export {
  createSyncRouter,
  type SyncRouterOptions,
  WEBHOOK_BODY_LIMIT_BYTES,
} from './create-sync-router.js';
export type { SyncRouterErrorBody } from './http-error.js';
export type { WebhookAcceptedBody } from './webhook-handler.js';
