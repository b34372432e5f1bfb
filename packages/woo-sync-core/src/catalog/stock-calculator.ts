import type { CatalogConfig } from '../config/sync-config-schema.js';
import { decimalToScaled } from './catalog-decimal.js';
import type { BalanceStockLine, PendingOrderQuantity } from './catalog-snapshot.js';

const SCALE = 10_000;

/**
 * The quantity a store may sell of each item:
 *
 * 1. the warehouses that count: `single` → the one warehouse; `aggregate` → the listed
 *    ones; `per-store` → the store's own `stockWarehouses`;
 * 2. over their lines (all series): Σ Quantity − Σ Reserve (or Σ Quantity when
 *    `subtractReserve` is off), exactly, in ten-thousandths;
 * 3. minus the quantities of paid store orders that Balance has not received yet (so an
 *    import between payment and export does not put the sold units back on sale);
 * 4. rounded down to a whole unit (WooCommerce stock is whole units; fractional stock such
 *    as kilograms is never overstated) and never below 0.
 *
 * @example
 * ```ts
 * const stock = new StockCalculator(catalog.stock, undefined, snapshot.balance.stocks, []);
 * stock.available(espressoUid); // 38 (40 − 2 reserved in the main warehouse)
 * ```
 */
export class StockCalculator {
  readonly #sums = new Map<string, number>();
  readonly #listed = new Set<string>();
  readonly #pending = new Map<number, number>();

  constructor(
    config: CatalogConfig['stock'],
    storeWarehouses: readonly string[] | undefined,
    lines: readonly BalanceStockLine[],
    pendingOrders: readonly PendingOrderQuantity[],
  ) {
    const warehouses = new Set(
      config.mode === 'single'
        ? [config.warehouse]
        : config.mode === 'aggregate'
          ? config.warehouses
          : (storeWarehouses ?? []),
    );
    for (const line of lines) {
      this.#listed.add(line.item);
      if (!warehouses.has(line.warehouse)) continue;
      const quantity = decimalToScaled(line.quantity, 4, 'floor') ?? 0;
      const reserve = config.subtractReserve ? (decimalToScaled(line.reserve, 4, 'floor') ?? 0) : 0;
      this.#sums.set(line.item, (this.#sums.get(line.item) ?? 0) + quantity - reserve);
    }
    if (config.subtractUnexportedOrders) {
      for (const { wooId, quantity } of pendingOrders) {
        this.#pending.set(wooId, (this.#pending.get(wooId) ?? 0) + quantity);
      }
    }
  }

  /** Whether Balance listed any stock line for the item (in any warehouse). */
  isListed(item: string): boolean {
    return this.#listed.has(item);
  }

  /**
   * Whole units available for sale.
   *
   * @param wooId - the linked product, whose unexported paid orders are subtracted
   */
  available(item: string, wooId?: number): number {
    const sum = this.#sums.get(item) ?? 0;
    const pending = wooId === undefined ? 0 : (this.#pending.get(wooId) ?? 0);
    const units = Math.floor(sum / SCALE) - Math.ceil(pending);
    return Math.max(units, 0);
  }
}
