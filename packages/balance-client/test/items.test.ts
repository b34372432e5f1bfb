import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BalanceEmptyResponseError, BalanceSchemaError, NULL_GUID } from '../src/index.js';
import { CLOUD, collect, createTestClient, useMockBalance } from './helpers/mock-balance.js';

const mock = useMockBalance();

const group = { uid: 'g-1', Name: 'Drinks', IsGroup: 'true', Group: NULL_GUID };
const item = (n: number) => ({
  uid: `i-${n}`,
  Name: `Item ${n}`,
  Code: `SKU-${n}`,
  IsGroup: 'false',
  Group: 'g-1',
  Barcode: `460000000000${n}`,
});

/** Serves `packs[n-1]` for `?Pack=n` and an empty array after the last pack. */
function servePacks(packs: unknown[][], wrap: (rows: unknown[]) => unknown = (rows) => rows) {
  mock.server.use(
    http.get(`${CLOUD}/Items`, ({ request }) => {
      const pack = Number(new URL(request.url).searchParams.get('Pack'));
      return HttpResponse.json(wrap(packs[pack - 1] ?? []) as never);
    }),
  );
}

describe('items.list()', () => {
  it('iterates every row across packs until an empty pack, from Pack=1', async () => {
    servePacks([[group, item(1)], [item(2), item(3)], [item(4)]]);
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2 }));
    expect(rows.map((row) => row.uid)).toEqual(['g-1', 'i-1', 'i-2', 'i-3', 'i-4']);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Items?Pack=1&PackSize=2`,
      `GET ${CLOUD}/Items?Pack=2&PackSize=2`,
      `GET ${CLOUD}/Items?Pack=3&PackSize=2`,
      `GET ${CLOUD}/Items?Pack=4&PackSize=2`,
    ]);
  });

  it('uses the client default pack size (500) and configured templates', async () => {
    mock.server.use(http.get(`${CLOUD}/Nomenclature`, () => HttpResponse.json([])));
    const { client } = createTestClient({ templates: { items: 'Nomenclature' } });
    expect(await collect(client.items.list())).toEqual([]);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Nomenclature?Pack=1&PackSize=500`]);
  });

  it('normalises IsGroup ("true"/"false"/boolean/missing) and maps the null-GUID Group to root', async () => {
    servePacks([
      [
        group,
        { uid: 'i-1', IsGroup: false, Group: 'g-1' },
        { uid: 'i-2', IsGroup: 'FALSE', Group: '' },
        { uid: 'i-3', Group: null },
        { uid: 'g-2', IsGroup: true, Group: NULL_GUID },
      ],
    ]);
    const { client } = createTestClient();
    const rows = await collect(client.items.list());
    expect(rows.map((row) => [row.uid, row.IsGroup, row.Group])).toEqual([
      ['g-1', true, undefined],
      ['i-1', false, 'g-1'],
      ['i-2', false, undefined],
      ['i-3', false, undefined],
      ['g-2', true, undefined],
    ]);
  });

  it('keeps unknown fields the tenant sends', async () => {
    servePacks([[item(1)]]);
    const { client } = createTestClient();
    const [row] = await collect(client.items.list());
    expect(row).toEqual({
      uid: 'i-1',
      Name: 'Item 1',
      Code: 'SKU-1',
      IsGroup: false,
      Group: 'g-1',
      Barcode: '4600000000001',
    });
  });

  it.each([
    ['a bare array', (rows: unknown[]) => rows],
    ['{ Source: [...] }', (rows: unknown[]) => ({ Source: rows })],
    ['{ Items: [...] }', (rows: unknown[]) => ({ Items: rows })],
    ['{ value: [...] }', (rows: unknown[]) => ({ value: rows })],
    ['{ data: [...] }', (rows: unknown[]) => ({ data: rows })],
  ])('accepts %s', async (_label, wrap) => {
    servePacks([[item(1), item(2)], [item(3)]], wrap);
    const { client } = createTestClient();
    const rows = await collect(client.items.list());
    expect(rows.map((row) => row.uid)).toEqual(['i-1', 'i-2', 'i-3']);
    expect(await mock.lines()).toHaveLength(3);
  });

  it('stops after one pack when the publication ignores paging (same rows again)', async () => {
    mock.server.use(http.get(`${CLOUD}/Items`, () => HttpResponse.json([group, item(1)])));
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2 }));
    expect(rows.map((row) => row.uid)).toEqual(['g-1', 'i-1']);
    expect(await mock.lines()).toHaveLength(2);
  });

  // Intended behaviour change (issue #8): an empty 200 body used to be read as "no rows" /
  // the end of the list. It is a proxy or WAF answering instead of Balance (real Balance
  // answers `[]`), and reading it as an empty catalog zeroed stock, so it is now an error:
  // retried like any transport glitch, then thrown.
  it('does not read an empty 200 body as the end of the list: retries it, then throws', async () => {
    mock.server.use(http.get(`${CLOUD}/Items`, () => new HttpResponse('', { status: 200 })));
    const { client, delays } = createTestClient({ retry: { limit: 1 } });
    const error = await collect(client.items.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceEmptyResponseError);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    expect(error).toMatchObject({
      code: 'BALANCE_EMPTY_RESPONSE',
      retryable: true,
      status: 200,
      request: { attempts: 2 },
    });
    expect(delays).toHaveLength(1);
    expect(await mock.lines()).toEqual([
      `GET ${CLOUD}/Items?Pack=1&PackSize=500`,
      `GET ${CLOUD}/Items?Pack=1&PackSize=500`,
    ]);
  });

  it('throws BalanceSchemaError with the path and a redacted sample when a row is malformed', async () => {
    servePacks([[item(1)], [item(2), { Name: 'no uid', password: 'hunter2', IsGroup: 'maybe' }]]);
    const { client } = createTestClient();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const row of client.items.list({ packSize: 2 })) seen.push(row.uid);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['i-1']);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    const schemaError = error as BalanceSchemaError;
    expect(schemaError.issues.map((issue) => issue.path)).toEqual(['[1].uid', '[1].IsGroup']);
    expect(schemaError.message).toContain('Items pack 2');
    expect(schemaError.sample).toBe('{"Name":"no uid","password":"[REDACTED]","IsGroup":"maybe"}');
    expect(schemaError.request?.url).toBe(`${CLOUD}/Items?Pack=2&PackSize=2`);
  });

  it('throws BalanceSchemaError for a non-JSON 200 (a login page from a proxy)', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Items`, () =>
        HttpResponse.html('<html><title>Sign in</title><body>Please log in</body></html>'),
      ),
    );
    const { client } = createTestClient();
    const error = await collect(client.items.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceSchemaError);
    expect((error as Error).message).toContain('not JSON: Sign in Please log in');
  });

  it('listPack() reads one pack for concurrent callers', async () => {
    servePacks([[item(1)], [item(2)]]);
    const { client } = createTestClient();
    const rows = await client.items.listPack(2, { packSize: 1 });
    expect(rows.map((row) => row.uid)).toEqual(['i-2']);
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Items?Pack=2&PackSize=1`]);
  });
});

describe('items.get()', () => {
  it('reads one item with ?uid=', async () => {
    mock.server.use(http.get(`${CLOUD}/Items`, () => HttpResponse.json([item(7)])));
    const { client } = createTestClient();
    expect(await client.items.get('i-7')).toMatchObject({ uid: 'i-7', Code: 'SKU-7' });
    expect(await mock.lines()).toEqual([`GET ${CLOUD}/Items?uid=i-7`]);
  });

  it('returns undefined on 404, on an empty list, and when the publication ignored the filter', async () => {
    const answers = [
      new HttpResponse('Not Found', { status: 404, statusText: 'Not Found' }),
      HttpResponse.json([]),
      HttpResponse.json([item(1), item(2)]),
    ];
    mock.server.use(http.get(`${CLOUD}/Items`, () => answers.shift()));
    const { client } = createTestClient();
    expect(await client.items.get('i-9')).toBeUndefined();
    expect(await client.items.get('i-9')).toBeUndefined();
    expect(await client.items.get('i-9')).toBeUndefined();
  });
});
