import { randomUUID } from 'node:crypto';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BalanceSimulator, createBalanceSimulator } from '../src/testing/index.js';

type Row = Record<string, unknown>;

describe('Balance simulator as msw handlers', () => {
  let sim: BalanceSimulator;
  let server: ReturnType<typeof setupServer>;
  let authorization: string;
  let cloudBase: string;
  let onPremBase: string;
  let httpBase: string;

  beforeAll(async () => {
    sim = await createBalanceSimulator().start();
    authorization = `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`;
    const { cloud, onPrem } = sim.mswConnections();
    cloudBase = `${cloud.origin}/sm/o/Balance/${cloud.applicationId}/hs/Exchange`;
    onPremBase = `${onPrem.baseUrl}/${onPrem.basePath}/hs/Exchange`;
    httpBase = `${sim.url}/${sim.basePath}/hs/Exchange`;
    server = setupServer(
      ...sim.handlers(),
      // The real HTTP server of the same simulator, for side-by-side comparison.
      http.all(`${sim.url}/*`, () => passthrough()),
    );
    server.listen({ onUnhandledFrame: 'error' });
  });
  afterEach(() => {
    sim.reset();
    server.resetHandlers();
  });
  afterAll(async () => {
    server.close();
    await sim.stop();
  });

  const get = async (url: string) => {
    const response = await fetch(url, { headers: { authorization } });
    return { status: response.status, body: await response.json() };
  };

  it('connection settings point at cloud.balance.ge and the default on-prem origin', () => {
    expect(sim.mswConnections()).toEqual({
      cloud: {
        mode: 'cloud',
        applicationId: sim.applicationId,
        origin: 'https://cloud.balance.ge',
      },
      onPrem: {
        mode: 'onprem',
        baseUrl: 'http://balance.local:8081',
        basePath: 'Balance_Exchange',
      },
    });
  });

  it.each([
    ['Items?uid=ESPRESSO'],
    ['Items?Pack=2&PackSize=5'],
    ['Prices?uid=EXCHANGE&Source=ESPRESSO'],
    ['Stocks?uid=EXCHANGE&Total=false'],
    ['Clients?ID=01001012345'],
  ])('answers %s like the HTTP server, on both origins', async (template) => {
    const path = template
      .replace('ESPRESSO', sim.seed.items.espresso)
      .replace('EXCHANGE', sim.exchangeUid);
    const viaHttp = await get(`${httpBase}/${path}`);
    const viaCloud = await get(`${cloudBase}/${path}`);
    const viaOnPrem = await get(`${onPremBase}/${path}`);
    expect(viaHttp.status).toBe(200);
    expect(viaCloud).toEqual(viaHttp);
    expect(viaOnPrem).toEqual(viaHttp);
    expect(sim.requests.map((r) => r.shape)).toEqual(['onprem', 'cloud', 'onprem']);
  });

  it('shares state with the HTTP server: a Sale PUT through msw is read back over HTTP', async () => {
    const uid = randomUUID();
    const put = await fetch(`${cloudBase}/Sale`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          uid,
          Date: '2025-12-01T10:00:00',
          Client: sim.seed.retailClientUid,
          Items: [
            { Item: sim.seed.items.detergent, Quantity: '2', Price: '11.40', Amount: '22.80' },
          ],
        },
      ]),
    });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as Row[];
    const read = await get(`${httpBase}/Sale?uid=${uid}`);
    expect(read).toEqual({ status: 200, body: saved });
  });

  it('answers errors the same way: 401, 404 and {"Error":[…]}', async () => {
    const unauthorized = await fetch(`${cloudBase}/Items`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrongShape = await fetch(`https://cloud.balance.ge/Balance_Exchange/hs/Exchange/Items`, {
      headers: { authorization },
    });
    expect(wrongShape.status).toBe(404);
    const invalid = await fetch(`${onPremBase}/Sale`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: randomUUID() }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      Error: ['Expected a JSON array of objects: [ { … } ]'],
    });
  });

  it('turns a dropped response into a network error while the write is kept', async () => {
    sim.faults.set({ dropResponseAfterWrite: { times: 1 } });
    const uid = randomUUID();
    const attempt = fetch(`${onPremBase}/Clients`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify([{ uid, Name: 'მარიამ ჯაფარიძე', ID: '01001077777' }]),
    });
    await expect(attempt).rejects.toThrow(TypeError);
    expect(sim.state.clients.get(uid)).toMatchObject({ Name: 'მარიამ ჯაფარიძე' });
  });

  it('serves custom origins', async () => {
    server.use(
      ...sim.handlers({ origin: 'http://10.0.0.5:8081', cloudOrigin: 'https://proxy.example/' }),
    );
    const { cloud, onPrem } = sim.mswConnections({
      origin: 'http://10.0.0.5:8081',
      cloudOrigin: 'https://proxy.example/',
    });
    expect(cloud.origin).toBe('https://proxy.example');
    const viaOnPrem = await get(`${onPrem.baseUrl}/${onPrem.basePath}/hs/Exchange/Warehouses`);
    const viaCloud = await get(
      `${cloud.origin}/sm/a/Balance/${cloud.applicationId}/hs/Exchange/Warehouses`,
    );
    expect(viaOnPrem.status).toBe(200);
    expect(viaCloud).toEqual(viaOnPrem);
  });

  it('does not intercept other hosts', async () => {
    server.use(
      http.get('https://elsewhere.example/*', () => HttpResponse.text('not the simulator')),
    );
    const other = await fetch(
      `https://elsewhere.example/sm/o/Balance/${sim.applicationId}/hs/Exchange/Items`,
      {
        headers: { authorization },
      },
    );
    expect(await other.text()).toBe('not the simulator');
    expect(sim.requests).toHaveLength(0);
  });
});
