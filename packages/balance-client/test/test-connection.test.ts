import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  CLOUD,
  CLOUD_A,
  createTestClient,
  EXCHANGE_UID,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();

const itemsPack = [
  { uid: 'g-1', Name: 'Drinks', IsGroup: 'true', Group: '00000000-0000-0000-0000-000000000000' },
  {
    uid: 'i-1',
    Name: 'Water',
    Code: 'W-1',
    IsGroup: 'false',
    Group: 'g-1',
    BarCode: '4860000000011',
    ItemType: 'Goods',
  },
  {
    uid: 'i-2',
    Name: 'Delivery',
    Code: 'DELIVERY',
    IsGroup: 'false',
    Group: 'g-1',
    ItemType: 'Service',
  },
];

function healthyTenant() {
  mock.server.use(
    http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json([{ uid: 'w-1', Name: 'Main' }])),
    http.get(`${CLOUD}/Items`, ({ request }) => {
      const uid = new URL(request.url).searchParams.get('uid');
      return HttpResponse.json(uid ? itemsPack.filter((row) => row.uid === uid) : itemsPack);
    }),
    http.get(`${CLOUD}/Prices`, () =>
      HttpResponse.json({
        Source: [
          { PriceType: 'pt-retail', Item: 'i-1', Currency: 'GEL', Price: 2 },
          { PriceType: 'pt-sale', Item: 'i-1', Currency: 'GEL', Price: 1.5 },
          { PriceType: 'pt-retail', Item: 'i-2', Currency: 'GEL', Price: 5 },
        ],
      }),
    ),
    http.get(`${CLOUD}/Stocks`, () =>
      HttpResponse.json([{ Item: 'i-1', Warehouse: 'w-1', Quantity: 10, Reserve: 1 }]),
    ),
  );
}

describe('testConnection()', () => {
  it('ok: reads lookup data and lists the fields the tenant’s items carry', async () => {
    healthyTenant();
    const { client } = createTestClient();
    const report = await client.testConnection();
    expect(report.verdict).toBe('ok');
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['authentication', 'pass'],
      ['warehouses', 'pass'],
      ['items', 'pass'],
      ['groups', 'pass'],
      ['item', 'pass'],
      ['prices', 'pass'],
      ['stocks', 'pass'],
    ]);
    expect(report).toMatchObject({
      mode: 'cloud',
      baseUrl: `${CLOUD}/`,
      warehouses: [{ uid: 'w-1', name: 'Main' }],
      groups: [{ uid: 'g-1', name: 'Drinks' }],
      itemFieldNames: ['BarCode', 'Code', 'Group', 'IsGroup', 'ItemType', 'Name', 'uid'],
      itemFieldCandidates: { sku: ['Code'], itemType: ['ItemType'], barcode: ['BarCode'] },
      priceTypes: ['pt-retail', 'pt-sale'],
      priceCount: 3,
      stockCount: 1,
    });
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Warehouses`,
      `GET ${CLOUD}/Items?Pack=1&PackSize=50`,
      `GET ${CLOUD}/Items?uid=i-1`,
      `GET ${CLOUD}/Prices?uid=${EXCHANGE_UID}`,
      `GET ${CLOUD}/Stocks?uid=${EXCHANGE_UID}&Total=false`,
    ]);
  });

  it('failed: 401 says to check the credentials and skips the rest', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 401 })));
    const { client } = createTestClient();
    const report = await client.testConnection();
    expect(report.verdict).toBe('failed');
    expect(report.checks[0]).toMatchObject({
      name: 'authentication',
      status: 'fail',
      httpStatus: 401,
      errorCode: 'BALANCE_AUTH_ERROR',
      message: expect.stringMatching(
        /refused the credentials \(401\): check `username` and `password`/,
      ),
    });
    expect(report.checks.slice(1).map((check) => check.status)).toEqual([
      'skip',
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
    expect(await mock.lines()).toHaveLength(1);
  });

  it('failed: empty Prices (warn) and 502 Stocks (fail) point at the exchange uid and the integration settings', async () => {
    healthyTenant();
    mock.server.use(
      http.get(`${CLOUD}/Prices`, () => HttpResponse.json({ Source: [] })),
      http.get(`${CLOUD}/Stocks`, () => new HttpResponse(null, { status: 502 })),
    );
    const { client } = createTestClient();
    const report = await client.testConnection();
    const prices = report.checks.find((check) => check.name === 'prices');
    const stocks = report.checks.find((check) => check.name === 'stocks');
    expect(prices).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(
        /Prices is empty: wrong `exchangeUid`.*Administration → Data synchronization settings/,
      ),
    });
    expect(stocks).toMatchObject({
      status: 'fail',
      httpStatus: 502,
      message: expect.stringMatching(/Stocks: HTTP 502 — wrong `exchangeUid`/),
    });
    expect(report.verdict).toBe('failed');
    // The checks do not retry by default: one Stocks call.
    expect((await mock.lines()).filter((line) => line.includes('/Stocks'))).toHaveLength(1);
  });

  it('warnings: a working but suspicious tenant (no groups, empty stocks)', async () => {
    healthyTenant();
    mock.server.use(
      http.get(`${CLOUD}/Items`, ({ request }) => {
        const uid = new URL(request.url).searchParams.get('uid');
        return HttpResponse.json(uid ? [itemsPack[1]] : [itemsPack[1]]);
      }),
      http.get(`${CLOUD}/Stocks`, () => HttpResponse.json([])),
    );
    const { client } = createTestClient();
    const report = await client.testConnection();
    expect(report.verdict).toBe('warnings');
    expect(report.ok).toBe(true);
    expect(
      report.checks.filter((check) => check.status === 'warn').map((check) => check.name),
    ).toEqual(['groups', 'stocks']);
  });

  it('failed: without exchangeUid, Prices and Stocks fail with what to set (and are not called)', async () => {
    healthyTenant();
    const { client } = createTestClient({ exchangeUid: undefined });
    const report = await client.testConnection();
    expect(report.checks.slice(-2)).toMatchObject([
      {
        name: 'prices',
        status: 'fail',
        message: expect.stringContaining('`exchangeUid` is not set'),
      },
      { name: 'stocks', status: 'fail' },
    ]);
    expect((await mock.lines()).some((line) => /Prices|Stocks/.test(line))).toBe(false);
  });

  it('403 on Warehouses under both segments: rights/segment message, other checks still run', async () => {
    healthyTenant();
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 403 })),
      http.get(`${CLOUD_A}/Warehouses`, () => new HttpResponse(null, { status: 403 })),
    );
    const { client } = createTestClient();
    const report = await client.testConnection();
    expect(report.checks.slice(0, 3)).toMatchObject([
      { name: 'authentication', status: 'pass' },
      {
        name: 'warehouses',
        status: 'fail',
        message: expect.stringMatching(
          /HTTP 403 — the Balance user lacks rights.*`sm\/o` and `sm\/a`/,
        ),
      },
      { name: 'items', status: 'pass' },
    ]);
  });

  it('failed: an unreachable server', async () => {
    const { client } = createTestClient({
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      },
    });
    const report = await client.testConnection();
    expect(report.checks[0]).toMatchObject({
      name: 'authentication',
      status: 'fail',
      errorCode: 'BALANCE_NETWORK_ERROR',
      message: expect.stringMatching(/ECONNREFUSED.*check the host and port/),
    });
    expect(report.verdict).toBe('failed');
  });
});
