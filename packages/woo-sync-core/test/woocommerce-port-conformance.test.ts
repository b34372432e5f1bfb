import {
  describeWooCommercePortConformance,
  InMemoryWooCommerce,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';

describeWooCommercePortConformance('InMemoryWooCommerce', () => {
  const woo = new InMemoryWooCommerce({ clock: new ManualClock('2026-11-27T08:00:00Z') });
  return { port: woo, seed: woo.seed };
});

describeWooCommercePortConformance('InMemoryWooCommerce with a batch limit of 7', () => {
  const woo = new InMemoryWooCommerce({
    clock: new ManualClock('2026-11-27T08:00:00Z'),
    batchLimit: 7,
  });
  return { port: woo, seed: woo.seed };
});
