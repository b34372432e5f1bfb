import type { MinorUnits } from '../money/minor-units.js';
import type { SaleBuild, SalePart } from './build-sale.js';

/*
 * Internal: units of a Sale part are numbered 0 … quantity − 1 in the order the Sale
 * expressed them (the `q − r` units at the base price first, then the `r` units one minor
 * unit dearer, as `split-line` writes them). Returns take units in that order, so a part's
 * returns line up with its Sale lines and add up to its amount.
 */

/** The Sale value of units `[from, to)` of a part. */
export function unitsValue(part: SalePart, from: number, to: number): MinorUnits {
  const base = Math.floor(part.amountMinor / part.quantity);
  const remainder = part.amountMinor - base * part.quantity;
  const cumulative = (units: number) =>
    units * base + Math.max(0, units - (part.quantity - remainder));
  return cumulative(to) - cumulative(from);
}

/** A run of returned units that sits on one Sale line. */
export interface SaleLineSegment {
  /** Index of the Sale line (`document.Items`). */
  readonly lineIndex: number;
  readonly quantity: number;
  /** The Sale value of these units. */
  readonly valueMinor: MinorUnits;
}

/**
 * Units `[from, from + units)` of a part, cut where its Sale lines meet (a `split-line` part
 * has two lines). Units beyond the part's lines (never, when quantities were checked) stay
 * on its last line.
 */
export function saleLineSegments(
  sale: SaleBuild,
  part: SalePart,
  from: number,
  units: number,
): SaleLineSegment[] {
  const segments: SaleLineSegment[] = [];
  const to = from + units;
  let start = 0;
  let covered = from;
  for (const lineIndex of part.lineIndexes) {
    const end = start + Number(sale.document.Items[lineIndex]?.Quantity ?? 0);
    const overlapFrom = Math.max(from, start);
    const overlapTo = Math.min(to, end);
    if (overlapTo > overlapFrom) {
      segments.push({
        lineIndex,
        quantity: overlapTo - overlapFrom,
        valueMinor: unitsValue(part, overlapFrom, overlapTo),
      });
      covered = overlapTo;
    }
    start = end;
  }
  const last = part.lineIndexes.at(-1);
  if (covered < to && last !== undefined) {
    segments.push({ lineIndex: last, quantity: to - covered, valueMinor: 0 });
  }
  return segments;
}

/** The Sale line that stands for a part (the one with the most units; the first on a tie). */
export function representativeLine(sale: SaleBuild, part: SalePart): number | undefined {
  let best: number | undefined;
  let bestQuantity = -1;
  for (const lineIndex of part.lineIndexes) {
    const quantity = Number(sale.document.Items[lineIndex]?.Quantity ?? 0);
    if (quantity > bestQuantity) {
      best = lineIndex;
      bestQuantity = quantity;
    }
  }
  return best;
}
