import type { BalanceCallOptions } from '../client/call-options.js';
import { type BalanceItem, itemSchema } from '../schemas/item.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { iteratePacks } from './iterate-packs.js';
import type { ResourceContext } from './resource-context.js';

/**
 * Options of `items.list()`.
 *
 * @example
 * ```ts
 * for await (const row of balance.items.list({ packSize: 200 })) console.log(row.uid);
 * // Four packs in flight at a time; rows still come in pack order.
 * for await (const row of balance.items.list({ concurrency: 4 })) console.log(row.uid);
 * ```
 */
export interface ItemsListOptions {
  /**
   * Rows per pack (`PackSize`).
   * @default 500 (the client's `packSize.items`)
   */
  readonly packSize?: number;
  /**
   * Packs requested at once after the first (read-ahead). Rows still stream in pack order,
   * at most this many packs are held, and reading stops at the first empty pack (packs
   * already requested past it are dropped). Nothing is read ahead from a publication whose
   * first pack is longer than `packSize`, and one that ignores `Pack` is still detected.
   * @default 1 (one pack after another)
   */
  readonly concurrency?: number;
}

/**
 * Nomenclature: items (products, services) and their groups, in one flat list linked by
 * `Group`.
 *
 * @example
 * ```ts
 * const groups: BalanceItem[] = [];
 * for await (const row of balance.items.list()) if (row.IsGroup) groups.push(row);
 * const one = await balance.items.get('6f0c1c2e-1111-4a3b-9c0d-1234567890ab');
 * ```
 */
export interface ItemsResource {
  /**
   * Every row (groups and items), reading `GET Items?Pack=n&PackSize=s` from pack 1 until an
   * empty pack (`concurrency` packs at a time). Rows stream as packs arrive, in pack order.
   */
  list(options?: ItemsListOptions, call?: BalanceCallOptions): AsyncIterable<BalanceItem>;
  /** One pack (`Pack` from 1), for callers that fetch packs concurrently. */
  listPack(
    pack: number,
    options?: ItemsListOptions,
    call?: BalanceCallOptions,
  ): Promise<BalanceItem[]>;
  /** One item or group by uid (`GET Items?uid=`); `undefined` when Balance has none. */
  get(uid: string, call?: BalanceCallOptions): Promise<BalanceItem | undefined>;
}

/** Creates the Items resource. */
export function createItemsResource(context: ResourceContext): ItemsResource {
  const template = () => context.settings.templates.items;
  const listPack = async (pack: number, options?: ItemsListOptions, call?: BalanceCallOptions) => {
    const packSize = options?.packSize ?? context.settings.packSize.items;
    const response = await context.transport.read({
      method: 'GET',
      template: template(),
      query: [
        ['Pack', pack],
        ['PackSize', packSize],
      ],
      call,
    });
    return parseListResponse(response, itemSchema, {
      redactor: context.redactor,
      what: `${template()} pack ${pack}`,
    });
  };
  return {
    list: (options, call) =>
      iteratePacks((pack) => listPack(pack, options, call), {
        packSize: options?.packSize ?? context.settings.packSize.items,
        concurrency: options?.concurrency ?? 1,
      }),
    listPack,
    get: async (uid, call) => {
      const response = await context.transport.read({
        method: 'GET',
        template: template(),
        query: [['uid', uid]],
        call,
        acceptStatuses: [404],
      });
      if (response.status === 404) return undefined;
      const rows = parseListResponse(response, itemSchema, {
        redactor: context.redactor,
        what: `${template()}?uid`,
      });
      // A publication that ignores `uid` returns everything: pick the right row.
      return rows.find((row) => row.uid === uid);
    },
  };
}
