/**
 * Which publication a request URL addressed.
 *
 * - `cloud`: `/sm/<o|a>/Balance/<applicationId>[/<locale>]/hs/Exchange/<Template>`
 * - `onprem`: `/<basePath>/hs/Exchange/<Template>`
 *
 * @example
 * ```ts
 * const shape: ExchangeUrlShape = 'cloud';
 * ```
 */
export type ExchangeUrlShape = 'cloud' | 'onprem';

/**
 * A parsed Balance Exchange URL path.
 *
 * @example
 * ```ts
 * parseExchangePath('/sm/a/Balance/7596/hs/Exchange/Items', { applicationId: '7596', basePath: 'Balance_Exchange' });
 * // { shape: 'cloud', segment: 'a', template: 'Items', locale: undefined }
 * ```
 */
export interface ExchangeRoute {
  shape: ExchangeUrlShape;
  /** URL template as written in the path, e.g. `Items`, `SalesCredit`. */
  template: string;
  /** Cloud publication segment. */
  segment?: 'o' | 'a';
  /** Locale segment before `/hs/` (cloud), e.g. `en_US`. */
  locale?: string;
}

/**
 * Where the simulator is published.
 *
 * @example
 * ```ts
 * const publication: ExchangePublication = { applicationId: '7596', basePath: 'Balance_Exchange' };
 * ```
 */
export interface ExchangePublication {
  applicationId: string;
  basePath: string;
}

const CLOUD_PATH =
  /^\/sm\/([oa])\/Balance\/([^/]+)(?:\/([a-z]{2}_[A-Z]{2}))?\/hs\/Exchange\/([^/]+)\/?$/;

/**
 * Parses a request path into an {@link ExchangeRoute}, or `undefined` when the path is not a
 * Balance Exchange URL of this publication (wrong application id or base path included).
 *
 * @example
 * ```ts
 * parseExchangePath('/Balance_Exchange/hs/Exchange/Stocks', publication)?.template; // "Stocks"
 * parseExchangePath('/other/hs/Exchange/Stocks', publication); // undefined
 * ```
 */
export function parseExchangePath(
  pathname: string,
  publication: ExchangePublication,
): ExchangeRoute | undefined {
  const cloud = CLOUD_PATH.exec(pathname);
  if (cloud) {
    const [, segment, applicationId, locale, template] = cloud;
    if (applicationId !== publication.applicationId || !template) return undefined;
    return {
      shape: 'cloud',
      segment: segment === 'a' ? 'a' : 'o',
      template: safeDecode(template),
      ...(locale ? { locale } : {}),
    };
  }
  const prefix = `/${publication.basePath.replace(/^\/+|\/+$/g, '')}/hs/Exchange/`;
  const decodedPath = safeDecode(pathname);
  if (decodedPath.startsWith(prefix)) {
    const template = decodedPath.slice(prefix.length).replace(/\/$/, '');
    if (template && !template.includes('/')) return { shape: 'onprem', template };
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
