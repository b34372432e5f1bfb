/**
 * The daily `wc_scheduled_sales` cron, run on demand by `sim.tick()`.
 *
 * Internal module.
 */
import { isOnSale, syncVariableParent } from './product-rules.js';
import type { ProductRecord } from './store-state.js';
import type { WooStore } from './woo-store.js';

/**
 * What one cron run changed.
 *
 * @example
 * const { started, ended } = sim.tick();
 */
export interface ScheduledSalesResult {
  /** Products whose scheduled sale started (price set to the sale price, start date cleared). */
  started: number[];
  /** Products whose sale ended (sale price and both dates cleared, price back to regular). */
  ended: number[];
}

function save(store: WooStore, product: ProductRecord, nowSec: number): void {
  product.dateModified = nowSec;
  store.state.putProduct(product);
  if (product.type === 'variation') {
    store.emit('woocommerce_update_product_variation', product.id, 'product_variation');
    const parent = store.state.products.get(product.parentId);
    if (parent) {
      const updated = structuredClone(parent);
      syncVariableParent(store.state, updated);
      updated.dateModified = nowSec;
      store.state.putProduct(updated);
      store.emit('woocommerce_update_product', updated.id, 'product');
    }
  } else {
    store.emit('woocommerce_update_product', product.id, 'product');
  }
}

/** Runs `wc_scheduled_sales` as of `nowSec`. */
export function runScheduledSales(store: WooStore, nowSec: number): ScheduledSalesResult {
  const started: number[] = [];
  const ended: number[] = [];
  const all = [...store.state.products.values()];
  for (const existing of all) {
    if (
      existing.dateOnSaleFrom === null ||
      !(existing.dateOnSaleFrom > 0 && existing.dateOnSaleFrom < nowSec)
    )
      continue;
    if (existing.price === existing.salePrice) continue;
    const p = structuredClone(existing);
    if (p.salePrice !== '' && p.salePrice !== '0') {
      p.price = p.salePrice;
      p.dateOnSaleFrom = null;
    } else {
      p.dateOnSaleTo = null;
      p.dateOnSaleFrom = null;
    }
    p.price = isOnSale(p, nowSec) ? p.salePrice : p.regularPrice;
    save(store, p, nowSec);
    started.push(p.id);
  }
  for (const current of [...store.state.products.values()]) {
    if (
      current.dateOnSaleTo === null ||
      !(current.dateOnSaleTo > 0 && current.dateOnSaleTo < nowSec)
    )
      continue;
    const p = structuredClone(current);
    p.price = p.regularPrice;
    p.salePrice = '';
    p.dateOnSaleTo = null;
    p.dateOnSaleFrom = null;
    save(store, p, nowSec);
    ended.push(p.id);
  }
  return { started, ended };
}
