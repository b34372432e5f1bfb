// The shop and the configuration shared by the order export tests over both simulators
// (orders/order-export-e2e.test.ts, multi-process/support/export-world.ts): four store
// products whose SKUs are codes of items of the Balance simulator's seed, and the Sale
// export settings against that seed.
import type { WooCommerceSimulator } from '@balance-sync/adapters/woocommerce/testing';
import type { BalanceConnection } from '@balance-sync/balance-client';
import type { BalanceSimulator } from '@balance-sync/balance-client/testing';
import type { SyncConfigInput } from '@balance-sync/woo-sync-core';

/** Store products with the SKUs (codes) of four items of the Balance simulator's seed. */
export const SIMULATOR_PRODUCTS = [
  { sku: 'CF-001', name: 'Espresso 250g', regular_price: '18.90', item: 'espresso' },
  { sku: 'CF-002', name: 'Arabica beans 1kg', regular_price: '54.00', item: 'arabicaBeans' },
  { sku: 'HH-001', name: 'Detergent 1l', regular_price: '7.35', item: 'detergent' },
  { sku: 'HH-002', name: 'Sponges ×5', regular_price: '3.10', item: 'sponge' },
] as const;

/**
 * Publishes {@link SIMULATOR_PRODUCTS} in the store and gives each of their Balance items
 * `stock` units in the main warehouse, so a catalog import links them all (adopt by SKU)
 * and publishes their quantities.
 */
export function seedSimulatorProducts(
  woo: WooCommerceSimulator,
  balanceSim: BalanceSimulator,
  stock: number,
): void {
  for (const { item: _item, ...product } of SIMULATOR_PRODUCTS) {
    woo.seed.product({ ...product, status: 'publish' });
  }
  for (const { item } of SIMULATOR_PRODUCTS) {
    balanceSim.setStock({
      item: balanceSim.seed.items[item],
      warehouse: balanceSim.seed.warehouses.main,
      quantity: stock,
    });
  }
}

/**
 * The `balance`, `catalog` and `orders` sections of a configuration against the Balance
 * simulator's seed: retail customer, main warehouse, shipping and fee items.
 */
export function simulatorOrderConfig(
  balanceSim: BalanceSimulator,
  connection: BalanceConnection,
): Pick<SyncConfigInput, 'balance' | 'catalog' | 'orders'> {
  return {
    balance: { connection, ...balanceSim.credentials, exchangeUid: balanceSim.exchangeUid },
    catalog: {
      stock: { mode: 'single', warehouse: balanceSim.seed.warehouses.main },
      prices: { regularPriceType: balanceSim.seed.priceTypes.retail },
    },
    orders: {
      customer: { mode: 'retail', retailClient: balanceSim.seed.retailClientUid },
      warehouse: balanceSim.seed.warehouses.main,
      shippingItem: balanceSim.seed.shippingItemUid,
      feeItem: balanceSim.seed.feeItemUid,
    },
  };
}
