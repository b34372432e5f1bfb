import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExchangeRequestHandler } from './exchange-request-handler.js';

/**
 * A `node:http` server in front of the request-handling core.
 *
 * @example
 * ```ts
 * const server = createSimulatorHttpServer(handle);
 * const origin = await server.start(0); // "http://127.0.0.1:54321"
 * await server.stop();
 * ```
 */
export interface SimulatorHttpServer {
  /** Listens on 127.0.0.1 (port 0 = a random free port); resolves with the origin. */
  start(port: number): Promise<string>;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
  /** The origin while listening. */
  readonly origin: string | undefined;
}

/**
 * Serves an {@link ExchangeRequestHandler} over real HTTP. A network-error outcome destroys
 * the socket without an answer (the client sees a reset / "other side closed").
 *
 * @example
 * ```ts
 * const server = createSimulatorHttpServer(handle);
 * await server.start(0);
 * ```
 */
export function createSimulatorHttpServer(handle: ExchangeRequestHandler): SimulatorHttpServer {
  let server: Server | undefined;
  let origin: string | undefined;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res, handle).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ Error: [`Simulator failure: ${String(error)}`] }));
    });
  };

  return {
    get origin() {
      return origin;
    },
    async start(port) {
      if (origin) return origin;
      const created = createServer(onRequest);
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, '127.0.0.1', () => {
          created.off('error', reject);
          resolve();
        });
      });
      server = created;
      origin = `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
      return origin;
    },
    async stop() {
      const running = server;
      server = undefined;
      origin = undefined;
      if (!running) return;
      const closed = new Promise<void>((resolve) => running.close(() => resolve()));
      running.closeAllConnections();
      await closed;
    },
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handle: ExchangeRequestHandler,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const single of Array.isArray(value) ? value : [value]) headers.append(name, single);
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const outcome = await handle(request);
  if (outcome.type === 'network-error') {
    req.socket.destroy();
    return;
  }
  const { response } = outcome;
  const payload = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.setHeader('content-length', payload.length);
  res.end(payload);
}
