// Both simulators and an in-process runtime over them, for the bad-input corpus.
import { type DemoEnvironment, startDemoEnvironment } from '@balance-sync/adapters/cli';
import {
  createSyncLogger,
  createSyncRuntime,
  type SyncRuntime,
  type SyncRuntimeOverrides,
} from '@balance-sync/adapters/runtime';
import { parseSyncConfig } from '@balance-sync/woo-sync-core';

export interface CorpusWorld {
  env: DemoEnvironment;
  runtime: SyncRuntime;
  storeId: string;
  /** Every log line the runtime wrote (pino JSON). */
  logs: string[];
  /** The secrets of the configuration, for the scan. */
  secrets: Array<{ name: string; value: string }>;
  close(): Promise<void>;
}

/** Simulators with seed data and a runtime (SQLite in a temporary folder) pointing at them. */
export async function startCorpusWorld(
  options: {
    items?: number;
    // biome-ignore lint/suspicious/noExplicitAny: the configuration is patched as plain JSON
    patch?: (raw: Record<string, any>) => void;
    overrides?: SyncRuntimeOverrides;
  } = {},
): Promise<CorpusWorld> {
  const env = await startDemoEnvironment({ items: options.items ?? 24 });
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the configuration is patched as plain JSON
    const raw = structuredClone(env.config) as unknown as Record<string, any>;
    options.patch?.(raw);
    const config = parseSyncConfig(raw);
    const logs: string[] = [];
    const logger = createSyncLogger({
      config,
      level: 'debug',
      destination: { write: (line: string) => void logs.push(line) },
    });
    const runtime = await createSyncRuntime(config, {
      logger,
      balanceOptions: { retry: { limit: 1, backoffMs: 10, maxDelayMs: 20 } },
      wooOptions: () => ({ retry: { limit: 1, backoffMs: 10, maxDelayMs: 20 } }),
      ...options.overrides,
    });
    const store = config.stores[0];
    const storeId = store?.id as string;
    const secrets = [
      { name: 'Balance password', value: config.balance.password },
      { name: 'consumer secret', value: store?.woocommerce.consumerSecret ?? '' },
      { name: 'webhook secret', value: store?.woocommerce.webhookSecret ?? '' },
      {
        name: 'Balance Basic credentials',
        value: Buffer.from(`${config.balance.username}:${config.balance.password}`).toString(
          'base64',
        ),
      },
    ];
    return {
      env,
      runtime,
      storeId,
      logs,
      secrets,
      async close() {
        await runtime.close({ timeoutMs: 1_000 }).catch(() => {});
        await env.close();
      },
    };
  } catch (error) {
    await env.close();
    throw error;
  }
}
