import type { MinorUnits } from '../money/minor-units.js';

/**
 * What earlier credit notes already took from one Sale part.
 *
 * @example
 * ```ts
 * const tea: CreditedAmount = { quantity: 1, amountMinor: 1500, spreadMinor: 0 };
 * ```
 */
export interface CreditedAmount {
  readonly quantity: number;
  /** Everything credited on the part. */
  readonly amountMinor: MinorUnits;
  /**
   * The share of `amountMinor` that came from spreading an amount-only refund over the Sale
   * (not asked for by a refund line). It counts towards the Sale total but does not block a
   * later return of the line itself.
   */
  readonly spreadMinor: MinorUnits;
}

/**
 * What one credit note takes from one Sale part (see {@link SalePart}).
 *
 * @example
 * ```ts
 * const part: CreditPart = { partKey: 'product:12', quantity: 1, amountMinor: 1500, spreadMinor: 0 };
 * ```
 */
export interface CreditPart extends CreditedAmount {
  /** {@link SalePart.key}. */
  readonly partKey: string;
}

/**
 * Everything already credited against one Sale, by Sale part, plus what went on the
 * configured amount-only item. JSON-friendly, so it can be stored; rebuild it with
 * {@link addCreditedTotals} from the earlier credit notes (refunds **and** return requests)
 * in the order they were exported.
 *
 * @example
 * ```ts
 * let credited = NO_CREDITS;
 * for (const earlier of earlierCredits) credited = addCreditedTotals(credited, earlier);
 * ```
 */
export interface CreditedTotals {
  readonly parts: Readonly<Record<string, CreditedAmount>>;
  /** Credited on `credits.amountOnly.item` (not tied to a Sale part). */
  readonly unallocatedMinor: MinorUnits;
  /**
   * Everything credited including VAT (the refund amounts). Equals the sum of the parts and
   * `unallocatedMinor` when the Sale's amounts include VAT; for a net Sale it lets an
   * amount-only refund be converted to net at the ratio of what is still uncredited.
   */
  readonly grossMinor: MinorUnits;
}

/**
 * Nothing credited yet.
 *
 * @example
 * ```ts
 * buildCreditNote({ order, refund, sale, credited: NO_CREDITS, config });
 * ```
 */
export const NO_CREDITS: CreditedTotals = Object.freeze({
  parts: Object.freeze({}),
  unallocatedMinor: 0,
  grossMinor: 0,
});

/**
 * Adds one credit note to the totals (pure; returns a new object).
 *
 * @example
 * ```ts
 * const first = buildCreditNote({ order, refund: refunds[0], sale, credited: NO_CREDITS, config });
 * if (first.ok) credited = addCreditedTotals(NO_CREDITS, first);
 * ```
 */
export function addCreditedTotals(
  totals: CreditedTotals,
  credit: {
    readonly parts: readonly CreditPart[];
    readonly unallocatedMinor: MinorUnits;
    readonly grossTotalMinor: MinorUnits;
  },
): CreditedTotals {
  const parts: Record<string, CreditedAmount> = { ...totals.parts };
  for (const part of credit.parts) {
    const previous = parts[part.partKey] ?? { quantity: 0, amountMinor: 0, spreadMinor: 0 };
    parts[part.partKey] = {
      quantity: previous.quantity + part.quantity,
      amountMinor: previous.amountMinor + part.amountMinor,
      spreadMinor: previous.spreadMinor + part.spreadMinor,
    };
  }
  return {
    parts,
    unallocatedMinor: totals.unallocatedMinor + credit.unallocatedMinor,
    grossMinor: totals.grossMinor + credit.grossTotalMinor,
  };
}

/**
 * The total already credited against the Sale (all parts plus the amount-only item).
 *
 * @example
 * ```ts
 * creditedTotalMinor(credited) <= sale.totalMinor; // always, when built by these builders
 * ```
 */
export function creditedTotalMinor(totals: CreditedTotals): MinorUnits {
  let total = totals.unallocatedMinor;
  for (const part of Object.values(totals.parts)) total += part.amountMinor;
  return total;
}
