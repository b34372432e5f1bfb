import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BalanceSimulator, createBalanceSimulator, NULL_GUID } from '../src/testing/index.js';

interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  json: unknown;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Plain fetch against the simulator's HTTP server. */
function exchange(sim: BalanceSimulator, shape: 'onprem' | 'cloud' | 'cloud-a' = 'onprem') {
  const base =
    shape === 'onprem'
      ? `${sim.url}/${sim.basePath}/hs/Exchange`
      : `${sim.url}/sm/${shape === 'cloud' ? 'o' : 'a'}/Balance/${sim.applicationId}/hs/Exchange`;
  return async (
    method: string,
    path: string,
    options: {
      body?: unknown;
      authorization?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const authorization =
      options.authorization === undefined
        ? basic(sim.credentials.username, sim.credentials.password)
        : options.authorization;
    if (authorization) headers.authorization = authorization;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}/${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text,
      json,
    };
  };
}

type Row = Record<string, unknown>;

describe('Balance simulator over HTTP: URLs, auth and reads', () => {
  let sim: BalanceSimulator;
  beforeAll(async () => {
    sim = await createBalanceSimulator({
      forbiddenSegments: { o: ['ItemsSeries'] },
      wafRejectsGetContentType: true,
    }).start();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  describe('URL shapes', () => {
    it('serves the on-prem shape under the base path', async () => {
      const answer = await exchange(sim, 'onprem')('GET', 'Warehouses');
      expect(answer.status).toBe(200);
      expect((answer.json as Row[]).map((w) => w.Code)).toEqual(['MW', 'VK', 'SB']);
      expect(sim.requests.at(-1)).toMatchObject({
        method: 'GET',
        template: 'Warehouses',
        path: '/Balance_Exchange/hs/Exchange/Warehouses',
        shape: 'onprem',
        status: 200,
        authUser: sim.credentials.username,
      });
    });

    it('serves the cloud shape under sm/o and sm/a, with an optional locale segment', async () => {
      const viaO = await exchange(sim, 'cloud')('GET', 'Warehouses');
      const viaA = await exchange(sim, 'cloud-a')('GET', 'Warehouses');
      const localized = await fetch(
        `${sim.url}/sm/o/Balance/${sim.applicationId}/en_US/hs/Exchange/Warehouses`,
        { headers: { authorization: basic(sim.credentials.username, sim.credentials.password) } },
      );
      expect([viaO.status, viaA.status, localized.status]).toEqual([200, 200, 200]);
      expect(viaA.json).toEqual(viaO.json);
      expect(sim.requests.map((r) => [r.shape, r.segment])).toEqual([
        ['cloud', 'o'],
        ['cloud', 'a'],
        ['cloud', 'o'],
      ]);
    });

    it('exposes connection settings for both shapes', () => {
      expect(sim.onPrem).toEqual({
        mode: 'onprem',
        baseUrl: sim.url,
        basePath: 'Balance_Exchange',
      });
      expect(sim.cloud).toEqual({
        mode: 'cloud',
        applicationId: sim.applicationId,
        origin: sim.url,
      });
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers 404 for an unknown template, another application id or base path', async () => {
      const unknown = await exchange(sim)('GET', 'Unicorns');
      expect(unknown.status).toBe(404);
      // The publication authenticates before it matches URL templates.
      expect((await exchange(sim)('GET', 'Unicorns', { authorization: null })).status).toBe(401);
      const auth = { authorization: basic(sim.credentials.username, sim.credentials.password) };
      const otherApp = await fetch(`${sim.url}/sm/o/Balance/1111/hs/Exchange/Items`, {
        headers: auth,
      });
      const otherBase = await fetch(`${sim.url}/demo/hs/Exchange/Items`, { headers: auth });
      expect([otherApp.status, otherBase.status]).toEqual([404, 404]);
    });

    it('answers 403 for a template forbidden under one cloud segment only', async () => {
      const underO = await exchange(sim, 'cloud')('GET', 'ItemsSeries');
      const underA = await exchange(sim, 'cloud-a')('GET', 'ItemsSeries');
      expect(underO.status).toBe(403);
      expect(underA.status).toBe(200);
      expect((underA.json as Row[]).map((s) => s.SeriesNumber)).toEqual(['L2401', 'L2407']);
    });

    it('filters ItemsSeries by Item and rejects empty period parameters like some publications', async () => {
      const series = await exchange(sim, 'cloud-a')(
        'GET',
        `ItemsSeries?Item=${sim.seed.items.blackTea}`,
      );
      expect((series.json as Row[]).map((s) => s.uid)).toEqual([
        sim.seed.series.blackTeaLotA,
        sim.seed.series.blackTeaLotB,
      ]);
      const empty = await exchange(sim, 'cloud-a')(
        'GET',
        `ItemsSeries?Item=${sim.seed.items.blackTea}&StartingPeriod=`,
      );
      expect(empty.status).toBe(404);
      expect(empty.json).toEqual({ Error: ['Unknown parameter: StartingPeriod'] });
    });

    it('lets a WAF reject a GET that carries Content-Type: application/json', async () => {
      const rejected = await exchange(sim)('GET', 'Items', {
        headers: { 'content-type': 'application/json' },
      });
      expect(rejected.status).toBe(403);
      expect(rejected.headers.get('content-type')).toMatch(/text\/html/);
      expect((await exchange(sim)('GET', 'Warehouses')).status).toBe(200);
    });
  });

  describe('Basic auth', () => {
    it.each([
      ['no Authorization header', null],
      ['a wrong password', basic('woo-sync', 'wrong')],
      ['an unknown user', basic('someone', 'balance-simulator')],
      ['a Bearer token', 'Bearer abc'],
    ])('answers 401 with an HTML page for %s', async (_, authorization) => {
      const answer = await exchange(sim)('GET', 'Items', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(answer.headers.get('content-type')).toMatch(/text\/html/);
      expect(answer.json).toBeUndefined();
    });

    it('accepts configured credentials and never logs the password', async () => {
      const custom = await createBalanceSimulator({
        credentials: { username: 'api', password: 's3cret:with:colons' },
      }).start();
      try {
        const ok = await exchange(custom)('GET', 'Warehouses');
        expect(ok.status).toBe(200);
        expect(JSON.stringify(custom.requests)).not.toContain('s3cret');
        expect(custom.requests[0]?.authUser).toBe('api');
      } finally {
        await custom.stop();
      }
    });
  });

  describe('Items', () => {
    it('returns groups and items in one flat list with string booleans', async () => {
      const answer = await exchange(sim)('GET', 'Items');
      const rows = answer.json as Row[];
      expect(rows).toHaveLength(sim.state.items.size);
      const coffee = rows.find((r) => r.uid === sim.seed.groups.coffee);
      expect(coffee).toMatchObject({
        IsGroup: 'true',
        Name: 'ყავა',
        Group: sim.seed.groups.beverages,
      });
      const espresso = rows.find((r) => r.uid === sim.seed.items.espresso);
      expect(espresso).toMatchObject({
        Name: 'ყავა ესპრესო 250გ',
        Code: 'CF-001',
        IsGroup: 'false',
        ItemType: 'საქონელი',
        Group: sim.seed.groups.coffee,
      });
      const shipping = rows.find((r) => r.uid === sim.seed.shippingItemUid);
      expect(shipping).toMatchObject({ Name: 'მიწოდება', ItemType: 'მომსახურება' });
      const roots = rows.filter((r) => r.IsGroup === 'true' && r.Group === NULL_GUID);
      expect(roots.map((r) => r.Name)).toContain('მომსახურება');
    });

    it('returns one item for ?uid= and 404 for an unknown uid', async () => {
      const one = await exchange(sim)('GET', `Items?uid=${sim.seed.items.greenTea}`);
      expect(one.status).toBe(200);
      expect(one.json).toEqual([
        expect.objectContaining({ uid: sim.seed.items.greenTea, Name: 'ჩაი მწვანე' }),
      ]);
      const none = await exchange(sim)(
        'GET',
        `Items?uid=${'1'.repeat(8)}-0000-0000-0000-000000000000`,
      );
      expect(none.status).toBe(404);
    });

    it('pages with Pack/PackSize and answers an empty array after the last page', async () => {
      const total = sim.state.items.size;
      const size = 10;
      const seen: string[] = [];
      let pack = 1;
      for (;;) {
        const answer = await exchange(sim)('GET', `Items?Pack=${pack}&PackSize=${size}`);
        expect(answer.status).toBe(200);
        const rows = answer.json as Row[];
        if (rows.length === 0) break;
        expect(rows.length).toBeLessThanOrEqual(size);
        seen.push(...rows.map((r) => r.uid as string));
        pack += 1;
      }
      expect(pack).toBe(Math.ceil(total / size) + 1);
      expect(seen).toEqual([...sim.state.items.keys()]);
    });

    it('rejects half-given or invalid paging parameters', async () => {
      expect((await exchange(sim)('GET', 'Items?Pack=1')).status).toBe(400);
      const zero = await exchange(sim)('GET', 'Items?Pack=0&PackSize=10');
      expect(zero.status).toBe(400);
      expect(zero.json).toEqual({ Error: [expect.any(String)] });
    });

    it('emits the item type under the configured field name and honest JSON types on request', async () => {
      const honest = await createBalanceSimulator({
        itemTypeField: 'Type',
        stringScalars: false,
      }).start();
      try {
        const answer = await exchange(honest)('GET', `Items?uid=${honest.seed.items.shipping}`);
        const [row] = answer.json as Row[];
        expect(row).toMatchObject({ Type: 'მომსახურება', IsGroup: false });
        expect(row).not.toHaveProperty('ItemType');
      } finally {
        await honest.stop();
      }
    });
  });

  describe('Stocks', () => {
    it('returns detailed lines per item, warehouse and series with string quantities', async () => {
      const answer = await exchange(sim)('GET', `Stocks?uid=${sim.exchangeUid}&Total=false`);
      expect(answer.status).toBe(200);
      const rows = answer.json as Row[];
      const blackTea = rows.filter((r) => r.Item === sim.seed.items.blackTea);
      expect(blackTea).toEqual([
        expect.objectContaining({
          Warehouse: sim.seed.warehouses.main,
          Series: sim.seed.series.blackTeaLotA,
          Quantity: '10',
          Reserve: '0',
        }),
        expect.objectContaining({
          Warehouse: sim.seed.warehouses.main,
          Series: sim.seed.series.blackTeaLotB,
          Quantity: '15',
          Reserve: '3',
        }),
      ]);
      expect(rows.filter((r) => r.Item === sim.seed.items.espresso)).toHaveLength(2);
      expect(rows.some((r) => r.Item === sim.seed.items.instantCoffee)).toBe(false);
      expect(rows.every((r) => r.Branch === sim.seed.branch)).toBe(true);
    });

    it('totals per item with Total=true and filters by Source', async () => {
      const total = await exchange(sim)(
        'GET',
        `Stocks?uid=${sim.exchangeUid}&StartingPeriod=&EndingPeriod=&Source=${sim.seed.items.espresso}&Total=true`,
      );
      expect(total.json).toEqual([{ Item: sim.seed.items.espresso, Quantity: '46', Reserve: '3' }]);
      const weighed = await exchange(sim)(
        'GET',
        `Stocks?uid=${sim.exchangeUid}&Source=${sim.seed.items.coffeeByWeight}&Total=true`,
      );
      expect(weighed.json).toEqual([
        { Item: sim.seed.items.coffeeByWeight, Quantity: '3.75', Reserve: '0.25' },
      ]);
    });

    it('answers 502 without an exchange uid and an empty list for a wrong one', async () => {
      expect((await exchange(sim)('GET', 'Stocks?uid=&Total=false')).status).toBe(502);
      expect((await exchange(sim)('GET', 'Stocks?Total=false')).status).toBe(502);
      const wrong = await exchange(sim)('GET', `Stocks?uid=${NULL_GUID}&Total=false`);
      expect(wrong.status).toBe(200);
      expect(wrong.json).toEqual([]);
    });

    it('reflects setStock, including removal of a zero line', async () => {
      sim.setStock({
        item: sim.seed.items.instantCoffee,
        warehouse: sim.seed.warehouses.vake,
        quantity: 4,
      });
      sim.setStock({
        item: sim.seed.items.espresso,
        warehouse: sim.seed.warehouses.vake,
        quantity: 0,
      });
      const answer = await exchange(sim)('GET', `Stocks?uid=${sim.exchangeUid}&Total=true`);
      const rows = answer.json as Row[];
      expect(rows.find((r) => r.Item === sim.seed.items.instantCoffee)).toMatchObject({
        Quantity: '4',
      });
      expect(rows.find((r) => r.Item === sim.seed.items.espresso)).toMatchObject({
        Quantity: '40',
        Reserve: '2',
      });
    });
  });

  describe('Prices, ItemPricing, Discounts', () => {
    it('wraps prices in { Source: [...] } and filters by Source', async () => {
      const all = await exchange(sim)('GET', `Prices?uid=${sim.exchangeUid}`);
      expect(all.status).toBe(200);
      const source = (all.json as { Source: Row[] }).Source;
      expect(source.length).toBeGreaterThan(10);
      const one = await exchange(sim)(
        'GET',
        `Prices?uid=${sim.exchangeUid}&Source=${sim.seed.items.espresso}`,
      );
      expect(one.json).toEqual({
        Source: [
          {
            PriceType: sim.seed.priceTypes.retail,
            Item: sim.seed.items.espresso,
            Currency: 'GEL',
            Price: 18.9,
          },
          {
            PriceType: sim.seed.priceTypes.sale,
            Item: sim.seed.items.espresso,
            Currency: 'GEL',
            Price: 15.9,
          },
        ],
      });
      expect(source.some((r) => r.Item === sim.seed.items.hibiscusTea)).toBe(false);
    });

    it('requires the exchange uid for Prices', async () => {
      expect((await exchange(sim)('GET', 'Prices')).status).toBe(502);
      expect((await exchange(sim)('GET', `Prices?uid=${NULL_GUID}`)).json).toEqual({ Source: [] });
    });

    it('reflects setPrice and upsertItemPricing', async () => {
      sim.setPrice({ item: sim.seed.items.hibiscusTea, price: '4.45' });
      sim.upsertItemPricing({
        PriceType: sim.seed.priceTypes.sale,
        Date: '2026-01-05T00:00:00',
        Items: [{ Item: sim.seed.items.espresso, Price: '14.90' }],
      });
      const hibiscus = await exchange(sim)(
        'GET',
        `Prices?uid=${sim.exchangeUid}&Source=${sim.seed.items.hibiscusTea}`,
      );
      expect((hibiscus.json as { Source: Row[] }).Source).toEqual([
        expect.objectContaining({ PriceType: sim.seed.priceTypes.retail, Price: 4.45 }),
      ]);
      const espresso = await exchange(sim)(
        'GET',
        `Prices?uid=${sim.exchangeUid}&Source=${sim.seed.items.espresso}`,
      );
      expect((espresso.json as { Source: Row[] }).Source[1]).toMatchObject({ Price: 14.9 });
    });

    it('returns dated ItemPricing documents with paging, uid optional', async () => {
      const all = await exchange(sim)('GET', 'ItemPricing');
      const docs = all.json as Row[];
      expect(docs.map((d) => d.Date)).toEqual([
        '2025-01-10T09:00:00',
        '2025-06-01T09:00:00',
        '2025-11-24T00:00:00',
      ]);
      expect(docs[2]).toMatchObject({
        uid: sim.seed.itemPricing.sale,
        PriceType: sim.seed.priceTypes.sale,
      });
      expect(docs[2]?.Items).toContainEqual({ Item: sim.seed.items.espresso, Price: 15.9 });
      const page2 = await exchange(sim)(
        'GET',
        `ItemPricing?uid=${sim.exchangeUid}&Pack=2&PackSize=2`,
      );
      expect((page2.json as Row[]).map((d) => d.uid)).toEqual([sim.seed.itemPricing.sale]);
      expect((await exchange(sim)('GET', 'ItemPricing?Pack=3&PackSize=2')).json).toEqual([]);
      expect((await exchange(sim)('GET', `ItemPricing?uid=${NULL_GUID}`)).json).toEqual([]);
    });

    it('returns discount rules with DD.MM.YYYY windows', async () => {
      const answer = await exchange(sim)('GET', 'Discounts');
      expect(answer.json).toContainEqual(
        expect.objectContaining({
          uid: sim.seed.discounts.newYear,
          Percentage: '10',
          IsActive: 'true',
          StartDate: '20.12.2025',
          EndDate: '07.01.2026',
          DiscountCondition: 'უპირობოდ',
          Items: [{ Item: sim.seed.groups.tea }],
        }),
      );
    });
  });

  describe('Clients reads', () => {
    it('finds clients by Name and by ID, 404 "Not Found" otherwise', async () => {
      const byName = await exchange(sim)(
        'GET',
        `Clients?Name=${encodeURIComponent('ნინო ბერიძე')}`,
      );
      expect(byName.status).toBe(200);
      expect(byName.json).toEqual([
        expect.objectContaining({ uid: sim.seed.clients.nino, ID: '01001012345' }),
      ]);
      const byId = await exchange(sim)('GET', 'Clients?ID=62001009876');
      expect((byId.json as Row[])[0]?.uid).toBe(sim.seed.clients.tamar);
      const missing = await exchange(sim)('GET', `Clients?Name=${encodeURIComponent('არავინ')}`);
      expect(missing.status).toBe(404);
      expect(missing.statusText).toBe('Not Found');
    });
  });
});
