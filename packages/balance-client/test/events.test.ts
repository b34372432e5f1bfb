import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { BalanceEventMap } from '../src/index.js';
import { CLOUD, createTestClient, useMockBalance } from './helpers/mock-balance.js';

const mock = useMockBalance();
const UID = '6f0c1c2e-1111-4a3b-9c0d-1234567890ab';

function record(client: ReturnType<typeof createTestClient>['client']) {
  const events: Array<[keyof BalanceEventMap, unknown]> = [];
  for (const name of ['request', 'response', 'retry', 'error', 'dryRun'] as const) {
    client.events.on(name, (event: unknown) => events.push([name, event]));
  }
  return events;
}

describe('events', () => {
  it('request → response (and retry) with metadata only, same requestId for every attempt', async () => {
    const answers = [new HttpResponse(null, { status: 503 }), HttpResponse.json([{ uid: 'w-1' }])];
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => answers.shift()));
    let now = 1_000;
    const { client } = createTestClient({
      runtime: {
        now: () => (now += 5),
        sleep: async () => {},
        random: () => 0.5,
        requestId: () => 'req-A',
      },
    });
    const events = record(client);
    await client.warehouses.list();
    const url = `${CLOUD}/Warehouses`;
    const base = { requestId: 'req-A', method: 'GET', template: 'Warehouses', url };
    expect(events).toEqual([
      ['request', { ...base, attempt: 1 }],
      ['response', { ...base, attempt: 1, status: 503, durationMs: 5 }],
      ['retry', { ...base, attempt: 1, delayMs: 250, reason: 'status', status: 503 }],
      ['request', { ...base, attempt: 2 }],
      ['response', { ...base, attempt: 2, status: 200, durationMs: 5 }],
    ]);
  });

  it('error is emitted once when a call finally fails', async () => {
    mock.server.use(
      http.put(`${CLOUD}/Sale`, () =>
        HttpResponse.json({ Error: ['Client not found'] }, { status: 400 }),
      ),
    );
    const { client } = createTestClient();
    const events = record(client);
    await client
      .documents('Sale')
      .upsert({ uid: UID })
      .catch(() => undefined);
    const errors = events.filter(([name]) => name === 'error');
    expect(errors).toEqual([
      [
        'error',
        expect.objectContaining({
          requestId: 'req-1',
          method: 'PUT',
          template: 'Sale',
          attempts: 1,
          errorName: 'BalanceHttpError',
          code: 'BALANCE_HTTP_ERROR',
          status: 400,
          message: expect.stringContaining('Client not found'),
        }),
      ],
    ]);
    expect(events.some(([, event]) => 'body' in (event as object))).toBe(false);
  });

  it('bodies appear only with logBodies: true, redacted', async () => {
    mock.server.use(
      http.put(`${CLOUD}/Clients`, () => HttpResponse.json([{ uid: UID, token: 'abc' }])),
    );
    const { client } = createTestClient({ logBodies: true });
    const events = record(client);
    await client.clients.upsert({ uid: UID, Name: 'N', ID: '1', password: 'p4ss' });
    expect(events.map(([name, event]) => [name, (event as { body?: unknown }).body])).toEqual([
      ['request', [{ uid: UID, Name: 'N', ID: '1', password: '[REDACTED]' }]],
      ['response', [{ uid: UID, token: '[REDACTED]' }]],
    ]);
  });

  it('a missing error listener does not throw (eventemitter3)', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 400 })));
    const { client } = createTestClient();
    await expect(client.warehouses.list()).rejects.toMatchObject({ status: 400 });
  });
});
