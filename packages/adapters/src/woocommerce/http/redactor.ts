/** Replacement text for anything secret. */
export const REDACTED = '[REDACTED]';

// Query parameters that carry credentials or signatures (WooCommerce echoes every incoming
// query parameter in its `Link` header, so they also show up in bodies and headers).
const SECRET_PARAMS = [
  'consumer_key',
  'consumer_secret',
  'oauth_consumer_key',
  'oauth_signature',
  'oauth_nonce',
  'oauth_token',
];
const SECRET_PARAM_IN_TEXT = new RegExp(
  `\\b(${SECRET_PARAMS.join('|')})(=|%3D)([^&\\s"'<>#,]*)`,
  'gi',
);
const CREDENTIAL_HEADER = /\b(Basic|Bearer|OAuth)\s+[A-Za-z0-9+/=._~%",-]+/gi;
const SENSITIVE_KEY = /secret|signature|password|token|authori[sz]ation|cookie|consumer_key/i;

/**
 * Removes secrets from URLs, text and values before they reach an error, an event or a log.
 * Created once per adapter with that adapter's credentials.
 */
export interface WooRedactor {
  /** The URL with credential and signature query parameters replaced. */
  url(url: string): string;
  /** Replaces known secrets, credential query parameters and `Authorization` values. */
  text(text: string): string;
  /** Deep copy with secret-looking keys replaced and every string passed through `text`. */
  value(value: unknown): unknown;
}

/** Builds a {@link WooRedactor} that knows the given secrets (empty strings are ignored). */
export function createWooRedactor(secrets: readonly string[]): WooRedactor {
  const known = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (input: string): string => {
    let output = input
      .replace(SECRET_PARAM_IN_TEXT, (_match, name: string, equals: string) => {
        return `${name}${equals}${REDACTED}`;
      })
      .replace(CREDENTIAL_HEADER, `$1 ${REDACTED}`);
    for (const secret of known) output = output.split(secret).join(REDACTED);
    return output;
  };
  const url = (input: string): string => {
    try {
      const parsed = new URL(input);
      parsed.username = '';
      parsed.password = '';
      return text(parsed.toString());
    } catch {
      return text(input);
    }
  };
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth > 20) return '[…]';
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const output: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) {
      output[key] = SENSITIVE_KEY.test(key) ? REDACTED : value(item, depth + 1);
    }
    return output;
  };
  return { url, text, value: (input) => value(input) };
}

/** Cuts `text` to at most `max` characters, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
