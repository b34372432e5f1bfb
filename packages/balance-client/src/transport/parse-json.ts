import { canonicalDecimal } from '../decimal/canonical-decimal.js';

type ReviverContext = { source?: string } | undefined;

/**
 * `JSON.parse` that never loses digits: a number whose source text a JavaScript number
 * cannot represent exactly (more than ~15 significant digits, e.g. `0.10000000000000000555`)
 * is kept as its source string, which the decimal schemas then read exactly. Other numbers
 * stay numbers. Uses the reviver `context.source` of Node 22.
 */
export function parseJsonPreservingDecimals(text: string): unknown {
  return JSON.parse(text, function (
    this: unknown,
    _key: string,
    value: unknown,
    context?: ReviverContext,
  ) {
    if (typeof value !== 'number' || context?.source === undefined) return value;
    const source = context.source;
    // Up to 15 characters means at most 15 significant digits: a double holds those exactly.
    if (source.length <= 15 && Number.isFinite(value)) return value;
    return canonicalDecimal(source) === canonicalDecimal(value) ? value : source;
  } as (this: unknown, key: string, value: unknown) => unknown);
}
