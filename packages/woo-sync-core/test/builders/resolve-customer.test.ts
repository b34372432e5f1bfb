import type { BalanceClient, BalanceClientInput } from '@balance-sync/balance-client';
import {
  type ClientDocument,
  type CustomerDirectory,
  clientKey,
  documentUid,
  identifyCustomer,
  isValidPersonalNumber,
  type OrderExportConfig,
  resolveCustomer,
  type SyncStore,
  storeNamespace,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';
import { address, CLIENT_GROUP, exportConfig, order, RETAIL_CLIENT } from './support/fixtures.js';

const perCustomer: OrderExportConfig = exportConfig({
  customer: {
    mode: 'per-customer',
    retailClient: RETAIL_CLIENT,
    personalIdMetaKey: '_billing_personal_id',
    companyIdMetaKey: '_billing_company_id',
    clientGroup: CLIENT_GROUP,
  },
});
const ninoUid = documentUid(storeNamespace({ id: 'tbilisi-tea' }), clientKey('01001012345'));

const ninoOrder = (personalId: unknown = '01001012345') =>
  order({ customerId: 57, meta: [{ key: '_billing_personal_id', value: personalId }] });

describe('identifyCustomer', () => {
  it('sells to the retail client under the retail policy, whatever the order says', () => {
    expect(identifyCustomer(ninoOrder(), exportConfig())).toEqual({
      ok: true,
      identity: { kind: 'retail', client: RETAIL_CLIENT },
    });
  });

  it('uses the retail client for an anonymous order under the per-customer policy', () => {
    expect(identifyCustomer(order(), perCustomer)).toEqual({
      ok: true,
      identity: { kind: 'retail', client: RETAIL_CLIENT },
    });
  });

  it('builds an individual from the personal number and the billing address', () => {
    const result = identifyCustomer(ninoOrder('010 0101 2345'), perCustomer);
    expect(result).toEqual({
      ok: true,
      identity: {
        kind: 'individual',
        idNumber: '01001012345',
        lookupKey: 'personal:01001012345',
        key: 'client:01001012345',
        uid: ninoUid,
        document: {
          uid: ninoUid,
          Name: 'ნინო ბერიძე',
          FullName: 'ნინო ბერიძე',
          ID: '01001012345',
          LegalForm: 'ფიზიკური პირი',
          VATType: 'არ არის დღგ-ს გადამხდელი',
          Group: CLIENT_GROUP,
          Email: 'nino@example.ge',
          Phone: '+995555123456',
          PhysicalAddress: 'ჭავჭავაძის გამზ. 12, თბილისი, 0179, GE',
          ExtCode: '57',
        },
      },
    });
  });

  it('prefers the company ID and makes an LLC with a legal address', () => {
    const result = identifyCustomer(
      order({
        billing: address({ company: 'შპს ქართული ჩაი' }),
        meta: [
          { key: '_billing_personal_id', value: '01001012345' },
          { key: '_billing_company_id', value: 404123456 },
        ],
      }),
      perCustomer,
    );
    expect(
      result.ok && result.identity.kind === 'company' ? result.identity.document : undefined,
    ).toMatchObject({
      Name: 'შპს ქართული ჩაი',
      ID: '404123456',
      LegalForm: 'შეზღუდული პასუხისმგებლობის საზოგადოება',
      LegalAddress: 'ჭავჭავაძის გამზ. 12, თბილისი, 0179, GE',
    });
    expect(result.ok && result.identity.kind === 'company' ? result.identity.lookupKey : '').toBe(
      'company:404123456',
    );
    expect(
      result.ok && result.identity.kind === 'company' ? result.identity.document : {},
    ).not.toHaveProperty('VATType');
  });

  it('refuses a personal number that is not 11 digits, naming the meta key', () => {
    const result = identifyCustomer(ninoOrder('0100101234'), perCustomer);
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        code: 'invalid_personal_id',
        orderNumber: '1234',
        field: 'meta._billing_personal_id',
      }),
    ]);
    expect(isValidPersonalNumber('01001012345')).toBe(true);
    expect(isValidPersonalNumber('0100101234A')).toBe(false);
    expect(isValidPersonalNumber('010010123456')).toBe(false);
  });

  it('truncates long names to Balance’s 150 characters', () => {
    const result = identifyCustomer(
      order({
        billing: address({ firstName: 'ა'.repeat(200) }),
        meta: [{ key: '_billing_personal_id', value: '01001012345' }],
      }),
      perCustomer,
    );
    expect(
      result.ok && result.identity.kind !== 'retail'
        ? [...result.identity.document.Name].length
        : 0,
    ).toBe(150);
  });
});

class FakeBalance implements CustomerDirectory {
  readonly calls: string[] = [];
  constructor(
    private readonly existing: { uid: string; ID: string }[] = [],
    private readonly dryRun = false,
  ) {}
  readonly clients = {
    findById: async (idNumber: string) => {
      this.calls.push(`findById ${idNumber}`);
      return this.existing.filter((client) => client.ID === idNumber);
    },
    upsert: async (client: ClientDocument) => {
      this.calls.push(`upsert ${client.uid} ${client.ID}`);
      return { dryRun: this.dryRun };
    },
  };
}

function fakeStore(initial: Record<string, string> = {}) {
  const rows = new Map(Object.entries(initial));
  const store: Pick<SyncStore, 'customers'> = {
    customers: {
      get: async (storeId, key) => rows.get(`${storeId}/${key}`),
      put: async (storeId, key, uid) => {
        rows.set(`${storeId}/${key}`, uid);
      },
    },
  };
  return { store, rows };
}

describe('resolveCustomer', () => {
  it('needs no I/O for the retail client', async () => {
    const balance = new FakeBalance();
    const { store, rows } = fakeStore();
    expect(await resolveCustomer({ order: order(), config: perCustomer, balance, store })).toEqual({
      ok: true,
      client: RETAIL_CLIENT,
      source: 'retail',
    });
    expect(balance.calls).toEqual([]);
    expect(rows.size).toBe(0);
  });

  it('answers from the cache first', async () => {
    const balance = new FakeBalance();
    const { store } = fakeStore({ 'tbilisi-tea/personal:01001012345': 'cached-uid' });
    const result = await resolveCustomer({
      order: ninoOrder(),
      config: perCustomer,
      balance,
      store,
    });
    expect(result).toEqual({
      ok: true,
      client: 'cached-uid',
      source: 'cache',
      lookupKey: 'personal:01001012345',
    });
    expect(balance.calls).toEqual([]);
  });

  it('adopts a client Balance already has with that ID, and caches it', async () => {
    const balance = new FakeBalance([{ uid: 'entered-by-hand', ID: '01001012345' }]);
    const { store, rows } = fakeStore();
    const result = await resolveCustomer({
      order: ninoOrder(),
      config: perCustomer,
      balance,
      store,
    });
    expect(result).toMatchObject({ ok: true, client: 'entered-by-hand', source: 'balance' });
    expect(balance.calls).toEqual(['findById 01001012345']);
    expect(rows.get('tbilisi-tea/personal:01001012345')).toBe('entered-by-hand');
  });

  it('creates the client with its deterministic uid, so a retry upserts the same one', async () => {
    const balance = new FakeBalance();
    const first = fakeStore();
    const result = await resolveCustomer({
      order: ninoOrder(),
      config: perCustomer,
      balance,
      store: first.store,
    });
    expect(result).toMatchObject({ ok: true, client: ninoUid, source: 'created' });
    // The response was lost, nothing was cached: the retry sends the same uid again.
    const retry = await resolveCustomer({
      order: ninoOrder(),
      config: perCustomer,
      balance,
      store: fakeStore().store,
    });
    expect(retry).toMatchObject({ client: ninoUid });
    expect(balance.calls).toEqual([
      'findById 01001012345',
      `upsert ${ninoUid} 01001012345`,
      'findById 01001012345',
      `upsert ${ninoUid} 01001012345`,
    ]);
    expect(first.rows.get('tbilisi-tea/personal:01001012345')).toBe(ninoUid);
  });

  it('does not cache a client that a dry run only pretended to create', async () => {
    const { store, rows } = fakeStore();
    const result = await resolveCustomer({
      order: ninoOrder(),
      config: perCustomer,
      balance: new FakeBalance([], true),
      store,
    });
    expect(result).toMatchObject({ ok: true, client: ninoUid, source: 'created' });
    expect(rows.size).toBe(0);
  });

  it('stops at an invalid personal number without touching Balance', async () => {
    const balance = new FakeBalance();
    const result = await resolveCustomer({
      order: ninoOrder('12345'),
      config: perCustomer,
      balance,
      store: fakeStore().store,
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      'invalid_personal_id',
    ]);
    expect(balance.calls).toEqual([]);
  });

  it('accepts the real Balance client and feeds it a valid Clients body', () => {
    const fromClient = (client: BalanceClient): CustomerDirectory => client;
    expect(typeof fromClient).toBe('function');
    const result = identifyCustomer(ninoOrder(), perCustomer);
    const body: BalanceClientInput | undefined =
      result.ok && result.identity.kind !== 'retail' ? result.identity.document : undefined;
    expect(body?.ID).toBe('01001012345');
  });
});
