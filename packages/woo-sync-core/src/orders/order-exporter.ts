import type { BalanceSale } from '@balance-sync/balance-client';
import type { BuildFailure } from '../builders/build-issue.js';
import type { SaleBuild } from '../builders/build-sale.js';
import type { CreditNoteBuild, SaleLineUids } from '../builders/credit-note-build.js';
import type { OrderExportConfig } from '../builders/order-export-config.js';
import { saleLineUidsFromReadBack } from '../builders/sale-line-uids.js';
import { creditKey, documentUid, returnKey, saleKey } from '../identity/document-keys.js';
import { canonicalPayloadJson } from '../identity/payload-hash.js';
import { storeNamespace } from '../identity/store-namespace.js';
import { RetryLaterError } from '../jobs/retry-later-error.js';
import { parseMoney } from '../money/parse-money.js';
import type { ReturnRequestLine } from '../ports/job-queue.js';
import type { LedgerEntry, LedgerKind } from '../ports/sync-store.js';
import type { UtcDateTime, WooOrder, WooRefund } from '../ports/woocommerce-port.js';
import {
  type DocumentAttemptOptions,
  type DocumentOutcome,
  documentOutcome,
} from './document-exporter.js';
import type { DocumentDraft } from './document-ledger.js';
import {
  buildFailureError,
  returnRequestSettingKey,
  type StoredReturnRequest,
} from './order-documents.js';
import { OrderExportError } from './order-export-error.js';
import { enqueueOrderExport } from './order-jobs.js';
import type { OrdersContext } from './orders-context.js';
import { isPaidOrder, SALE_UID_META_KEY } from './paid-order.js';

/**
 * Which order to export.
 *
 * @example
 * ```ts
 * const request: OrderExportRequest = { storeId: 'main', orderId: 1042 };
 * ```
 */
export interface OrderExportRequest {
  storeId: string;
  orderId: number;
}

/**
 * Which refund to export.
 *
 * @example
 * ```ts
 * const request: RefundExportRequest = { storeId: 'main', orderId: 1042, refundId: 1077 };
 * ```
 */
export interface RefundExportRequest extends OrderExportRequest {
  refundId: number;
}

/**
 * A return request: goods of an exported order coming back, credited before (or without) a
 * WooCommerce refund.
 *
 * @example
 * ```ts
 * const request: ReturnRequestExportRequest = {
 *   storeId: 'main', orderId: 1042, requestId: 'rma-7', lines: [{ sku: 'TEA-250', quantity: 1 }],
 * };
 * ```
 */
export interface ReturnRequestExportRequest extends OrderExportRequest {
  /** The caller's id of the request (part of the document key). */
  requestId: string;
  lines: ReturnRequestLine[];
  /**
   * When the return was requested; the credit note's date. Recorded with the request the
   * first time it is seen (later values are ignored), so every retry builds the same document.
   * @default now
   */
  requestedAt?: UtcDateTime;
}

/**
 * What an export run did for an order (or one of its refunds):
 * - `done`: the documents were handled (see each {@link DocumentOutcome});
 * - `not-paid`: the order is not paid (e.g. `on-hold`) and has no Sale yet — nothing was
 *   written; it is exported when a later change makes it paid;
 * - `not-found`: the order (or refund) no longer exists in the store.
 *
 * @example
 * ```ts
 * const result: OrderExportResult = await engine.orders.exportOrder({ storeId: 'main', orderId: 1042 });
 * if (result.status === 'done') console.log(result.documents.map((d) => `${d.key}: ${d.action}`));
 * ```
 */
export interface OrderExportResult {
  storeId: string;
  orderId: number;
  status: 'done' | 'not-paid' | 'not-found';
  /** The Sale first, then credit notes by refund id. */
  documents: DocumentOutcome[];
}

/**
 * The exports of one order's documents (internal to the service).
 *
 * @example
 * ```ts
 * const exporter = new OrderExporter(context);
 * await exporter.exportOrder({ storeId: 'main', orderId: 1042 });
 * ```
 */
export class OrderExporter {
  readonly #context: OrdersContext;

  constructor(context: OrdersContext) {
    this.#context = context;
  }

  /**
   * Reads the order fresh; when it is paid (or already has a Sale row), exports the Sale,
   * writes `_balance_sale_uid` to the order meta, then exports each refund not yet exported.
   */
  async exportOrder(
    request: OrderExportRequest,
    options: DocumentAttemptOptions = {},
  ): Promise<OrderExportResult> {
    const { storeId, orderId } = request;
    const { documents, ledger, exporter } = this.#context;
    const config = documents.exportConfig(storeId);
    const order = await this.#read(
      () => this.#context.engine.woo(storeId).orders.get(orderId),
      options,
    );
    const result: OrderExportResult = { storeId, orderId, status: 'done', documents: [] };
    if (!order) return { ...result, status: 'not-found' };

    const key = saleKey(order.id);
    const existing = await ledger.get(storeId, key);
    if (!existing && !isPaidOrder(order, config.orders.paidStatuses)) {
      return { ...result, status: 'not-paid' };
    }
    const sale = await this.#buildSale(order, config, existing, options);
    if (!sale.ok) {
      const outcome = await exporter.recordBuildFailure(
        this.#failureDraft(config, order, 'sale', key, null),
        buildFailureError(sale, this.#context.now()),
      );
      if (outcome.state === 'exported') {
        this.#context.engine.logger.warn(
          { key, issues: sale.issues.map((issue) => issue.code) },
          `Sale ${key} is exported but cannot be rebuilt now (${sale.issues[0]?.message ?? 'build failed'}); its refunds wait until it can`,
        );
      }
      result.documents.push(outcome);
      return result;
    }

    let saved: BalanceSale | undefined;
    const balance = this.#context.engine.balance;
    const saleOutcome = await exporter.export(
      {
        draft: this.#draft(config, order, 'sale', sale, null),
        decimals: sale.decimals,
        put: async () => {
          const written = await balance.sales.upsert(sale.document);
          if (!written.dryRun) saved = written.saved[0];
        },
        readBack: () => balance.sales.get(sale.uid),
        checkDrift: true,
      },
      options,
    );
    result.documents.push(saleOutcome);
    if (saleOutcome.state !== 'exported' || saleOutcome.action === 'superseded') return result;

    await this.#writeSaleMeta(storeId, order, sale.uid, options);
    result.documents.push(
      ...(await this.#exportRefunds(order, sale, config, saved, undefined, options)),
    );
    return result;
  }

  /**
   * Exports one refund as a credit note; when the order's Sale is not exported yet, throws a
   * {@link RetryLaterError} (`waiting_for_sale`) after enqueueing the order's export.
   */
  async exportRefund(
    request: RefundExportRequest,
    options: DocumentAttemptOptions = {},
  ): Promise<OrderExportResult> {
    const { storeId, orderId, refundId } = request;
    const config = this.#context.documents.exportConfig(storeId);
    const order = await this.#read(
      () => this.#context.engine.woo(storeId).orders.get(orderId),
      options,
    );
    const result: OrderExportResult = { storeId, orderId, status: 'done', documents: [] };
    if (!order) return { ...result, status: 'not-found' };
    const saleRow = await this.#requireExportedSale(order, config, { refundId });
    const sale = await this.#buildSale(order, config, saleRow, options);
    if (!sale.ok) {
      result.documents.push(
        await this.#saleUnbuildable(config, order, 'credit', creditKey(refundId), refundId, sale),
      );
      return result;
    }
    const documents = await this.#exportRefunds(order, sale, config, undefined, refundId, options);
    if (documents.length === 0) return { ...result, status: 'not-found' };
    result.documents.push(...documents);
    return result;
  }

  /** Exports a return request as a return credit note against the order's exported Sale. */
  async pushReturnRequest(
    request: ReturnRequestExportRequest,
    options: DocumentAttemptOptions = {},
  ): Promise<OrderExportResult> {
    const { storeId, orderId } = request;
    const { engine, documents, exporter, ledger } = this.#context;
    const config = documents.exportConfig(storeId);
    const woo = engine.woo(storeId);
    const order = await this.#read(() => woo.orders.get(orderId), options);
    const result: OrderExportResult = { storeId, orderId, status: 'done', documents: [] };
    if (!order) return { ...result, status: 'not-found' };
    const key = returnKey(order.id, request.requestId);
    const stored = await this.#recordReturnRequest(storeId, order.id, request);
    await this.#requireExportedSale(order, config, { requestId: stored.requestId });
    const existing = await ledger.get(storeId, key);
    if (existing?.state === 'exported') {
      result.documents.push(documentOutcome(existing, 'unchanged'));
      return result;
    }
    const sale = await this.#buildSale(order, config, existing, options);
    if (!sale.ok) {
      result.documents.push(await this.#saleUnbuildable(config, order, 'return', key, null, sale));
      return result;
    }
    const [refunds, earlier, lineUids] = await this.#read(
      async () =>
        Promise.all([
          woo.refunds.listForOrder(order.id),
          this.#earlierReturns(storeId, order.id, key),
          documents.saleLineUids(engine.balance, sale),
        ]),
      options,
      existing,
    );
    const built = documents.buildReturn(order, refunds, earlier, stored, sale, lineUids, config);
    if (!built.ok) {
      result.documents.push(
        await exporter.recordBuildFailure(
          this.#failureDraft(config, order, 'return', key, null),
          buildFailureError(built, this.#context.now()),
        ),
      );
      return result;
    }
    result.documents.push(
      await exporter.export(this.#creditSpec(config, order, 'return', null, built), options),
    );
    return result;
  }

  /** Credit notes of the order's refunds (one refund with `only`), oldest first. */
  async #exportRefunds(
    order: WooOrder,
    sale: SaleBuild,
    config: OrderExportConfig,
    saved: BalanceSale | undefined,
    only: number | undefined,
    options: DocumentAttemptOptions,
  ): Promise<DocumentOutcome[]> {
    const { engine, documents, exporter } = this.#context;
    const woo = engine.woo(config.store.id);
    const refunds = await this.#read(() => woo.refunds.listForOrder(order.id), options);
    const wanted = refunds.filter((refund) => only === undefined || refund.id === only);
    if (wanted.length === 0) return [];
    const lineUids: SaleLineUids =
      saved && saved.Items.length > 0
        ? saleLineUidsFromReadBack(sale, saved)
        : await this.#read(() => documents.saleLineUids(engine.balance, sale), options);
    const builds = documents.buildCredits(order, refunds, sale, lineUids, config);
    const outcomes: DocumentOutcome[] = [];
    for (const refund of [...wanted].sort((a, b) => a.id - b.id)) {
      const built = builds.get(refund.id);
      if (!built) continue;
      const key = creditKey(refund.id);
      if (built.ok) {
        outcomes.push(
          await exporter.export(this.#creditSpec(config, order, 'credit', refund, built), options),
        );
        continue;
      }
      if (built.issues.every((issue) => issue.code === 'empty_refund')) {
        engine.logger.info(
          { key },
          `Refund #${refund.id} credits nothing; no credit note is needed`,
        );
        continue;
      }
      outcomes.push(
        await exporter.recordBuildFailure(
          this.#failureDraft(config, order, 'credit', key, refund.id),
          buildFailureError(built, this.#context.now()),
        ),
      );
    }
    return outcomes;
  }

  #creditSpec(
    config: OrderExportConfig,
    order: WooOrder,
    kind: 'credit' | 'return',
    refund: WooRefund | null,
    built: CreditNoteBuild,
  ) {
    const balance = this.#context.engine.balance;
    return {
      draft: this.#draft(config, order, kind, built, refund?.id ?? null),
      decimals: config.decimals ?? 2,
      put: () => balance.salesCredits.upsert(built.document),
      readBack: () => balance.salesCredits.get(built.uid),
      // A return request's document depends on when it was pushed, not on store data.
      checkDrift: kind === 'credit',
    };
  }

  /** Throws `waiting_for_sale` (after enqueueing the order) unless the Sale is exported. */
  async #requireExportedSale(
    order: WooOrder,
    config: OrderExportConfig,
    what: { refundId?: number; requestId?: string },
  ): Promise<LedgerEntry> {
    const { ledger, queue, events, waitForSaleMs } = this.#context;
    const storeId = config.store.id;
    const row = await ledger.get(storeId, saleKey(order.id));
    if (row?.state === 'exported') return row;
    if (queue && isPaidOrder(order, config.orders.paidStatuses)) {
      await enqueueOrderExport(queue, storeId, order.id);
    }
    const subject =
      what.refundId !== undefined
        ? `Refund #${what.refundId}`
        : `Return request "${what.requestId ?? ''}"`;
    if (what.refundId !== undefined) {
      events.emit('waiting', {
        storeId,
        orderId: order.id,
        refundId: what.refundId,
        reason: 'waiting_for_sale',
        retryInMs: waitForSaleMs,
      });
    }
    throw new RetryLaterError(
      `${subject} of order #${order.number} waits for the order's Sale, which is ${row ? row.state : 'not recorded yet'}; it is tried again in ${Math.round(waitForSaleMs / 1000)} s`,
      { code: 'waiting_for_sale', delayMs: waitForSaleMs },
    );
  }

  /** Records the request the first time; refuses the same id with other lines. */
  async #recordReturnRequest(
    storeId: string,
    orderId: number,
    request: ReturnRequestExportRequest,
  ): Promise<StoredReturnRequest> {
    const settings = this.#context.engine.store.settings;
    const settingKey = returnRequestSettingKey(orderId, request.requestId);
    const stored = (await settings.get(storeId, settingKey)) as StoredReturnRequest | undefined;
    const lines = request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
    if (stored) {
      if (canonicalPayloadJson(stored.lines) !== canonicalPayloadJson(lines)) {
        throw new OrderExportError(
          'return_request_conflict',
          `Return request "${request.requestId}" of order ${orderId} was already recorded with other lines; give a changed request a new id`,
        );
      }
      return stored;
    }
    const fresh: StoredReturnRequest = {
      requestId: request.requestId.trim(),
      lines,
      requestedAt: request.requestedAt ?? this.#context.now(),
    };
    await settings.set(storeId, settingKey, fresh);
    return fresh;
  }

  /** Return requests of the order recorded before `key`, oldest first. */
  async #earlierReturns(
    storeId: string,
    orderId: number,
    key: string,
  ): Promise<StoredReturnRequest[]> {
    const { engine } = this.#context;
    const rows = (await engine.store.ledger.listByOrder(storeId, orderId))
      .filter((row) => row.kind === 'return' && row.key !== key)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
    const requests: StoredReturnRequest[] = [];
    for (const row of rows) {
      const requestId = row.key.slice(`return:${orderId}:`.length);
      const stored = (await engine.store.settings.get(
        storeId,
        returnRequestSettingKey(orderId, requestId),
      )) as StoredReturnRequest | undefined;
      if (stored) requests.push(stored);
    }
    return requests;
  }

  async #buildSale(
    order: WooOrder,
    config: OrderExportConfig,
    row: LedgerEntry | undefined,
    options: DocumentAttemptOptions,
  ) {
    const { documents, engine } = this.#context;
    return this.#read(() => documents.buildSale(order, config, engine.balance), options, row);
  }

  async #saleUnbuildable(
    config: OrderExportConfig,
    order: WooOrder,
    kind: LedgerKind,
    key: string,
    refundId: number | null,
    failure: BuildFailure,
  ): Promise<DocumentOutcome> {
    const error = buildFailureError(failure, this.#context.now());
    return this.#context.exporter.recordBuildFailure(
      this.#failureDraft(config, order, kind, key, refundId),
      { ...error, message: `the order's Sale cannot be built: ${error.message}` },
    );
  }

  /** Writes the Sale uid to the order meta unless it is there already. */
  async #writeSaleMeta(
    storeId: string,
    order: WooOrder,
    uid: string,
    options: DocumentAttemptOptions,
  ): Promise<void> {
    const current = order.meta.find((entry) => entry.key === SALE_UID_META_KEY)?.value;
    if (current === uid) return;
    const woo = this.#context.engine.woo(storeId);
    await this.#read(
      () => woo.orders.updateMeta(order.id, [{ key: SALE_UID_META_KEY, value: uid }]),
      options,
    );
  }

  /** Runs a read (or a meta write); a failure is transient: recorded on `row` and thrown. */
  async #read<T>(
    run: () => Promise<T>,
    options: DocumentAttemptOptions,
    row?: LedgerEntry | undefined,
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof OrderExportError) throw error;
      return this.#context.exporter.transient(row, error, options);
    }
  }

  #draft(
    config: OrderExportConfig,
    order: WooOrder,
    kind: LedgerKind,
    built: SaleBuild | CreditNoteBuild,
    refundId: number | null,
  ): DocumentDraft {
    const templates = this.#context.engine.balance.templates;
    return {
      storeId: config.store.id,
      key: built.key,
      uid: built.uid,
      kind,
      orderId: order.id,
      refundId,
      template: kind === 'sale' ? templates.sale : templates.salesCredit,
      payload: built.document,
      payloadHash: built.payloadHash,
      totalMinor: built.totalMinor,
      currency: order.currency,
    };
  }

  #failureDraft(
    config: OrderExportConfig,
    order: WooOrder,
    kind: LedgerKind,
    key: string,
    refundId: number | null,
  ): DocumentDraft {
    const templates = this.#context.engine.balance.templates;
    const total = parseMoney(order.total, config.decimals ?? 2);
    return {
      storeId: config.store.id,
      key,
      uid: documentUid(storeNamespace(config.store), key),
      kind,
      orderId: order.id,
      refundId,
      template: kind === 'sale' ? templates.sale : templates.salesCredit,
      payload: null,
      payloadHash: '',
      totalMinor: kind === 'sale' && total.ok ? total.minor : 0,
      currency: order.currency,
    };
  }
}
