import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BalanceSimulator,
  createBalanceSimulator,
  ITEM_TYPES,
  NULL_GUID,
  priceKey,
  stockKey,
} from '../src/testing/index.js';

const GEORGIAN = /[\u10D0-\u10FF]/;

describe('Balance simulator seed data', () => {
  let sim: BalanceSimulator;
  beforeAll(() => {
    sim = createBalanceSimulator();
  });

  const item = (uid: string) => {
    const found = sim.state.items.get(uid);
    if (!found) throw new Error(`missing ${uid}`);
    return found;
  };
  const leafItems = () => [...sim.state.items.values()].filter((i) => !i.IsGroup);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = createBalanceSimulator();
    expect([...again.state.items.values()]).toEqual([...sim.state.items.values()]);
    expect(again.seed).toEqual(sim.seed);
    expect(again.exchangeUid).toBe(sim.exchangeUid);
    const other = createBalanceSimulator({ seed: 7 });
    expect(other.seed.prngSeed).toBe(7);
    expect(other.seed.items.espresso).not.toBe(sim.seed.items.espresso);
    expect(other.state.items.get(other.seed.items.espresso)?.Name).toBe('ყავა ესპრესო 250გ');
  });

  it('has Georgian names, nested groups and the default number of items', () => {
    expect(leafItems()).toHaveLength(sim.seed.itemCount);
    expect(sim.seed.itemCount).toBe(24);
    expect(leafItems().every((i) => GEORGIAN.test(i.Name))).toBe(true);
    expect(item(sim.seed.items.greenTea).Name).toBe('ჩაი მწვანე');
    expect(item(sim.seed.groups.coffee)).toMatchObject({
      IsGroup: true,
      Group: sim.seed.groups.beverages,
    });
    expect(item(sim.seed.groups.tea).Group).toBe(sim.seed.groups.beverages);
    expect(item(sim.seed.groups.beverages).Group).toBe(NULL_GUID);
    expect(item(sim.seed.groups.services).Name).toBe('მომსახურება');
    expect(item(sim.seed.items.officePaper).Group).toBe(sim.seed.groups.expenses);
  });

  it('has service items, a duplicate code and an empty code', () => {
    const services = leafItems().filter((i) => i.ItemType === ITEM_TYPES.service);
    expect(services.map((i) => i.uid).sort()).toEqual(
      [sim.seed.shippingItemUid, sim.seed.feeItemUid, sim.seed.items.coffeeMachineService].sort(),
    );
    expect(services.every((i) => i.Group === sim.seed.groups.services)).toBe(true);
    expect(item(sim.seed.shippingItemUid)).toMatchObject({ Name: 'მიწოდება', Code: 'DELIVERY' });
    expect(item(sim.seed.feeItemUid).Code).toBe('FEE');
    expect(item(sim.seed.items.greenTeaBags).Code).toBe(item(sim.seed.items.greenTea).Code);
    expect(
      leafItems()
        .filter((i) => i.Code === '')
        .map((i) => i.uid),
    ).toEqual([sim.seed.items.ceramicMug]);
  });

  it('has three warehouses with reserves and lot-tracked stock', () => {
    expect([...sim.state.warehouses.values()].map((w) => w.Name)).toEqual([
      'მთავარი საწყობი',
      'მაღაზია ვაკე',
      'მაღაზია საბურთალო',
    ]);
    const reserved = [...sim.state.stocks.values()].filter((l) => l.Reserve !== '0');
    expect(new Set(reserved.map((l) => l.Warehouse)).size).toBeGreaterThanOrEqual(3);
    expect(
      sim.state.stocks.get(
        stockKey(sim.seed.items.blackTea, sim.seed.warehouses.main, sim.seed.series.blackTeaLotB),
      ),
    ).toMatchObject({ Quantity: '15', Reserve: '3' });
  });

  it('has two price types, dated ItemPricing documents and a discount window', () => {
    expect([...sim.state.priceTypes.values()].map((p) => p.Name)).toEqual([
      'საცალო ფასი',
      'აქციის ფასი',
    ]);
    expect(
      sim.state.prices.get(priceKey(sim.seed.priceTypes.retail, sim.seed.items.espresso))?.Price,
    ).toBe('18.90');
    expect(
      sim.state.prices.get(priceKey(sim.seed.priceTypes.sale, sim.seed.items.espresso))?.Price,
    ).toBe('15.90');
    expect(
      sim.state.prices.has(priceKey(sim.seed.priceTypes.retail, sim.seed.items.hibiscusTea)),
    ).toBe(false);
    expect(sim.state.itemPricing.get(sim.seed.itemPricing.sale)).toMatchObject({
      PriceType: sim.seed.priceTypes.sale,
      Date: '2025-11-24T00:00:00',
    });
    expect(sim.state.discounts.get(sim.seed.discounts.newYear)).toMatchObject({
      StartDate: '20.12.2025',
      EndDate: '07.01.2026',
      IsActive: true,
    });
  });

  it('has a retail client and named clients with 11-digit personal IDs', () => {
    expect(sim.state.clients.get(sim.seed.retailClientUid)?.Name).toBe('საცალო მყიდველი');
    const people = [sim.seed.clients.nino, sim.seed.clients.giorgi, sim.seed.clients.tamar].map(
      (uid) => sim.state.clients.get(uid),
    );
    expect(people.map((c) => c?.ID)).toEqual(['01001012345', '01024056789', '62001009876']);
    expect(
      people.every((c) => /^\d{11}$/.test(c?.ID ?? '') && c?.LegalForm === 'ფიზიკური პირი'),
    ).toBe(true);
    expect(sim.state.clients.get(sim.seed.clients.coffeeHouseLlc)?.LegalForm).toBe(
      'შეზღუდული პასუხისმგებლობის საზოგადოება',
    );
  });

  it('generates large catalogs with unique filler codes, prices and stock', () => {
    const started = performance.now();
    const big = createBalanceSimulator({ seed: { prngSeed: 3, items: 20_000 } });
    expect(performance.now() - started).toBeLessThan(5_000);
    const items = [...big.state.items.values()].filter((i) => !i.IsGroup);
    expect(items).toHaveLength(20_000);
    const filler = items.filter((i) => i.Code.startsWith('P-'));
    expect(new Set(filler.map((i) => i.Code)).size).toBe(filler.length);
    expect(filler.every((i) => GEORGIAN.test(i.Name))).toBe(true);
    const retail = [...big.state.prices.values()].filter(
      (p) => p.PriceType === big.seed.priceTypes.retail,
    );
    expect(retail.length).toBeGreaterThan(19_000);
    expect(big.state.stocks.size).toBeGreaterThan(20_000);
  });
});

describe('Balance simulator mutation helpers and reset', () => {
  let sim: BalanceSimulator;
  let authorization: string;
  beforeAll(async () => {
    sim = await createBalanceSimulator().start();
    authorization = `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`;
  });
  afterAll(() => sim.stop());

  const getItems = async () => {
    const response = await fetch(`${sim.url}/Balance_Exchange/hs/Exchange/Items`, {
      headers: { authorization },
    });
    return (await response.json()) as Record<string, unknown>[];
  };

  it('adds, updates and removes items as seen over HTTP, and reset restores the seed', async () => {
    const before = (await getItems()).length;
    const honey = sim.addItem({
      Name: 'თაფლი წაბლის 500გ',
      Code: 'HN-500',
      Group: sim.seed.groups.groceries,
    });
    sim.setPrice({ item: honey.uid, price: '24.00' });
    sim.setStock({ item: honey.uid, warehouse: sim.seed.warehouses.main, quantity: '9' });
    expect((await getItems()).find((row) => row.uid === honey.uid)).toMatchObject({
      Name: 'თაფლი წაბლის 500გ',
      Code: 'HN-500',
      InternalArticle: 'HN-500',
      IsGroup: 'false',
      ItemType: 'საქონელი',
    });
    sim.updateItem(sim.seed.items.espresso, { Name: 'ყავა ესპრესო 250გ (ახალი შეფუთვა)' });
    expect((await getItems()).find((row) => row.uid === sim.seed.items.espresso)?.Name).toBe(
      'ყავა ესპრესო 250გ (ახალი შეფუთვა)',
    );
    expect(sim.removeItem(sim.seed.items.detergent)).toBe(true);
    expect([...sim.state.stocks.values()].some((l) => l.Item === sim.seed.items.detergent)).toBe(
      false,
    );
    expect([...sim.state.prices.values()].some((p) => p.Item === sim.seed.items.detergent)).toBe(
      false,
    );
    expect(await getItems()).toHaveLength(before);
    expect(sim.requests.length).toBeGreaterThan(0);

    const state = sim.state;
    sim.reset();
    expect(sim.state).toBe(state);
    expect(sim.requests).toHaveLength(0);
    expect(sim.state.items.has(honey.uid)).toBe(false);
    expect(sim.state.items.get(sim.seed.items.espresso)?.Name).toBe('ყავა ესპრესო 250გ');
    expect(sim.state.items.has(sim.seed.items.detergent)).toBe(true);
    expect(await getItems()).toHaveLength(before);
  });

  it('adds clients with generated uids', () => {
    const client = sim.addClient({ Name: 'ლევან კაპანაძე', ID: '01008033333' });
    expect(sim.state.clients.get(client.uid)).toMatchObject({
      Name: 'ლევან კაპანაძე',
      LegalForm: 'ფიზიკური პირი',
    });
    const second = sim.addClient({ Name: 'ეკა ხარაიშვილი', ID: '01008044444' });
    expect(second.uid).not.toBe(client.uid);
  });

  it('rejects malformed decimals in helpers', () => {
    expect(() => sim.setPrice({ item: sim.seed.items.sponge, price: '3,15 ლარი' })).toThrow(
      /not a decimal/,
    );
    expect(() => sim.updateItem('00000000-0000-0000-0000-000000000001', { Name: 'x' })).toThrow(
      /no item/,
    );
  });
});
