import { rfc3986 } from '../http/query-string.js';

/**
 * Splits values for a comma-list query parameter (`sku=a,b`, `include=1,2`) into chunks whose
 * encoded list fits `budget` characters and holds at most `maxCount` values. A value that
 * contains a comma goes alone (WooCommerce splits lists on commas but also tries the whole
 * string as one value).
 */
export function chunkByUrlLength(
  values: readonly string[],
  budget: number,
  maxCount: number,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const value of values) {
    const encoded = rfc3986(value).length;
    if (value.includes(',')) {
      chunks.push([value]);
      continue;
    }
    const added = current.length === 0 ? encoded : encoded + 3; // `%2C`
    if (current.length > 0 && (length + added > budget || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(value);
    length += current.length === 1 ? encoded : added;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
