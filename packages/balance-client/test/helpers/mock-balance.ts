import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type BalanceClient,
  type BalanceClientOptions,
  createBalanceClient,
} from '../../src/index.js';

export const USERNAME = 'exchange-user';
export const PASSWORD = 'S3cr3t-Pa55!';
export const BASIC = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
export const APPLICATION_ID = '7596';
export const EXCHANGE_UID = 'b067980d-7eb5-11ec-80d2-000c29409daa';
export const CLOUD = `https://cloud.balance.ge/sm/o/Balance/${APPLICATION_ID}/hs/Exchange`;
export const CLOUD_A = `https://cloud.balance.ge/sm/a/Balance/${APPLICATION_ID}/hs/Exchange`;
export const ONPREM = 'http://10.0.0.5:8081/Balance_Exchange/hs/Exchange';

/** One request as Balance saw it. */
export interface LoggedRequest {
  method: string;
  url: string;
  accept: string | null;
  contentType: string | null;
  authorization: string | null;
  body: unknown;
}

/**
 * An msw server that errors on any unhandled request and records every request (method,
 * URL with query, the headers that matter, parsed body) in order.
 */
export function useMockBalance() {
  const server = setupServer();
  const pending: Promise<LoggedRequest>[] = [];
  const unhandled: string[] = [];
  beforeAll(() => {
    // msw 3 names this option `onUnhandledFrame` (msw 2: `onUnhandledRequest`).
    server.listen({ onUnhandledFrame: 'error' });
    server.events.on('request:unhandled', ({ request }) => {
      unhandled.push(`${request.method} ${request.url}`);
    });
    server.events.on('request:start', ({ request }) => {
      const copy = request.clone();
      pending.push(
        copy.text().then((text) => ({
          method: request.method,
          url: request.url,
          accept: request.headers.get('accept'),
          contentType: request.headers.get('content-type'),
          authorization: request.headers.get('authorization'),
          body: text === '' ? undefined : JSON.parse(text),
        })),
      );
    });
  });
  afterEach(() => {
    server.resetHandlers();
    pending.length = 0;
    const surprises = unhandled.splice(0);
    if (surprises.length > 0) throw new Error(`Unhandled requests: ${surprises.join(', ')}`);
  });
  afterAll(() => server.close());
  return {
    server,
    /** Every request so far, in order. */
    log: () => Promise.all(pending),
    /** Requests no handler matched (the test fails after it anyway). */
    unhandled: () => [...unhandled],
    /** `METHOD url` of every request so far. */
    lines: async () => (await Promise.all(pending)).map((entry) => `${entry.method} ${entry.url}`),
  };
}

/** Records the delays the client slept, without sleeping. */
export function fakeRuntime() {
  const delays: number[] = [];
  let id = 0;
  return {
    delays,
    runtime: {
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      random: () => 0.5,
      now: () => Date.parse('2025-03-01T12:00:00Z'),
      requestId: () => `req-${++id}`,
    },
  };
}

/** A cloud client with fast, deterministic retries. */
export function createTestClient(overrides: Partial<BalanceClientOptions> = {}): {
  client: BalanceClient;
  delays: number[];
} {
  const { delays, runtime } = fakeRuntime();
  const client = createBalanceClient({
    connection: { mode: 'cloud', applicationId: APPLICATION_ID },
    username: USERNAME,
    password: PASSWORD,
    exchangeUid: EXCHANGE_UID,
    runtime,
    ...overrides,
  });
  return { client, delays };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const rows: T[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}
