import { canonicalDecimal } from '../decimal/canonical-decimal.js';

type ReviverContext = { source?: string } | undefined;

/**
 * Where a number literal may start in JSON (the start, or after `[`, `:` or `,` and
 * whitespace) followed by one the reviver has to look at: 16 characters or more, or with an
 * exponent (which may overflow to `Infinity`). Matches inside strings only cost the slow
 * path; a literal that needs the reviver is never missed.
 */
const NUMBER_NEEDING_REVIVER = /(?:^|[[:,])[\t\n\r ]*(?:[-\d][\d.eE+-]{15}|-?\d[\d.+-]*[eE])/;

/**
 * `JSON.parse` that never loses digits: a number whose source text a JavaScript number
 * cannot represent exactly (more than ~15 significant digits, e.g. `0.10000000000000000555`)
 * is kept as its source string, which the decimal schemas then read exactly. Other numbers
 * stay numbers. Uses the reviver `context.source` of Node 22, and only when the text has such
 * a literal at all (a reviver makes `JSON.parse` several times slower).
 *
 * @example
 * ```ts
 * parseJsonPreservingDecimals('{"a":12.50,"b":0.1000000000000000055511151231257827}');
 * // { a: 12.5, b: '0.1000000000000000055511151231257827' }
 * ```
 */
export function parseJsonPreservingDecimals(text: string): unknown {
  if (!NUMBER_NEEDING_REVIVER.test(text)) return JSON.parse(text);
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
