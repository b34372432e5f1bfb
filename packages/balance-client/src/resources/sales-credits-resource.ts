import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import {
  type BalanceSalesCredit,
  type SalesCreditInput,
  salesCreditInputSchema,
  salesCreditSchema,
} from '../schemas/sales-credit.js';
import { buildDocumentBody } from '../transport/request-body.js';
import type { ResourceContext } from './resource-context.js';
import { DOCUMENT_WRAPPER_KEYS } from './sales-resource.js';
import { type BalanceWriteResult, toWriteResult } from './write-result.js';

/**
 * Sales Credit Notes (returns and price corrections), URL template `SalesCredit` by default.
 * One credit note per refund, each with its own uid; the Sale is never edited.
 *
 * @example
 * ```ts
 * await balance.salesCredits.upsert(credit);
 * const readBack = await balance.salesCredits.get(credit.uid);
 * ```
 */
export interface SalesCreditsResource {
  /**
   * The credit note with this uid; `undefined` when absent (404 or an empty list). An empty
   * body is not "absent": it raises `BalanceEmptyResponseError`.
   */
  get(uid: string, call?: BalanceCallOptions): Promise<BalanceSalesCredit | undefined>;
  /**
   * Validates and sends `PUT SalesCredit` with `[credit]`, renaming VAT fields per
   * `documentFieldNames.salesCredit`. Retry-safe (uid-keyed upsert).
   */
  upsert(
    credit: SalesCreditInput,
    call?: BalanceCallOptions,
  ): Promise<BalanceWriteResult<BalanceSalesCredit>>;
}

/** Creates the Sales Credit Note resource. */
export function createSalesCreditsResource(context: ResourceContext): SalesCreditsResource {
  const template = () => context.settings.templates.salesCredit;
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
      const rows = parseListResponse(response, salesCreditSchema, {
        redactor: context.redactor,
        what: `${template()}?uid`,
        wrapperKeys: DOCUMENT_WRAPPER_KEYS,
      });
      return rows.find((row) => row.uid.toLowerCase() === uid.toLowerCase());
    },
    upsert: async (credit, call) => {
      const body = buildDocumentBody([credit], salesCreditInputSchema, {
        template: template(),
        renames: context.settings.documentFieldNames.salesCredit,
      });
      const outcome = await context.transport.write({
        method: 'PUT',
        template: template(),
        body,
        call,
      });
      return toWriteResult(outcome, salesCreditSchema, DOCUMENT_WRAPPER_KEYS);
    },
  };
}
