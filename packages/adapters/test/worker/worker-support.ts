import { startDemoEnvironment } from '@balance-sync/adapters/cli';
import type { SyncConfig } from '@balance-sync/woo-sync-core';

/** Both simulators and a configuration for them (a fresh temporary SQLite folder). */
export const startDemoEnvironmentForTest = () => startDemoEnvironment();

/** Every secret value of a configuration (the log checks look for each). */
export function collectSecretsForTest(config: SyncConfig): string[] {
  const values = [config.balance.password, config.server.adminToken ?? ''];
  for (const store of config.stores) {
    values.push(
      store.woocommerce.consumerKey,
      store.woocommerce.consumerSecret,
      store.woocommerce.webhookSecret ?? '',
    );
  }
  return values.filter((v) => v.length >= 6);
}
