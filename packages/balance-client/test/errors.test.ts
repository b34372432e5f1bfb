import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BalanceAuthError,
  BalanceConfigurationError,
  BalanceError,
  BalanceHttpError,
  BalanceNetworkError,
  BalanceSchemaError,
  BalanceTimeoutError,
  isBalanceError,
  isRetryableBalanceError,
} from '../src/index.js';
import {
  BASIC,
  CLOUD,
  createTestClient,
  PASSWORD,
  USERNAME,
  useMockBalance,
} from './helpers/mock-balance.js';

const mock = useMockBalance();
const CREDENTIALS_B64 = BASIC.slice('Basic '.length);

async function failWarehouses(response: () => Response): Promise<BalanceHttpError> {
  mock.server.use(http.get(`${CLOUD}/Warehouses`, response));
  const { client } = createTestClient({ retry: false });
  const error = await client.warehouses.list().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BalanceHttpError);
  return error as BalanceHttpError;
}

describe('HTTP error bodies', () => {
  it('{"Error": [...]} → messages, in order, in the message', async () => {
    const error = await failWarehouses(() =>
      HttpResponse.json(
        { Error: ['Item not found: SKU-1', 'Client is required'] },
        { status: 400, statusText: 'Bad Request' },
      ),
    );
    expect(error.messages).toEqual(['Item not found: SKU-1', 'Client is required']);
    expect(error.status).toBe(400);
    expect(error.code).toBe('BALANCE_HTTP_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'Balance GET Warehouses failed with HTTP 400 Bad Request: Item not found: SKU-1; Client is required — Balance rejected the data: fix what the messages name (references, required fields, list literals) before sending it again',
    );
  });

  it('{"Error": "one string"} and {"error": {"message": …}} variants', async () => {
    expect(
      (await failWarehouses(() => HttpResponse.json({ Error: 'Only one' }, { status: 400 })))
        .messages,
    ).toEqual(['Only one']);
    expect(
      (
        await failWarehouses(() =>
          HttpResponse.json({ error: { message: 'nested' } }, { status: 400 }),
        )
      ).messages,
    ).toEqual(['nested']);
  });

  it('an HTML gateway page becomes readable text (tags, scripts and styles stripped)', async () => {
    const error = await failWarehouses(
      () =>
        new HttpResponse(
          '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><script>track()</script><center><h1>502&nbsp;Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
          { status: 502, headers: { 'Content-Type': 'text/html' } },
        ),
    );
    expect(error.messages).toEqual([]);
    expect(error.bodyExcerpt).toBe('502 Bad Gateway 502 Bad Gateway nginx');
    expect(error.message).toContain('HTTP 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx');
    expect(error.message).not.toMatch(/<|track\(\)|color:red/);
  });

  it('an empty body still yields a readable message', async () => {
    const error = await failWarehouses(
      () => new HttpResponse(null, { status: 500, statusText: 'Internal Server Error' }),
    );
    expect(error.message).toMatch(
      /^Balance GET Warehouses failed with HTTP 500 Internal Server Error \(empty body\) — /,
    );
    expect(error.retryable).toBe(true);
  });

  it('raw Russian 1C text is kept (truncated) as the readable message', async () => {
    const text = `Ошибка при выполнении обработчика - 'ОбработкаВызоваHTTPСервиса' по причине: ${'Поле объекта не обнаружено. '.repeat(40)}`;
    const error = await failWarehouses(
      () =>
        new HttpResponse(text, {
          status: 500,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        }),
    );
    expect(error.message).toContain(
      "HTTP 500 Internal Server Error: Ошибка при выполнении обработчика - 'ОбработкаВызоваHTTPСервиса'",
    );
    expect(error.bodyExcerpt.length).toBe(500);
    expect(error.bodyExcerpt.endsWith('…')).toBe(true);
  });

  it('401 → BalanceAuthError with the credentials hint; 403 → rights and segment hint', async () => {
    const unauthorized = await failWarehouses(
      () => new HttpResponse(null, { status: 401, statusText: 'Unauthorized' }),
    );
    expect(unauthorized).toBeInstanceOf(BalanceAuthError);
    expect(unauthorized.code).toBe('BALANCE_AUTH_ERROR');
    expect(unauthorized.hint).toMatch(/check `username` and `password`/);
    mock.server.use(
      http.get(
        `${CLOUD.replace('/sm/o/', '/sm/a/')}/Warehouses`,
        () => new HttpResponse(null, { status: 403 }),
      ),
    );
    const forbidden = await failWarehouses(() => new HttpResponse(null, { status: 403 }));
    expect(forbidden).toBeInstanceOf(BalanceAuthError);
    expect(forbidden.hint).toMatch(/lacks rights.*`sm\/o` and `sm\/a`/);
  });

  it('502 on Stocks points at the exchange uid and the integration settings', async () => {
    mock.server.use(http.get(`${CLOUD}/Stocks`, () => new HttpResponse(null, { status: 502 })));
    const { client } = createTestClient({ retry: false });
    const error = (await client.stocks.list().catch((e: unknown) => e)) as BalanceHttpError;
    expect(error.hint).toMatch(
      /wrong `exchangeUid`.*Administration → Data synchronization settings/,
    );
  });

  it('404 "Unknown parameter" says to drop the parameter', async () => {
    const error = await failWarehouses(
      () => new HttpResponse('Unknown parameter', { status: 404 }),
    );
    expect(error.hint).toMatch(/rejects a query parameter/);
  });
});

describe('classification', () => {
  it('isBalanceError and isRetryableBalanceError', async () => {
    const business = await failWarehouses(() =>
      HttpResponse.json({ Error: ['x'] }, { status: 400 }),
    );
    const busy = await failWarehouses(() => new HttpResponse(null, { status: 503 }));
    const throttled = await failWarehouses(() => new HttpResponse(null, { status: 429 }));
    expect([business, busy, throttled].map(isRetryableBalanceError)).toEqual([false, true, true]);
    expect(isRetryableBalanceError(new Error('x'))).toBe(false);
    expect(isBalanceError(business)).toBe(true);
    expect(isBalanceError(new Error('x'))).toBe(false);
    expect(isBalanceError({ code: 'BALANCE_HTTP_ERROR' })).toBe(false);
    expect(business).toBeInstanceOf(BalanceError);
    expect(business).toBeInstanceOf(Error);
  });

  it('TLS certificate failures are network errors that are not retryable', async () => {
    const tlsFailure = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('self-signed certificate in certificate chain'), {
          code: 'SELF_SIGNED_CERT_IN_CHAIN',
        }),
      });
    };
    const { client } = createTestClient({ fetch: tlsFailure });
    const error = (await client.warehouses.list().catch((e: unknown) => e)) as BalanceNetworkError;
    expect(error).toBeInstanceOf(BalanceNetworkError);
    expect(error.systemCode).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(error.retryable).toBe(false);
    expect(error.request.attempts).toBe(1);
    expect(error.hint).toMatch(/NODE_EXTRA_CA_CERTS.*dangerouslyDisableTlsVerification/);
  });

  it('toJSON() is a plain object with the stable fields', async () => {
    const error = await failWarehouses(() =>
      HttpResponse.json({ Error: ['x'] }, { status: 400, statusText: 'Bad Request' }),
    );
    expect(error.toJSON()).toEqual({
      name: 'BalanceHttpError',
      code: 'BALANCE_HTTP_ERROR',
      message: error.message,
      retryable: false,
      request: {
        requestId: 'req-1',
        method: 'GET',
        template: 'Warehouses',
        url: `${CLOUD}/Warehouses`,
        attempts: 1,
      },
      status: 400,
      statusText: 'Bad Request',
      messages: ['x'],
      bodyExcerpt: 'x',
    });
  });
});

describe('secrets never leak', () => {
  /** Every textual form an error can take, including util.inspect with the custom hook bypassed. */
  function everyForm(error: unknown): string[] {
    const forms = [
      String(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY }),
      inspect(error, { depth: Number.POSITIVE_INFINITY, customInspect: false, showHidden: true }),
    ];
    if (error instanceof Error) forms.push(error.message, error.stack ?? '');
    if (error instanceof BalanceError) forms.push(JSON.stringify(error.toJSON()));
    return forms;
  }

  function expectNoSecrets(texts: string[]) {
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(CREDENTIALS_B64);
      expect(text).not.toMatch(/Basic (?!\[REDACTED\])/);
    }
  }

  const leakyBody = `<html><body>Denied for ${USERNAME}:${PASSWORD} (Authorization: ${BASIC})</body></html>`;

  it.each([
    ['an HTTP error echoing the credentials', () => new HttpResponse(leakyBody, { status: 500 })],
    [
      'a JSON Error echoing the password',
      () => HttpResponse.json({ Error: [`bad password ${PASSWORD}`] }, { status: 400 }),
    ],
    ['an auth error', () => new HttpResponse(leakyBody, { status: 401 })],
    ['a schema error on a row holding the password', () => HttpResponse.json([{ Name: PASSWORD }])],
  ])('%s', async (_label, response) => {
    mock.server.use(http.get(`${CLOUD}/Warehouses`, response));
    const { client } = createTestClient({ retry: false, logBodies: true });
    const events: unknown[] = [];
    for (const name of ['request', 'response', 'retry', 'error'] as const) {
      client.events.on(name, (event: unknown) => events.push(event));
    }
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(isBalanceError(error)).toBe(true);
    expect(events.length).toBeGreaterThan(1);
    expectNoSecrets([...everyForm(error), JSON.stringify(events), inspect(events, { depth: 20 })]);
    if (error instanceof BalanceHttpError) expect(error.bodyExcerpt).toContain('[REDACTED]');
    if (error instanceof BalanceSchemaError) expect(error.sample).toBe('{"Name":"[REDACTED]"}');
  });

  it('a network error whose cause carries the credentials and the Request object', async () => {
    const leakyFetch = async (input: Request | string | URL) => {
      const cause = Object.assign(
        new Error(`connect ECONNREFUSED http://${USERNAME}:${PASSWORD}@10.0.0.5`),
        {
          code: 'ECONNREFUSED',
          request: input,
        },
      );
      throw new TypeError('fetch failed', { cause });
    };
    const { client } = createTestClient({ fetch: leakyFetch, retry: false });
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceNetworkError);
    expect((error as BalanceNetworkError).systemCode).toBe('ECONNREFUSED');
    expectNoSecrets(everyForm(error));
  });

  it('a timeout error', async () => {
    const slowFetch = (_input: Request | string | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? (_input instanceof Request ? _input.signal : undefined);
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const { client } = createTestClient({ fetch: slowFetch, retry: false, timeoutMs: 20 });
    const error = await client.warehouses.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BalanceTimeoutError);
    expectNoSecrets(everyForm(error));
  });

  it('configuration errors and the client object itself', () => {
    const error = (() => {
      try {
        createTestClient({
          connection: { mode: 'onprem', baseUrl: `http://${USERNAME}:${PASSWORD}@host` },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BalanceConfigurationError);
    expectNoSecrets(everyForm(error));
    const { client } = createTestClient();
    expectNoSecrets([
      inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(client),
    ]);
  });
});
