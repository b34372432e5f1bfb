import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BalanceSimulator,
  type BalanceSimulatorOptions,
  createBalanceSimulator,
} from '../src/testing/index.js';

type Row = Record<string, unknown>;
interface Answer {
  status: number;
  json: unknown;
  text: string;
}

function exchange(sim: BalanceSimulator) {
  const base = `${sim.url}/${sim.basePath}/hs/Exchange`;
  const authorization = `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`;
  return async (
    method: string,
    path: string,
    body?: unknown,
    rawBody?: string,
  ): Promise<Answer> => {
    const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await fetch(`${base}/${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  };
}

async function withSimulator<T>(
  options: BalanceSimulatorOptions,
  body: (sim: BalanceSimulator) => Promise<T>,
): Promise<T> {
  const sim = await createBalanceSimulator(options).start();
  try {
    return await body(sim);
  } finally {
    await sim.stop();
  }
}

describe('Balance simulator documents', () => {
  let sim: BalanceSimulator;
  let call: ReturnType<typeof exchange>;
  beforeAll(async () => {
    sim = await createBalanceSimulator({ genericTemplates: ['CashIncomeOrder'] }).start();
    call = exchange(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const sale = (uid: string, overrides: Row = {}): Row => ({
    uid,
    Date: '2025-12-01T10:00:00',
    Client: sim.seed.clients.nino,
    Warehouse: sim.seed.warehouses.main,
    VATTaxable: 'იბეგრება დღგ-ით',
    OperationType: 'მიწოდება კომპენსაციით',
    AmountIncludesVAT: true,
    Items: [
      { Item: sim.seed.items.espresso, Quantity: '2', Price: '18.90', Amount: '37.80' },
      { Item: sim.seed.items.greenTea, Quantity: 3, Price: 6.5, Amount: '19.50' },
      { Item: sim.seed.shippingItemUid, Quantity: '1', Price: '5.00', Amount: '5.00' },
    ],
    ...overrides,
  });
  const credit = (uid: string, base: string, items: Row[], overrides: Row = {}): Row => ({
    uid,
    BaseDocument: base,
    Date: '2025-12-03',
    Client: sim.seed.clients.nino,
    Warehouse: sim.seed.warehouses.main,
    OperationType: 'დაბრუნება',
    Items: items,
    ...overrides,
  });
  const putSale = async (uid: string = randomUUID(), overrides: Row = {}) => {
    const answer = await call('PUT', 'Sale', [sale(uid, overrides)]);
    expect(answer.status).toBe(200);
    return (answer.json as Row[])[0] as Row & { Items: Row[] };
  };
  const errorsOf = (answer: Answer) => {
    expect(answer.json).toEqual({ Error: expect.any(Array) });
    return (answer.json as { Error: string[] }).Error;
  };

  describe('Sale upsert', () => {
    it('stores a Sale and returns it with Number and line uids; GET ?uid= returns the same', async () => {
      const uid = randomUUID();
      const saved = await putSale(uid);
      expect(saved).toMatchObject({ uid, Number: '000000001', Client: sim.seed.clients.nino });
      expect(saved.Items.map((line) => line.uid)).toEqual([
        expect.stringMatching(/^[0-9a-f-]{36}$/),
        expect.stringMatching(/^[0-9a-f-]{36}$/),
        expect.stringMatching(/^[0-9a-f-]{36}$/),
      ]);
      expect(new Set(saved.Items.map((line) => line.uid)).size).toBe(3);
      const read = await call('GET', `Sale?uid=${uid}`);
      expect(read.status).toBe(200);
      expect(read.json).toEqual([saved]);
      const stored = sim.state.sales.get(uid);
      expect(stored).toMatchObject({ totalTetri: 6230, writes: 1, deletionMark: false });
      expect(stored?.lines.map((line) => line.amountTetri)).toEqual([3780, 1950, 500]);
    });

    it('keeps one document with the same Number and line uids when the same uid is PUT again', async () => {
      const uid = randomUUID();
      const first = await putSale(uid);
      const second = await putSale(uid, { Comments: 'retry' });
      expect(sim.state.sales.size).toBe(1);
      expect(second.Number).toBe(first.Number);
      expect(second.Items.map((l) => l.uid)).toEqual(first.Items.map((l) => l.uid));
      expect(sim.state.sales.get(uid)).toMatchObject({
        writes: 2,
        body: expect.objectContaining({ Comments: 'retry' }),
      });
      const other = await putSale();
      expect(other.Number).toBe('000000002');
    });

    it('replaces the lines on re-PUT and recomputes the total', async () => {
      const uid = randomUUID();
      const first = await putSale(uid);
      const shorter = await putSale(uid, {
        Items: [{ Item: sim.seed.items.espresso, Quantity: '1', Price: '18.90', Amount: '18.90' }],
      });
      expect(shorter.Items).toHaveLength(1);
      expect(shorter.Items[0]?.uid).toBe(first.Items[0]?.uid);
      expect(sim.state.sales.get(uid)?.totalTetri).toBe(1890);
    });

    it('keeps line uids the request supplies', async () => {
      const lineUid = randomUUID();
      const saved = await putSale(randomUUID(), {
        Items: [{ uid: lineUid, Item: sim.seed.items.detergent, Quantity: '1', Price: '11.40' }],
      });
      expect(saved.Items[0]?.uid).toBe(lineUid);
    });

    it('computes a missing Amount from Price × Quantity in tetri', async () => {
      const uid = randomUUID();
      await putSale(uid, {
        Items: [{ Item: sim.seed.items.coffeeByWeight, Quantity: '0.333', Price: '48.00' }],
      });
      expect(sim.state.sales.get(uid)?.totalTetri).toBe(1598); // 15.984 → 15.98
    });

    it('stores several documents of one PUT', async () => {
      const answer = await call('PUT', 'Sale', [sale(randomUUID()), sale(randomUUID())]);
      expect(answer.status).toBe(200);
      expect(answer.json).toHaveLength(2);
      expect(sim.state.sales.size).toBe(2);
    });

    it('answers 404 for GET ?uid= of a Sale that does not exist', async () => {
      const answer = await call('GET', `Sale?uid=${randomUUID()}`);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ Error: ['Not Found'] });
    });

    it('PATCH merges into a stored Sale and keeps its lines; unknown uid is 404', async () => {
      const uid = randomUUID();
      const first = await putSale(uid);
      const patched = await call('PATCH', 'Sale', [{ uid, Comments: 'WooCommerce order #1001' }]);
      expect(patched.status).toBe(200);
      const [saved] = patched.json as (Row & { Items: Row[] })[];
      expect(saved).toMatchObject({ Comments: 'WooCommerce order #1001', Number: first.Number });
      expect(saved?.Items.map((l) => l.uid)).toEqual(first.Items.map((l) => l.uid));
      expect(sim.state.sales.get(uid)?.totalTetri).toBe(6230);
      expect((await call('PATCH', 'Sale', [{ uid: randomUUID(), Comments: 'x' }])).status).toBe(
        404,
      );
    });

    it('refuses POST on documents (created with PUT only)', async () => {
      expect((await call('POST', 'Sale', [sale(randomUUID())])).status).toBe(405);
      expect(sim.state.sales.size).toBe(0);
    });
  });

  describe('Sale validation', () => {
    it('requires a JSON array body', async () => {
      const object = await call('PUT', 'Sale', sale(randomUUID()));
      expect(object.status).toBe(400);
      expect(errorsOf(object)[0]).toMatch(/array/);
      const broken = await call('PUT', 'Sale', undefined, '[{"uid": ');
      expect(broken.status).toBe(400);
      expect(errorsOf(broken)[0]).toMatch(/JSON/);
      const empty = await call('PUT', 'Sale', []);
      expect(empty.status).toBe(400);
      expect(sim.state.sales.size).toBe(0);
    });

    it('rejects a document without uid or with a malformed uid', async () => {
      const missing = await call('PUT', 'Sale', [sale('')]);
      expect(missing.status).toBe(400);
      expect(errorsOf(missing)[0]).toMatch(/^uid: .*required/);
      const malformed = await call('PUT', 'Sale', [sale('order-1234')]);
      expect(errorsOf(malformed)[0]).toMatch(/not a valid unique identifier/);
      expect(sim.state.sales.size).toBe(0);
    });

    it.each([
      [
        'an unknown client',
        { Client: '11111111-2222-3333-4444-555555555555' },
        /^Client: მყიდველი ვერ მოიძებნა/,
      ],
      ['no client', { Client: '' }, /^Client: მყიდველი არ არის მითითებული/],
      [
        'an unknown warehouse',
        { Warehouse: '11111111-2222-3333-4444-555555555555' },
        /^Warehouse: საწყობი ვერ მოიძებნა/,
      ],
      [
        'a warehouse code without search settings',
        { Warehouse: 'MW' },
        /^Warehouse: საწყობი ვერ მოიძებნა: MW/,
      ],
      ['no lines', { Items: [] }, /^Items: the document must have at least one line/],
      ['no Items at all', { Items: undefined }, /^Items: the document must have at least one line/],
      [
        'a misspelled OperationType',
        { OperationType: 'მიწოდება კომფენსაციით' },
        /^OperationType: უცნობი მნიშვნელობა/,
      ],
      ['a bad date', { Date: '01.12.2025' }, /^Date: .* is not a date/],
    ])('rejects a Sale with %s', async (_, overrides, message) => {
      const answer = await call('PUT', 'Sale', [sale(randomUUID(), overrides)]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([expect.stringMatching(message)]);
      expect(sim.state.sales.size).toBe(0);
    });

    it.each([
      [
        'an unknown item',
        { Item: '11111111-2222-3333-4444-555555555555', Quantity: '1', Amount: '1' },
        /^Items\[0\]\.Item: საქონელი ვერ მოიძებნა/,
      ],
      [
        'an item code without search settings',
        { Item: 'CF-001', Quantity: '1', Amount: '1' },
        /^Items\[0\]\.Item: საქონელი ვერ მოიძებნა: CF-001/,
      ],
      ['a group as item', { Item: 'GROUP', Quantity: '1', Amount: '1' }, /is a group, not an item/],
      [
        'a zero quantity',
        { Item: 'ESPRESSO', Quantity: '0', Amount: '1' },
        /^Items\[0\]\.Quantity/,
      ],
      [
        'a non-numeric amount',
        { Item: 'ESPRESSO', Quantity: '1', Amount: '12,50 GEL' },
        /^Items\[0\]\.Amount/,
      ],
      [
        'no price and no amount',
        { Item: 'ESPRESSO', Quantity: '1' },
        /Price or Amount is required/,
      ],
    ])('rejects a line with %s', async (_, line, message) => {
      const resolved = {
        ...line,
        Item:
          line.Item === 'GROUP'
            ? sim.seed.groups.coffee
            : line.Item === 'ESPRESSO'
              ? sim.seed.items.espresso
              : line.Item,
      };
      const answer = await call('PUT', 'Sale', [sale(randomUUID(), { Items: [resolved] })]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([expect.stringMatching(message)]);
    });

    it('reports every problem of the document at once', async () => {
      const answer = await call('PUT', 'Sale', [
        sale(randomUUID(), {
          Client: '11111111-2222-3333-4444-555555555555',
          Items: [{ Item: '11111111-2222-3333-4444-555555555555', Quantity: '1', Amount: '1' }],
        }),
      ]);
      expect(errorsOf(answer)).toHaveLength(2);
    });

    it('stores nothing of a PUT when one of its documents is invalid', async () => {
      const answer = await call('PUT', 'Sale', [
        sale(randomUUID()),
        sale(randomUUID(), { Items: [] }),
      ]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([expect.stringMatching(/^\[1\] Items:/)]);
      expect(sim.state.sales.size).toBe(0);
    });

    it('accepts codes, IDs and names as references when search settings say so', async () => {
      await withSimulator(
        { searchBy: { Client: ['id'], Item: ['code'], Warehouse: ['code'] } },
        async (other) => {
          const uid = randomUUID();
          const answer = await exchange(other)('PUT', 'Sale', [
            {
              uid,
              Date: '2025-12-01T10:00:00',
              Client: '01001012345',
              Warehouse: 'VK',
              Items: [{ Item: 'TE-001', Quantity: '1', Price: '6.50', Amount: '6.50' }],
            },
          ]);
          expect(answer.status).toBe(200);
          // Duplicate code TE-001: the first item in catalog order wins, as 1C's find-by-code does.
          expect(other.state.sales.get(uid)?.lines[0]?.item).toBe(other.seed.items.greenTea);
        },
      );
    });
  });

  describe('SalesCredit', () => {
    let saleUid: string;
    let lines: Row[];
    beforeEach(async () => {
      saleUid = randomUUID();
      lines = (await putSale(saleUid)).Items;
    });
    const espressoLine = () => lines[0]?.uid as string;

    it('stores a partial return whose lines point at Sale lines, and re-PUT does not double count', async () => {
      const uid = randomUUID();
      const body = credit(uid, saleUid, [
        {
          Item: sim.seed.items.espresso,
          Quantity: '2',
          Price: '18.90',
          Amount: '37.80',
          BaseDocument: espressoLine(),
        },
      ]);
      const first = await call('PUT', 'SalesCredit', [body]);
      expect(first.status).toBe(200);
      const again = await call('PUT', 'SalesCredit', [body]);
      expect(again.status).toBe(200);
      expect(sim.state.salesCredits.size).toBe(1);
      expect(sim.state.salesCredits.get(uid)).toMatchObject({ totalTetri: 3780, writes: 2 });
      const read = await call('GET', `SalesCredit?uid=${uid}`);
      expect((read.json as Row[])[0]).toMatchObject({
        uid,
        BaseDocument: saleUid,
        Number: '000000001',
      });
    });

    it('accepts the Sale uid as line BaseDocument when the line uid is unknown', async () => {
      const answer = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), saleUid, [
          {
            Item: sim.seed.items.greenTea,
            Quantity: '1',
            Price: '6.50',
            Amount: '6.50',
            BaseDocument: saleUid,
          },
        ]),
      ]);
      expect(answer.status).toBe(200);
    });

    it('rejects a credit note without BaseDocument, except a return without base', async () => {
      const line = { Item: sim.seed.items.greenTea, Quantity: '1', Amount: '6.50' };
      const answer = await call('PUT', 'SalesCredit', [credit(randomUUID(), '', [line])]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([
        expect.stringMatching(/^BaseDocument: საფუძველი დოკუმენტი არ არის მითითებული/),
      ]);
      const withoutBase = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), '', [line], { OperationType: 'საფუძვლის გარეშე უკან დაბრუნება' }),
      ]);
      expect(withoutBase.status).toBe(200);
    });

    it('rejects a credit note whose BaseDocument Sale does not exist', async () => {
      const missing = randomUUID();
      const answer = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), missing, [
          { Item: sim.seed.items.greenTea, Quantity: '1', Amount: '6.50' },
        ]),
      ]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([
        `BaseDocument: საფუძველი დოკუმენტი (რეალიზაცია) ვერ მოიძებნა: ${missing}`,
      ]);
      expect(sim.state.salesCredits.size).toBe(0);
    });

    it('rejects a credit note once the accountant deleted its Sale', async () => {
      expect(sim.deleteDocument('Sale', saleUid)).toBe(true);
      expect((await call('GET', `Sale?uid=${saleUid}`)).status).toBe(404);
      const answer = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), saleUid, [
          { Item: sim.seed.items.greenTea, Quantity: '1', Amount: '6.50' },
        ]),
      ]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)[0]).toMatch(/^BaseDocument: /);
    });

    it('rejects a line BaseDocument that is not a line of that Sale', async () => {
      const otherSale = await putSale();
      const foreignLine = otherSale.Items[0]?.uid as string;
      const answer = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), saleUid, [
          {
            Item: sim.seed.items.espresso,
            Quantity: '1',
            Amount: '18.90',
            BaseDocument: foreignLine,
          },
        ]),
      ]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([
        `Items[0].BaseDocument: "${foreignLine}" is not a line of Sale ${saleUid}`,
      ]);
    });

    it('refuses credits whose total exceeds the Sale with a Russian posting error', async () => {
      const first = await call('PUT', 'SalesCredit', [
        credit(
          randomUUID(),
          saleUid,
          [{ Item: sim.seed.items.espresso, Quantity: '1', Amount: '40.00' }],
          {
            OperationType: 'ფასის კორექტირება',
          },
        ),
      ]);
      expect(first.status).toBe(200);
      const second = await call('PUT', 'SalesCredit', [
        credit(
          randomUUID(),
          saleUid,
          [{ Item: sim.seed.items.greenTea, Quantity: '1', Amount: '22.31' }],
          {
            OperationType: 'ფასის კორექტირება',
          },
        ),
      ]);
      expect(second.status).toBe(500);
      expect(errorsOf(second)).toEqual([
        expect.stringMatching(
          /ОбработкаПроведения: сумма корректировок \(62\.31\) превышает сумму документа реализации № 000000001 \(62\.30\)/,
        ),
      ]);
      expect(sim.state.salesCredits.size).toBe(1);
      const exact = await call('PUT', 'SalesCredit', [
        credit(
          randomUUID(),
          saleUid,
          [{ Item: sim.seed.items.greenTea, Quantity: '1', Amount: '22.30' }],
          {
            OperationType: 'ფასის კორექტირება',
          },
        ),
      ]);
      expect(exact.status).toBe(200);
    });

    it('refuses returning more than was sold on a line', async () => {
      const answer = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), saleUid, [
          {
            Item: sim.seed.items.espresso,
            Quantity: '3',
            Price: '1.00',
            Amount: '3.00',
            BaseDocument: espressoLine(),
          },
        ]),
      ]);
      expect(answer.status).toBe(500);
      const messages = errorsOf(answer);
      expect(messages.some((m) => m.includes(`по строке ${espressoLine()}`))).toBe(true);
      expect(messages.every((m) => m.includes('ОбработкаПроведения'))).toBe(true);
    });

    it('refuses returning more of an item than the Sale sold across credit notes', async () => {
      const one = (quantity: string) =>
        credit(randomUUID(), saleUid, [
          { Item: sim.seed.items.greenTea, Quantity: quantity, Amount: '1.00' },
        ]);
      expect((await call('PUT', 'SalesCredit', [one('2')])).status).toBe(200);
      const over = await call('PUT', 'SalesCredit', [one('2')]);
      expect(over.status).toBe(500);
      expect(errorsOf(over)).toEqual([
        expect.stringMatching(/количество возврата по номенклатуре "ჩაი მწვანე" \(4\.000\)/),
      ]);
      const unsold = await call('PUT', 'SalesCredit', [
        credit(randomUUID(), saleUid, [
          { Item: sim.seed.items.detergent, Quantity: '1', Amount: '1.00' },
        ]),
      ]);
      expect(unsold.status).toBe(500);
    });

    it('stops counting a credit note once it is marked for deletion', async () => {
      const full = (uid: string) =>
        credit(uid, saleUid, [{ Item: sim.seed.items.espresso, Quantity: '2', Amount: '37.80' }]);
      const firstUid = randomUUID();
      expect((await call('PUT', 'SalesCredit', [full(firstUid)])).status).toBe(200);
      expect((await call('PUT', 'SalesCredit', [full(randomUUID())])).status).toBe(500);
      const deleted = await call('DELETE', `SalesCredit?uid=${firstUid}`);
      expect(deleted.status).toBe(200);
      expect((await call('GET', `SalesCredit?uid=${firstUid}`)).json).toEqual([
        expect.objectContaining({ uid: firstUid, DeletionMark: true }),
      ]);
      expect((await call('PUT', 'SalesCredit', [full(randomUUID())])).status).toBe(200);
    });

    it('honours postingErrorStatus', async () => {
      await withSimulator({ postingErrorStatus: 400 }, async (other) => {
        const uid = randomUUID();
        other.putDocuments('Sale', [
          {
            uid,
            Date: '2025-12-01',
            Client: other.seed.clients.retail,
            Items: [{ Item: other.seed.items.sponge, Quantity: 1, Amount: '3.15' }],
          },
        ]);
        const answer = await exchange(other)('PUT', 'SalesCredit', [
          {
            uid: randomUUID(),
            BaseDocument: uid,
            Date: '2025-12-02',
            Client: other.seed.clients.retail,
            Items: [{ Item: other.seed.items.sponge, Quantity: 2, Amount: '3.15' }],
          },
        ]);
        expect(answer.status).toBe(400);
        expect(JSON.stringify(answer.json)).toContain('ОбработкаПроведения');
      });
    });
  });

  describe('DELETE and deletion helpers', () => {
    it('marks a Sale for deletion with DELETE; the helper can also remove it for good', async () => {
      const uid = randomUUID();
      await putSale(uid);
      expect((await call('DELETE', `Sale?uid=${uid}`)).status).toBe(200);
      expect(sim.state.sales.get(uid)?.deletionMark).toBe(true);
      expect(sim.deleteDocument('Sale', uid)).toBe(true);
      expect(sim.getDocument('Sale', uid)).toBeUndefined();
      expect(sim.deleteDocument('Sale', uid)).toBe(false);
      expect((await call('DELETE', `Sale?uid=${uid}`)).status).toBe(404);
    });
  });

  describe('Clients writes', () => {
    const person = { Name: 'ლევან კაპანაძე', ID: '01008033333', LegalForm: 'ფიზიკური პირი' };

    it('POST creates a client and generates its uid', async () => {
      const answer = await call('POST', 'Clients', [{ uid: '', ...person }]);
      expect(answer.status).toBe(200);
      const [created] = answer.json as Row[];
      expect(created?.uid).toMatch(/^[0-9a-f]{8}-/);
      expect(sim.state.clients.get(created?.uid as string)).toMatchObject(person);
      const found = await call('GET', `Clients?ID=${person.ID}`);
      expect((found.json as Row[]).map((c) => c.uid)).toEqual([created?.uid]);
    });

    it('PUT upserts by uid: the same uid twice is one client', async () => {
      const uid = randomUUID();
      expect((await call('PUT', 'Clients', [{ uid, ...person }])).status).toBe(200);
      expect(
        (await call('PUT', 'Clients', [{ uid, ...person, Phone: '+995599123456' }])).status,
      ).toBe(200);
      const matches = [...sim.state.clients.values()].filter((c) => c.ID === person.ID);
      expect(matches).toEqual([expect.objectContaining({ uid, Phone: '+995599123456' })]);
    });

    it('PATCH merges into an existing client and 404s for an unknown one', async () => {
      const answer = await call('PATCH', 'Clients', [
        { uid: sim.seed.clients.giorgi, Email: 'giorgi@example.com' },
      ]);
      expect(answer.status).toBe(200);
      expect(sim.state.clients.get(sim.seed.clients.giorgi)).toMatchObject({
        Name: 'გიორგი მაისურაძე',
        Email: 'giorgi@example.com',
      });
      expect((await call('PATCH', 'Clients', [{ uid: randomUUID(), Email: 'x' }])).status).toBe(
        404,
      );
    });

    it('requires Name and ID, and a JSON array', async () => {
      const answer = await call('PUT', 'Clients', [{ uid: randomUUID(), Name: 'უსახელო' }]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)).toEqual([expect.stringMatching(/^ID: /)]);
      const object = await call('POST', 'Clients', person);
      expect(object.status).toBe(400);
      expect(errorsOf(object)[0]).toMatch(/array/);
    });

    it('refuses POST of an existing uid', async () => {
      const answer = await call('POST', 'Clients', [{ uid: sim.seed.clients.nino, ...person }]);
      expect(answer.status).toBe(400);
      expect(errorsOf(answer)[0]).toMatch(/already exists/);
    });
  });

  describe('generic and renamed templates', () => {
    it('upserts a tenant-specific document template by uid', async () => {
      const uid = randomUUID();
      const receipt = {
        uid,
        Date: '2025-12-01T10:00:00',
        Client: sim.seed.clients.nino,
        Amount: '62.30',
      };
      expect((await call('PUT', 'CashIncomeOrder', [receipt])).status).toBe(200);
      expect((await call('PUT', 'CashIncomeOrder', [receipt])).status).toBe(200);
      const read = await call('GET', `CashIncomeOrder?uid=${uid}`);
      expect(read.json).toEqual([
        expect.objectContaining({ uid, Number: '000000001', Amount: '62.30' }),
      ]);
      expect(sim.state.documents.get('CashIncomeOrder')?.size).toBe(1);
      expect(sim.getDocument('CashIncomeOrder', uid)?.writes).toBe(2);
      const noUid = await call('PUT', 'CashIncomeOrder', [{ Date: '2025-12-01T10:00:00' }]);
      expect(noUid.status).toBe(400);
      const badClient = await call('PUT', 'CashIncomeOrder', [
        { uid: randomUUID(), Client: randomUUID() },
      ]);
      expect(errorsOf(badClient)[0]).toMatch(/^Client: მყიდველი ვერ მოიძებნა/);
    });

    it('answers 404 for a document template the tenant does not have', async () => {
      expect((await call('PUT', 'BankOrder', [{ uid: randomUUID() }])).status).toBe(404);
    });

    it('serves a renamed template only under its tenant name', async () => {
      await withSimulator({ templates: { SalesCredit: 'SalesCreditNote' } }, async (other) => {
        const saleUid = randomUUID();
        other.putDocuments('Sale', [
          {
            uid: saleUid,
            Date: '2025-12-01',
            Client: other.seed.clients.retail,
            Items: [{ Item: other.seed.items.sponge, Quantity: 1, Amount: '3.15' }],
          },
        ]);
        const body = [
          {
            uid: randomUUID(),
            BaseDocument: saleUid,
            Date: '2025-12-02',
            Client: other.seed.clients.retail,
            Items: [{ Item: other.seed.items.sponge, Quantity: 1, Amount: '3.15' }],
          },
        ];
        expect((await exchange(other)('PUT', 'SalesCredit', body)).status).toBe(404);
        expect((await exchange(other)('PUT', 'SalesCreditNote', body)).status).toBe(200);
        expect(other.state.salesCredits.size).toBe(1);
        expect(other.requests.map((r) => r.template)).toEqual(['SalesCredit', 'SalesCreditNote']);
      });
    });
  });

  describe('putDocuments helper', () => {
    it('validates like PUT and throws with the Error messages', () => {
      expect(() => sim.putDocuments('Sale', [sale(randomUUID(), { Items: [] })])).toThrow(
        /at least one line/,
      );
      const [stored] = sim.putDocuments('Sale', [sale(randomUUID())]);
      expect(stored?.totalTetri).toBe(6230);
      expect(sim.requests).toHaveLength(0);
      expect(() => sim.putDocuments('Items', [])).toThrow(/not a document template/);
    });
  });
});
