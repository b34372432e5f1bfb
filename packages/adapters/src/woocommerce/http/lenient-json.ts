/** A body parsed as JSON, possibly after skipping text that came before it. */
export type LenientJsonResult =
  | { readonly ok: true; readonly value: unknown; readonly leadingJunk: string }
  | { readonly ok: false };

const MAX_CANDIDATES = 50;

/**
 * Parses a response body as JSON, tolerating text printed before it (PHP notices and
 * deprecations that plugins echo before WooCommerce's JSON). The JSON is taken to start at the
 * first `{` or `[` from which the rest parses.
 *
 * @example
 * ```ts
 * parseLenientJson('<b>Notice</b>: Undefined index …\n{"id":1}');
 * // { ok: true, value: { id: 1 }, leadingJunk: '<b>Notice</b>: Undefined index …\n' }
 * ```
 */
export function parseLenientJson(text: string): LenientJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body), leadingJunk: '' };
  } catch {
    // Look for where the JSON starts.
  }
  let tried = 0;
  for (let index = 0; index < body.length && tried < MAX_CANDIDATES; index += 1) {
    const char = body[index];
    if (char !== '{' && char !== '[') continue;
    tried += 1;
    try {
      return { ok: true, value: JSON.parse(body.slice(index)), leadingJunk: body.slice(0, index) };
    } catch {
      // Not here; try the next bracket.
    }
  }
  return { ok: false };
}
