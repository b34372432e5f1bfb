import { formatMoney } from '../money/format-money.js';
import type { LedgerState } from '../ports/sync-store.js';
import type { UtcDateTime } from '../ports/woocommerce-port.js';

/**
 * What reconciliation found for one document the store says should exist:
 * - `ok`: in the ledger as exported, and Balance has it with the same total to the tetri;
 * - `missing-in-ledger`: a paid order or refund the SDK never recorded (webhook lost, sweep
 *   not run yet, export never triggered);
 * - `missing-in-balance`: exported, but Balance no longer has it (deleted or marked for
 *   deletion by an accountant);
 * - `different`: Balance's total differs from the ledger's, or the ledger's from the store's;
 * - `drift`: the order changed in the store after its document was exported;
 * - `failed`: Balance or the builder refused it; the row waits for a fix;
 * - `dead`: the export gave up after the configured attempts (outage);
 * - `in-progress`: recorded, not confirmed yet (`pending` / `sent`).
 *
 * @example
 * ```ts
 * const problems = report.rows.filter((row) => row.status !== ('ok' satisfies ReconciliationStatus));
 * ```
 */
export type ReconciliationStatus =
  | 'ok'
  | 'missing-in-ledger'
  | 'missing-in-balance'
  | 'different'
  | 'drift'
  | 'failed'
  | 'dead'
  | 'in-progress';

/**
 * Every status, in the order reports list them (problems first).
 *
 * @example
 * ```ts
 * for (const status of RECONCILIATION_STATUSES) console.log(status, report.summary[status]);
 * ```
 */
export const RECONCILIATION_STATUSES: readonly ReconciliationStatus[] = Object.freeze([
  'missing-in-ledger',
  'missing-in-balance',
  'different',
  'failed',
  'dead',
  'drift',
  'in-progress',
  'ok',
]);

/**
 * How to fix a row: the CLI command and the equivalent engine call.
 * - `push-order`: export the order now (Sale and refunds);
 * - `retry-document`: retry a `failed` / `dead` document after fixing the cause;
 * - `resend-document`: send an exported document again (Balance lost it, or after review);
 * - `review`: a person has to look (drift, or a document edited in Balance).
 *
 * @example
 * ```ts
 * const fix: ReconciliationFix = {
 *   action: 'push-order',
 *   command: 'balance-woo push-order 1042 --store main',
 *   api: "engine.orders.exportOrder({ storeId: 'main', orderId: 1042 })",
 *   description: 'Export the order now.',
 * };
 * ```
 */
export interface ReconciliationFix {
  action: 'push-order' | 'retry-document' | 'resend-document' | 'review';
  /** The `balance-woo` CLI command. */
  command: string;
  /** The same through the engine (admin API / integrator code). */
  api: string;
  description: string;
}

/**
 * One document of the reconciliation. Totals are in minor units (tetri) of the document's
 * basis (gross when amounts include VAT); `null` where a side does not have it.
 *
 * @example
 * ```ts
 * const problems = report.rows.filter((row: ReconciliationRow) => row.status !== 'ok');
 * ```
 */
export interface ReconciliationRow {
  status: ReconciliationStatus;
  key: string;
  uid: string;
  kind: 'sale' | 'credit';
  orderId: number;
  /** The human order number. */
  orderNumber: string;
  refundId: number | null;
  /** What the store says the document totals (order total or refund amount), when known. */
  storeTotalMinor: number | null;
  ledgerTotalMinor: number | null;
  balanceTotalMinor: number | null;
  ledgerState: LedgerState | null;
  /** What was found, in words. */
  detail: string;
  /** How to fix it (every non-`ok` row has one). */
  fix?: ReconciliationFix;
}

/**
 * The result of `engine.orders.reconcile`: paid orders and refunds in the store, versus the
 * ledger, versus Balance read back by uid, to the tetri.
 *
 * @example
 * ```ts
 * const report = await engine.orders.reconcile({ storeId: 'main', from, to });
 * console.log(report.text);
 * if (report.summary['missing-in-balance'] > 0) alert(report.rows.filter((r) => r.fix));
 * ```
 */
export interface ReconciliationReport {
  storeId: string;
  from: UtcDateTime;
  to: UtcDateTime;
  generatedAt: UtcDateTime;
  /** Paid orders and refunds looked at. */
  orders: number;
  refunds: number;
  /** Rows per status. */
  summary: Record<ReconciliationStatus, number>;
  /** Problems first (in {@link RECONCILIATION_STATUSES} order), then by order id and key. */
  rows: ReconciliationRow[];
  /** Id of the `reconcile` run report saved with these rows. */
  runReportId: string;
  /** {@link renderReconciliationText} of this report. */
  text: string;
}

const LABELS: Record<ReconciliationStatus, string> = {
  ok: 'ok',
  'missing-in-ledger': 'missing in ledger',
  'missing-in-balance': 'missing in Balance',
  different: 'different',
  drift: 'drift',
  failed: 'failed',
  dead: 'dead',
  'in-progress': 'in progress',
};

function money(minor: number | null, decimals: number): string {
  return minor === null ? '—' : formatMoney(minor, decimals);
}

/**
 * The plain-text rendering of a reconciliation: a header with the counts, then one block per
 * problem with its fix (rows that are `ok` are counted, not listed).
 *
 * @example
 * ```ts
 * console.log(renderReconciliationText(report));
 * // Reconciliation of store "main", 2026-03-01T00:00:00Z – 2026-03-31T23:59:59Z
 * // 120 paid orders, 8 refunds: ok 127, missing in Balance 1
 * //
 * // MISSING IN BALANCE  sale:1042  order #1042  store 42.50  ledger 42.50  Balance —
 * //   Exported on …, but Balance has no document with uid …
 * //   fix: balance-woo resend-document sale:1042 --store main
 * ```
 */
export function renderReconciliationText(
  report: Omit<ReconciliationReport, 'text'>,
  decimals = 2,
): string {
  const counts = RECONCILIATION_STATUSES.filter((status) => report.summary[status] > 0)
    .map((status) => `${LABELS[status]} ${report.summary[status]}`)
    .join(', ');
  const lines = [
    `Reconciliation of store "${report.storeId}", ${report.from} – ${report.to}`,
    `${report.orders} paid orders, ${report.refunds} refunds: ${counts || 'nothing to reconcile'}`,
  ];
  for (const row of report.rows) {
    if (row.status === 'ok') continue;
    const subject =
      row.refundId === null
        ? `order #${row.orderNumber}`
        : `refund #${row.refundId} of order #${row.orderNumber}`;
    lines.push(
      '',
      `${LABELS[row.status].toUpperCase()}  ${row.key}  ${subject}  store ${money(row.storeTotalMinor, decimals)}  ledger ${money(row.ledgerTotalMinor, decimals)}  Balance ${money(row.balanceTotalMinor, decimals)}`,
      `  ${row.detail}`,
    );
    if (row.fix) lines.push(`  fix: ${row.fix.command}`);
  }
  return `${lines.join('\n')}\n`;
}
