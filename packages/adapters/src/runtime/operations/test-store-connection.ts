import type { ConnectionReport } from '@balance-sync/balance-client';
import type { SyncRuntime } from '../sync-runtime.js';

/** What a "test connection" found for one store. */
export interface StoreConnectionReport {
  storeId: string;
  /** Both sides answered and nothing needs fixing. */
  ok: boolean;
  /** Balance's own report (authentication, lookups, what to fix). */
  balance: ConnectionReport;
  woocommerce: {
    ok: boolean;
    /** The store URL (no credentials). */
    url: string;
    /** Round-trip time of the probe, in milliseconds. */
    latencyMs: number;
    /** Categories seen on the first page (proves read access). */
    categoriesSeen?: number;
    /** What failed and what to do. */
    error?: { code: string; message: string };
  };
}

function describeError(error: unknown): { code: string; message: string } {
  const code =
    typeof (error as { code?: unknown })?.code === 'string'
      ? ((error as { code: string }).code as string)
      : 'woocommerce_unreachable';
  const message = error instanceof Error ? error.message : String(error);
  return {
    code,
    message: `${message}. Check the store URL, that the REST API is reachable from here, and the consumer key/secret (read/write).`,
  };
}

/**
 * Tests both connections of a store: Balance (`testConnection`, which never throws for
 * Balance errors) and WooCommerce (reads the first page of categories and one order).
 */
export async function testStoreConnection(
  runtime: SyncRuntime,
  storeId: string,
): Promise<StoreConnectionReport> {
  const storeConfig = runtime.config.stores.find((s) => s.id === storeId);
  const woo = runtime.woo(storeId);
  const [balance, woocommerce] = await Promise.all([
    runtime.balance.testConnection(),
    (async (): Promise<StoreConnectionReport['woocommerce']> => {
      const started = performance.now();
      const url = storeConfig?.woocommerce.url ?? '';
      try {
        let categoriesSeen = 0;
        for await (const _category of woo.categories.list()) {
          categoriesSeen += 1;
          if (categoriesSeen >= 100) break;
        }
        await woo.orders.get(1);
        return {
          ok: true,
          url,
          latencyMs: Math.round(performance.now() - started),
          categoriesSeen,
        };
      } catch (error) {
        return {
          ok: false,
          url,
          latencyMs: Math.round(performance.now() - started),
          error: describeError(error),
        };
      }
    })(),
  ]);
  return { storeId, ok: balance.ok && woocommerce.ok, balance, woocommerce };
}
