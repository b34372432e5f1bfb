import { BalanceInvalidInputError, type BalanceWriteResult } from '@balance-sync/balance-client';
import type { BuildFailure } from '../builders/build-issue.js';
import { creditKey, documentUid, saleKey } from '../identity/document-keys.js';
import { storeNamespace } from '../identity/store-namespace.js';
import type { LedgerKind, RunReport } from '../ports/sync-store.js';
import type { WooOrder } from '../ports/woocommerce-port.js';
import type { OrdersContext } from './orders-context.js';
import { isPaidOrder } from './paid-order.js';
import { type DateRange, paidOrdersInRange } from './paid-orders-in-range.js';

/**
 * Which orders a dry run builds: the given ids, the orders paid in a range, or both.
 *
 * @example
 * ```ts
 * await engine.orders.dryRun({ storeId: 'main', orderIds: [1042, 1043] });
 * await engine.orders.dryRun({ storeId: 'main', range: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T23:59:59Z' } });
 * ```
 */
export interface DryRunRequest {
  storeId: string;
  orderIds?: readonly number[];
  range?: DateRange;
}

/**
 * One document of a dry run:
 * - `valid`: built and accepted by the client's validation; `body` is what would be sent;
 * - `invalid`: the builder or the client's validation refused it (`messages` say why);
 * - `skipped`: nothing to build (`reason`: the order is not paid, or not found);
 * - `error`: a read failed (Balance or the store unreachable); `messages` say which.
 *
 * @example
 * ```ts
 * const invalid = result.entries.filter((entry: DryRunEntry) => entry.status === 'invalid');
 * ```
 */
export interface DryRunEntry {
  key: string;
  uid: string;
  kind: LedgerKind;
  orderId: number;
  refundId: number | null;
  status: 'valid' | 'invalid' | 'skipped' | 'error';
  template?: string;
  /** URL the document would be sent to. */
  url?: string;
  /** The JSON array body that would be sent (for `valid`). */
  body?: readonly unknown[];
  totalMinor?: number;
  /** `not-paid` or `not-found` (for `skipped`). */
  reason?: string;
  messages?: string[];
}

/**
 * The result of a dry run: every document it looked at, and the `export-dry-run` run report
 * it saved (the same entries under `details.entries`).
 *
 * @example
 * ```ts
 * const { entries, report } = await engine.orders.dryRun({ storeId: 'main', orderIds: [1042] });
 * for (const entry of entries) console.log(entry.key, entry.status, entry.messages ?? '');
 * ```
 */
export interface DryRunResult {
  storeId: string;
  entries: DryRunEntry[];
  report: RunReport;
}

function issueMessages(failure: BuildFailure): string[] {
  return failure.issues.map((issue) => issue.message);
}

/**
 * Builds and validates the documents of some orders through the dry-run twin of the Balance
 * client (`balance.withDryRun()`): Sales and the credit notes of their refunds, exactly as
 * the export would build them. Nothing is sent to Balance (reads still are: customers, the
 * Sale's line uids) and nothing is written to the ledger, so a dry run never blocks or
 * changes the real export. Saves an `export-dry-run` run report with every payload and
 * emits a `dry-run` event per valid document.
 *
 * @example
 * ```ts
 * const { entries } = await dryRunOrders(context, { storeId: 'main', orderIds: [1042] });
 * ```
 */
export async function dryRunOrders(
  context: OrdersContext,
  request: DryRunRequest,
): Promise<DryRunResult> {
  const { storeId } = request;
  const { engine, documents, events } = context;
  const config = documents.exportConfig(storeId);
  const woo = engine.woo(storeId);
  const dry = engine.balance.withDryRun();
  const namespace = storeNamespace(config.store);
  const startedAt = context.now();
  const entries: DryRunEntry[] = [];

  const orders = new Map<number, WooOrder | undefined>();
  if (request.range) {
    for await (const order of paidOrdersInRange(woo, request.range, config.orders.paidStatuses)) {
      orders.set(order.id, order);
    }
  }
  for (const orderId of request.orderIds ?? []) {
    if (!orders.has(orderId)) orders.set(orderId, await woo.orders.get(orderId));
  }

  const identity = (kind: LedgerKind, key: string, orderId: number, refundId: number | null) => ({
    key,
    uid: documentUid(namespace, key),
    kind,
    orderId,
    refundId,
  });
  const captured = (
    base: ReturnType<typeof identity>,
    written: BalanceWriteResult<unknown>,
    totalMinor: number,
  ): DryRunEntry => {
    if (!written.dryRun) throw new Error('withDryRun() returned a client that sent a write');
    const entry: DryRunEntry = {
      ...base,
      status: 'valid',
      template: written.template,
      url: written.url,
      body: written.body,
      totalMinor,
    };
    events.emit('dry-run', {
      storeId,
      ...base,
      template: written.template,
      body: written.body,
      totalMinor,
    });
    return entry;
  };
  const failedWrite = (base: ReturnType<typeof identity>, error: unknown): DryRunEntry => ({
    ...base,
    status: error instanceof BalanceInvalidInputError ? 'invalid' : 'error',
    messages: [error instanceof Error ? error.message : String(error)],
  });

  for (const [orderId, order] of orders) {
    const sale = identity('sale', saleKey(orderId), orderId, null);
    if (!order) {
      entries.push({ ...sale, status: 'skipped', reason: 'not-found' });
      continue;
    }
    if (!isPaidOrder(order, config.orders.paidStatuses)) {
      entries.push({ ...sale, status: 'skipped', reason: 'not-paid' });
      continue;
    }
    try {
      const built = await documents.buildSale(order, config, dry);
      if (!built.ok) {
        entries.push({ ...sale, status: 'invalid', messages: issueMessages(built) });
        continue;
      }
      try {
        entries.push(captured(sale, await dry.sales.upsert(built.document), built.totalMinor));
      } catch (error) {
        entries.push(failedWrite(sale, error));
        continue;
      }
      const refunds = await woo.refunds.listForOrder(order.id);
      if (refunds.length === 0) continue;
      const lineUids = await documents.saleLineUids(dry, built);
      for (const [refundId, credit] of documents.buildCredits(
        order,
        refunds,
        built,
        lineUids,
        config,
      )) {
        const base = identity('credit', creditKey(refundId), orderId, refundId);
        if (!credit.ok) {
          entries.push({ ...base, status: 'invalid', messages: issueMessages(credit) });
          continue;
        }
        try {
          entries.push(
            captured(base, await dry.salesCredits.upsert(credit.document), credit.totalMinor),
          );
        } catch (error) {
          entries.push(failedWrite(base, error));
        }
      }
    } catch (error) {
      entries.push(failedWrite(sale, error));
    }
  }

  const count = (status: DryRunEntry['status']) =>
    entries.filter((e) => e.status === status).length;
  const report: RunReport = {
    id: `export-dry-run:${startedAt}`,
    storeId,
    kind: 'export-dry-run',
    status: count('invalid') + count('error') > 0 ? 'partial' : 'succeeded',
    startedAt,
    finishedAt: context.now(),
    summary: {
      orders: orders.size,
      valid: count('valid'),
      invalid: count('invalid'),
      skipped: count('skipped'),
      error: count('error'),
    },
    details: { entries },
  };
  await engine.store.runs.save(report);
  return { storeId, entries, report };
}
