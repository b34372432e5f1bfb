import { documentUid, returnKey } from '../identity/document-keys.js';
import { storeNamespace } from '../identity/store-namespace.js';
import { divideRoundHalfAwayFromZero } from '../money/exact-decimal.js';
import type { MinorUnits } from '../money/minor-units.js';
import { isWholeQuantity } from '../money/quantity.js';
import type { ReturnRequestLine } from '../ports/job-queue.js';
import type { UtcDateTime, WooOrder } from '../ports/woocommerce-port.js';
import { assembleCreditNote, type PartAllocation } from './assemble-credit-note.js';
import { toBalanceDateTime } from './balance-date-time.js';
import type { SaleBuild } from './build-sale.js';
import type { CreditNoteBuildResult, SaleLineUids } from './credit-note-build.js';
import { type CreditedTotals, creditedTotalMinor, NO_CREDITS } from './credited-totals.js';
import { fillTemplate } from './fill-template.js';
import { IssueCollector } from './issue-scope.js';
import { normalizeSku } from './item-resolver.js';
import type { OrderExportConfig } from './order-export-config.js';
import { unitsValue } from './sale-unit-value.js';

/**
 * Input of {@link buildReturnRequest}.
 *
 * @example
 * ```ts
 * const input: ReturnRequestBuildInput = {
 *   order, sale, requestId: 'rma-7', lines: [{ sku: 'TEA-250', quantity: 1 }],
 *   requestedAt: '2026-03-05T09:00:00Z', credited, config,
 * };
 * ```
 */
export interface ReturnRequestBuildInput {
  readonly order: WooOrder;
  /** The order's Sale, as {@link buildSale} builds it. */
  readonly sale: SaleBuild;
  /** The caller's id of the request; part of the document key `return:<orderId>:<requestId>`. */
  readonly requestId: string;
  readonly lines: readonly ReturnRequestLine[];
  /**
   * When the return was requested (UTC). It becomes the document `Date`, so it must be stored
   * with the request: a retry has to build the same document.
   */
  readonly requestedAt: UtcDateTime;
  /** What earlier credit notes of this Sale already credited. Default: nothing. */
  readonly credited?: CreditedTotals;
  readonly saleLineUids?: SaleLineUids;
  readonly config: OrderExportConfig;
}

/**
 * A net return's amount including VAT, at the ratio of what the Sale still has uncredited
 * (there is no WooCommerce refund to say it). Half away from zero.
 */
function grossEstimate(
  sale: SaleBuild,
  credited: CreditedTotals,
  allocations: ReadonlyMap<string, PartAllocation>,
): MinorUnits {
  const netMinor = [...allocations.values()].reduce((sum, a) => sum + a.amountMinor, 0);
  const netLeft = sale.totalMinor - creditedTotalMinor(credited);
  const grossLeft = sale.orderTotalMinor - credited.grossMinor;
  if (netLeft <= 0 || grossLeft <= 0) return netMinor;
  if (netMinor >= netLeft) return grossLeft;
  return Number(divideRoundHalfAwayFromZero(BigInt(netMinor) * BigInt(grossLeft), BigInt(netLeft)));
}

/**
 * Builds a return credit note for given lines (`{ sku, quantity }`) of an exported order,
 * before (or without) a WooCommerce refund — a pure function. The document is a return
 * (`credits.returnOperationType`) against the Sale, keyed `return:<orderId>:<requestId>`.
 *
 * - Each requested SKU is matched (trimmed, case-insensitive) to the Sale's product parts;
 *   when a SKU appears on several order lines the quantity fills them in order.
 * - Amounts are the Sale's after-discount unit amounts, exact in minor units: units are
 *   valued as the Sale expressed them (`q − r` units at `p`, then `r` at `p + 1`), and the
 *   request that returns a part's last units gets exactly what is left of it, so all
 *   returns of a line add up to its Sale amount.
 * - Quantities beyond what was sold minus `credited` are refused (typed issue). Money is
 *   never credited twice: when earlier refunds already credited the Sale's money (an
 *   amount-only refund), the goods come back with what is left of it, down to 0.00.
 *
 * When WooCommerce later records a refund for the same goods, include this note in
 * `credited`: the refund's credit note will then be refused as exceeding the Sale instead of
 * crediting the goods twice.
 *
 * @example
 * ```ts
 * const result = buildReturnRequest({
 *   order, sale, requestId: 'rma-7', lines: [{ sku: 'TEA-250', quantity: 1 }],
 *   requestedAt: '2026-03-05T09:00:00Z', credited, config,
 * });
 * if (result.ok) await balance.salesCredits.upsert(result.document);
 * ```
 */
export function buildReturnRequest(input: ReturnRequestBuildInput): CreditNoteBuildResult {
  const { order, sale, config } = input;
  const credited = input.credited ?? NO_CREDITS;
  const requestId = input.requestId.trim();
  const issues = IssueCollector.forOrder(order, { requestId });

  if (requestId === '') {
    issues.add(
      'invalid_return_line',
      `${issues.subject}: the request id is empty; give every return request an id`,
    );
  }
  if (input.lines.length === 0) {
    issues.add(
      'empty_return_request',
      `${issues.subject} lists no lines; say which SKUs come back and how many`,
    );
  }
  const date = toBalanceDateTime(input.requestedAt, config.store.timezone);
  if (date === undefined) {
    issues.add(
      'invalid_date',
      `${issues.subject}: requestedAt "${input.requestedAt}" is not a UTC date-time (e.g. "2026-03-05T09:00:00Z")`,
      { field: 'requestedAt' },
    );
  }

  // Units already taken from each part: earlier credits, then this request's own lines.
  const taken = new Map<string, number>();
  const allocations = new Map<string, PartAllocation>();
  input.lines.forEach((line, position) => {
    const sku = line.sku.trim();
    const field = `lines[${position}]`;
    if (sku === '' || !isWholeQuantity(line.quantity)) {
      issues.add(
        'invalid_return_line',
        `${issues.subject}: line ${position + 1} (SKU "${line.sku}", quantity ${line.quantity}) needs a SKU and a positive whole quantity`,
        { sku: line.sku, field },
      );
      return;
    }
    const candidates = sale.parts.filter(
      (part) =>
        part.kind === 'product' &&
        normalizeSku(part.sku ?? part.stringCode ?? '') === normalizeSku(sku),
    );
    if (candidates.length === 0) {
      issues.add(
        'return_sku_not_in_order',
        `${issues.subject}: SKU ${sku} was not sold on this order; check the SKU against the order's lines`,
        { sku, field },
      );
      return;
    }
    let wanted = line.quantity;
    for (const part of candidates) {
      if (wanted === 0) break;
      const before = (credited.parts[part.key]?.quantity ?? 0) + (taken.get(part.key) ?? 0);
      const units = Math.min(wanted, Math.max(0, part.quantity - before));
      if (units === 0) continue;
      taken.set(part.key, (taken.get(part.key) ?? 0) + units);
      wanted -= units;
    }
    if (wanted > 0) {
      const sold = candidates.reduce((sum, part) => sum + part.quantity, 0);
      issues.add(
        'return_quantity_exceeds_sale',
        `${issues.subject}: ${line.quantity} × ${sku} requested but only ${line.quantity - wanted} of the ${sold} sold are not yet credited; lower the quantity`,
        { sku, field, lineId: candidates[0]?.wooItemId, lineName: candidates[0]?.name },
      );
    }
  });
  if (issues.failed || date === undefined) return issues.failure();

  for (const part of sale.parts) {
    const units = taken.get(part.key);
    if (!units) continue;
    const before = credited.parts[part.key] ?? { quantity: 0, amountMinor: 0, spreadMinor: 0 };
    const left = Math.max(0, part.amountMinor - before.amountMinor);
    const value =
      before.quantity + units === part.quantity
        ? left
        : Math.min(left, Math.max(0, unitsValue(part, before.quantity, before.quantity + units)));
    allocations.set(part.key, { quantity: units, amountMinor: value, spreadMinor: 0 });
  }
  // Money refunded earlier without goods (e.g. on the amount-only item) already credited the
  // Sale: the goods then come back with only what is left of it, taken off the last lines.
  let excess =
    [...allocations.values()].reduce((sum, a) => sum + a.amountMinor, 0) -
    Math.max(0, sale.totalMinor - creditedTotalMinor(credited));
  for (const part of [...sale.parts].reverse()) {
    const allocation = allocations.get(part.key);
    if (excess <= 0 || !allocation) continue;
    const cut = Math.min(excess, allocation.amountMinor);
    allocations.set(part.key, { ...allocation, amountMinor: allocation.amountMinor - cut });
    excess -= cut;
  }

  const namespace = storeNamespace(config.store);
  const key = returnKey(order.id, requestId);
  return assembleCreditNote({
    kind: 'return',
    key,
    uid: documentUid(namespace, key),
    date,
    sale,
    config,
    allocations,
    unallocatedMinor: 0,
    credited,
    saleLineUids: input.saleLineUids,
    comments: `Return request ${requestId} of WooCommerce order #${order.number}`,
    primaryDocument: fillTemplate(config.orders.primaryDocument, {
      number: order.number,
      id: order.id,
    }).trim(),
    grossTotalMinor: sale.amountsIncludeVat
      ? undefined
      : grossEstimate(sale, credited, allocations),
    issues,
  });
}
