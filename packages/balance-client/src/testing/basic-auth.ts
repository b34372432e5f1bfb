/**
 * The username and password a test's client should send with Basic auth.
 *
 * @example
 * ```ts
 * const credentials: BalanceCredentials = { username: 'woo-sync', password: 'secret' };
 * ```
 */
export interface BalanceCredentials {
  username: string;
  password: string;
}

/**
 * Reads an `Authorization: Basic …` header. Returns `undefined` when the header is absent
 * or not Basic.
 *
 * @example
 * ```ts
 * parseBasicAuthorization('Basic ' + btoa('user:pass')); // { username: 'user', password: 'pass' }
 * ```
 */
export function parseBasicAuthorization(header: string | null): BalanceCredentials | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
