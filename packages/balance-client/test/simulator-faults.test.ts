import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type BalanceSimulator,
  type BalanceSimulatorOptions,
  createBalanceSimulator,
} from '../src/testing/index.js';

type Row = Record<string, unknown>;

function exchange(sim: BalanceSimulator) {
  const authorization = `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`;
  return (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/${sim.basePath}/hs/Exchange/${path}`, {
      method,
      headers: {
        authorization,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

async function statuses(sim: BalanceSimulator, path: string, count: number): Promise<number[]> {
  const call = exchange(sim);
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await call('GET', path);
    await response.arrayBuffer();
    result.push(response.status);
  }
  return result;
}

describe('Balance simulator fault injection', () => {
  let now = new Date('2025-12-01T10:00:00Z');
  let sim: BalanceSimulator;
  let call: ReturnType<typeof exchange>;
  beforeAll(async () => {
    sim = await createBalanceSimulator({ clock: { now: () => now } }).start();
    call = exchange(sim);
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.reset();
    now = new Date('2025-12-01T10:00:00Z');
  });

  const sale = (uid: string): Row => ({
    uid,
    Date: '2025-12-01T10:00:00',
    Client: sim.seed.retailClientUid,
    Items: [{ Item: sim.seed.items.sponge, Quantity: '1', Price: '3.15', Amount: '3.15' }],
  });

  it('adds latency before answering', async () => {
    sim.faults.set({ latency: { ms: 400 } });
    const started = performance.now();
    const response = await call('GET', 'Warehouses');
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    sim.faults.clear('latency');
    const quick = performance.now();
    await (await call('GET', 'Warehouses')).arrayBuffer();
    expect(performance.now() - quick).toBeLessThan(300);
  });

  it('scopes latency to templates', async () => {
    sim.faults.set({ latency: { ms: { min: 400, max: 450 }, templates: ['Items'] } });
    const started = performance.now();
    await (await call('GET', 'Warehouses')).arrayBuffer();
    expect(performance.now() - started).toBeLessThan(300);
    const slow = performance.now();
    await (await call('GET', 'Items')).arrayBuffer();
    expect(performance.now() - slow).toBeGreaterThanOrEqual(390);
  });

  it('resets connections while down, until cleared', async () => {
    sim.faults.set({ down: {} });
    await expect(call('GET', 'Items')).rejects.toThrow(TypeError);
    expect(sim.requests.at(-1)).toMatchObject({ status: 'network-error', fault: 'down' });
    sim.faults.clear();
    expect((await call('GET', 'Warehouses')).status).toBe(200);
  });

  it('answers 503 for a downtime window measured on the simulator clock', async () => {
    sim.faults.set({ down: { answer: 'service-unavailable', forMs: 60_000 } });
    const during = await call('GET', 'Warehouses');
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toMatch(/text\/html/);
    now = new Date(now.getTime() + 59_000);
    expect((await call('GET', 'Warehouses')).status).toBe(503);
    now = new Date(now.getTime() + 1_000);
    expect((await call('GET', 'Warehouses')).status).toBe(200);
    expect(sim.faults.active.down).toBeUndefined();
  });

  it('answers 5xx for the next N matching requests only', async () => {
    sim.faults.set({ serverError: { status: 503, times: 2, templates: ['Items'] } });
    expect(await statuses(sim, 'Warehouses', 1)).toEqual([200]);
    expect(sim.faults.active.serverError?.times).toBe(2);
    const first = await call('GET', 'Items');
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ Error: [expect.any(String)] });
    expect(await statuses(sim, 'Items?Pack=1&PackSize=1', 3)).toEqual([503, 200, 200]);
    expect(sim.faults.active.serverError).toBeUndefined();
  });

  it('scopes faults to methods', async () => {
    sim.faults.set({ serverError: { methods: ['PUT'] } });
    expect((await call('GET', `Sale?uid=${randomUUID()}`)).status).toBe(404);
    expect((await call('PUT', 'Sale', [sale(randomUUID())])).status).toBe(500);
    expect(sim.state.sales.size).toBe(0);
  });

  it('can answer 5xx after the write was applied', async () => {
    const uid = randomUUID();
    sim.faults.set({ serverError: { status: 504, afterWrite: true, times: 1 } });
    expect((await call('PUT', 'Sale', [sale(uid)])).status).toBe(504);
    expect(sim.state.sales.get(uid)?.writes).toBe(1);
  });

  it('answers 429 with Retry-After', async () => {
    sim.faults.set({ rateLimit: { retryAfterSeconds: 7, times: 1 } });
    const limited = await call('GET', 'Items');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call('GET', 'Warehouses')).status).toBe(200);
    expect(sim.requests.map((r) => r.fault)).toEqual(['rateLimit', undefined]);
  });

  it('answers an HTML error page instead of JSON, without applying a write', async () => {
    const uid = randomUUID();
    sim.faults.set({ htmlErrorPage: { status: 502, times: 1 } });
    const page = await call('PUT', 'Sale', [sale(uid)]);
    expect(page.status).toBe(502);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/^<!DOCTYPE html>/);
    expect(sim.state.sales.has(uid)).toBe(false);
  });

  it('answers an empty 200 body (the write still happened)', async () => {
    const uid = randomUUID();
    sim.faults.set({ emptyBody: { times: 1 } });
    const empty = await call('PUT', 'Sale', [sale(uid)]);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
    expect(sim.state.sales.has(uid)).toBe(true);
  });

  it('truncates JSON mid-way', async () => {
    const full = await (await call('GET', 'Warehouses')).text();
    sim.faults.set({ truncatedJson: { times: 1, templates: ['Warehouses'] } });
    const cut = await (await call('GET', 'Warehouses')).text();
    expect(cut.length).toBeGreaterThan(0);
    expect(full.startsWith(cut)).toBe(true);
    expect(cut.length).toBeLessThan(full.length);
    expect(() => JSON.parse(cut)).toThrow();
  });

  describe('apply the write, then drop the response', () => {
    it('stores the Sale although the client saw a socket error; a retry rewrites the same document', async () => {
      const uid = randomUUID();
      sim.faults.set({ dropResponseAfterWrite: { times: 1 } });
      await expect(call('PUT', 'Sale', [sale(uid)])).rejects.toThrow(TypeError);
      expect(sim.state.sales.get(uid)).toMatchObject({ writes: 1 });
      expect(sim.requests.at(-1)).toMatchObject({
        method: 'PUT',
        template: 'Sale',
        status: 'network-error',
        fault: 'dropResponseAfterWrite',
        body: [expect.objectContaining({ uid })],
      });
      const retry = await call('PUT', 'Sale', [sale(uid)]);
      expect(retry.status).toBe(200);
      expect(sim.state.sales.size).toBe(1);
      expect(sim.state.sales.get(uid)?.writes).toBe(2);
    });

    it('drops only writes matching the predicate, and only successful ones', async () => {
      sim.faults.set({
        dropResponseAfterWrite: { times: 1, match: (write) => write.template === 'Sale' },
      });
      const client = await call('PUT', 'Clients', [
        { uid: randomUUID(), Name: 'ანა', ID: '01001099999' },
      ]);
      expect(client.status).toBe(200);
      const invalid = await call('PUT', 'Sale', [{ ...sale(randomUUID()), Items: [] }]);
      expect(invalid.status).toBe(400);
      expect(sim.faults.active.dropResponseAfterWrite?.times).toBe(1);
      const uid = randomUUID();
      await expect(call('PUT', 'Sale', [sale(uid)])).rejects.toThrow();
      expect(sim.state.sales.has(uid)).toBe(true);
      expect((await call('PUT', 'Sale', [sale(randomUUID())])).status).toBe(200);
    });

    it('never drops reads', async () => {
      sim.faults.set({ dropResponseAfterWrite: {} });
      expect((await call('GET', 'Warehouses')).status).toBe(200);
    });
  });

  it('fires probabilistic faults deterministically for a given seed', async () => {
    const run = async (options: BalanceSimulatorOptions) => {
      const other = await createBalanceSimulator(options).start();
      try {
        return await statuses(other, 'Warehouses', 40);
      } finally {
        await other.stop();
      }
    };
    const a = await run({ faults: { seed: 42, serverError: { probability: 0.5 } } });
    const b = await run({ faults: { seed: 42, serverError: { probability: 0.5 } } });
    const c = await run({ faults: { seed: 43, serverError: { probability: 0.5 } } });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('starts with the faults given at creation and restores them on reset', async () => {
    const other = await createBalanceSimulator({ faults: { serverError: { times: 1 } } }).start();
    try {
      expect(await statuses(other, 'Warehouses', 2)).toEqual([500, 200]);
      other.reset();
      expect(other.requests).toHaveLength(0);
      expect(await statuses(other, 'Warehouses', 2)).toEqual([500, 200]);
    } finally {
      await other.stop();
    }
  });

  it('turns network faults into fetch-like rejections in sim.fetch', async () => {
    sim.faults.set({ dropResponseAfterWrite: { times: 1 } });
    const uid = randomUUID();
    const failed = sim
      .fetch(`http://anywhere/${sim.basePath}/hs/Exchange/Sale`, {
        method: 'PUT',
        headers: {
          authorization: `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`,
        },
        body: JSON.stringify([sale(uid)]),
      })
      .catch((error: unknown) => error);
    const error = await failed;
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(sim.state.sales.has(uid)).toBe(true);
  });
});
