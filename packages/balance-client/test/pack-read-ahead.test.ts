import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BalanceHttpError } from '../src/index.js';
import {
  CLOUD,
  collect,
  createTestClient,
  EXCHANGE_UID,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();

const item = (n: number) => ({ uid: `i-${n}`, Name: `Item ${n}`, IsGroup: 'false' });

/** `Pack` of every request so far, in the order they were sent. */
const packsRequested = async () =>
  (await mock.lines()).map((line) =>
    Number(new URL(line.split(' ')[1] ?? '').searchParams.get('Pack')),
  );

/**
 * Items in packs of two (`count` items); later packs answer sooner, so the order of the rows
 * comes from the client alone. Records how many requests were in flight at most.
 */
function servePacks(count: number) {
  const flight = { now: 0, peak: 0 };
  const packs = Math.ceil(count / 2);
  mock.server.use(
    http.get(`${CLOUD}/Items`, async ({ request }) => {
      const pack = Number(new URL(request.url).searchParams.get('Pack'));
      flight.now += 1;
      flight.peak = Math.max(flight.peak, flight.now);
      await delay(2 + Math.max(0, packs + 3 - pack) * 3);
      flight.now -= 1;
      const rows = [2 * pack - 1, 2 * pack].filter((n) => n <= count).map(item);
      return HttpResponse.json(rows);
    }),
  );
  return flight;
}

describe('items.list({ concurrency })', () => {
  it('keeps at most `concurrency` packs in flight and yields rows in pack order', async () => {
    const flight = servePacks(14);
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2, concurrency: 3 }));
    expect(rows.map((row) => row.uid)).toEqual(
      Array.from({ length: 14 }, (_, index) => `i-${index + 1}`),
    );
    expect(flight.peak).toBe(3);
    // Pack 1 alone, then three at a time up to the first empty pack (8) and two past it.
    const packs = await packsRequested();
    expect(packs[0]).toBe(1);
    expect([...packs].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads one pack after another by default', async () => {
    const flight = servePacks(5);
    const { client } = createTestClient();
    expect(await collect(client.items.list({ packSize: 2 }))).toHaveLength(5);
    expect(flight.peak).toBe(1);
    expect(await packsRequested()).toEqual([1, 2, 3, 4]);
  });

  it('stops at a repeated pack 1 when the publication ignores Pack, without looping', async () => {
    mock.server.use(http.get(`${CLOUD}/Items`, () => HttpResponse.json([item(1), item(2)])));
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2, concurrency: 4 }));
    expect(rows.map((row) => row.uid)).toEqual(['i-1', 'i-2']);
    // Packs 2–5 were read ahead; pack 2 repeats pack 1, so reading stops there.
    expect([...(await packsRequested())].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads nothing ahead when the first pack is longer than PackSize (paging ignored)', async () => {
    mock.server.use(http.get(`${CLOUD}/Items`, () => HttpResponse.json([1, 2, 3, 4, 5].map(item))));
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2, concurrency: 4 }));
    expect(rows).toHaveLength(5);
    expect(await packsRequested()).toEqual([1, 2]);
  });

  it('ignores a failing pack read ahead past the first empty pack', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Items`, ({ request }) => {
        const pack = Number(new URL(request.url).searchParams.get('Pack'));
        if (pack === 2) return HttpResponse.json([item(3)]);
        if (pack === 1) return HttpResponse.json([item(1), item(2)]);
        if (pack === 3) return HttpResponse.json([]);
        return HttpResponse.json({ Error: ['no such pack'] }, { status: 400 });
      }),
    );
    const { client } = createTestClient();
    const rows = await collect(client.items.list({ packSize: 2, concurrency: 4 }));
    expect(rows.map((row) => row.uid)).toEqual(['i-1', 'i-2', 'i-3']);
  });

  it('throws a failing pack in its turn, after the rows of the packs before it', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Items`, ({ request }) => {
        const pack = Number(new URL(request.url).searchParams.get('Pack'));
        if (pack === 3) return HttpResponse.json({ Error: ['broken'] }, { status: 400 });
        return HttpResponse.json([item(2 * pack - 1), item(2 * pack)]);
      }),
    );
    const { client } = createTestClient();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const row of client.items.list({ packSize: 2, concurrency: 4 })) {
        seen.push(row.uid);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceHttpError);
    expect(seen).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
  });

  it('leaves nothing running after an early stop', async () => {
    const flight = servePacks(40);
    const { client } = createTestClient();
    for await (const row of client.items.list({ packSize: 2, concurrency: 4 })) {
      if (row.uid === 'i-3') break;
    }
    expect(flight.now).toBe(0);
    expect((await packsRequested()).length).toBeLessThanOrEqual(6);
  });
});

describe('itemPricing.list({ concurrency })', () => {
  it('reads packs ahead and yields documents in pack order', async () => {
    const doc = (n: number) => ({
      PriceType: 'pt-sale',
      Date: `2025-03-${String(n).padStart(2, '0')}T00:00:00`,
      Items: [{ Item: `i-${n}`, Price: '9.90' }],
    });
    mock.server.use(
      http.get(`${CLOUD}/ItemPricing`, async ({ request }) => {
        const pack = Number(new URL(request.url).searchParams.get('Pack'));
        await delay(2 + Math.max(0, 8 - pack) * 3);
        return HttpResponse.json(pack <= 5 ? [doc(2 * pack - 1), doc(2 * pack)] : []);
      }),
    );
    const { client } = createTestClient();
    const docs = await collect(client.itemPricing.list({ packSize: 2, concurrency: 2 }));
    expect(docs.map((d) => d.Items[0]?.Item)).toEqual(
      Array.from({ length: 10 }, (_, index) => `i-${index + 1}`),
    );
    const lines = await mock.lines();
    expect(lines[0]).toBe(`GET ${CLOUD}/ItemPricing?uid=${EXCHANGE_UID}&Pack=1&PackSize=2`);
    expect([...(await packsRequested())].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
