import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { type BalanceSale, type SaleInput, saleInputSchema, saleSchema } from '../schemas/sale.js';
import { buildDocumentBody } from '../transport/request-body.js';
import type { ResourceContext } from './resource-context.js';
import { type BalanceWriteResult, toWriteResult } from './write-result.js';

/** In document responses `Items` is the table of lines, never a list wrapper. */
export const DOCUMENT_WRAPPER_KEYS: readonly string[] = ['Source', 'value', 'data'];

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
  const template = () => context.settings.templates.sale;
  return {
    get: async (uid, call) => {
      const response = await context.transport.read({
        method: 'GET',
        template: template(),
        query: [['uid', uid]],
        call,
        acceptStatuses: [404],
      });
      if (response.status === 404) return undefined;
      const rows = parseListResponse(response, saleSchema, {
        redactor: context.redactor,
        what: `${template()}?uid`,
        wrapperKeys: DOCUMENT_WRAPPER_KEYS,
      });
      return rows.find((row) => row.uid.toLowerCase() === uid.toLowerCase());
    },
    upsert: async (sale, call) => {
      const body = buildDocumentBody([sale], saleInputSchema, {
        template: template(),
        renames: context.settings.documentFieldNames.sale,
      });
      const outcome = await context.transport.write({
        method: 'PUT',
        template: template(),
        body,
        call,
      });
      return toWriteResult(outcome, saleSchema, DOCUMENT_WRAPPER_KEYS);
    },
  };
}
