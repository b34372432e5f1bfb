/**
 * Parses a `Retry-After` header: delay seconds (`"120"`) or an HTTP date. Returns milliseconds
 * to wait (never negative), or `undefined` when the header is missing or unreadable.
 *
 * @param nowMs - Current time, for the HTTP-date form.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (header == null) return undefined;
  const text = header.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
