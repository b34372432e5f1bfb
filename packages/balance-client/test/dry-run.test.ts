import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BalanceInvalidInputError, type SaleInput } from '../src/index.js';
import { CLOUD, createTestClient, useMockBalance } from './helpers/mock-balance.js';

// No handler for any write: msw errors on (and the helper fails the test for) any request sent.
const mock = useMockBalance();

const sale: SaleInput = {
  uid: '6f0c1c2e-1111-4a3b-9c0d-1234567890ab',
  Date: '2025-03-01T12:00:00',
  Client: 'c-1',
  Comments: '',
  Items: [{ Item: 'i-1', Quantity: 1, Price: '10.00', Amount: '10.00', VATRate: 'ჩვეულებრივი' }],
};

describe('dry run', () => {
  it('builds, validates, emits and returns every write without sending anything', async () => {
    const { client } = createTestClient({ dryRun: true });
    const captured: unknown[] = [];
    client.events.on('dryRun', (event) => captured.push(event));
    expect(client.dryRun).toBe(true);
    const saleResult = await client.sales.upsert(sale);
    const creditResult = await client.salesCredits.upsert({
      uid: '9a0e7c1d-2222-4b3c-8d0e-0987654321ba',
      BaseDocument: sale.uid,
      Date: '2025-03-02',
      Items: [{ Item: 'i-1', Amount: '10.00', VATRate: 'ჩვეულებრივი' }],
    });
    const clientResult = await client.clients.upsert({ Name: 'N', ID: '1' });
    const raw = await client.request({ method: 'POST', template: 'Clients', body: { Name: 'N' } });
    expect(saleResult).toEqual({
      dryRun: true,
      method: 'PUT',
      template: 'Sale',
      url: `${CLOUD}/Sale`,
      requestId: 'req-1',
      body: [
        {
          uid: sale.uid,
          Date: '2025-03-01T12:00:00',
          Client: 'c-1',
          Items: [
            { Item: 'i-1', Quantity: 1, Price: '10.00', Amount: '10.00', VATRate: 'ჩვეულებრივი' },
          ],
        },
      ],
    });
    expect(creditResult).toMatchObject({
      dryRun: true,
      url: `${CLOUD}/SalesCredit`,
      body: [{ Items: [{ VATrate: 'ჩვეულებრივი' }] }],
    });
    expect(clientResult).toMatchObject({
      dryRun: true,
      url: `${CLOUD}/Clients`,
      body: [{ Name: 'N', ID: '1' }],
    });
    expect(raw).toMatchObject({ dryRun: true, method: 'POST', body: [{ Name: 'N' }] });
    expect(captured).toHaveLength(4);
    expect(captured[0]).toEqual({
      requestId: 'req-1',
      method: 'PUT',
      template: 'Sale',
      url: `${CLOUD}/Sale`,
      body: (saleResult as { body: unknown }).body,
    });
    expect(await mock.lines()).toEqual([]);
  });

  it('still validates: an invalid document throws before anything is captured', async () => {
    const { client } = createTestClient({ dryRun: true });
    let captured = 0;
    client.events.on('dryRun', () => {
      captured += 1;
    });
    await expect(client.sales.upsert({ ...sale, Items: [] })).rejects.toBeInstanceOf(
      BalanceInvalidInputError,
    );
    expect(captured).toBe(0);
  });

  it('reads work normally in dry run', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json([{ uid: 'w-1' }])));
    const { client } = createTestClient({ dryRun: true });
    expect(await client.warehouses.list()).toEqual([{ uid: 'w-1' }]);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`]);
  });

  it('withDryRun() gives a twin that shares reads and events but captures writes', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, () => HttpResponse.json([])),
      http.put(`${CLOUD}/Sale`, () => HttpResponse.json([])),
    );
    const { client } = createTestClient();
    const dry = client.withDryRun();
    expect([client.dryRun, dry.dryRun]).toEqual([false, true]);
    expect(dry.withDryRun()).toBe(dry);
    expect(client.withDryRun()).toBe(dry);
    expect(dry.events).toBe(client.events);
    await dry.warehouses.list();
    expect(await dry.sales.upsert(sale)).toMatchObject({ dryRun: true });
    expect(await client.sales.upsert(sale)).toMatchObject({ dryRun: false, status: 200 });
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Warehouses`, `PUT ${CLOUD}/Sale`]);
  });
});
