import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BalanceAuthError, createBalanceClient } from '../src/index.js';
import {
  BASIC,
  CLOUD,
  CLOUD_A,
  createTestClient,
  fakeRuntime,
  ONPREM,
  PASSWORD,
  USERNAME,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();
const warehouses = [{ uid: 'w-1', Name: 'Main' }];

describe('base URLs', () => {
  it('cloud: <origin>/sm/o/Balance/<applicationId>/hs/Exchange/<template>, Basic auth, Accept, no Content-Type on GET', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json(warehouses)));
    const { client } = createTestClient();
    await client.warehouses.list();
    expect(await mock.log()).toEqual([
      {
        method: 'GET',
        url: `${CLOUD}/Warehouses`,
        accept: 'application/json',
        contentType: null,
        authorization: BASIC,
        body: undefined,
      },
    ]);
  });

  it('cloud: a custom origin (proxy, simulator) and segment a', async () => {
    mock.server.use(
      http.get('http://127.0.0.1:4010/sm/a/Balance/1550/hs/Exchange/Warehouses', () =>
        HttpResponse.json(warehouses),
      ),
    );
    const { client } = createTestClient({
      connection: {
        mode: 'cloud',
        applicationId: '1550',
        segment: 'a',
        origin: 'http://127.0.0.1:4010/',
      },
    });
    await client.warehouses.list();
    expect(await mock.lines()).toEqual([
      'GET http://127.0.0.1:4010/sm/a/Balance/1550/hs/Exchange/Warehouses',
    ]);
  });

  it('on-prem: <baseUrl>/Balance_Exchange/hs/Exchange/<template>', async () => {
    mock.server.use(http.get(`${ONPREM}/Warehouses`, () => HttpResponse.json(warehouses)));
    const { client } = createTestClient({
      connection: { mode: 'onprem', baseUrl: 'http://10.0.0.5:8081/' },
    });
    await client.warehouses.list();
    const [entry] = await mock.log();
    expect(entry).toMatchObject({
      method: 'GET',
      url: `${ONPREM}/Warehouses`,
      authorization: BASIC,
    });
  });

  it('on-prem: a differently published base (basePath "demo", or "" when baseUrl already has it)', async () => {
    mock.server.use(
      http.get('http://srv/demo/hs/Exchange/Warehouses', () => HttpResponse.json(warehouses)),
      http.get('http://srv/custom/base/hs/Exchange/Warehouses', () =>
        HttpResponse.json(warehouses),
      ),
    );
    await createTestClient({
      connection: { mode: 'onprem', baseUrl: 'http://srv', basePath: '/demo/' },
    }).client.warehouses.list();
    await createTestClient({
      connection: { mode: 'onprem', baseUrl: 'http://srv/custom/base', basePath: '' },
    }).client.warehouses.list();
    expect(await mock.lines()).toEqual([
      'GET http://srv/demo/hs/Exchange/Warehouses',
      'GET http://srv/custom/base/hs/Exchange/Warehouses',
    ]);
  });

  it('encodes query values with %20 and UTF-8 escapes (Georgian names)', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Clients`, () => HttpResponse.json([{ uid: 'c-1', Name: 'ნინო ბ' }])),
    );
    const { client } = createTestClient();
    await client.clients.findByName('ნინო ბ');
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Clients?Name=${encodeURIComponent('ნინო ბ')}`,
    ]);
    expect((await mock.lines())[0]).toContain('%20');
  });
});

describe('cloud segment fallback', () => {
  it('on 403 tries the other segment once and remembers it for that template only', async () => {
    let oCalls = 0;
    mock.server.use(
      http.get(`${CLOUD}/ItemsSeries`, () => {
        oCalls += 1;
        return new HttpResponse(null, { status: 403, statusText: 'Forbidden' });
      }),
      http.get(`${CLOUD_A}/ItemsSeries`, () => HttpResponse.json([])),
      http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json(warehouses)),
    );
    const { client } = createTestClient();
    await client.request({ method: 'GET', template: 'ItemsSeries', query: { Item: 'i-1' } });
    await client.request({ method: 'GET', template: 'ItemsSeries', query: { Item: 'i-2' } });
    await client.warehouses.list();
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/ItemsSeries?Item=i-1`,
      `GET ${CLOUD_A}/ItemsSeries?Item=i-1`,
      `GET ${CLOUD_A}/ItemsSeries?Item=i-2`,
      `GET ${CLOUD}/Warehouses`,
    ]);
    expect(oCalls).toBe(1);
    const report = await client.withDryRun().request({ method: 'DELETE', template: 'ItemsSeries' });
    expect(report).toMatchObject({ dryRun: true, url: `${CLOUD_A}/ItemsSeries` });
  });

  it('throws BalanceAuthError with the rights/segment hint when both segments answer 403', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Sale`, () => new HttpResponse('Forbidden', { status: 403 })),
      http.get(`${CLOUD_A}/Sale`, () => new HttpResponse('Forbidden', { status: 403 })),
    );
    const { client } = createTestClient();
    const error = await client.sales
      .get('6f0c1c2e-1111-4a3b-9c0d-1234567890ab')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceAuthError);
    expect((error as BalanceAuthError).status).toBe(403);
    expect((error as BalanceAuthError).message).toMatch(/rights.*sm\/o.*sm\/a/);
    expect(await mock.lines()).toHaveLength(2);
  });

  it('uses segmentOverrides per template and can switch the fallback off', async () => {
    mock.server.use(
      http.get(`${CLOUD_A}/ItemsSeries`, () => HttpResponse.json([])),
      http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 403 })),
    );
    const { client } = createTestClient({
      connection: {
        mode: 'cloud',
        applicationId: '7596',
        segmentOverrides: { ItemsSeries: 'a' },
        segmentFallback: false,
      },
    });
    await client.request({ method: 'GET', template: 'ItemsSeries' });
    await expect(client.warehouses.list()).rejects.toBeInstanceOf(BalanceAuthError);
    expect(await mock.lines()).toEqual([`GET ${CLOUD_A}/ItemsSeries`, `GET ${CLOUD}/Warehouses`]);
  });

  it('does not switch segments on-prem', async () => {
    mock.server.use(
      http.get(`${ONPREM}/Warehouses`, () => new HttpResponse(null, { status: 403 })),
    );
    const client = createBalanceClient({
      connection: { mode: 'onprem', baseUrl: 'http://10.0.0.5:8081' },
      username: USERNAME,
      password: PASSWORD,
      runtime: fakeRuntime().runtime,
    });
    await expect(client.warehouses.list()).rejects.toBeInstanceOf(BalanceAuthError);
    expect(await mock.lines()).toEqual([`GET ${ONPREM}/Warehouses`]);
  });
});
