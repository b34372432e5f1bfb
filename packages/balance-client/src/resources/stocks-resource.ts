import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { type BalanceStock, stockSchema } from '../schemas/stock.js';
import { type ResourceContext, requireExchangeUid } from './resource-context.js';

/**
 * Options of `stocks.list()`. Empty values are left out of the query.
 *
 * @example
 * ```ts
 * await balance.stocks.list({ total: false, source: itemUid });
 * ```
 */
export interface StocksListOptions {
  /**
   * `Total`: `false` = detailed lines per warehouse (and series), `true` = totals.
   * @default false
   */
  readonly total?: boolean;
  /** `StartingPeriod`; leave out for current balances. */
  readonly startingPeriod?: string;
  /** `EndingPeriod`; leave out for current balances. */
  readonly endingPeriod?: string;
  /** `Source`: one item's uid, to read only its balances. */
  readonly source?: string;
}

/**
 * Stock balances of the integration profile (`exchangeUid`).
 *
 * @example
 * ```ts
 * const lines = await balance.stocks.list();
 * const available = lines.reduce((sum, line) => sum + line.Quantity - (line.Reserve ?? 0), 0);
 * ```
 */
export interface StocksResource {
  /** `GET Stocks?uid=<exchangeUid>&…&Total=false`. Needs `exchangeUid`. */
  list(options?: StocksListOptions, call?: BalanceCallOptions): Promise<BalanceStock[]>;
}

/** Creates the Stocks resource. */
export function createStocksResource(context: ResourceContext): StocksResource {
  return {
    list: async (options = {}, call) => {
      const template = context.settings.templates.stocks;
      const response = await context.transport.read({
        method: 'GET',
        template,
        query: [
          ['uid', requireExchangeUid(context, template)],
          ['StartingPeriod', options.startingPeriod],
          ['EndingPeriod', options.endingPeriod],
          ['Source', options.source],
          ['Total', options.total ?? false],
        ],
        call,
      });
      return parseListResponse(response, stockSchema, {
        redactor: context.redactor,
        what: template,
      });
    },
  };
}
