import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BalanceHttpError,
  BalanceInvalidInputError,
  LegalForm,
  type SaleInput,
  SaleOperationType,
  type SalesCreditInput,
  SalesCreditOperationType,
  VatRate,
  VatTaxable,
  VatType,
} from '../src/index.js';
import { BASIC, CLOUD, createTestClient, useMockBalance } from './helpers/mock-balance.js';

const mock = useMockBalance();

const SALE_UID = '6f0c1c2e-1111-4a3b-9c0d-1234567890ab';
const CREDIT_UID = '9a0e7c1d-2222-4b3c-8d0e-0987654321ba';
const CLIENT_UID = '0b6f2f2e-5d0c-5b8e-9a57-4d1d3f0e7a11';

const sale: SaleInput = {
  uid: SALE_UID,
  Date: '2025-03-01T12:00:00',
  Client: CLIENT_UID,
  Warehouse: 'w-1',
  Department: '',
  Comments: undefined,
  VATTaxable: VatTaxable.subjectToVat,
  OperationType: SaleOperationType.supplyForConsideration,
  AmountIncludesVAT: true,
  DoesNotAffectReceivables: false,
  Items: [
    {
      Item: 'i-1',
      StringCode: 'SKU-1',
      Quantity: 2,
      Price: '15.00',
      Amount: '30.00',
      IncomeAccount: '6110',
      VATRate: VatRate.standard,
    },
  ],
  Payment: [{ PaymentType: 'Card', Amount: '30.00' }],
  PaidDownPayments: [],
};

describe('clients', () => {
  it('findByName(): GET Clients?Name= returns matches; 404 "Not Found" means no match', async () => {
    const answers = [
      HttpResponse.json([{ uid: 'c-1', Name: 'Nino', ID: '01001012345', ByAgreements: 'false' }]),
      new HttpResponse('Not Found', { status: 404, statusText: 'Not Found' }),
    ];
    mock.server.use(http.get(`${CLOUD}/Clients`, () => answers.shift()));
    const { client } = createTestClient();
    expect(await client.clients.findByName('Nino')).toEqual([
      { uid: 'c-1', Name: 'Nino', ID: '01001012345', ByAgreements: false },
    ]);
    expect(await client.clients.findByName('Nobody')).toEqual([]);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Clients?Name=Nino`,
      `GET ${CLOUD}/Clients?Name=Nobody`,
    ]);
  });

  it('findById(): filters with ?ID= by default and keeps only exact ID matches', async () => {
    // This publication ignores the filter and returns everyone: only the exact match may come back.
    mock.server.use(
      http.get(`${CLOUD}/Clients`, () =>
        HttpResponse.json([
          { uid: 'c-1', Name: 'A', ID: '01001012345' },
          { uid: 'c-2', Name: 'B', ID: '999' },
        ]),
      ),
    );
    const { client } = createTestClient();
    const found = await client.clients.findById('01001012345');
    expect(found.map((c) => c.uid)).toEqual(['c-1']);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Clients?ID=01001012345`]);
  });

  it('findById(): configurable parameter name, and a full-list fallback only when configured', async () => {
    const answers = [
      new HttpResponse('Not Found', { status: 404 }),
      HttpResponse.json([{ uid: 'c-9', Name: 'Z', ID: '206322102' }]),
    ];
    mock.server.use(http.get(`${CLOUD}/Clients`, () => answers.shift()));
    const { client } = createTestClient({
      clientLookup: { idQueryParameter: 'TaxID', fallbackToFullList: true },
    });
    expect((await client.clients.findById('206322102')).map((c) => c.uid)).toEqual(['c-9']);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Clients?TaxID=206322102`,
      `GET ${CLOUD}/Clients`,
    ]);
  });

  it('findById(): without the fallback a miss is a miss (no full-list read)', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Clients`, () => new HttpResponse('Not Found', { status: 404 })),
    );
    const { client } = createTestClient();
    expect(await client.clients.findById('1')).toEqual([]);
    expect(await mock.lines()).toHaveLength(1);
  });

  it('upsert(): PUT Clients with a JSON array, empty fields omitted', async () => {
    mock.server.use(
      http.put(`${CLOUD}/Clients`, () =>
        HttpResponse.json([{ uid: CLIENT_UID, Name: 'Nino Beridze', Code: '001690' }]),
      ),
    );
    const { client } = createTestClient();
    const result = await client.clients.upsert({
      uid: CLIENT_UID,
      Name: 'Nino Beridze',
      ID: '01001012345',
      LegalForm: LegalForm.naturalPerson,
      VATType: VatType.notVatPayer,
      Email: '',
      ByAgreements: false,
      Phones: [{ Phone: '+995555000000' }],
      Emails: [],
    });
    expect(await mock.log()).toEqual([
      {
        method: 'PUT',
        url: `${CLOUD}/Clients`,
        accept: 'application/json',
        contentType: 'application/json',
        authorization: BASIC,
        body: [
          {
            uid: CLIENT_UID,
            Name: 'Nino Beridze',
            ID: '01001012345',
            LegalForm: 'ფიზიკური პირი',
            VATType: 'არ არის დღგ-ს გადამხდელი',
            ByAgreements: false,
            Phones: [{ Phone: '+995555000000' }],
          },
        ],
      },
    ]);
    expect(result).toMatchObject({
      dryRun: false,
      status: 200,
      saved: [{ uid: CLIENT_UID, Code: '001690' }],
    });
  });

  it('upsert(): rejects a client without the required Name/ID before sending', async () => {
    const { client } = createTestClient();
    const error = await client.clients
      .upsert({ Name: '', ID: '1' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceInvalidInputError);
    expect((error as BalanceInvalidInputError).issues.map((i) => i.path)).toEqual(['Name']);
    expect(await mock.lines()).toEqual([]);
  });
});

describe('sales', () => {
  it('upsert(): PUT Sale with [sale] exactly as given minus empty fields; returns saved line uids', async () => {
    mock.server.use(
      http.put(`${CLOUD}/Sale`, async ({ request }) => {
        const [doc] = (await request.json()) as Array<Record<string, unknown>>;
        return HttpResponse.json([
          {
            ...doc,
            Number: 'RL-0001',
            Items: [{ uid: 'line-1', Item: 'i-1', Quantity: '2', Amount: 30 }],
          },
        ]);
      }),
    );
    const { client } = createTestClient();
    const result = await client.sales.upsert(sale);
    const [entry] = await mock.log();
    expect(entry).toEqual({
      method: 'PUT',
      url: `${CLOUD}/Sale`,
      accept: 'application/json',
      contentType: 'application/json',
      authorization: BASIC,
      body: [
        {
          uid: SALE_UID,
          Date: '2025-03-01T12:00:00',
          Client: CLIENT_UID,
          Warehouse: 'w-1',
          VATTaxable: 'იბეგრება დღგ-ით',
          OperationType: 'მიწოდება კომპენსაციით',
          AmountIncludesVAT: true,
          DoesNotAffectReceivables: false,
          Items: [
            {
              Item: 'i-1',
              StringCode: 'SKU-1',
              Quantity: 2,
              Price: '15.00',
              Amount: '30.00',
              IncomeAccount: '6110',
              VATRate: 'ჩვეულებრივი',
            },
          ],
          Payment: [{ PaymentType: 'Card', Amount: '30.00' }],
        },
      ],
    });
    if (result.dryRun) throw new Error('expected a sent write');
    expect(result.saved[0]?.Number).toBe('RL-0001');
    expect(result.saved[0]?.Items).toEqual([
      { uid: 'line-1', Item: 'i-1', Quantity: 2, Amount: '30' },
    ]);
  });

  it('upsert(): validates money as decimal strings, the uid as a GUID and at least one line', async () => {
    const { client } = createTestClient();
    const error = await client.sales
      .upsert({
        ...sale,
        uid: 'order-1',
        Items: [{ Item: 'i-1', Quantity: 1, Price: 12.5 as never, Amount: '1,5' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceInvalidInputError);
    expect((error as BalanceInvalidInputError).issues.map((i) => i.path)).toEqual([
      'uid',
      'Items[0].Price',
      'Items[0].Amount',
    ]);
    await expect(client.sales.upsert({ ...sale, Items: [] })).rejects.toThrow(/Items/);
    expect(await mock.lines()).toEqual([]);
  });

  it('get(): reads the document with its line uids; undefined when absent', async () => {
    const answers = [
      HttpResponse.json([
        {
          uid: SALE_UID,
          Number: 'RL-1',
          Date: '2025-03-01T12:00:00',
          Items: [
            { uid: 'line-1', Item: 'i-1', Quantity: 2, Price: '15', Amount: '30', VATrate: 'x' },
          ],
        },
      ]),
      new HttpResponse(null, { status: 404 }),
      HttpResponse.json([]),
    ];
    mock.server.use(http.get(`${CLOUD}/Sale`, () => answers.shift()));
    const { client } = createTestClient();
    const read = await client.sales.get(SALE_UID);
    expect(read?.Items).toEqual([
      { uid: 'line-1', Item: 'i-1', Quantity: 2, Price: '15', Amount: '30', VATrate: 'x' },
    ]);
    expect(await client.sales.get(SALE_UID)).toBeUndefined();
    expect(await client.sales.get(SALE_UID)).toBeUndefined();
    expect(await mock.lines()).toEqual(Array(3).fill(`GET ${CLOUD}/Sale?uid=${SALE_UID}`));
  });

  it('get(): a single document object (not wrapped in an array) is read as that document', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Sale`, () =>
        HttpResponse.json({ uid: SALE_UID, Items: [{ uid: 'line-1' }] }),
      ),
    );
    const { client } = createTestClient();
    expect((await client.sales.get(SALE_UID))?.Items).toEqual([{ uid: 'line-1' }]);
  });
});

describe('salesCredits', () => {
  const credit: SalesCreditInput = {
    uid: CREDIT_UID,
    BaseDocument: SALE_UID,
    Date: '2025-03-05',
    OperationType: SalesCreditOperationType.return,
    VATTaxable: VatTaxable.subjectToVat,
    VATArticle: 'მიწოდება კომპენსაციით',
    Client: CLIENT_UID,
    Items: [
      {
        Item: 'i-1',
        BaseDocument: 'line-1',
        Quantity: 1,
        Price: '15.00',
        Amount: '15.00',
        VATRate: VatRate.standard,
        AmountIncludingVAT: '15.00',
      },
    ],
  };

  it('upsert(): PUT SalesCredit, VAT fields spelled the credit-note way by default', async () => {
    mock.server.use(
      http.put(`${CLOUD}/SalesCredit`, () =>
        HttpResponse.json([{ uid: CREDIT_UID, Number: 'SC-1' }]),
      ),
    );
    const { client } = createTestClient();
    await client.salesCredits.upsert(credit);
    const [entry] = await mock.log();
    expect(entry?.body).toEqual([
      {
        uid: CREDIT_UID,
        BaseDocument: SALE_UID,
        Date: '2025-03-05',
        OperationType: 'დაბრუნება',
        VATtaxable: 'იბეგრება დღგ-ით',
        VATarticle: 'მიწოდება კომპენსაციით',
        Client: CLIENT_UID,
        Items: [
          {
            Item: 'i-1',
            BaseDocument: 'line-1',
            Quantity: 1,
            Price: '15.00',
            Amount: '15.00',
            VATrate: 'ჩვეულებრივი',
            AmountIncludingVAT: '15.00',
          },
        ],
      },
    ]);
  });

  it('upsert(): template and spelling are configurable', async () => {
    mock.server.use(http.put(`${CLOUD}/SalesCreditNote`, () => HttpResponse.json([])));
    const { client } = createTestClient({
      templates: { salesCredit: 'SalesCreditNote' },
      documentFieldNames: { salesCredit: { header: {}, lines: {} } },
    });
    await client.salesCredits.upsert(credit);
    const [entry] = await mock.log();
    expect(entry?.url).toBe(`${CLOUD}/SalesCreditNote`);
    expect(entry?.body).toMatchObject([
      { VATTaxable: 'იბეგრება დღგ-ით', Items: [{ VATRate: 'ჩვეულებრივი' }] },
    ]);
  });

  it('upsert(): BaseDocument is required except for a return without a base document', async () => {
    mock.server.use(http.put(`${CLOUD}/SalesCredit`, () => HttpResponse.json([])));
    const { client } = createTestClient();
    const error = await client.salesCredits
      .upsert({ ...credit, BaseDocument: undefined })
      .catch((e: unknown) => e);
    expect((error as BalanceInvalidInputError).issues).toEqual([
      {
        path: 'BaseDocument',
        message: 'the original Sale uid is required (except for a return without a base document)',
      },
    ]);
    await client.salesCredits.upsert({
      ...credit,
      BaseDocument: undefined,
      OperationType: SalesCreditOperationType.returnWithoutBaseDocument,
    });
    expect(await mock.lines()).toEqual([`PUT ${CLOUD}/SalesCredit`]);
  });

  it('a posting failure surfaces Balance messages and says what to do', async () => {
    mock.server.use(
      http.put(`${CLOUD}/SalesCredit`, () =>
        HttpResponse.json(
          { Error: ['Ошибка при вызове процедуры ОбработкаПроведения: документ не проведен'] },
          { status: 400 },
        ),
      ),
    );
    const { client } = createTestClient();
    const error = (await client.salesCredits
      .upsert(credit)
      .catch((e: unknown) => e)) as BalanceHttpError;
    expect(error).toBeInstanceOf(BalanceHttpError);
    expect(error.messages).toEqual([
      'Ошибка при вызове процедуры ОбработкаПроведения: документ не проведен',
    ]);
    expect(error.hint).toMatch(/could not post/);
    expect(error.retryable).toBe(false);
  });

  it('get(): reads the credit note; undefined on 404', async () => {
    const answers = [
      HttpResponse.json([{ uid: CREDIT_UID, BaseDocument: SALE_UID, VATtaxable: 'x', Items: [] }]),
      new HttpResponse(null, { status: 404 }),
    ];
    mock.server.use(http.get(`${CLOUD}/SalesCredit`, () => answers.shift()));
    const { client } = createTestClient();
    expect(await client.salesCredits.get(CREDIT_UID)).toEqual({
      uid: CREDIT_UID,
      BaseDocument: SALE_UID,
      VATtaxable: 'x',
      Items: [],
    });
    expect(await client.salesCredits.get(CREDIT_UID)).toBeUndefined();
  });
});

describe('documents(template) and request()', () => {
  it('get / list / upsert any template, loosely typed', async () => {
    mock.server.use(
      http.get(`${CLOUD}/CashIncomeOrder`, () =>
        HttpResponse.json([{ uid: 'r-1', Amount: '30.00', Items: [] }]),
      ),
      http.put(`${CLOUD}/CashIncomeOrder`, () => HttpResponse.json([{ uid: 'r-1' }])),
    );
    const { client } = createTestClient();
    const cash = client.documents('CashIncomeOrder');
    expect(await cash.get('r-1')).toEqual({ uid: 'r-1', Amount: '30.00', Items: [] });
    expect(await cash.list({ Client: 'c-1', Empty: '' })).toHaveLength(1);
    await cash.upsert([{ uid: 'r-1', Amount: '30.00', Note: null }]);
    expect(await mock.log()).toMatchObject([
      { method: 'GET', url: `${CLOUD}/CashIncomeOrder?uid=r-1`, contentType: null },
      { method: 'GET', url: `${CLOUD}/CashIncomeOrder?Client=c-1`, contentType: null },
      {
        method: 'PUT',
        url: `${CLOUD}/CashIncomeOrder`,
        contentType: 'application/json',
        body: [{ uid: 'r-1', Amount: '30.00' }],
      },
    ]);
  });

  it('request(): POST/PATCH/DELETE bodies are JSON arrays; GET has no body', async () => {
    mock.server.use(
      http.post(`${CLOUD}/Clients`, () => HttpResponse.json({ uid: 'new' }, { status: 201 })),
      http.patch(`${CLOUD}/Sale`, () => new HttpResponse(null, { status: 204 })),
      http.delete(`${CLOUD}/Sale`, () => HttpResponse.text('OK')),
    );
    const { client } = createTestClient();
    const created = await client.request({
      method: 'POST',
      template: 'Clients',
      body: { Name: 'X', ID: '1', Code: '' },
    });
    const patched = await client.request({
      method: 'PATCH',
      template: 'Sale',
      body: [{ uid: SALE_UID, Comments: 'paid' }],
    });
    const deleted = await client.request({
      method: 'DELETE',
      template: 'Sale',
      body: [{ uid: SALE_UID }],
    });
    expect([created, patched, deleted]).toMatchObject([
      { status: 201, body: { uid: 'new' } },
      { status: 204, body: undefined },
      { status: 200, body: 'OK' },
    ]);
    expect((await mock.log()).map((e) => [e.method, e.contentType, e.body])).toEqual([
      ['POST', 'application/json', [{ Name: 'X', ID: '1' }]],
      ['PATCH', 'application/json', [{ uid: SALE_UID, Comments: 'paid' }]],
      ['DELETE', 'application/json', [{ uid: SALE_UID }]],
    ]);
  });
});
