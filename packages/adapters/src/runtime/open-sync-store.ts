import { resolve } from 'node:path';
import {
  type Clock,
  ConfigError,
  type Logger,
  type SyncConfig,
  type SyncStore,
} from '@balance-sync/woo-sync-core';

/**
 * Opens the configured {@link SyncStore}, loading only the chosen adapter (`pg` is never
 * loaded for SQLite).
 */
export async function openSyncStore(
  config: SyncConfig,
  deps: { clock: Clock; logger: Logger },
): Promise<SyncStore> {
  const storage = config.storage;
  switch (storage.driver) {
    case 'sqlite': {
      const { createSqliteStore } = await import('../sqlite/index.js');
      const path = storage.path === ':memory:' ? storage.path : resolve(storage.path);
      return createSqliteStore({ path, clock: deps.clock });
    }
    case 'postgres': {
      const { createPostgresStore } = await import('../postgres/index.js');
      return createPostgresStore({
        connectionString: storage.databaseUrl,
        schema: storage.schema,
        clock: deps.clock,
        logger: deps.logger,
      });
    }
    case 'memory': {
      let testing: typeof import('@balance-sync/woo-sync-core/testing');
      try {
        testing = await import('@balance-sync/woo-sync-core/testing');
      } catch {
        throw new ConfigError([
          {
            path: 'storage.driver',
            message:
              '"memory" needs @balance-sync/woo-sync-core/testing (and vitest) installed; for a throw-away store use { "driver": "sqlite", "path": ":memory:" }',
          },
        ]);
      }
      return new testing.InMemorySyncStore();
    }
  }
}
