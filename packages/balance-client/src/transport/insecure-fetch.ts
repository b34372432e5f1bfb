import { Agent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { BalanceFetch } from './fetch-like.js';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A minimal `fetch` over `node:https` that does NOT verify TLS certificates, used by the
 * `dangerouslyDisableTlsVerification` option. Node's global fetch cannot be told to skip
 * verification without undici's `Agent`, which Node bundles but does not export; this
 * avoids both a new dependency and reaching into Node internals. Plain `http:` URLs go
 * to the global fetch. It does not follow redirects and does not decompress (it sends no
 * `Accept-Encoding`), which is all the Balance web service needs.
 *
 * Anyone on the network path can read and change the traffic, including the Basic
 * credentials: use only against a server you trust on a network you trust.
 */
export function createInsecureFetch(): BalanceFetch {
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  return async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith('https:')) return fetch(request);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(
        request.url,
        { method: request.method, headers: Object.fromEntries(request.headers), agent },
        (incoming) => {
          const headers = new Headers();
          for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
            headers.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
          }
          const status = incoming.statusCode ?? 502;
          const hasBody = !NULL_BODY_STATUSES.has(status) && request.method !== 'HEAD';
          if (!hasBody) incoming.resume();
          resolve(
            new Response(
              hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : null,
              {
                status,
                statusText: incoming.statusMessage ?? '',
                headers,
              },
            ),
          );
        },
      );
      const onAbort = () => {
        outgoing.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      outgoing.on('close', () => signal.removeEventListener('abort', onAbort));
      // Same shape as undici's failures, so callers classify it as a network error.
      outgoing.on('error', (error) => {
        if (!signal.aborted) reject(new TypeError('fetch failed', { cause: error }));
      });
      outgoing.end(body);
    });
  };
}
