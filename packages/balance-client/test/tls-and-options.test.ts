import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BalanceClientOptions,
  BalanceConfigurationError,
  BalanceNetworkError,
  createBalanceClient,
} from '../src/index.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './fixtures/self-signed-certificate.js';
import { BASIC, PASSWORD, USERNAME } from './helpers/mock-balance.js';

// A real HTTPS server with a self-signed certificate (no msw in this file).
let server: Server;
let baseUrl: string;
const seen: Array<{
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}> = [];

beforeAll(async () => {
  server = createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(
        request.method === 'PUT' ? body : JSON.stringify([{ uid: 'w-1', Name: 'მთავარი' }]),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const base = (): BalanceClientOptions => ({
  connection: { mode: 'onprem', baseUrl },
  username: USERNAME,
  password: PASSWORD,
  retry: { limit: 2 },
});

describe('TLS', () => {
  it('verifies certificates by default: a self-signed server fails once, with a non-retryable network error', async () => {
    seen.length = 0;
    const error = await createBalanceClient(base())
      .warehouses.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceNetworkError);
    expect(error).toMatchObject({ retryable: false, request: { attempts: 1 } });
    expect((error as BalanceNetworkError).systemCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(seen).toEqual([]);
  });

  it('dangerouslyDisableTlsVerification really skips verification (GET and PUT)', async () => {
    seen.length = 0;
    const client = createBalanceClient({ ...base(), dangerouslyDisableTlsVerification: true });
    expect(await client.warehouses.list()).toEqual([{ uid: 'w-1', Name: 'მთავარი' }]);
    const result = await client.documents('Sale').upsert({ uid: 'u-1', Comments: 'ქ' });
    expect(result).toMatchObject({
      dryRun: false,
      status: 200,
      responseBody: [{ uid: 'u-1', Comments: 'ქ' }],
    });
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/Balance_Exchange/hs/Exchange/Warehouses',
        authorization: BASIC,
        contentType: undefined,
        body: '',
      },
      {
        method: 'PUT',
        url: '/Balance_Exchange/hs/Exchange/Sale',
        authorization: BASIC,
        contentType: 'application/json',
        body: '[{"uid":"u-1","Comments":"ქ"}]',
      },
    ]);
  });
});

describe('options validation', () => {
  const invalid: Array<[string, Partial<BalanceClientOptions> | Record<string, unknown>, string]> =
    [
      [
        'an empty application id',
        { connection: { mode: 'cloud', applicationId: '' } },
        'connection.applicationId',
      ],
      [
        'an on-prem URL with credentials',
        { connection: { mode: 'onprem', baseUrl: `http://u:${PASSWORD}@h` } },
        'connection.baseUrl',
      ],
      [
        'a non-http URL',
        { connection: { mode: 'onprem', baseUrl: 'ftp://h' } },
        'connection.baseUrl',
      ],
      ['a user name with ":"', { username: 'a:b' }, 'username'],
      ['a misspelt option', { exchangeUID: 'x' }, ''],
      ['a bad template name', { templates: { sale: 'Sale?x=1' } }, 'templates.sale'],
      ['a negative retry limit', { retry: { limit: -1 } }, 'retry'],
    ];

  it.each(invalid)(
    'rejects %s with BalanceConfigurationError naming the path',
    (_label, override, path) => {
      let error: unknown;
      try {
        createBalanceClient({ ...base(), ...override } as BalanceClientOptions);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BalanceConfigurationError);
      const issues = (error as BalanceConfigurationError).issues.map((issue) => issue.path);
      expect(issues.some((issuePath) => issuePath.startsWith(path))).toBe(true);
      expect(String(error)).not.toContain(PASSWORD);
    },
  );

  it('rejects dangerouslyDisableTlsVerification together with a custom fetch', () => {
    expect(() =>
      createBalanceClient({
        ...base(),
        dangerouslyDisableTlsVerification: true,
        fetch: globalThis.fetch,
      }),
    ).toThrow(BalanceConfigurationError);
  });

  it('accepts a numeric application id and treats an empty exchange uid as missing', async () => {
    const client = createBalanceClient({
      connection: { mode: 'cloud', applicationId: 7596 as unknown as string },
      username: USERNAME,
      password: PASSWORD,
      exchangeUid: '  ',
    });
    await expect(client.prices.list()).rejects.toBeInstanceOf(BalanceConfigurationError);
    expect(client.mode).toBe('cloud');
    expect(client.templates.salesCredit).toBe('SalesCredit');
  });

  it('passes a caller-provided dispatcher through to fetch', async () => {
    const dispatcher = { marker: true };
    const inits: unknown[] = [];
    const client = createBalanceClient({
      ...base(),
      dispatcher,
      fetch: async (_input, init) => {
        inits.push((init as { dispatcher?: unknown } | undefined)?.dispatcher);
        return Response.json([]);
      },
    });
    await client.warehouses.list();
    expect(inits).toEqual([dispatcher]);
  });
});
