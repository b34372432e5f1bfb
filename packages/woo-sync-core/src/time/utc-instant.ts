/*
 * UTC instants as the text the stores and the SyncStore use: ISO 8601 with a `Z` and whole
 * seconds (WooCommerce's `_gmt` fields, mapping and journal timestamps, cursors).
 */

/**
 * An instant as ISO 8601 UTC with a `Z` and whole seconds (the form WooCommerce's `_gmt`
 * fields round-trip).
 *
 * @example
 * ```ts
 * toUtcIso(Date.UTC(2026, 0, 1)); // "2026-01-01T00:00:00Z"
 * ```
 */
export function toUtcIso(epochMs: number): string {
  // Journals and mappings stamp thousands of rows within the same second.
  const second = Math.floor(epochMs / 1000);
  if (second !== lastIsoSecond) {
    lastIsoText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastIsoSecond = second;
  }
  return lastIsoText;
}

let lastIsoSecond = Number.NaN;
let lastIsoText = '';

/**
 * Milliseconds since the epoch of an ISO instant (`Z` assumed when no zone is given, as
 * WooCommerce `_gmt` strings come without one), or `undefined`.
 *
 * @example
 * ```ts
 * utcToEpoch('2026-01-01T00:00:00Z'); // 1767225600000
 * ```
 */
export function utcToEpoch(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}
