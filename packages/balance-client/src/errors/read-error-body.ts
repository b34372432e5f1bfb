import { truncate } from '../redaction/redactor.js';

/** What could be read from an error response body. */
export interface ErrorBodyContent {
  /** Messages from `{"Error": [...]}` (or `error`, `Errors`, `message`); empty if none. */
  readonly messages: string[];
  /** Readable text of the body: messages joined, or the body with HTML stripped. */
  readonly excerpt: string;
}

const MESSAGE_KEYS = ['Error', 'error', 'Errors', 'errors', 'Message', 'message'];
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Reads the body of a failed response: Balance's `{"Error": ["…"]}`, other JSON, an HTML page
 * from a gateway or 1C's own error page, raw (often Russian) 1C text, or nothing.
 */
export function readErrorBody(text: string, maxExcerpt = 500): ErrorBodyContent {
  const trimmed = text.trim();
  if (trimmed === '') return { messages: [], excerpt: '' };
  const json = tryParseJson(trimmed);
  if (json !== undefined) {
    const messages = messagesOf(json);
    const excerpt = messages.length > 0 ? messages.join('; ') : trimmed;
    return { messages, excerpt: truncate(collapse(excerpt), maxExcerpt) };
  }
  const readable = /<[a-z!/][^>]*>/i.test(trimmed) ? stripHtml(trimmed) : trimmed;
  return { messages: [], excerpt: truncate(collapse(readable), maxExcerpt) };
}

function tryParseJson(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[') && !text.startsWith('"')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messagesOf(json: unknown): string[] {
  if (typeof json === 'string') return [json];
  if (Array.isArray(json)) return json.flatMap(messagesOf);
  if (json === null || typeof json !== 'object') return [];
  for (const key of MESSAGE_KEYS) {
    const value = (json as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
    if (Array.isArray(value)) {
      return value
        .map((item) =>
          typeof item === 'string'
            ? item
            : item !== null && typeof item === 'object'
              ? (messagesOf(item)[0] ?? JSON.stringify(item))
              : String(item),
        )
        .map((item) => item.trim())
        .filter((item) => item !== '');
    }
    if (typeof value === 'object') return messagesOf(value);
  }
  return [];
}

/** Text content of an HTML page: scripts, styles and comments removed, entities decoded. */
export function stripHtml(html: string): string {
  const withoutNoise = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, (match, tag: string) =>
      // Keep the page title: gateways often put the only useful words there.
      tag.toLowerCase() === 'head'
        ? ` ${/<title[^>]*>([\s\S]*?)<\/title>/i.exec(match)?.[1] ?? ''} `
        : ' ',
    )
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr)>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return collapse(decodeEntities(withoutNoise));
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) {
      return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? entity;
    }
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? entity;
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
