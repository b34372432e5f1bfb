import { uuidV5 } from './uuid-v5.js';

function positiveId(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonEmpty(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new RangeError(`${what} must not be empty`);
  return trimmed;
}

/**
 * Ledger key (and UUIDv5 name) of an order's Sale: `sale:<orderId>`.
 *
 * @example
 * ```ts
 * saleKey(1234); // 'sale:1234'
 * ```
 */
export function saleKey(orderId: number): string {
  return `sale:${positiveId(orderId, 'orderId')}`;
}

/**
 * Ledger key of a refund's credit note: `credit:<refundId>` (refund ids are unique across
 * a store's orders).
 *
 * @example
 * ```ts
 * creditKey(1240); // 'credit:1240'
 * ```
 */
export function creditKey(refundId: number): string {
  return `credit:${positiveId(refundId, 'refundId')}`;
}

/**
 * Ledger key of a return request's credit note: `return:<orderId>:<requestId>`.
 *
 * @example
 * ```ts
 * returnKey(1234, 'rma-7'); // 'return:1234:rma-7'
 * ```
 */
export function returnKey(orderId: number, requestId: string): string {
  return `return:${positiveId(orderId, 'orderId')}:${nonEmpty(requestId, 'requestId')}`;
}

/**
 * Ledger key of a Balance client created for a customer: `client:<id number>` (the
 * personal number or company code, spaces removed).
 *
 * @example
 * ```ts
 * clientKey('01001012345'); // 'client:01001012345'
 * ```
 */
export function clientKey(idNumber: string): string {
  return `client:${nonEmpty(idNumber, 'idNumber').replace(/\s+/g, '')}`;
}

/**
 * The deterministic Balance uid of a document: UUIDv5 of the store namespace and the
 * document's key. A retried PUT therefore upserts the same document instead of creating a
 * second one.
 *
 * @example
 * ```ts
 * documentUid(storeNamespace({ id: 'main' }), saleKey(1234));
 * ```
 */
export function documentUid(namespace: string, key: string): string {
  return uuidV5(namespace, key);
}
