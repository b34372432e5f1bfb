/**
 * Small ports of the PHP / WordPress helpers whose exact behaviour leaks into WooCommerce
 * responses: `json_encode`, `parse_str`, `build_query`, `wc_clean`, `sanitize_title`,
 * `wpautop`, `wc_format_decimal`, `wc_string_to_bool` and PHP's loose casts.
 *
 * Internal module: nothing here is part of the public API.
 */
import { createHash } from 'node:crypto';

/** A value parsed from a PHP query string: a string or a nested array/map of them. */
export type PhpQueryValue = string | PhpQueryMap;
/** A nested map parsed from `a[b][]=…` style keys. */
export interface PhpQueryMap {
  [key: string]: PhpQueryValue;
}

/**
 * Encodes like `wp_json_encode()` with default flags: slashes are escaped as `\/` and every
 * non-ASCII character becomes a `\uXXXX` escape (surrogate pairs as two escapes).
 */
export function phpJsonEncode(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  // One pass copying runs of plain characters (a replace callback per character is slow on
  // Georgian text).
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i += 1) {
    const code = json.charCodeAt(i);
    if (code !== 0x2f && code < 0x80) continue;
    out += json.slice(from, i) + (code === 0x2f ? '\\/' : unicodeEscape(code));
    from = i + 1;
  }
  return from === 0 ? json : out + json.slice(from);
}

const unicodeEscapes = new Map<number, string>();

function unicodeEscape(code: number): string {
  let escaped = unicodeEscapes.get(code);
  if (escaped === undefined) {
    escaped = `\\u${code.toString(16).padStart(4, '0')}`;
    unicodeEscapes.set(code, escaped);
  }
  return escaped;
}

/** PHP `urldecode`: `+` is a space, `%XX` octets are decoded (invalid ones kept). */
export function phpUrlDecode(value: string): string {
  const plus = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/** PHP `rawurlencode` (RFC 3986): everything but `A-Za-z0-9-_.~` is percent-encoded. */
export function rawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * PHP `parse_str`: decodes `a=1&b[]=2&c[x]=3` into nested maps. Lists keep numeric string
 * keys (`{"0": "2"}`), as PHP arrays do; {@link phpListValues} turns them into arrays.
 */
export function parsePhpQuery(query: string): PhpQueryMap {
  const out: PhpQueryMap = {};
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (q === '') return out;
  for (const pair of q.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = phpUrlDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : phpUrlDecode(pair.slice(eq + 1));
    assignPhpKey(out, rawKey, value);
  }
  return out;
}

function assignPhpKey(target: PhpQueryMap, rawKey: string, value: string): void {
  const open = rawKey.indexOf('[');
  let base = open > 0 ? rawKey.slice(0, open) : rawKey;
  base = base.replace(/[ .]/g, '_');
  if (base === '') return;
  const path: string[] = [base];
  if (open > 0) {
    const rest = rawKey.slice(open);
    const re = /\[([^\]]*)\]/g;
    let consumed = 0;
    for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
      if (m.index !== consumed) break;
      path.push(m[1] ?? '');
      consumed = m.index + m[0].length;
    }
  }
  let node: PhpQueryMap = target;
  for (let i = 0; i < path.length; i++) {
    let key = path[i] ?? '';
    const last = i === path.length - 1;
    if (key === '') key = String(nextIndex(node));
    if (last) {
      node[key] = value;
    } else {
      const existing = node[key];
      if (existing === undefined || typeof existing === 'string') {
        const child: PhpQueryMap = {};
        node[key] = child;
        node = child;
      } else {
        node = existing;
      }
    }
  }
}

function nextIndex(map: PhpQueryMap): number {
  let max = -1;
  for (const k of Object.keys(map)) {
    if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
  }
  return max + 1;
}

/** Turns a PHP list map (`{"0": "a", "1": "b"}`) or a plain value into an array of values. */
export function phpListValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [value];
}

/**
 * WordPress `build_query` / `add_query_arg` output: keys are bracket-encoded for nested
 * arrays, values are **not** URL-encoded (as `add_query_arg` leaves them).
 */
export function phpBuildQuery(params: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value === null || value === undefined || value === false) return;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        walk(`${prefix}%5B${k}%5D`, v);
      }
      return;
    }
    parts.push(`${prefix}=${value === true ? '1' : String(value)}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return parts.join('&');
}

/** `sanitize_text_field` / `wc_clean` for a string. */
export function wcClean(value: unknown): string {
  let s = phpToString(value);
  if (s.includes('<')) s = s.replace(/<[^>]*>?/g, '');
  s = s.replace(/[\r\n\t ]+/g, ' ');
  let found = false;
  while (/%[a-f0-9]{2}/i.test(s)) {
    s = s.replace(/%[a-f0-9]{2}/i, '');
    found = true;
  }
  if (found) s = s.replace(/ +/g, ' ');
  return s.trim();
}

/** A light `wp_filter_post_kses`: drops `<script>`/`<style>` blocks and event handlers. */
export function ksesPost(value: unknown): string {
  return phpToString(value)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

/** PHP string cast of a scalar (`true` → `"1"`, `false`/`null` → `""`). */
export function phpToString(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'number') return phpFloatToString(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return 'Array';
  return '';
}

/** `strval()` of a PHP number (integers without a fraction, floats with up to 14 digits). */
export function phpFloatToString(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(14)));
}

/** PHP `(int)` cast. */
export function phpToInt(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const m = /^\s*[+-]?\d+/.exec(value);
    return m ? Number.parseInt(m[0], 10) : 0;
  }
  return 0;
}

/** PHP `(float)` cast. */
export function phpToFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(value);
    return m ? Number.parseFloat(m[0]) : 0;
  }
  return 0;
}

/** PHP `empty()`. */
export function phpEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (value === 0 || value === '' || value === '0') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** PHP `is_numeric()`. */
export function phpIsNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value);
}

/** `wc_string_to_bool`: `true`, `"yes"`, `"true"`, `"1"` and `1` are true. */
export function wcStringToBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1) return true;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    return v === 'yes' || v === 'true' || v === '1';
  }
  return false;
}

/** `rest_sanitize_boolean`. */
export function restSanitizeBoolean(value: unknown): boolean {
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'false' || v === '0' || v === '') return false;
    return true;
  }
  return Boolean(value);
}

/**
 * `wc_format_decimal($number)` without a `dp`: strips everything but digits, one dot and
 * minus signs; never rounds or pads. Floats are printed with 6 decimals and trimmed.
 */
export function wcFormatDecimal(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    const fixed = value.toFixed(6);
    return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  }
  const s = wcClean(phpToString(value));
  return s.replace(/\.(?![^.]+$)|[^0-9.-]/g, '');
}

/** `remove_accents` for the Latin range (enough for slugs). */
function removeAccents(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * `sanitize_title` (with `sanitize_title_with_dashes`, save context): lower case, accents
 * removed, other non-ASCII characters percent-encoded as WordPress does, spaces to dashes.
 */
export function sanitizeTitle(value: string): string {
  let title = removeAccents(value.replace(/<[^>]*>/g, ''));
  title = title.replace(/%([a-fA-F0-9][a-fA-F0-9])/g, '---$1---');
  title = title.replace(/%/g, '');
  title = title.replace(/---([a-fA-F0-9][a-fA-F0-9])---/g, '%$1');
  title = title.toLowerCase();
  let encoded = '';
  for (const ch of title) {
    if (ch.charCodeAt(0) < 0x80) {
      encoded += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) encoded += `%${byte.toString(16)}`;
    }
    if (encoded.length >= 200) break;
  }
  title = encoded.toLowerCase();
  title = title.replace(/&nbsp;|&#160;|&ndash;|&#8211;|&mdash;|&#8212;/g, '-');
  title = title.replace(/&.+?;/g, '');
  title = title.replace(/\./g, '-');
  title = title.replace(/[^%a-z0-9 _-]/g, '');
  title = title.replace(/\s+/g, '-');
  title = title.replace(/-+/g, '-');
  return title.replace(/^-+|-+$/g, '');
}

/** An approximation of `wpautop`: paragraphs in `<p>`, single newlines as `<br />`. */
export function wpautop(text: string): string {
  if (text.trim() === '') return '';
  const normalized = text.replace(/\r\n?/g, '\n');
  const paragraphs = normalized
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>\n`).join('');
}

/** `wp_specialchars_decode($s, ENT_QUOTES)`. */
export function specialCharsDecode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x0*27;/gi, "'")
    .replace(/&amp;/g, '&');
}

/** Hex MD5 of a string. */
export function md5(value: string): string {
  return createHash('md5').update(value).digest('hex');
}
