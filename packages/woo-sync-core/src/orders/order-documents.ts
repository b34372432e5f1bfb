import type { BalanceClient } from '@balance-sync/balance-client';
import { buildCreditNote } from '../builders/build-credit-note.js';
import type { BuildFailure } from '../builders/build-issue.js';
import { buildReturnRequest } from '../builders/build-return-request.js';
import { buildSale, type SaleBuild, type SaleBuildResult } from '../builders/build-sale.js';
import type { CreditNoteBuildResult, SaleLineUids } from '../builders/credit-note-build.js';
import { addCreditedTotals, type CreditedTotals, NO_CREDITS } from '../builders/credited-totals.js';
import { createItemResolver, type ItemResolver } from '../builders/item-resolver.js';
import type { OrderExportConfig } from '../builders/order-export-config.js';
import { resolveCustomer } from '../builders/resolve-customer.js';
import { saleLineUidsFromReadBack } from '../builders/sale-line-uids.js';
import type { EngineContext } from '../engine/engine-context.js';
import type { ReturnRequestLine } from '../ports/job-queue.js';
import type { LedgerError } from '../ports/sync-store.js';
import type { UtcDateTime, WooOrder, WooRefund } from '../ports/woocommerce-port.js';
import { OrderExportError } from './order-export-error.js';

/**
 * A return request as it is kept (in `SyncStore.settings`) so that a retry, and every later
 * credit note of the order, rebuilds exactly the same document.
 *
 * @example
 * ```ts
 * const request: StoredReturnRequest = { requestId: 'rma-7', lines: [{ sku: 'TEA-250', quantity: 1 }], requestedAt: '2026-03-05T09:00:00Z' };
 * ```
 */
export interface StoredReturnRequest {
  requestId: string;
  lines: ReturnRequestLine[];
  requestedAt: UtcDateTime;
}

/**
 * Settings key of a stored return request.
 *
 * @example
 * ```ts
 * returnRequestSettingKey(1042, 'rma-7'); // 'return-request:1042:rma-7'
 * ```
 */
export function returnRequestSettingKey(orderId: number, requestId: string): string {
  return `return-request:${orderId}:${requestId.trim()}`;
}

/**
 * The ledger error of a document that could not be built: the first issue's code, every
 * issue's message.
 *
 * @example
 * ```ts
 * if (!sale.ok) await exporter.recordBuildFailure(draft, buildFailureError(sale, now));
 * ```
 */
export function buildFailureError(failure: BuildFailure, at: UtcDateTime): LedgerError {
  const messages = failure.issues.map((issue) => issue.message);
  const first = failure.issues[0];
  const more = messages.length > 1 ? ` (+${messages.length - 1} more)` : '';
  return {
    code: first?.code ?? 'build_failed',
    message: `${first?.message ?? 'the document could not be built'}${more}`,
    messages,
    at,
  };
}

/**
 * Builds the documents of an order with the colleague builders (`buildSale`,
 * `buildCreditNote`, `buildReturnRequest`), feeding them what they need from the ports:
 * the Balance client of the order (`resolveCustomer`), product mappings (cached for
 * `mappingCacheMs`, reloaded once when a line is unmapped), and Sale line uids read back
 * from Balance. Pure apart from those reads.
 *
 * @example
 * ```ts
 * const documents = new OrderDocuments(context, 60_000);
 * const sale = await documents.buildSale(order, documents.exportConfig('main'), context.balance);
 * ```
 */
export class OrderDocuments {
  readonly #engine: EngineContext;
  readonly #mappingCacheMs: number;
  readonly #resolvers = new Map<string, { resolver: ItemResolver; loadedAt: number }>();

  constructor(engine: EngineContext, mappingCacheMs: number) {
    this.#engine = engine;
    this.#mappingCacheMs = mappingCacheMs;
  }

  /** The builders' settings of a store; throws `orders_not_configured` without `orders`. */
  exportConfig(storeId: string): OrderExportConfig {
    const { store, orders } = this.#engine.storeConfig(storeId);
    if (!orders) {
      throw new OrderExportError(
        'orders_not_configured',
        `Order export is not configured for store "${storeId}": add an "orders" section (shared or under stores[].orders) with at least customer and warehouse`,
      );
    }
    return { store, orders };
  }

  /** Resolves the customer (through `balance`, which may be the dry-run twin) and builds the Sale. */
  async buildSale(
    order: WooOrder,
    config: OrderExportConfig,
    balance: BalanceClient,
  ): Promise<SaleBuildResult> {
    const customer = await resolveCustomer({
      order,
      config,
      balance,
      store: this.#engine.store,
    });
    if (!customer.ok) return customer;
    const build = (resolveItem: ItemResolver) =>
      buildSale({ order, client: customer.client, resolveItem, config });
    const first = build(await this.#resolver(config.store.id, false));
    if (first.ok || !first.issues.some((issue) => issue.code === 'unmapped_line')) return first;
    // A product may have been mapped since the cache was filled.
    return build(await this.#resolver(config.store.id, true));
  }

  /**
   * Builds the credit notes of an order's refunds, oldest refund id first; each one's
   * `credited` is what the refunds before it credit (those that build). The result is
   * therefore the same for a refund however often it is rebuilt, as long as the refunds
   * before it do not change.
   */
  buildCredits(
    order: WooOrder,
    refunds: readonly WooRefund[],
    sale: SaleBuild,
    saleLineUids: SaleLineUids,
    config: OrderExportConfig,
  ): Map<number, CreditNoteBuildResult> {
    const results = new Map<number, CreditNoteBuildResult>();
    let credited: CreditedTotals = NO_CREDITS;
    for (const refund of [...refunds].sort((a, b) => a.id - b.id)) {
      const result = buildCreditNote({ order, refund, sale, credited, saleLineUids, config });
      results.set(refund.id, result);
      if (result.ok) credited = addCreditedTotals(credited, result);
    }
    return results;
  }

  /**
   * Builds a return request's credit note. `credited` counts every refund of the order (as
   * {@link OrderDocuments.buildCredits} builds them) and the order's earlier return requests.
   */
  buildReturn(
    order: WooOrder,
    refunds: readonly WooRefund[],
    earlierReturns: readonly StoredReturnRequest[],
    request: StoredReturnRequest,
    sale: SaleBuild,
    saleLineUids: SaleLineUids,
    config: OrderExportConfig,
  ): CreditNoteBuildResult {
    let credited: CreditedTotals = NO_CREDITS;
    for (const result of this.buildCredits(order, refunds, sale, saleLineUids, config).values()) {
      if (result.ok) credited = addCreditedTotals(credited, result);
    }
    for (const earlier of earlierReturns) {
      const result = buildReturnRequest({
        order,
        sale,
        ...earlier,
        credited,
        saleLineUids,
        config,
      });
      if (result.ok) credited = addCreditedTotals(credited, result);
    }
    return buildReturnRequest({ order, sale, ...request, credited, saleLineUids, config });
  }

  /** The Sale's line uids as Balance assigned them (read back by uid); none when unknown. */
  async saleLineUids(balance: BalanceClient, sale: SaleBuild): Promise<SaleLineUids> {
    const readBack = await balance.sales.get(sale.uid);
    return readBack ? saleLineUidsFromReadBack(sale, readBack) : [];
  }

  async #resolver(storeId: string, fresh: boolean): Promise<ItemResolver> {
    const now = this.#engine.clock.now().getTime();
    const cached = this.#resolvers.get(storeId);
    if (!fresh && cached && now - cached.loadedAt < this.#mappingCacheMs) return cached.resolver;
    const mappings = await this.#engine.store.products.list(storeId);
    const resolver = createItemResolver({ mappings });
    this.#resolvers.set(storeId, { resolver, loadedAt: now });
    return resolver;
  }
}
