/**
 * A real HTTP server (node:http) in front of the request-handling core. A `Response.error()`
 * from the core destroys the socket (no status line, no body), as a proxy cutting a
 * connection would.
 *
 * Internal module.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running HTTP server. */
export interface HttpServerHandle {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function respond(
  res: ServerResponse,
  req: IncomingMessage,
  response: Response,
): Promise<void> {
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body !== null) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}

/** Starts a server on 127.0.0.1 (random port unless given) that feeds requests to `handle`. */
export async function startHttpServer(
  handle: (request: Request, setOrigin: string) => Promise<Response>,
  port = 0,
): Promise<HttpServerHandle> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const method = (req.method ?? 'GET').toUpperCase();
        const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
        const headers = new Headers();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value === undefined) continue;
          if (Array.isArray(value)) for (const v of value) headers.append(key, v);
          else headers.set(key, value);
        }
        const request = new Request(`${origin}${req.url ?? '/'}`, {
          method,
          headers,
          body: body && body.length > 0 ? new Uint8Array(body) : undefined,
        });
        const response = await handle(request, origin);
        await respond(res, req, response);
      } catch (err) {
        console.error('[woocommerce-simulator] HTTP server error', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal simulator error');
      }
    })();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
