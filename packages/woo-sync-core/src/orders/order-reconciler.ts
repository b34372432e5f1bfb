import PQueue from 'p-queue';
import type { OrderExportConfig } from '../builders/order-export-config.js';
import { creditKey, documentUid, saleKey } from '../identity/document-keys.js';
import { storeNamespace } from '../identity/store-namespace.js';
import { formatMoney } from '../money/format-money.js';
import { parseMoney } from '../money/parse-money.js';
import type { LedgerEntry, RunReport } from '../ports/sync-store.js';
import type { WooOrder, WooRefund } from '../ports/woocommerce-port.js';
import type { OrdersContext } from './orders-context.js';
import {
  type DateRange,
  paidOrdersInRange,
  parseRange,
  rangeStartCursor,
} from './paid-orders-in-range.js';
import { type ReadBackSummary, summarizeReadBack } from './read-back.js';
import {
  RECONCILIATION_STATUSES,
  type ReconciliationFix,
  type ReconciliationReport,
  type ReconciliationRow,
  type ReconciliationStatus,
  renderReconciliationText,
} from './reconciliation-report.js';

/**
 * What to reconcile: a store and a range of payment dates (orders) and refund dates.
 *
 * @example
 * ```ts
 * await engine.orders.reconcile({ storeId: 'main', from: '2026-03-01T00:00:00Z', to: '2026-03-31T23:59:59Z' });
 * ```
 */
export interface ReconcileRequest extends DateRange {
  storeId: string;
  /**
   * Balance read-backs made at the same time.
   * @default 4
   */
  concurrency?: number;
}

/** A document the store says should exist in Balance. */
interface ExpectedDocument {
  key: string;
  uid: string;
  kind: 'sale' | 'credit';
  order: WooOrder;
  refund: WooRefund | null;
  storeTotalMinor: number | null;
}

function fixes(storeId: string) {
  const store = `--store ${storeId}`;
  return {
    pushOrder: (orderId: number): ReconciliationFix => ({
      action: 'push-order',
      command: `balance-woo push-order ${orderId} ${store}`,
      api: `engine.orders.exportOrder({ storeId: '${storeId}', orderId: ${orderId} })`,
      description: 'Export the order now (its Sale, then its refunds).',
    }),
    retry: (key: string, cause: string): ReconciliationFix => ({
      action: 'retry-document',
      command: `balance-woo retry-document ${key} ${store}`,
      api: `engine.orders.retryDocument({ storeId: '${storeId}', key: '${key}' })`,
      description: `${cause}, then retry the document.`,
    }),
    resend: (key: string, description: string): ReconciliationFix => ({
      action: 'resend-document',
      command: `balance-woo resend-document ${key} ${store}`,
      api: `engine.orders.retryDocument({ storeId: '${storeId}', key: '${key}', resend: true })`,
      description,
    }),
    review: (key: string, description: string): ReconciliationFix => ({
      action: 'review',
      command: `balance-woo resend-document ${key} ${store}`,
      api: `engine.orders.retryDocument({ storeId: '${storeId}', key: '${key}', resend: true })`,
      description,
    }),
  };
}

function minor(text: string, decimals: number): number | null {
  const parsed = parseMoney(text, decimals);
  return parsed.ok ? parsed.minor : null;
}

/** The documents the store says should exist for one order (refunds: all, or the given ones). */
function expectedFor(
  order: WooOrder,
  refunds: readonly WooRefund[],
  config: OrderExportConfig,
  withSale: boolean,
): ExpectedDocument[] {
  const decimals = config.decimals ?? 2;
  const namespace = storeNamespace(config.store);
  const gross = config.orders.vat.amounts === 'gross' || order.pricesIncludeTax;
  const total = minor(order.total, decimals);
  const tax = minor(order.totalTax, decimals);
  const expected: ExpectedDocument[] = [];
  if (withSale) {
    const key = saleKey(order.id);
    expected.push({
      key,
      uid: documentUid(namespace, key),
      kind: 'sale',
      order,
      refund: null,
      storeTotalMinor: total === null ? null : gross ? total : tax === null ? null : total - tax,
    });
  }
  for (const refund of [...refunds].sort((a, b) => a.id - b.id)) {
    const amount = minor(refund.amount, decimals);
    if (amount === 0) continue; // credits nothing: no document
    const key = creditKey(refund.id);
    expected.push({
      key,
      uid: documentUid(namespace, key),
      kind: 'credit',
      order,
      refund,
      storeTotalMinor: gross ? amount : null,
    });
  }
  return expected;
}

/**
 * Reconciles a range: the paid orders (by payment date) and the refunds (of those orders,
 * and any created in the range) in the store, versus the ledger, versus Balance read back by
 * uid — totals compared to the tetri. Each document gets one row with a status and, unless it
 * is `ok`, the fix. Saves a `reconcile` run report (rows under `details.rows`) and emits
 * `reconciled`. Reads only; nothing is exported.
 *
 * @example
 * ```ts
 * const report = await reconcileOrders(context, { storeId: 'main', from, to });
 * ```
 */
export async function reconcileOrders(
  context: OrdersContext,
  request: ReconcileRequest,
): Promise<ReconciliationReport> {
  const { storeId } = request;
  const { engine, documents } = context;
  const config = documents.exportConfig(storeId);
  const { fromMs } = parseRange(request);
  const decimals = config.decimals ?? 2;
  const woo = engine.woo(storeId);
  const generatedAt = context.now();
  const runReportId = `reconcile:${generatedAt}`;
  const fix = fixes(storeId);
  const run: RunReport = {
    id: runReportId,
    storeId,
    kind: 'reconcile',
    status: 'running',
    startedAt: generatedAt,
    finishedAt: null,
    summary: {},
  };

  try {
    // 1. What the store says: paid orders in the range with their refunds, and refunds created
    //    in the range for orders paid earlier.
    const expected: ExpectedDocument[] = [];
    const orders = new Set<number>();
    for await (const order of paidOrdersInRange(woo, request, config.orders.paidStatuses)) {
      orders.add(order.id);
      expected.push(...expectedFor(order, await woo.refunds.listForOrder(order.id), config, true));
    }
    const after = rangeStartCursor(fromMs);
    const lateRefunds = new Map<number, WooRefund[]>();
    for await (const refund of woo.refunds.listChanged({ after, until: request.to })) {
      if (orders.has(refund.orderId) || Date.parse(refund.dateCreated) < fromMs) continue;
      lateRefunds.set(refund.orderId, [...(lateRefunds.get(refund.orderId) ?? []), refund]);
    }
    for (const [orderId, refunds] of lateRefunds) {
      const order = await woo.orders.get(orderId);
      if (order) expected.push(...expectedFor(order, refunds, config, false));
    }

    // 2. The ledger, per order.
    const rows = new Map<string, LedgerEntry>();
    for (const orderId of new Set(expected.map((doc) => doc.order.id))) {
      for (const row of await engine.store.ledger.listByOrder(storeId, orderId))
        rows.set(row.key, row);
    }

    // 3. Balance, read back by uid for every exported document.
    const readBacks = new Map<string, ReadBackSummary | undefined>();
    const reads = new PQueue({ concurrency: request.concurrency ?? 4 });
    await Promise.all(
      expected
        .filter((doc) => rows.get(doc.key)?.state === 'exported')
        .map((doc) =>
          reads.add(async () => {
            const found =
              doc.kind === 'sale'
                ? await engine.balance.sales.get(doc.uid)
                : await engine.balance.salesCredits.get(doc.uid);
            readBacks.set(doc.key, found ? summarizeReadBack(found, decimals) : undefined);
          }),
        ),
    );

    // 4. One row per document.
    const resultRows = expected.map((doc) =>
      reconcileDocument(doc, rows.get(doc.key), readBacks.get(doc.key), fix, decimals),
    );
    const order = (status: ReconciliationStatus) => RECONCILIATION_STATUSES.indexOf(status);
    resultRows.sort(
      (a, b) =>
        order(a.status) - order(b.status) || a.orderId - b.orderId || a.key.localeCompare(b.key),
    );
    const summary = Object.fromEntries(
      RECONCILIATION_STATUSES.map((status) => [status, 0]),
    ) as Record<ReconciliationStatus, number>;
    for (const row of resultRows) summary[row.status] += 1;
    const data = {
      storeId,
      from: request.from,
      to: request.to,
      generatedAt,
      orders: orders.size,
      refunds: expected.filter((doc) => doc.kind === 'credit').length,
      summary,
      rows: resultRows,
      runReportId,
    };
    const report: ReconciliationReport = {
      ...data,
      text: renderReconciliationText(data, decimals),
    };
    await engine.store.runs.save({
      ...run,
      status: 'succeeded',
      finishedAt: context.now(),
      summary: { orders: data.orders, refunds: data.refunds, ...summary },
      details: { from: request.from, to: request.to, rows: resultRows },
    });
    context.events.emit('reconciled', { storeId, report });
    return report;
  } catch (error) {
    await engine.store.runs.save({
      ...run,
      status: 'failed',
      finishedAt: context.now(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

function reconcileDocument(
  doc: ExpectedDocument,
  row: LedgerEntry | undefined,
  readBack: ReadBackSummary | undefined,
  fix: ReturnType<typeof fixes>,
  decimals: number,
): ReconciliationRow {
  const base = {
    key: doc.key,
    uid: doc.uid,
    kind: doc.kind,
    orderId: doc.order.id,
    orderNumber: doc.order.number,
    refundId: doc.refund?.id ?? null,
    storeTotalMinor: doc.storeTotalMinor,
    ledgerTotalMinor: row && row.payloadHash !== '' ? row.totalMinor : null,
    balanceTotalMinor: readBack?.totalMinor ?? null,
    ledgerState: row?.state ?? null,
  };
  const what = doc.kind === 'sale' ? 'Sale' : 'credit note';
  const money = (value: number | null) => (value === null ? '—' : formatMoney(value, decimals));
  if (!row) {
    return {
      ...base,
      status: 'missing-in-ledger',
      detail: `The store has this ${doc.kind === 'sale' ? 'paid order' : 'refund'} but the SDK never recorded its ${what}`,
      fix: fix.pushOrder(doc.order.id),
    };
  }
  switch (row.state) {
    case 'failed':
      return {
        ...base,
        status: 'failed',
        detail: `Refused: ${row.lastError?.message ?? 'no message recorded'}`,
        fix: fix.retry(doc.key, 'Fix what the message says (in Balance, the mapping or the order)'),
      };
    case 'dead':
      return {
        ...base,
        status: 'dead',
        detail: `Gave up after ${row.attempts} attempts: ${row.lastError?.message ?? 'no message recorded'}`,
        fix: fix.retry(doc.key, 'Make sure Balance is reachable'),
      };
    case 'pending':
    case 'sent':
      return {
        ...base,
        status: 'in-progress',
        detail: `Recorded (${row.state}, ${row.attempts} attempts) but not confirmed by Balance yet${row.lastError ? `; last error: ${row.lastError.message}` : ''}`,
        fix: fix.pushOrder(doc.order.id),
      };
    default:
      break;
  }
  if (!readBack || readBack.deleted) {
    return {
      ...base,
      status: 'missing-in-balance',
      detail: `Exported on ${row.exportedAt ?? '?'}, but Balance ${readBack ? 'has it marked for deletion' : `has no ${what} with uid ${doc.uid}`}`,
      fix: fix.resend(
        doc.key,
        `Send the ${what} again with the same uid (it is recreated, not duplicated).`,
      ),
    };
  }
  if (readBack.totalMinor !== row.totalMinor) {
    return {
      ...base,
      status: 'different',
      detail: `Balance's ${what} totals ${money(readBack.totalMinor ?? null)}, the exported one ${money(row.totalMinor)}: it was changed in Balance`,
      fix: fix.review(
        doc.key,
        `Compare the ${what} in Balance with the ledger payload; to restore the exported version, send it again.`,
      ),
    };
  }
  if (row.drift) {
    return {
      ...base,
      status: 'drift',
      detail: `The order changed after export: ${row.drift.summary}`,
      fix: fix.review(
        doc.key,
        `Record the change in Balance by hand (e.g. a credit note), or — if the ${what} may still be changed — send the current version.`,
      ),
    };
  }
  if (doc.storeTotalMinor !== null && doc.storeTotalMinor !== row.totalMinor) {
    return {
      ...base,
      status: 'different',
      detail: `The store now says ${money(doc.storeTotalMinor)}, the exported ${what} ${money(row.totalMinor)}; export the order to record the drift`,
      fix: fix.pushOrder(doc.order.id),
    };
  }
  return {
    ...base,
    status: 'ok',
    detail: `Exported and confirmed in Balance (${money(row.totalMinor)})`,
  };
}
