import type { BalanceCallOptions } from '../client/call-options.js';
import { type BalanceDiscount, discountSchema } from '../schemas/discount.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import type { ResourceContext } from './resource-context.js';

/**
 * Discount rules.
 *
 * @example
 * ```ts
 * const rules = await balance.discounts.list();
 * const windows = rules.map((r) => [r.startDateIso, r.endDateIso, r.Percentage]);
 * ```
 */
export interface DiscountsResource {
  /** Every rule (`GET Discounts`). */
  list(call?: BalanceCallOptions): Promise<BalanceDiscount[]>;
}

/** Creates the Discounts resource. */
export function createDiscountsResource(context: ResourceContext): DiscountsResource {
  return {
    list: async (call) => {
      const template = context.settings.templates.discounts;
      const response = await context.transport.read({ method: 'GET', template, call });
      return parseListResponse(response, discountSchema, {
        redactor: context.redactor,
        what: template,
        // Here `Items` is a rule's item table, never a list wrapper.
        wrapperKeys: ['Source', 'value', 'data'],
      });
    },
  };
}
