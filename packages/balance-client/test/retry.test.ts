import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BalanceHttpError,
  type BalanceHttpMethod,
  BalanceNetworkError,
  BalanceTimeoutError,
  DEFAULT_RETRY_OPTIONS,
  isRetryableRequest,
} from '../src/index.js';
import { computeRetryDelay } from '../src/retry/retry-policy.js';
import { CLOUD, createTestClient, useMockBalance } from './helpers/mock-balance.js';

const mock = useMockBalance();
const UID = '6f0c1c2e-1111-4a3b-9c0d-1234567890ab';

type Row = {
  method: BalanceHttpMethod;
  body?: unknown[];
  status: number;
  errorBody?: unknown;
  attempts: number;
};

// method × status → attempts (limit 3 = up to 4 attempts).
const matrix: Array<[string, Row]> = [
  ['GET 503 → retried', { method: 'GET', status: 503, attempts: 4 }],
  ['GET 500 → retried', { method: 'GET', status: 500, attempts: 4 }],
  ['GET 502 → retried', { method: 'GET', status: 502, attempts: 4 }],
  ['GET 504 → retried', { method: 'GET', status: 504, attempts: 4 }],
  ['GET 408 → retried', { method: 'GET', status: 408, attempts: 4 }],
  ['GET 429 → retried', { method: 'GET', status: 429, attempts: 4 }],
  ['GET 404 → 1 attempt', { method: 'GET', status: 404, attempts: 1 }],
  ['GET 401 → 1 attempt', { method: 'GET', status: 401, attempts: 1 }],
  [
    'PUT with uids 503 → retried',
    { method: 'PUT', body: [{ uid: UID }, { uid: 'x' }], status: 503, attempts: 4 },
  ],
  [
    'PUT without uid 503 → 1 attempt',
    { method: 'PUT', body: [{ Name: 'new' }], status: 503, attempts: 1 },
  ],
  [
    'PUT with one empty uid 503 → 1 attempt',
    { method: 'PUT', body: [{ uid: UID }, { uid: ' ' }], status: 503, attempts: 1 },
  ],
  ['POST 503 → 1 attempt', { method: 'POST', body: [{ uid: UID }], status: 503, attempts: 1 }],
  ['PATCH 503 → 1 attempt', { method: 'PATCH', body: [{ uid: UID }], status: 503, attempts: 1 }],
  ['DELETE 503 → 1 attempt', { method: 'DELETE', body: [{ uid: UID }], status: 503, attempts: 1 }],
  [
    'GET 400 with Error → 1 attempt',
    { method: 'GET', status: 400, errorBody: { Error: ['bad'] }, attempts: 1 },
  ],
  [
    'PUT with uids 400 with Error → 1 attempt',
    {
      method: 'PUT',
      body: [{ uid: UID }],
      status: 400,
      errorBody: { Error: ['Item not found'] },
      attempts: 1,
    },
  ],
  [
    'PUT with uids 422 → 1 attempt',
    { method: 'PUT', body: [{ uid: UID }], status: 422, attempts: 1 },
  ],
];

describe('retry matrix (method × status → attempts)', () => {
  it.each(matrix)('%s', async (_label, row) => {
    mock.server.use(
      http.all(`${CLOUD}/Doc`, () =>
        row.errorBody === undefined
          ? new HttpResponse('busy', { status: row.status })
          : HttpResponse.json(row.errorBody as never, { status: row.status }),
      ),
    );
    const { client, delays } = createTestClient();
    const error = await client
      .request({ method: row.method, template: 'Doc', ...(row.body ? { body: row.body } : {}) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceHttpError);
    expect((error as BalanceHttpError).request.attempts).toBe(row.attempts);
    expect(await mock.lines()).toEqual(Array(row.attempts).fill(`${row.method} ${CLOUD}/Doc`));
    expect(delays).toHaveLength(row.attempts - 1);
  });
});

describe('retry behaviour', () => {
  it('businessErrorPatterns is configurable', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, () =>
        HttpResponse.json({ Error: ['Period is closed'] }, { status: 500 }),
      ),
    );
    const { client } = createTestClient({
      retry: { businessErrorPatterns: [/period is closed/i] },
    });
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, retryable: false, request: { attempts: 1 } });
  });

  it('succeeds after transient failures and returns the good answer', async () => {
    const answers = [
      new HttpResponse(null, { status: 502 }),
      new HttpResponse(null, { status: 503 }),
      HttpResponse.json([{ uid: 'w-1' }]),
    ];
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => answers.shift()));
    const { client, delays } = createTestClient();
    expect(await client.warehouses.list()).toEqual([{ uid: 'w-1' }]);
    // Full jitter with random() = 0.5: 0.5 × min(30000, 500 × 2^n).
    expect(delays).toEqual([250, 500]);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped by maxRetryAfterMs', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const answers = [
      new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } }),
      new HttpResponse(null, {
        status: 503,
        headers: { 'Retry-After': new Date(now + 12_000).toUTCString() },
      }),
      new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3600' } }),
      HttpResponse.json([]),
    ];
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => answers.shift()));
    const { client, delays } = createTestClient({ retry: { maxRetryAfterMs: 20_000 } });
    await client.warehouses.list();
    expect(delays).toEqual([7_000, 12_000, 20_000]);
  });

  it('per-call options override the client: { retry: false } and { retry: { limit } }', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 503 })));
    const { client } = createTestClient({ retry: { limit: 5 } });
    await expect(client.warehouses.list({ retry: false })).rejects.toBeInstanceOf(BalanceHttpError);
    await expect(client.warehouses.list({ retry: { limit: 1 } })).rejects.toBeInstanceOf(
      BalanceHttpError,
    );
    expect(await mock.lines()).toHaveLength(1 + 2);
  });

  it('client-level retry: false makes one attempt; a per-call limit can re-enable retries', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 503 })));
    const { client } = createTestClient({ retry: false });
    await expect(client.warehouses.list()).rejects.toBeInstanceOf(BalanceHttpError);
    await expect(client.warehouses.list({ retry: { limit: 2 } })).rejects.toBeInstanceOf(
      BalanceHttpError,
    );
    expect(await mock.lines()).toHaveLength(1 + 3);
  });

  it('retries network errors on GET, and never on POST', async () => {
    let calls = 0;
    mock.server.use(
      http.all(`${CLOUD}/Warehouses`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    const { client } = createTestClient({ retry: { limit: 2 } });
    await expect(client.warehouses.list()).rejects.toBeInstanceOf(BalanceNetworkError);
    expect(calls).toBe(3);
    await expect(
      client.request({ method: 'POST', template: 'Warehouses', body: [{}] }),
    ).rejects.toBeInstanceOf(BalanceNetworkError);
    expect(calls).toBe(4);
  });

  it('times out a slow attempt and retries it', async () => {
    let calls = 0;
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, async () => {
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
        return HttpResponse.json([{ uid: 'w-1' }]);
      }),
    );
    const { client } = createTestClient({ timeoutMs: 50 });
    expect(await client.warehouses.list()).toEqual([{ uid: 'w-1' }]);
    expect(calls).toBe(2);
  });

  it('throws BalanceTimeoutError when every attempt times out', async () => {
    mock.server.use(
      http.get(`${CLOUD}/Warehouses`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return HttpResponse.json([]);
      }),
    );
    const { client } = createTestClient({ timeoutMs: 30, retry: { limit: 1 } });
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30, retryable: true, request: { attempts: 2 } });
  });

  it('stops waiting when the caller aborts during a retry delay', async () => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, () => new HttpResponse(null, { status: 503 })));
    const controller = new AbortController();
    const { client } = createTestClient({
      runtime: {
        sleep: async () => {
          controller.abort(new Error('shutting down'));
          throw controller.signal.reason;
        },
      },
    });
    await expect(client.warehouses.list({ signal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
    expect(await mock.lines()).toHaveLength(1);
  });
});

describe('retry policy functions', () => {
  it('isRetryableRequest: GET always, PUT only with every uid, others never', () => {
    expect(isRetryableRequest('GET')).toBe(true);
    expect(isRetryableRequest('put', [{ uid: UID }])).toBe(true);
    expect(isRetryableRequest('PUT', [])).toBe(false);
    expect(isRetryableRequest('PUT', [{ uid: UID }, {}])).toBe(false);
    expect(isRetryableRequest('PUT', { uid: UID })).toBe(false);
    expect(isRetryableRequest('POST', [{ uid: UID }])).toBe(false);
    expect(isRetryableRequest('PATCH', [{ uid: UID }])).toBe(false);
    expect(isRetryableRequest('DELETE', [{ uid: UID }])).toBe(false);
  });

  it('full jitter stays within [0, min(maxDelayMs, backoffMs × 2^n))', () => {
    const options = {
      ...DEFAULT_RETRY_OPTIONS,
      backoffMs: 100,
      maxDelayMs: 1_000,
      maxRetryAfterMs: 5_000,
    };
    expect(
      [0, 1, 2, 3, 4, 10].map((n) => computeRetryDelay(n, undefined, options, () => 0.999_999)),
    ).toEqual([99, 199, 399, 799, 999, 999]);
    expect(computeRetryDelay(3, undefined, options, () => 0)).toBe(0);
    expect(computeRetryDelay(0, 9_000, options, () => 0.5)).toBe(5_000);
  });
});
