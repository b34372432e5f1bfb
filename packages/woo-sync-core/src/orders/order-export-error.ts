/**
 * Stable codes of {@link OrderExportError}:
 * - `orders_not_configured`: the store has no `orders` settings; add the `orders` section
 *   (shared or per store) before exporting;
 * - `queue_required`: the operation enqueues jobs (the sweep, an operator retry without
 *   running inline) but the engine was created without a `queue`;
 * - `document_not_found`: no ledger row has this key; check the key (`sale:<orderId>`,
 *   `credit:<refundId>`, `return:<orderId>:<requestId>`);
 * - `document_not_retryable`: the row is not in a state an operator retry applies to (e.g.
 *   `exported` without `resend: true`);
 * - `return_request_conflict`: a return request with this id was already recorded with other
 *   lines; use a new request id;
 * - `invalid_range`: a reconciliation range is not two UTC instants with `from ≤ to`.
 *
 * @example
 * ```ts
 * if (error instanceof OrderExportError && error.code === 'queue_required') startWorker();
 * ```
 */
export type OrderExportErrorCode =
  | 'orders_not_configured'
  | 'queue_required'
  | 'document_not_found'
  | 'document_not_retryable'
  | 'return_request_conflict'
  | 'invalid_range';

/**
 * An error of the order export itself (not of Balance or the store, whose own errors are
 * passed through). `code` is stable; the message says what to do next.
 *
 * @example
 * ```ts
 * try {
 *   await engine.orders.retryDocument({ storeId: 'main', key: 'sale:1042' });
 * } catch (error) {
 *   if (error instanceof OrderExportError && error.code === 'document_not_found') {
 *     await engine.orders.exportOrder({ storeId: 'main', orderId: 1042 });
 *   }
 * }
 * ```
 */
export class OrderExportError extends Error {
  override readonly name = 'OrderExportError';
  /** Stable code, see {@link OrderExportErrorCode}. */
  readonly code: OrderExportErrorCode;

  constructor(code: OrderExportErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }

  /**
   * A JSON form for `--json` output and APIs.
   *
   * @example
   * ```ts
   * JSON.stringify(new OrderExportError('queue_required', 'no queue')); // {"name":"OrderExportError",…}
   * ```
   */
  toJSON(): { name: string; code: OrderExportErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}
