import type { BalanceCallOptions } from '../client/call-options.js';
import {
  type BalanceSalesCredit,
  type SalesCreditInput,
  salesCreditInputSchema,
  salesCreditSchema,
} from '../schemas/sales-credit.js';
import type { ResourceContext } from './resource-context.js';
import { createUidDocumentResource } from './uid-document-resource.js';
import type { BalanceWriteResult } from './write-result.js';

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
  return createUidDocumentResource<BalanceSalesCredit, SalesCreditInput>(context, {
    template: () => context.settings.templates.salesCredit,
    schema: salesCreditSchema,
    inputSchema: salesCreditInputSchema,
    renames: () => context.settings.documentFieldNames.salesCredit,
  });
}
