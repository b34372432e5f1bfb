import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BalanceConfigurationError, NULL_GUID } from '../src/index.js';
import {
  CLOUD,
  collect,
  createTestClient,
  EXCHANGE_UID,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();

describe('warehouses.list()', () => {
  it('reads warehouses, keeping Balance spelling (Adress) and parsing IsDeleted', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, () =>
        HttpResponse.json([
          { uid: 'w-1', Name: 'Main', Code: 'MW', Adress: 'Tbilisi', IsDeleted: 'false' },
        ]),
      ),
    );
    const { client } = createTestClient();
    expect(await client.warehouses.list()).toEqual([
      { uid: 'w-1', Name: 'Main', Code: 'MW', Adress: 'Tbilisi', IsDeleted: false },
    ]);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`]);
  });
});

describe('stocks.list()', () => {
  it('sends the exchange uid and Total=false by default, omits empty params, parses numbers', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Stocks`, () =>
        HttpResponse.json([
          {
            Item: 'i-1',
            Warehouse: 'w-1',
            Branch: 'b-1',
            Series: NULL_GUID,
            Quantity: '12.5',
            Reserve: '2',
          },
          { Item: 'i-2', Warehouse: 'w-1', Quantity: 3, Reserve: null, Extra: 'kept' },
        ]),
      ),
    );
    const { client } = createTestClient();
    const rows = await client.stocks.list({ startingPeriod: '', source: undefined });
    expect(rows).toEqual([
      {
        Item: 'i-1',
        Warehouse: 'w-1',
        Branch: 'b-1',
        Series: undefined,
        Quantity: 12.5,
        Reserve: 2,
      },
      { Item: 'i-2', Warehouse: 'w-1', Quantity: 3, Reserve: undefined, Extra: 'kept' },
    ]);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Stocks?uid=${EXCHANGE_UID}&Total=false`]);
  });

  it('sends every given filter in the documented order', async () => {
    mock.server.use(http.get(`${CLOUD}/Stocks`, () => HttpResponse.json([])));
    const { client } = createTestClient();
    await client.stocks.list({
      total: true,
      startingPeriod: '2025-01-01',
      endingPeriod: '2025-01-31',
      source: 'i-1',
    });
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Stocks?uid=${EXCHANGE_UID}&StartingPeriod=2025-01-01&EndingPeriod=2025-01-31&Source=i-1&Total=true`,
    ]);
  });

  it('refuses to call without an exchange uid (Balance answers 502 to an empty uid)', async () => {
    const { client } = createTestClient({ exchangeUid: undefined });
    const error = await client.stocks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceConfigurationError);
    expect((error as Error).message).toMatch(
      /Stocks needs the exchangeUid option — set `exchangeUid`/,
    );
    expect(await mock.lines()).toEqual([]);
  });
});

describe('prices.list()', () => {
  const rows = [
    { PriceType: 'pt-1', Item: 'i-1', Currency: 'GEL', Price: 12.5 },
    { PriceType: 'pt-1', Item: 'i-2', Currency: 'GEL', Price: '7.50', VATRate: 'ჩვეულებრივი' },
  ];
  const expected = [
    { PriceType: 'pt-1', Item: 'i-1', Currency: 'GEL', Price: '12.5' },
    { PriceType: 'pt-1', Item: 'i-2', Currency: 'GEL', Price: '7.5', VATRate: 'ჩვეულებრივი' },
  ];

  it.each([
    ['the documented { Source: [...] } wrapper', { Source: rows }],
    ['a bare array', rows],
  ])('accepts %s and returns prices as canonical decimal strings', async (_label, body) => {
    mock.server.use(http.get(`${CLOUD}/Prices`, () => HttpResponse.json(body)));
    const { client } = createTestClient();
    expect(await client.prices.list()).toEqual(expected);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Prices?uid=${EXCHANGE_UID}`]);
  });

  it('keeps prices exact even beyond double precision', async () => {
    mock.server.use(
      http.get(
        `${CLOUD}/Prices`,
        () =>
          new HttpResponse(
            '[{"Item":"i-1","Price":12345678901234567.89},{"Item":"i-2","Price":0.1}]',
            {
              headers: { 'Content-Type': 'application/json' },
            },
          ),
      ),
    );
    const { client } = createTestClient();
    const prices = await client.prices.list({ source: 'i-1' });
    expect(prices.map((price) => price.Price)).toEqual(['12345678901234567.89', '0.1']);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Prices?uid=${EXCHANGE_UID}&Source=i-1`]);
  });
});

describe('itemPricing.list()', () => {
  const doc = (n: number) => ({
    PriceType: 'pt-sale',
    Date: `2025-03-0${n}T00:00:00`,
    Items: [{ Item: `i-${n}`, Price: '9.90' }],
  });

  it('pages like Items, sends the exchange uid when configured, and parses line prices', async () => {
    mock.server.use(
      http.get(`${CLOUD}/ItemPricing`, ({ request }) => {
        const pack = new URL(request.url).searchParams.get('Pack');
        return HttpResponse.json(pack === '1' ? [doc(1), doc(2)] : pack === '2' ? [doc(3)] : []);
      }),
    );
    const { client } = createTestClient();
    const docs = await collect(client.itemPricing.list());
    expect(docs.map((d) => [d.Date, d.Items[0]?.Price])).toEqual([
      ['2025-03-01T00:00:00', '9.9'],
      ['2025-03-02T00:00:00', '9.9'],
      ['2025-03-03T00:00:00', '9.9'],
    ]);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/ItemPricing?uid=${EXCHANGE_UID}&Pack=1&PackSize=100`,
      `GET ${CLOUD}/ItemPricing?uid=${EXCHANGE_UID}&Pack=2&PackSize=100`,
      `GET ${CLOUD}/ItemPricing?uid=${EXCHANGE_UID}&Pack=3&PackSize=100`,
    ]);
  });

  it('works without an exchange uid (optional here) and on request without it', async () => {
    mock.server.use(http.get(`${CLOUD}/ItemPricing`, () => HttpResponse.json([])));
    await collect(
      createTestClient({ exchangeUid: undefined }).client.itemPricing.list({ packSize: 10 }),
    );
    await collect(createTestClient().client.itemPricing.list({ useExchangeUid: false }));
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/ItemPricing?Pack=1&PackSize=10`,
      `GET ${CLOUD}/ItemPricing?Pack=1&PackSize=100`,
    ]);
  });
});

describe('discounts.list()', () => {
  it('keeps DD.MM.YYYY dates and adds ISO dates; parses percentage and flags', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Discounts`, () =>
        HttpResponse.json([
          {
            uid: 'd-1',
            Name: 'Spring',
            Percentage: '10.00',
            IsActive: 'true',
            StartDate: '01.03.2025',
            EndDate: '31.03.2025',
            DiscountCondition: 'უპირობოდ',
            Items: [{ Item: 'g-1' }],
            Schedule: [],
          },
          { uid: 'd-2', Percentage: 5, StartDate: '01.01.0001', EndDate: '' },
        ]),
      ),
    );
    const { client } = createTestClient();
    const [spring, open] = await client.discounts.list();
    expect(spring).toEqual({
      uid: 'd-1',
      Name: 'Spring',
      Percentage: '10',
      IsActive: true,
      StartDate: '01.03.2025',
      EndDate: '31.03.2025',
      DiscountCondition: 'უპირობოდ',
      Items: [{ Item: 'g-1' }],
      Schedule: [],
      startDateIso: '2025-03-01',
      endDateIso: '2025-03-31',
    });
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Discounts`]);
    expect(open).toMatchObject({
      Percentage: '5',
      Items: [],
      startDateIso: undefined,
      endDateIso: undefined,
    });
  });
});
