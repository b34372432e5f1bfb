import type { Logger, SyncEngine } from '@balance-sync/woo-sync-core';

/**
 * Logs what the engine did, one structured line per document outcome and per import, so
 * "jobs done, nothing synced" can never hide: `document exported` (info), `document
 * refused` / `document dead` (error), `document will be retried` / `order changed after
 * export` (warn), `catalog applied` (info). Returns a function that stops logging.
 */
export function logEngineEvents(engine: SyncEngine, logger: Logger): () => void {
  const orders = engine.orders.events;
  const catalog = engine.catalog.events;
  const doc = (e: {
    storeId: string;
    key: string;
    uid: string;
    orderId: number;
    attempts: number;
  }) => ({
    storeId: e.storeId,
    key: e.key,
    uid: e.uid,
    orderId: e.orderId,
    attempts: e.attempts,
  });
  const handlers = {
    exported: (e: Parameters<typeof doc>[0]) => logger.info(doc(e), 'document exported'),
    failed: (
      e: Parameters<typeof doc>[0] & {
        error: { code: string; message: string; messages: string[] };
      },
    ) =>
      logger.error(
        { ...doc(e), code: e.error.code, error: e.error.message, balance: e.error.messages },
        'document refused',
      ),
    retrying: (
      e: Parameters<typeof doc>[0] & { error: { code: string; message: string }; delayMs?: number },
    ) =>
      logger.warn(
        { ...doc(e), code: e.error.code, error: e.error.message, delayMs: e.delayMs },
        'document will be retried',
      ),
    dead: (e: Parameters<typeof doc>[0]) => logger.error(doc(e), 'document dead: attempts ran out'),
    drift: (e: Parameters<typeof doc>[0] & { drift: { summary: string } | null }) =>
      logger.warn({ ...doc(e), drift: e.drift?.summary }, 'order changed after export'),
  };
  orders.on('exported', handlers.exported);
  orders.on('failed', handlers.failed);
  orders.on('retrying', handlers.retrying);
  orders.on('dead', handlers.dead);
  orders.on('drift', handlers.drift);
  const applied = (e: {
    storeId: string;
    planHash: string;
    status: string;
    report: { summary: Record<string, number> };
  }) =>
    logger.info(
      { storeId: e.storeId, planHash: e.planHash, status: e.status, ...e.report.summary },
      'catalog applied',
    );
  catalog.on('applied', applied);
  return () => {
    orders.off('exported', handlers.exported);
    orders.off('failed', handlers.failed);
    orders.off('retrying', handlers.retrying);
    orders.off('dead', handlers.dead);
    orders.off('drift', handlers.drift);
    catalog.off('applied', applied);
  };
}
