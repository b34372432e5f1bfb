// 2xx answers that are not Balance's JSON (issue #8): an empty body, JSON cut off mid-way, an
// HTML page from a proxy. A read must not take them for "no rows"; a write must not take them
// for success (its outcome is unknown). Every case asserts the exact requests made.
import { randomUUID } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type BalanceClient,
  BalanceEmptyResponseError,
  type BalanceRetryEvent,
  BalanceSchemaError,
  BalanceTruncatedResponseError,
  BalanceUnexpectedWriteResponseError,
  createBalanceClient,
  isRetryableBalanceError,
  type SaleInput,
} from '../src/index.js';
import { type BalanceSimulator, createBalanceSimulator } from '../src/testing/index.js';
import { looksTruncatedJson } from '../src/transport/success-body.js';
import {
  BASIC,
  CLOUD,
  createTestClient,
  fakeRuntime,
  PASSWORD,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();

const SALE_UID = '6f0c1c2e-1111-4a3b-9c0d-1234567890ab';
const sale: SaleInput = {
  uid: SALE_UID,
  Date: '2025-03-01T12:00:00',
  Client: '0b6f2f2e-5d0c-5b8e-9a57-4d1d3f0e7a11',
  Items: [{ Item: 'i-1', Quantity: 2, Price: '15.00', Amount: '30.00' }],
};
const IIS_200 =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Proxy error</h1><p>The upstream did not answer.</p></body></html>';
const TRUNCATED = '[{"uid":"w-1","Name":"Main"},{"uid":"w-2","Na';

/** Answers in turn (the last one repeats). */
function answers(...responses: Array<() => Response>) {
  let index = 0;
  return () => {
    const next = responses[Math.min(index, responses.length - 1)];
    index += 1;
    return next?.();
  };
}
const empty = () => new HttpResponse('', { status: 200 });
const blank = () => new HttpResponse(' \r\n\t ', { status: 200 });
const html200 = () => HttpResponse.html(IIS_200, { status: 200 });
const truncated = () =>
  new HttpResponse(TRUNCATED, { status: 200, headers: { 'content-type': 'application/json' } });

function retryReasons(client: BalanceClient): BalanceRetryEvent[] {
  const events: BalanceRetryEvent[] = [];
  client.events.on('retry', (event) => events.push(event));
  return events;
}

describe('reads: an empty 2xx body is not an empty list', () => {
  it.each([
    ['zero-length', empty],
    ['whitespace-only', blank],
  ])('a %s 200 on GET is retried, then raises BalanceEmptyResponseError', async (_label, body) => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, body));
    const { client, delays } = createTestClient({ retry: { limit: 2 } });
    const retries = retryReasons(client);
    const error = await client.warehouses.list().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BalanceEmptyResponseError);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    expect(isRetryableBalanceError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'BalanceEmptyResponseError',
      code: 'BALANCE_EMPTY_RESPONSE',
      retryable: true,
      status: 200,
      request: { method: 'GET', template: 'Warehouses', attempts: 3 },
    });
    expect((error as Error).message).toBe(
      'Balance GET Warehouses answered HTTP 200 with an empty body — Balance (or a proxy in front of it) answered 200 with no body; real Balance answers [] for an empty list — check the proxy/WAF; reads are retried automatically',
    );
    expect(retries.map((event) => [event.reason, event.status])).toEqual([
      ['response', 200],
      ['response', 200],
    ]);
    expect(delays).toHaveLength(2);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Warehouses`,
      `GET ${CLOUD}/Warehouses`,
      `GET ${CLOUD}/Warehouses`,
    ]);
  });

  it('a 204 No Content on a list read is not an empty list either', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 204 })));
    const { client } = createTestClient({ retry: false });
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceEmptyResponseError);
    expect(error).toMatchObject({ status: 204, request: { attempts: 1 } });
    expect((error as Error).message).toMatch(
      /^Balance GET Warehouses answered HTTP 204 with an empty body/,
    );
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`]);
  });

  it('a one-off empty 200 is retried and the real answer is returned', async () => {
    mock.server.use(
      http.get(
        `${CLOUD}/Stocks`,
        answers(empty, () => HttpResponse.json([{ Item: 'i-1', Warehouse: 'w-1', Quantity: 3 }])),
      ),
    );
    const { client } = createTestClient();
    expect(await client.stocks.list()).toMatchObject([{ Item: 'i-1', Quantity: 3 }]);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Stocks?uid=b067980d-7eb5-11ec-80d2-000c29409daa&Total=false`,
      `GET ${CLOUD}/Stocks?uid=b067980d-7eb5-11ec-80d2-000c29409daa&Total=false`,
    ]);
  });

  it('`[]` and an empty wrapper are still an empty list (one request each)', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json([])),
      http.get(`${CLOUD}/Prices`, () => HttpResponse.json({ Source: [] })),
    );
    const { client } = createTestClient();
    expect(await client.warehouses.list()).toEqual([]);
    expect(await client.prices.list()).toEqual([]);
    expect(await mock.lines()).toHaveLength(2);
  });

  it('a lookup by uid answered with an empty body is an error, not "absent"', async () => {
    mock.server.use(http.get(`${CLOUD}/Sale`, empty));
    const { client } = createTestClient({ retry: false });
    await expect(client.sales.get(SALE_UID)).rejects.toBeInstanceOf(BalanceEmptyResponseError);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Sale?uid=${SALE_UID}`]);
  });

  it('raw requests still return an empty 2xx body as is (the caller reads it)', async () => {
    mock.server.use(http.get(`${CLOUD}/ItemsSeries`, empty));
    const { client } = createTestClient();
    const response = await client.request({ method: 'GET', template: 'ItemsSeries' });
    expect(response).toMatchObject({ dryRun: false, status: 200, body: undefined, attempts: 1 });
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/ItemsSeries`]);
  });
});

describe('reads: JSON cut off mid-way is a transport glitch', () => {
  it('is retried and raises a retryable BalanceTruncatedResponseError that says it was cut off', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, truncated));
    const { client } = createTestClient({ retry: { limit: 1 } });
    const error = await client.warehouses.list().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BalanceTruncatedResponseError);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    expect(error).toMatchObject({
      code: 'BALANCE_TRUNCATED_RESPONSE',
      retryable: true,
      status: 200,
      receivedChars: TRUNCATED.length,
      request: { attempts: 2 },
    });
    const { message } = error as Error;
    expect(message).toMatch(
      /^Balance GET Warehouses answered HTTP 200 with JSON that was cut off after 45 characters — the answer was cut off before its end/,
    );
    expect(message).not.toMatch(/login page/);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`, `GET ${CLOUD}/Warehouses`]);
  });

  it('a one-off cut-off answer is retried and the full answer is returned', async () => {
    mock.server.use(
      http.get(
        `${CLOUD}/Warehouses`,
        answers(truncated, () => HttpResponse.json([{ uid: 'w-1' }])),
      ),
    );
    const { client } = createTestClient();
    expect(await client.warehouses.list()).toEqual([{ uid: 'w-1' }]);
    expect(await mock.lines()).toHaveLength(2);
  });

  it('an HTML page with 200 on a read stays a non-retryable BalanceSchemaError (one request)', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, html200));
    const { client } = createTestClient();
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    expect(error).toMatchObject({ code: 'BALANCE_SCHEMA_ERROR', retryable: false });
    expect((error as Error).message).toMatch(/a proxy, login page or error page answered/);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`]);
  });
});

describe('writes: a 2xx that is not Balance JSON is not success', () => {
  const savedSale = () =>
    HttpResponse.json([
      {
        ...sale,
        Number: 'RL-0001',
        Items: [{ uid: 'line-1', Item: 'i-1', Quantity: '2', Amount: '30.00' }],
      },
    ]);

  it('an HTML 200 page on PUT Sale is retried; the second attempt succeeding yields exactly one document', async () => {
    mock.server.use(http.put(`${CLOUD}/Sale`, answers(html200, savedSale)));
    const { client, delays } = createTestClient();
    const retries = retryReasons(client);
    const result = await client.sales.upsert(sale);

    if (result.dryRun) throw new Error('expected a sent write');
    expect(result.attempts).toBe(2);
    expect(result.saved).toHaveLength(1);
    expect(result.saved[0]).toMatchObject({ uid: SALE_UID, Number: 'RL-0001' });
    expect(retries).toMatchObject([{ reason: 'response', status: 200, attempt: 1 }]);
    expect(delays).toHaveLength(1);
    const log = await mock.log();
    expect(log.map((entry) => `${entry.method} ${entry.url}`)).toEqual([
      `PUT ${CLOUD}/Sale`,
      `PUT ${CLOUD}/Sale`,
    ]);
    // the same upsert, by the same uid, both times
    expect(log[1]?.body).toEqual(log[0]?.body);
    expect(log[0]?.body).toMatchObject([{ uid: SALE_UID }]);
    expect(log[0]?.authorization).toBe(BASIC);
  });

  it.each([
    [
      'an HTML page',
      html200,
      'not-json',
      /with something that is not JSON: Service Unavailable Proxy error/,
    ],
    ['an empty body', empty, 'empty', /with an empty body/],
    [
      'JSON cut off mid-way',
      truncated,
      'truncated',
      /with JSON that was cut off after 45 characters/,
    ],
  ] as const)(
    'a persistent 200 with %s on PUT Sale raises BalanceUnexpectedWriteResponseError (outcome unknown, retryable)',
    async (_label, body, reason, summary) => {
      mock.server.use(http.put(`${CLOUD}/Sale`, body));
      const { client } = createTestClient({ retry: { limit: 2 } });
      const error = await client.sales.upsert(sale).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(BalanceUnexpectedWriteResponseError);
      expect(error).toBeInstanceOf(BalanceSchemaError);
      expect(isRetryableBalanceError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'BALANCE_UNEXPECTED_WRITE_RESPONSE',
        outcome: 'unknown',
        reason,
        status: 200,
        retryable: true,
        request: { method: 'PUT', template: 'Sale', attempts: 3 },
      });
      const { message } = error as Error;
      expect(message).toMatch(summary);
      expect(message).toMatch(/whether the write was applied is unknown/);
      expect(message).toMatch(/read the document back by uid/);
      expect(message).not.toMatch(/<\/?(html|body|h1)/i);
      expect((error as BalanceUnexpectedWriteResponseError).toJSON()).toMatchObject({
        outcome: 'unknown',
        reason,
        status: 200,
      });
      expect(await mock.lines()).toEqual([
        `PUT ${CLOUD}/Sale`,
        `PUT ${CLOUD}/Sale`,
        `PUT ${CLOUD}/Sale`,
      ]);
    },
  );

  it('a write without uids answered with an HTML 200 is not repeated and says to look it up', async () => {
    mock.server.use(http.put(`${CLOUD}/Clients`, html200));
    const { client } = createTestClient();
    const error = await client.clients
      .upsert({ Name: 'Nino Beridze', ID: '01001012345' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceUnexpectedWriteResponseError);
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false, request: { attempts: 1 } });
    expect((error as Error).message).toMatch(
      /look the record up in Balance before sending it again/,
    );
    expect(await mock.lines()).toEqual([`PUT ${CLOUD}/Clients`]);
  });

  it('valid JSON of another shape is still accepted as the answer (Balance does not document it)', async () => {
    mock.server.use(http.put(`${CLOUD}/Sale`, () => HttpResponse.json({ Result: 'OK' })));
    const { client } = createTestClient();
    const result = await client.sales.upsert(sale);
    expect(result).toMatchObject({ dryRun: false, saved: [], responseBody: { Result: 'OK' } });
    expect(await mock.lines()).toEqual([`PUT ${CLOUD}/Sale`]);
  });

  it('never puts the password into the error, even when the page echoes it', async () => {
    mock.server.use(
      http.put(`${CLOUD}/Sale`, () =>
        HttpResponse.html(`<html><body>denied for ${PASSWORD} (${BASIC})</body></html>`),
      ),
    );
    const { client } = createTestClient({ retry: false });
    const error = (await client.sales.upsert(sale).catch((e: unknown) => e)) as Error;
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(BASIC.slice('Basic '.length));
    expect(text).toContain('[REDACTED]');
  });

  it('raw writes still return a 2xx body as is', async () => {
    mock.server.use(http.patch(`${CLOUD}/Sale`, html200));
    const { client } = createTestClient();
    const response = await client.request({
      method: 'PATCH',
      template: 'Sale',
      body: [{ uid: SALE_UID, Comments: 'x' }],
    });
    expect(response).toMatchObject({ dryRun: false, status: 200, body: IIS_200 });
  });
});

describe('against the Balance simulator (msw)', () => {
  const withSim = () => {
    const sim: BalanceSimulator = createBalanceSimulator();
    mock.server.use(...sim.handlers());
    const client = createBalanceClient({
      connection: sim.mswConnections().cloud,
      username: sim.credentials.username,
      password: sim.credentials.password,
      runtime: fakeRuntime().runtime,
    });
    const simSale = (uid: string): SaleInput => ({
      uid,
      Date: '2025-12-01T10:00:00',
      Client: sim.seed.clients.nino,
      Warehouse: sim.seed.warehouses.main,
      Items: [{ Item: sim.seed.items.espresso, Quantity: '2', Price: '18.90', Amount: '37.80' }],
    });
    const log = () =>
      sim.requests.map(
        (r) => `${r.method} ${r.template} ${r.status}${r.fault ? ` ${r.fault}` : ''}`,
      );
    return { sim, client, simSale, log };
  };

  it('htmlErrorPage 200 before the write: the retry writes the Sale once', async () => {
    const { sim, client, simSale, log } = withSim();
    const uid = randomUUID();
    sim.faults.set({ htmlErrorPage: { status: 200, times: 1, templates: ['Sale'] } });
    const result = await client.sales.upsert(simSale(uid));
    expect(result).toMatchObject({ dryRun: false, attempts: 2, saved: [{ uid }] });
    expect(log()).toEqual(['PUT Sale 200 htmlErrorPage', 'PUT Sale 200']);
    expect([...sim.state.sales.values()]).toMatchObject([{ uid, writes: 1 }]);
  });

  it.each([
    ['emptyBody', { emptyBody: { times: 1, templates: ['Sale'] } }],
    ['truncatedJson', { truncatedJson: { times: 1, templates: ['Sale'] } }],
    [
      'htmlErrorPage',
      { htmlErrorPage: { status: 200, afterWrite: true, times: 1, templates: ['Sale'] } },
    ],
  ] as const)(
    '%s after the write: the retry rewrites the same document (one Sale)',
    async (fault, faults) => {
      const { sim, client, simSale, log } = withSim();
      const uid = randomUUID();
      sim.faults.set(faults);
      const result = await client.sales.upsert(simSale(uid));
      expect(result).toMatchObject({ dryRun: false, attempts: 2, saved: [{ uid }] });
      expect(log()).toEqual([`PUT Sale 200 ${fault}`, 'PUT Sale 200']);
      expect([...sim.state.sales.values()]).toMatchObject([{ uid, writes: 2 }]);
    },
  );

  it('emptyBody / truncatedJson on reads are retried and the full list is returned', async () => {
    const { sim, client, log } = withSim();
    const expected = await client.warehouses.list();
    sim.clearRequests();
    sim.faults.set({
      emptyBody: { times: 1, templates: ['Warehouses'] },
      truncatedJson: { times: 1, templates: ['Warehouses'] },
    });
    expect(await client.warehouses.list()).toEqual(expected);
    expect(log()).toEqual([
      'GET Warehouses 200 truncatedJson',
      'GET Warehouses 200 emptyBody',
      'GET Warehouses 200',
    ]);
  });
});

describe('looksTruncatedJson', () => {
  it.each([
    ['[{"uid":"a","Name":"ყავ', true],
    ['[', true],
    ['{"Source":[{"Price":1', true],
    ['[{"a":"x\\"]', true],
    ['\uFEFF  [1,2', true],
    ['[1,2]]', false],
    ['[1,2] trailing', false],
    ['<html><body>[</body></html>', false],
    ['OK', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksTruncatedJson(text)).toBe(expected);
  });
});
