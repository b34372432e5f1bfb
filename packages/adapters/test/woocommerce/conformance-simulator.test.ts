import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
import {
  createManualClock,
  createWooCommerceSimulator,
} from '@balance-sync/adapters/woocommerce/testing';
import { describeWooCommercePortConformance } from '@balance-sync/woo-sync-core/testing';
import { simulatorSeed } from './support/simulator-seed.js';

describeWooCommercePortConformance('REST adapter against the WooCommerce simulator', async () => {
  const clock = createManualClock('2026-11-27T08:00:00Z');
  // No taxes, so seeded order totals are the line totals, as in the other implementations.
  const sim = createWooCommerceSimulator({ clock, settings: { calcTaxes: false } });
  await sim.start();
  const key = sim.keys.default;
  const port = createWooCommerceRest({
    url: sim.url,
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
    clock: { now: () => new Date(clock.now()) },
    // No real waiting between a lost batch and the lookup.
    random: () => 0,
  });
  return { port, seed: simulatorSeed(sim, clock), cleanup: () => sim.stop() };
});
