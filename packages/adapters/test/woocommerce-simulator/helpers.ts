import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ApiKey,
  createWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from '@balance-sync/adapters/woocommerce/testing';

/** Starts a simulator for a test; remember to `stop()` it. */
export async function startSim(
  options: WooCommerceSimulatorOptions = {},
): Promise<WooCommerceSimulator> {
  const sim = createWooCommerceSimulator(options);
  await sim.start();
  return sim;
}

/** Basic auth header for a key. */
export function basic(key: ApiKey): string {
  return `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`;
}

/** A plain `fetch` against the REST base with the default key. */
export async function api(
  sim: WooCommerceSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary WooCommerce JSON shapes.
): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const res = await fetch(`${sim.restUrl}${path}`, {
    method,
    headers: {
      Authorization: basic(sim.keys.default),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary WooCommerce JSON shapes.
  let json: any = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A received webhook call. */
export interface ReceivedCall {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP receiver for webhook deliveries; `status` decides the answer. */
export async function startReceiver(status: (call: ReceivedCall) => number = () => 200): Promise<{
  url: string;
  calls: ReceivedCall[];
  close(): Promise<void>;
}> {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      calls.push(call);
      res.writeHead(status(call), { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
