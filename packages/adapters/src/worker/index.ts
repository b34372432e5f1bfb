/**
 * The background worker host: queue consumers for every job, cron schedules (catalog
 * import, stock import, order sweep, reconciliation), structured pino logs with secrets
 * redacted, a health report, and a graceful stop on SIGTERM / SIGINT.
 *
 * @packageDocumentation
 */

export {
  type StartWorkerOptions,
  type SyncWorker,
  startWorker,
  type WorkerHealth,
} from './start-worker.js';
export { SCHEDULED_RECONCILE_WINDOW_MS, type WorkerSchedule } from './worker-schedules.js';
