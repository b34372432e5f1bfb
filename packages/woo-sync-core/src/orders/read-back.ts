import { canonicalDecimal } from '@balance-sync/balance-client';
import { parseMoney } from '../money/parse-money.js';

/**
 * A Balance document as read back by uid (`sales.get`, `salesCredits.get`): only what the
 * export compares.
 *
 * @example
 * ```ts
 * const summary: ReadBackSummary = summarizeReadBack(await balance.sales.get(uid), 2);
 * ```
 */
export interface ReadBackSummary {
  /** Σ line `Amount` in minor units; `undefined` when a line amount is unreadable. */
  totalMinor: number | undefined;
  lineCount: number;
  /** Balance has the document marked for deletion (`DeletionMark`). */
  deleted: boolean;
}

/**
 * The shape of a read-back document this module needs (both read models fit, and so does a
 * payload the SDK built).
 *
 * @example
 * ```ts
 * const document: ReadBackDocument = (await balance.sales.get(uid)) ?? { Items: [] };
 * ```
 */
export interface ReadBackDocument {
  readonly Items: readonly object[];
  readonly [field: string]: unknown;
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * Sums a read-back document's line amounts exactly (decimal strings → minor units) and reads
 * its deletion mark. Numbers Balance sends as JSON numbers are read through their decimal
 * text; an amount with more decimals than `decimals` makes the total unknown rather than
 * rounded.
 *
 * @example
 * ```ts
 * summarizeReadBack({ Items: [{ Amount: '30.00' }, { Amount: '5.50' }] }, 2);
 * // { totalMinor: 3550, lineCount: 2, deleted: false }
 * ```
 */
export function summarizeReadBack(document: ReadBackDocument, decimals: number): ReadBackSummary {
  let total: number | undefined = 0;
  for (const line of document.Items) {
    const amount = (line as { Amount?: unknown }).Amount;
    const parsed =
      typeof amount === 'string' || typeof amount === 'number'
        ? parseMoney(String(amount), decimals)
        : undefined;
    if (!parsed?.ok || total === undefined) {
      total = undefined;
      continue;
    }
    total += parsed.minor;
  }
  return {
    totalMinor: total,
    lineCount: document.Items.length,
    deleted: isTrue(document.DeletionMark),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function decimal(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? (canonicalDecimal(value) ?? '?')
    : '?';
}

/**
 * What identifies a document's substance, in a form that reads the same whether it comes
 * from the payload the SDK built or from Balance's read-back: the client, the date, and per
 * line the item, quantity and amount (GUIDs lower-cased, decimals canonical).
 */
function substance(document: ReadBackDocument): string {
  return JSON.stringify([
    text(document.Client),
    text(document.Date),
    document.Items.map((line) => {
      const fields = line as Record<string, unknown>;
      return [text(fields.Item), decimal(fields.Quantity), decimal(fields.Amount)];
    }),
  ]);
}

/**
 * Whether Balance's copy of a document (read back by uid) is the document the SDK built:
 * not marked for deletion, same client and date, and line for line the same item, quantity
 * and amount. Used before re-sending a `sent` row: a match means the earlier PUT was applied
 * and its response lost, so nothing needs to be sent. Anything unreadable or different is
 * "no match", and the document is simply sent again (a PUT by uid rewrites it).
 *
 * @example
 * ```ts
 * const found = await balance.sales.get(sale.uid);
 * if (found && readBackMatches(found, sale.document)) await ledger.confirm(row);
 * ```
 */
export function readBackMatches(readBack: ReadBackDocument, payload: unknown): boolean {
  if (isTrue(readBack.DeletionMark)) return false;
  const built = payload as ReadBackDocument | null;
  if (!built || !Array.isArray(built.Items)) return false;
  return substance(readBack) === substance(built);
}
