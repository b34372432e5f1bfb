import type { BalanceCallOptions } from '../client/call-options.js';
import { type BalanceSale, type SaleInput, saleInputSchema, saleSchema } from '../schemas/sale.js';
import type { ResourceContext } from './resource-context.js';
import { createUidDocumentResource } from './uid-document-resource.js';
import type { BalanceWriteResult } from './write-result.js';

/**
 * Sales documents (რეალიზაცია). Created and updated with PUT and a client-side uid; there is
 * deliberately no POST.
 *
 * @example
 * ```ts
 * await balance.sales.upsert(sale); // same uid again → same document, updated
 * const readBack = await balance.sales.get(sale.uid);
 * ```
 */
export interface SalesResource {
  /**
   * The Sale with this uid (`GET Sale?uid=`), with line uids; `undefined` when absent (404
   * or an empty list). An empty body is not "absent": it raises `BalanceEmptyResponseError`.
   */
  get(uid: string, call?: BalanceCallOptions): Promise<BalanceSale | undefined>;
  /**
   * Validates and sends `PUT Sale` with `[sale]`. Retry-safe: the uid makes it an upsert.
   * Throws `BalanceInvalidInputError` before sending when the document is invalid.
   */
  upsert(sale: SaleInput, call?: BalanceCallOptions): Promise<BalanceWriteResult<BalanceSale>>;
}

/** Creates the Sale resource. */
export function createSalesResource(context: ResourceContext): SalesResource {
  return createUidDocumentResource<BalanceSale, SaleInput>(context, {
    template: () => context.settings.templates.sale,
    schema: saleSchema,
    inputSchema: saleInputSchema,
    renames: () => context.settings.documentFieldNames.sale,
  });
}
