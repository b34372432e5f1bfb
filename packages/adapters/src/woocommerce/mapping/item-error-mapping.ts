import type { WooItemError } from '@balance-sync/woo-sync-core';
import type { WooRedactor } from '../http/redactor.js';
import type { BatchErrorEntry } from '../schemas/batch-wire.js';

/**
 * A failed batch entry → port item error. `data.resource_id` (duplicate SKU, existing term)
 * becomes `resourceId`; `data.status` becomes `status` (400 when WooCommerce gave none).
 */
export function fromWireItemError(entry: BatchErrorEntry, redactor: WooRedactor): WooItemError {
  const data =
    typeof entry.error.data === 'object' &&
    entry.error.data !== null &&
    !Array.isArray(entry.error.data)
      ? (redactor.value(entry.error.data) as Record<string, unknown>)
      : undefined;
  const status =
    typeof data?.status === 'number'
      ? data.status
      : typeof entry.error.data === 'number'
        ? entry.error.data
        : 400;
  const resourceId = Number(data?.resource_id);
  return {
    code: entry.error.code,
    message: redactor.text(entry.error.message),
    status,
    ...(Number.isInteger(resourceId) && resourceId > 0 ? { resourceId } : {}),
    ...(data ? { data } : {}),
  };
}
