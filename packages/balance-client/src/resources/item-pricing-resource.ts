import type { BalanceCallOptions } from '../client/call-options.js';
import { type BalanceItemPricing, itemPricingSchema } from '../schemas/item-pricing.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { iteratePacks } from './iterate-packs.js';
import type { ResourceContext } from './resource-context.js';
import { DOCUMENT_WRAPPER_KEYS } from './uid-document-resource.js';

/**
 * Options of `itemPricing.list()`.
 *
 * @example
 * ```ts
 * balance.itemPricing.list({ packSize: 50, useExchangeUid: false });
 * balance.itemPricing.list({ concurrency: 4 });
 * ```
 */
export interface ItemPricingListOptions {
  /**
   * Documents per pack (`PackSize`).
   * @default 100 (the client's `packSize.itemPricing`)
   */
  readonly packSize?: number;
  /**
   * Send the configured `exchangeUid` as `uid` (filters by integration). Some tenants are
   * read without it; it is sent only when configured.
   * @default true
   */
  readonly useExchangeUid?: boolean;
  /**
   * Packs requested at once after the first (read-ahead), as for `items.list()`: documents
   * still come in pack order and reading stops at the first empty pack.
   * @default 1 (one pack after another)
   */
  readonly concurrency?: number;
}

/**
 * Price-setting documents (ItemPricing), paged like Items.
 *
 * @example
 * ```ts
 * for await (const doc of balance.itemPricing.list()) console.log(doc.PriceType, doc.Date);
 * ```
 */
export interface ItemPricingResource {
  /**
   * Every document, reading `GET ItemPricing?[uid=…&]Pack=n&PackSize=s` until an empty pack
   * (`concurrency` packs at a time), in pack order.
   */
  list(
    options?: ItemPricingListOptions,
    call?: BalanceCallOptions,
  ): AsyncIterable<BalanceItemPricing>;
}

// Here `Items` is the table of a document's lines, never a list wrapper.

/** Creates the ItemPricing resource. */
export function createItemPricingResource(context: ResourceContext): ItemPricingResource {
  return {
    list: (options = {}, call) => {
      const template = context.settings.templates.itemPricing;
      const packSize = options.packSize ?? context.settings.packSize.itemPricing;
      const uid = options.useExchangeUid === false ? undefined : context.settings.exchangeUid;
      return iteratePacks(
        async (pack) => {
          const response = await context.transport.read({
            method: 'GET',
            template,
            query: [
              ['uid', uid],
              ['Pack', pack],
              ['PackSize', packSize],
            ],
            call,
          });
          return parseListResponse(response, itemPricingSchema, {
            redactor: context.redactor,
            what: `${template} pack ${pack}`,
            wrapperKeys: DOCUMENT_WRAPPER_KEYS,
          });
        },
        { packSize, concurrency: options.concurrency ?? 1 },
      );
    },
  };
}
