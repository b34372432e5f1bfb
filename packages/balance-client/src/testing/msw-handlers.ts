import { type HttpHandler, HttpResponse, http } from 'msw';
import type { ExchangeRequestHandler } from './exchange-request-handler.js';

/**
 * Where the msw handlers intercept requests.
 *
 * @example
 * ```ts
 * sim.handlers({ origin: 'http://10.0.0.5:8081' });
 * ```
 */
export interface MswHandlerOptions {
  /** On-prem origin (scheme, host, port) served with the on-prem URL shape. Default `http://balance.local:8081`. */
  origin?: string;
  /** Cloud origin served with the cloud URL shape. Default `https://cloud.balance.ge`. */
  cloudOrigin?: string;
}

/**
 * Default on-prem origin of the msw handlers.
 *
 * @example
 * ```ts
 * fetch(`${DEFAULT_MSW_ONPREM_ORIGIN}/Balance_Exchange/hs/Exchange/Items`);
 * ```
 */
export const DEFAULT_MSW_ONPREM_ORIGIN = 'http://balance.local:8081';
/**
 * The Balance cloud origin.
 *
 * @example
 * ```ts
 * fetch(`${BALANCE_CLOUD_ORIGIN}/sm/o/Balance/7596/hs/Exchange/Items`);
 * ```
 */
export const BALANCE_CLOUD_ORIGIN = 'https://cloud.balance.ge';

/**
 * msw handlers backed by the same core as the HTTP server. Network-error outcomes (downtime
 * with connection reset, dropped response after a write) become `HttpResponse.error()`.
 *
 * @example
 * ```ts
 * const server = setupServer(...createMswHandlers(handle, {}));
 * ```
 */
export function createMswHandlers(
  handle: ExchangeRequestHandler,
  options: MswHandlerOptions,
): HttpHandler[] {
  const cloudOrigin = trimOrigin(options.cloudOrigin ?? BALANCE_CLOUD_ORIGIN);
  const onPremOrigin = trimOrigin(options.origin ?? DEFAULT_MSW_ONPREM_ORIGIN);
  const resolverFor =
    (shape: 'cloud' | 'onprem') =>
    async ({ request }: { request: Request }) => {
      const outcome = await handle(request, [shape]);
      return outcome.type === 'network-error' ? HttpResponse.error() : outcome.response;
    };
  return [
    http.all(`${cloudOrigin}/*`, resolverFor('cloud')),
    http.all(`${onPremOrigin}/*`, resolverFor('onprem')),
  ];
}

function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}
