import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import {
  type BalanceSimulator,
  createBalanceSimulator,
} from '@balance-sync/balance-client/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BalanceAuthError,
  type BalanceClient,
  type BalanceClientOptions,
  BalanceHttpError,
  createBalanceClient,
  type SaleInput,
  SaleOperationType,
  SalesCreditOperationType,
  VatTaxable,
} from '../src/index.js';
import { collect, fakeRuntime } from './helpers/mock-balance.js';

// The client against the colleague's Balance simulator over real HTTP (no msw here).
let sim: BalanceSimulator;

beforeAll(async () => {
  sim = await createBalanceSimulator({
    seed: { prngSeed: 3, items: 60 },
    forbiddenSegments: { o: ['ItemsSeries'] },
  }).start();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

function client(
  shape: 'onprem' | 'cloud' = 'onprem',
  extra: Partial<BalanceClientOptions> = {},
): {
  balance: BalanceClient;
  delays: number[];
} {
  const { runtime, delays } = fakeRuntime();
  const balance = createBalanceClient({
    connection: shape === 'onprem' ? sim.onPrem : sim.cloud,
    username: sim.credentials.username,
    password: sim.credentials.password,
    exchangeUid: sim.exchangeUid,
    runtime: { ...runtime, requestId: () => randomUUID() },
    ...extra,
  });
  return { balance, delays };
}

function saleFor(uid: string, comment = 'Woo order #1001'): SaleInput {
  return {
    uid,
    Date: '2025-12-01T10:00:00',
    Client: sim.seed.retailClientUid,
    Warehouse: sim.seed.warehouses.main,
    VATTaxable: VatTaxable.subjectToVat,
    OperationType: SaleOperationType.supplyForConsideration,
    AmountIncludesVAT: true,
    Comments: comment,
    Items: [
      { Item: sim.seed.items.espresso, Quantity: 2, Price: '18.90', Amount: '37.80' },
      { Item: sim.seed.shippingItemUid, Quantity: 1, Price: '5.00', Amount: '5.00' },
    ],
  };
}

describe('contract: client × Balance simulator', () => {
  it.each(['onprem', 'cloud'] as const)(
    'iterates every item and group across packs (%s)',
    async (shape) => {
      const { balance } = client(shape);
      const rows = await collect(balance.items.list({ packSize: 7 }));
      expect(rows).toHaveLength(sim.state.items.size);
      expect(new Set(rows.map((row) => row.uid))).toEqual(new Set(sim.state.items.keys()));
      expect(rows.filter((row) => row.IsGroup).length).toBeGreaterThan(0);
      const packs = sim.requests
        .filter((r) => r.template === 'Items')
        .map((r) => Number(r.query.Pack));
      expect(packs).toEqual(
        Array.from({ length: Math.ceil(sim.state.items.size / 7) + 1 }, (_, i) => i + 1),
      );
    },
  );

  it('upserting the same Sale twice keeps one document; it reads back with line uids', async () => {
    const { balance } = client();
    const uid = randomUUID();
    await balance.sales.upsert(saleFor(uid));
    await balance.sales.upsert(saleFor(uid, 'Woo order #1001 (edited)'));
    const stored = [...sim.state.sales.values()].filter((doc) => doc.uid === uid);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.writes).toBe(2);
    const readBack = await balance.sales.get(uid);
    expect(readBack?.Comments).toBe('Woo order #1001 (edited)');
    expect(readBack?.Items.map((line) => line.uid)).toEqual(
      stored[0]?.lines.map((line) => line.uid),
    );
    expect(await balance.sales.get(randomUUID())).toBeUndefined();
  });

  it('a credit note references the Sale and its line; upserting it again does not duplicate it', async () => {
    const { balance } = client();
    const saleUid = randomUUID();
    await balance.sales.upsert(saleFor(saleUid));
    const sale = await balance.sales.get(saleUid);
    const line = sale?.Items[0];
    const creditUid = randomUUID();
    const credit = {
      uid: creditUid,
      BaseDocument: saleUid,
      Date: '2025-12-03',
      OperationType: SalesCreditOperationType.return,
      VATTaxable: VatTaxable.subjectToVat,
      Client: sim.seed.retailClientUid,
      Warehouse: sim.seed.warehouses.main,
      Items: [
        {
          Item: sim.seed.items.espresso,
          BaseDocument: line?.uid,
          Quantity: 1,
          Price: '18.90',
          Amount: '18.90',
          AmountIncludingVAT: '18.90',
        },
      ],
    };
    await balance.salesCredits.upsert(credit);
    await balance.salesCredits.upsert(credit);
    expect(sim.state.salesCredits.size).toBe(1);
    expect(sim.state.salesCredits.get(creditUid)?.lines[0]?.baseDocument).toBe(line?.uid);
    expect((await balance.salesCredits.get(creditUid))?.BaseDocument?.toLowerCase()).toBe(
      saleUid.toLowerCase(),
    );

    // Returning more than was sold fails posting: a business error, sent once, not retried.
    sim.clearRequests();
    const tooMuch = {
      ...credit,
      uid: randomUUID(),
      Items: [{ ...credit.Items[0]!, Quantity: 5, Amount: '94.50' }],
    };
    const error = (await balance.salesCredits
      .upsert(tooMuch)
      .catch((e: unknown) => e)) as BalanceHttpError;
    expect(error).toBeInstanceOf(BalanceHttpError);
    expect(error.messages.join(' ')).toMatch(/ОбработкаПроведения/);
    expect(error.retryable).toBe(false);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('{"Error": [...]} becomes BalanceHttpError.messages', async () => {
    const { balance } = client();
    const bad = saleFor(randomUUID());
    const unknownItem = randomUUID();
    const error = (await balance.sales
      .upsert({
        ...bad,
        Items: [{ Item: unknownItem, Quantity: 1, Price: '1.00', Amount: '1.00' }],
      })
      .catch((e: unknown) => e)) as BalanceHttpError;
    expect(error).toBeInstanceOf(BalanceHttpError);
    expect(error.status).toBe(400);
    expect(error.messages).toEqual([`Items[0].Item: საქონელი ვერ მოიძებნა: ${unknownItem}`]);
    expect(error.retryable).toBe(false);
  });

  it('retries a failing GET; never retries POST or a uid-less PUT', async () => {
    const { balance, delays } = client();
    sim.faults.set({ serverError: { status: 503, times: 2, templates: ['Warehouses'] } });
    expect((await balance.warehouses.list()).length).toBe(sim.state.warehouses.size);
    expect(sim.requests.filter((r) => r.template === 'Warehouses').map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
    expect(delays).toHaveLength(2);

    sim.faults.set({ serverError: { status: 503, times: 5, templates: ['Clients'] } });
    await expect(
      balance.request({
        method: 'POST',
        template: 'Clients',
        body: { Name: 'ახალი', ID: '12345678901' },
      }),
    ).rejects.toBeInstanceOf(BalanceHttpError);
    await expect(
      balance.clients.upsert({ Name: 'ახალი', ID: '12345678901' }),
    ).rejects.toBeInstanceOf(BalanceHttpError);
    expect(
      sim.requests.filter((r) => r.template === 'Clients').map((r) => `${r.method} ${r.status}`),
    ).toEqual(['POST 503', 'PUT 503']);
  });

  it('honours 429 Retry-After from the simulator', async () => {
    const { balance, delays } = client();
    sim.faults.set({ rateLimit: { retryAfterSeconds: 2, times: 1, templates: ['Items'] } });
    await balance.items.get(sim.seed.items.espresso);
    expect(delays).toEqual([2_000]);
  });

  it('cloud: a 403 under sm/o falls back to sm/a and is remembered for that template', async () => {
    const { balance } = client('cloud');
    await balance.request({
      method: 'GET',
      template: 'ItemsSeries',
      query: { Item: sim.seed.items.blackTea },
    });
    await balance.request({
      method: 'GET',
      template: 'ItemsSeries',
      query: { Item: sim.seed.items.blackTea },
    });
    expect(sim.requests.map((r) => `${r.segment} ${r.status}`)).toEqual([
      'o 403',
      'a 200',
      'a 200',
    ]);
  });

  it('clients: lookup by name and ID, upsert by uid', async () => {
    const { balance } = client();
    expect(await balance.clients.findByName('nobody at all')).toEqual([]);
    const uid = randomUUID();
    await balance.clients.upsert({
      uid,
      Name: 'ლევან კაპანაძე',
      ID: '01024055555',
      Phones: [{ Phone: '+995599000000' }],
    });
    await balance.clients.upsert({ uid, Name: 'ლევან კაპანაძე', ID: '01024055555' });
    expect((await balance.clients.findById('01024055555')).map((c) => c.uid.toLowerCase())).toEqual(
      [uid],
    );
    expect((await balance.clients.findByName('ლევან კაპანაძე')).length).toBe(1);
  });

  it('testConnection() against the simulator', async () => {
    const { balance } = client();
    const report = await balance.testConnection();
    expect(report.ok).toBe(true);
    expect(report.checks.find((check) => check.name === 'authentication')?.status).toBe('pass');
    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(report.priceTypes).toEqual(expect.arrayContaining([sim.seed.priceTypes.retail]));
    expect(report.itemFieldNames).toContain('ItemType');
    expect(report.itemFieldCandidates.itemType).toEqual(['ItemType']);

    const wrong = client('onprem', { exchangeUid: randomUUID() }).balance;
    const wrongReport = await wrong.testConnection();
    expect(wrongReport.verdict).not.toBe('ok');
    expect(wrongReport.checks.find((check) => check.name === 'stocks')?.message).toMatch(
      /exchangeUid/,
    );
  });

  it('wrong password: BalanceAuthError without the password anywhere', async () => {
    const password = 'not-the-simulator-password';
    const { balance } = client('onprem', { password });
    const error = await balance.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceAuthError);
    for (const text of [
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify((error as BalanceAuthError).toJSON()),
    ]) {
      expect(text).not.toContain(password);
    }
  });

  it('dry run sends no write to Balance', async () => {
    const { balance } = client('onprem', { dryRun: true });
    const result = await balance.sales.upsert(saleFor(randomUUID()));
    expect(result.dryRun).toBe(true);
    expect(sim.requests).toEqual([]);
    expect(sim.state.sales.size).toBe(0);
  });
});
