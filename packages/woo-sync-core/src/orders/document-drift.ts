import { canonicalPayloadJson } from '../identity/payload-hash.js';
import { formatMoney } from '../money/format-money.js';

/**
 * What a drift summary compares: the exported row and the document as built now.
 *
 * @example
 * ```ts
 * const sides: DriftSides = { exportedPayload, exportedTotalMinor: 4250, currentPayload, currentTotalMinor: 4500, decimals: 2 };
 * ```
 */
export interface DriftSides {
  readonly exportedPayload: unknown;
  readonly exportedTotalMinor: number;
  readonly currentPayload: unknown;
  readonly currentTotalMinor: number;
  readonly decimals: number;
}

function lineCount(payload: unknown): number | undefined {
  const items = (payload as { Items?: unknown } | null)?.Items;
  return Array.isArray(items) ? items.length : undefined;
}

function fields(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)
    : {};
}

/**
 * A one-line description of how a document built now differs from the one exported, for the
 * ledger's `drift.summary`, the `drift` event and the reconciliation report: the total (to
 * the tetri), the number of lines, then the names of the other fields that differ.
 *
 * @example
 * ```ts
 * describeDrift({ exportedPayload, exportedTotalMinor: 4250, currentPayload, currentTotalMinor: 4500, decimals: 2 });
 * // 'total 42.50 → 45.00; lines 2 → 3'
 * ```
 */
export function describeDrift(sides: DriftSides): string {
  const parts: string[] = [];
  if (sides.exportedTotalMinor !== sides.currentTotalMinor) {
    parts.push(
      `total ${formatMoney(sides.exportedTotalMinor, sides.decimals)} → ${formatMoney(sides.currentTotalMinor, sides.decimals)}`,
    );
  }
  const before = lineCount(sides.exportedPayload);
  const after = lineCount(sides.currentPayload);
  if (before !== after) parts.push(`lines ${before ?? 0} → ${after ?? 0}`);
  const exported = fields(sides.exportedPayload);
  const current = fields(sides.currentPayload);
  const changed = [...new Set([...Object.keys(exported), ...Object.keys(current)])]
    .filter((name) => {
      const a = exported[name];
      const b = current[name];
      if (a === undefined || b === undefined) return a !== b;
      return canonicalPayloadJson(a) !== canonicalPayloadJson(b);
    })
    .sort();
  if (changed.length > 0) parts.push(`changed: ${changed.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'the payload differs';
}
