/**
 * msw request handlers driven by the same core as the HTTP server.
 *
 * msw is an optional peer dependency: it is loaded here, lazily, the first time
 * `sim.handlers()` is called, so importing the simulator never requires it.
 *
 * Internal module.
 */
import { createRequire } from 'node:module';
import type { HttpHandler } from 'msw';

type MswModule = typeof import('msw');

let msw: MswModule | null = null;

function loadMsw(): MswModule {
  if (msw) return msw;
  const from = typeof __filename === 'string' ? __filename : import.meta.url;
  try {
    msw = createRequire(from)('msw') as MswModule;
  } catch (err) {
    throw new Error(
      'sim.handlers() needs the optional peer dependency "msw" (>= 2). Install it as a dev dependency.',
      { cause: err },
    );
  }
  return msw;
}

/**
 * One catch-all msw handler for requests whose URL starts with `origin()`. Requests for other
 * origins fall through to the next handler (or to msw's unhandled-request strategy).
 */
export function createMswHandlers(
  origin: () => string,
  handle: (request: Request) => Promise<Response>,
): HttpHandler[] {
  const { http } = loadMsw();
  return [
    http.all(
      ({ request }) => {
        const base = origin();
        return (
          request.url === base ||
          request.url.startsWith(`${base}/`) ||
          request.url.startsWith(`${base}?`)
        );
      },
      ({ request }) => handle(request),
    ),
  ];
}
