import type { SaleBuild } from './build-sale.js';
import type { SaleLineUids } from './credit-note-build.js';

/**
 * The uids Balance gave the Sale's lines, read back with `balance.sales.get(uid)`, by
 * position. Balance's line order is the order they were sent in; when it returns another
 * number of lines than were sent nothing is paired (`[]`), and every credit line then
 * references the Sale uid instead.
 *
 * @example
 * ```ts
 * const readBack = await balance.sales.get(sale.uid);
 * const saleLineUids = readBack ? saleLineUidsFromReadBack(sale, readBack) : [];
 * ```
 */
export function saleLineUidsFromReadBack(
  sale: SaleBuild,
  readBack: { readonly Items: readonly { readonly uid?: string | undefined }[] },
): SaleLineUids {
  if (readBack.Items.length !== sale.document.Items.length) return [];
  return readBack.Items.map((line) => line.uid?.trim() || undefined);
}
