import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { type BalancePrice, priceSchema } from '../schemas/price.js';
import { type ResourceContext, requireExchangeUid } from './resource-context.js';

/**
 * Options of `prices.list()`.
 *
 * @example
 * ```ts
 * await balance.prices.list({ source: itemUid });
 * ```
 */
export interface PricesListOptions {
  /** `Source`: one item's uid, to read only its prices. */
  readonly source?: string;
}

/**
 * Current prices of the integration profile (`exchangeUid`). Accepts a bare array or the
 * documented `{ "Source": [...] }` wrapper.
 *
 * @example
 * ```ts
 * const prices = await balance.prices.list();
 * const priceTypes = new Set(prices.map((p) => p.PriceType));
 * ```
 */
export interface PricesResource {
  /** `GET Prices?uid=<exchangeUid>[&Source=<item>]`. Needs `exchangeUid`. */
  list(options?: PricesListOptions, call?: BalanceCallOptions): Promise<BalancePrice[]>;
}

/** Creates the Prices resource. */
export function createPricesResource(context: ResourceContext): PricesResource {
  return {
    list: async (options = {}, call) => {
      const template = context.settings.templates.prices;
      const response = await context.transport.read({
        method: 'GET',
        template,
        query: [
          ['uid', requireExchangeUid(context, template)],
          ['Source', options.source],
        ],
        call,
      });
      return parseListResponse(response, priceSchema, {
        redactor: context.redactor,
        what: template,
      });
    },
  };
}
