// Bad-input corpus, Balance side: what a 1C publication, IIS or a proxy answers instead of
// proper JSON — HTML pages (error and login, with 200 and 5xx), truncated JSON, JSON of the
// wrong type, Russian 1C errors (platform exceptions and `{"Error": [...]}` rejections), empty
// bodies with 200. Reads get a typed BalanceError with a message and hint an operator can act
// on (never a TypeError, never the password); writes through the export pipeline lose
// nothing: the document ends up exactly once in Balance, or visibly failed with Balance's
// own words.
import {
  BalanceAuthError,
  BalanceEmptyResponseError,
  BalanceHttpError,
  BalanceSchemaError,
  BalanceTruncatedResponseError,
  createBalanceClient,
  isBalanceError,
} from '@balance-sync/balance-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForSecrets } from '../security/secret-scan.js';
import { type CorpusWorld, startCorpusWorld } from './support/corpus-world.js';

const PASSWORD = 'corpus-Pa55word!';
const IIS_500 = `<!DOCTYPE html><html><head><title>500 - Internal server error.</title></head><body><h1>Server Error</h1><h2>500 - Internal server error.</h2></body></html>`;
const LOGIN_PAGE = `<html><body><form action="/login" method="post"><input name="user"><input type="password" name="pass"></form>Please sign in</body></html>`;
const RU_PLATFORM_ERROR = `{ОбщийМодуль.ОбменHTTP.Модуль(412)}: Ошибка при вызове метода контекста (Записать)
	Объект.Записать(РежимЗаписиДокумента.Проведение);
по причине:
Недостаточно прав для выполнения операции`;

interface ReadCase {
  name: string;
  status: number;
  body: string;
  contentType?: string;
  /** Which read answers this way. */
  call: 'items' | 'warehouses' | 'sale';
  expect:
    | {
        error:
          | typeof BalanceSchemaError
          | typeof BalanceEmptyResponseError
          | typeof BalanceTruncatedResponseError
          | typeof BalanceHttpError
          | typeof BalanceAuthError;
        retryable: boolean;
        message: RegExp;
        /** HTTP attempts made (the corpus client retries once). */
        attempts?: number;
      }
    | { value: unknown };
}

const READS: ReadCase[] = [
  {
    name: 'IIS error page with 200',
    status: 200,
    body: IIS_500,
    contentType: 'text/html',
    call: 'items',
    expect: {
      error: BalanceSchemaError,
      retryable: false,
      message:
        /Items pack 1 with something that is not JSON: .*500 - Internal server error.* — a proxy, login page or error page answered/,
    },
  },
  {
    name: 'login page with 200',
    status: 200,
    body: LOGIN_PAGE,
    contentType: 'text/html',
    call: 'warehouses',
    expect: {
      error: BalanceSchemaError,
      retryable: false,
      message: /Warehouses with something that is not JSON: Please sign in/,
    },
  },
  {
    name: 'IIS error page with 502',
    status: 502,
    body: IIS_500,
    contentType: 'text/html',
    call: 'items',
    expect: {
      error: BalanceHttpError,
      retryable: true,
      message: /HTTP 502.*500 - Internal server error.*try again later/,
    },
  },
  {
    // A transport glitch (issue #8): retried, then a retryable error that says it was cut off.
    name: 'truncated JSON',
    status: 200,
    body: '[{"uid":"6f1c0a52-1d2b-4c3e-9f4a-5b6c7d8e9f00","Name":"ყავა',
    call: 'items',
    expect: {
      error: BalanceTruncatedResponseError,
      retryable: true,
      attempts: 2,
      message:
        /^Balance GET Items answered HTTP 200 with JSON that was cut off after \d+ characters — the answer was cut off before its end/,
    },
  },
  {
    name: 'JSON object instead of a list',
    status: 200,
    body: '{"Items":"none"}',
    call: 'warehouses',
    expect: {
      error: BalanceSchemaError,
      retryable: false,
      message: /Warehouses with JSON that is not a list/,
    },
  },
  {
    name: 'JSON string',
    status: 200,
    body: '"OK"',
    call: 'warehouses',
    expect: { error: BalanceSchemaError, retryable: false, message: /not a list/ },
  },
  {
    name: 'JSON null',
    status: 200,
    body: 'null',
    call: 'items',
    expect: { error: BalanceSchemaError, retryable: false, message: /not a list/ },
  },
  {
    name: 'rows of the wrong types',
    status: 200,
    body: '[{"uid":42,"Name":{"ka":"ყავა"},"IsGroup":"maybe"}]',
    call: 'items',
    expect: {
      error: BalanceSchemaError,
      retryable: false,
      message: /unexpected row shape at \[0\]\.uid/,
    },
  },
  {
    name: 'Russian 1C platform exception (500, text)',
    status: 500,
    body: RU_PLATFORM_ERROR,
    contentType: 'text/plain; charset=utf-8',
    call: 'warehouses',
    expect: {
      error: BalanceHttpError,
      retryable: true,
      message: /HTTP 500.*Ошибка при вызове метода контекста \(Записать\)/s,
    },
  },
  {
    name: 'Russian 1C rejection (400, {"Error": [...]})',
    status: 400,
    body: '{"Error":["Не найден объект по ссылке: Склад"]}',
    call: 'sale',
    expect: {
      error: BalanceHttpError,
      retryable: false,
      message: /Не найден объект по ссылке: Склад/,
    },
  },
  {
    name: 'Russian authorization failure (401)',
    status: 401,
    body: 'Ошибка авторизации: неверное имя пользователя или пароль',
    call: 'warehouses',
    expect: { error: BalanceAuthError, retryable: false, message: /./ },
  },
  // An empty 200 is not an empty list nor "absent" (issue #8; DESIGN §5.4): real Balance
  // answers `[]`. It is retried like a proxy glitch, then raised.
  {
    name: 'empty body with 200 (list)',
    status: 200,
    body: '',
    call: 'warehouses',
    expect: {
      error: BalanceEmptyResponseError,
      retryable: true,
      attempts: 2,
      message:
        /^Balance GET Warehouses answered HTTP 200 with an empty body — .*real Balance answers \[\] for an empty list — check the proxy\/WAF/,
    },
  },
  {
    name: 'whitespace-only body with 200 (list)',
    status: 200,
    body: ' \r\n ',
    call: 'items',
    expect: {
      error: BalanceEmptyResponseError,
      retryable: true,
      attempts: 2,
      message: /^Balance GET Items answered HTTP 200 with an empty body/,
    },
  },
  {
    name: 'empty body with 200 (document by uid)',
    status: 200,
    body: '',
    call: 'sale',
    expect: {
      error: BalanceEmptyResponseError,
      retryable: true,
      attempts: 2,
      message: /^Balance GET Sale answered HTTP 200 with an empty body/,
    },
  },
  {
    name: 'empty JSON list with 200 (list)',
    status: 200,
    body: '[]',
    call: 'warehouses',
    expect: { value: [] },
  },
];

describe('Balance response corpus: reads through the client', () => {
  it.each(READS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const client = createBalanceClient({
      connection: { mode: 'onprem', baseUrl: 'http://balance.test', basePath: '/Balance_Exchange' },
      username: 'woo-sync',
      password: PASSWORD,
      exchangeUid: '11111111-2222-4333-8444-555555555555',
      retry: { limit: 1, backoffMs: 1, maxDelayMs: 1 },
      fetch: async () =>
        new Response(c.body, {
          status: c.status,
          headers: { 'content-type': c.contentType ?? 'application/json; charset=utf-8' },
        }),
    });
    const read = async () => {
      if (c.call === 'warehouses') return client.warehouses.list();
      if (c.call === 'sale') return client.sales.get('0e9a3c4d-1b2a-4c3d-8e9f-001122334455');
      const rows = [];
      for await (const row of client.items.list()) rows.push(row);
      return rows;
    };
    const outcome = await read().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ('value' in c.expect) {
      expect(outcome).toEqual({ value: c.expect.value });
      return;
    }
    expect('error' in outcome, JSON.stringify(outcome)).toBe(true);
    const error = (outcome as { error: Error & { retryable?: boolean } }).error;
    expect(isBalanceError(error)).toBe(true);
    expect(error).toBeInstanceOf(c.expect.error);
    expect(error.retryable).toBe(c.expect.retryable);
    if (c.expect.attempts !== undefined) {
      expect((error as Error & { request?: { attempts: number } }).request?.attempts).toBe(
        c.expect.attempts,
      );
    }
    expect(error.message).toMatch(c.expect.message);
    expect(error.message.length).toBeLessThan(800);
    // never the markup, never the password or its Basic form
    expect(error.message).not.toMatch(/<\/?(html|body|form|h1)/i);
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`woo-sync:${PASSWORD}`).toString('base64'));
  });
});

/** How Balance answers the one PUT Sale of an export in a write case. */
type WriteAnswer =
  | { fault: Record<string, unknown> }
  | { respond: { status: number; body: string; contentType?: string } };

interface WriteCase {
  name: string;
  answer: WriteAnswer;
  /** Whether the simulator stored the document before the answer was spoiled. */
  applied: boolean;
}

const WRITES: WriteCase[] = [
  {
    name: 'empty 200 body after the write',
    answer: { fault: { emptyBody: { times: 1, templates: ['Sale'] } } },
    applied: true,
  },
  {
    name: 'truncated JSON after the write',
    answer: { fault: { truncatedJson: { times: 1, templates: ['Sale'] } } },
    applied: true,
  },
  {
    name: 'HTML 200 page after the write',
    answer: {
      fault: { htmlErrorPage: { status: 200, afterWrite: true, times: 1, templates: ['Sale'] } },
    },
    applied: true,
  },
  {
    name: 'HTML 502 page after the write',
    answer: {
      fault: { htmlErrorPage: { status: 502, afterWrite: true, times: 1, templates: ['Sale'] } },
    },
    applied: true,
  },
  {
    name: 'HTML 502 page, not written',
    answer: { fault: { htmlErrorPage: { status: 502, times: 1, templates: ['Sale'] } } },
    applied: false,
  },
  {
    name: 'response dropped after the write',
    answer: { fault: { dropResponseAfterWrite: { times: 1, templates: ['Sale'] } } },
    applied: true,
  },
  {
    name: 'Russian 1C platform exception (500), not written',
    answer: {
      respond: { status: 500, body: RU_PLATFORM_ERROR, contentType: 'text/plain; charset=utf-8' },
    },
    applied: false,
  },
];

describe('Balance response corpus: writes through the export pipeline lose nothing', () => {
  let world: CorpusWorld;
  let respondOnce: WriteCase['answer'] | undefined;

  beforeAll(async () => {
    world = await startCorpusWorld({
      items: 24,
      overrides: {
        balanceFetch: async (input, init) => {
          const method = (
            init?.method ?? (input instanceof Request ? input.method : 'GET')
          ).toUpperCase();
          const url = input instanceof Request ? input.url : String(input);
          if (
            respondOnce &&
            'respond' in respondOnce &&
            method === 'PUT' &&
            /\/Sale(\?|$)/.test(url)
          ) {
            const { status, body, contentType } = respondOnce.respond;
            respondOnce = undefined;
            return new Response(body, {
              status,
              headers: { 'content-type': contentType ?? 'application/json' },
            });
          }
          return fetch(input, init);
        },
      },
    });
    const catalog = world.runtime.engine.catalog;
    await catalog.apply(await catalog.plan({ storeId: world.storeId, scope: 'items' }));
    for (const product of world.env.woo.state.products.values()) {
      if (product.status === 'draft')
        await world.env.woo.admin.editProduct(product.id, { status: 'publish' });
    }
  });
  afterAll(async () => {
    expect(scanForSecrets(world.logs.join(''), 'runtime log', world.secrets)).toEqual([]);
    await world?.close();
  });

  const placePaidOrder = () =>
    world.env.woo.shopper.placeOrder({
      lines: [{ sku: 'CF-001', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });
  const salesOf = (number: string | number) =>
    [...world.env.balance.state.sales.values()].filter(
      (s) => String(s.body.PrimaryDocument) === String(number),
    );
  /** Runs the export the way the queue does: again after a transient failure. */
  const exportUntilSettled = async (orderId: number) => {
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        const result = await world.runtime.engine.orders.exportOrder({
          storeId: world.storeId,
          orderId,
        });
        outcomes.push(result.documents.map((d) => d.action).join(','));
        if (result.documents.every((d) => d.action !== 'failed')) break;
      } catch (error) {
        expect(isBalanceError(error) || error instanceof Error).toBe(true);
        outcomes.push(`retry: ${(error as Error).message.slice(0, 80)}`);
      }
    }
    return outcomes;
  };

  it.each(WRITES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const order = await placePaidOrder();
    if ('fault' in c.answer) world.env.balance.faults.set(c.answer.fault);
    else respondOnce = c.answer;
    const outcomes = await exportUntilSettled(order.id);
    world.env.balance.faults.clear();
    const [row] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(row?.state, outcomes.join(' | ')).toBe('exported');
    const sales = salesOf(order.number);
    expect(sales).toHaveLength(1);
    expect(sales[0]?.totalTetri).toBe(Math.round(Number(order.total) * 100));
    expect(sales[0]?.uid).toBe(row?.uid);
  });

  it("a Russian 1C rejection marks the document failed with Balance's own words and a next step", async () => {
    const order = await placePaidOrder();
    respondOnce = {
      respond: {
        status: 400,
        body: '{"Error":["Не заполнено поле \\"Склад\\"","Документ не проведен"]}',
      },
    };
    const result = await world.runtime.engine.orders.exportOrder({
      storeId: world.storeId,
      orderId: order.id,
    });
    const [doc] = result.documents;
    expect(doc?.action).toBe('failed');
    expect(doc?.error?.messages).toEqual(['Не заполнено поле "Склад"', 'Документ не проведен']);
    const [row] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(row?.state).toBe('failed');
    expect(row?.lastError?.message).toMatch(/Не заполнено поле "Склад"/);
    expect(salesOf(order.number)).toHaveLength(0);
    // fixed in Balance, retried by the operator: the row is reopened and its export queued;
    // the worker's run of that job exports it once
    const retry = await world.runtime.engine.orders.retryDocument({
      storeId: world.storeId,
      key: row?.key as string,
    });
    expect(retry).toMatchObject({ previousState: 'failed', jobId: expect.any(String) });
    await world.runtime.engine.orders.exportOrder({ storeId: world.storeId, orderId: order.id });
    const [after] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(after?.state).toBe('exported');
    expect(salesOf(order.number)).toHaveLength(1);
  });

  // Issue #8 (was a KNOWN BUG): a 2xx answer whose body is not Balance's JSON — an IIS /
  // proxy error page or a login page answering 200 — was taken as a successful PUT, and the
  // Sale was lost until a reconciliation reported it. Such an answer is now an unknown
  // outcome: the client retries the uid-keyed PUT, the pipeline keeps the row `sent`.
  it('an HTML page with 200 that did not write is retried, not taken as success: the Sale ends up in Balance once', async () => {
    const order = await placePaidOrder();
    world.env.balance.clearRequests();
    world.env.balance.faults.set({ htmlErrorPage: { status: 200, times: 1, templates: ['Sale'] } });
    const outcomes = await exportUntilSettled(order.id);
    world.env.balance.faults.clear();
    const [row] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(row?.state, outcomes.join(' | ')).toBe('exported');
    const sales = salesOf(order.number);
    expect(sales).toHaveLength(1);
    expect(sales[0]?.uid).toBe(row?.uid);
    expect(sales[0]?.writes).toBe(1);
    const saleRequests = world.env.balance.requests
      .filter((r) => r.template === 'Sale' && r.method === 'PUT')
      .map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
    expect(saleRequests).toEqual(['PUT 200 htmlErrorPage', 'PUT 200']);
  });

  it('a proxy answering every PUT Sale with an HTML 200 page never marks the Sale exported; it goes dead, then exports once when fixed', async () => {
    const order = await placePaidOrder();
    world.env.balance.faults.set({
      htmlErrorPage: { status: 200, templates: ['Sale'], methods: ['PUT'] },
    });
    const request = { storeId: world.storeId, orderId: order.id };
    for (const finalAttempt of [false, false, true]) {
      const error = await world.runtime.engine.orders.exportOrder(request, { finalAttempt }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        code: 'BALANCE_UNEXPECTED_WRITE_RESPONSE',
        outcome: 'unknown',
        retryable: true,
      });
      const [row] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
      expect(row?.state).toBe(finalAttempt ? 'dead' : 'sent');
      expect(row?.lastError?.code).toBe('balance_outcome_unknown');
      expect(row?.lastError?.message).not.toMatch(/<\/?(html|body|h1)/i);
    }
    expect(salesOf(order.number)).toHaveLength(0);

    world.env.balance.faults.clear();
    const [dead] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    await world.runtime.engine.orders.retryDocument({
      storeId: world.storeId,
      key: dead?.key as string,
    });
    await world.runtime.engine.orders.exportOrder(request);
    const [after] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(after?.state).toBe('exported');
    expect(salesOf(order.number)).toHaveLength(1);
  });

  it('reconciliation reports a Sale the ledger calls exported but Balance does not have', async () => {
    // An HTML 200 page no longer produces this (see above); a Sale removed in Balance by hand
    // after its export does.
    const order = await placePaidOrder();
    await exportUntilSettled(order.id);
    const [exported] = await world.runtime.store.ledger.listByOrder(world.storeId, order.id);
    expect(exported?.state).toBe('exported');
    world.env.balance.state.sales.delete(exported?.uid as string);
    expect(salesOf(order.number)).toHaveLength(0);
    const now = Date.now();
    const report = await world.runtime.engine.orders.reconcile({
      storeId: world.storeId,
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
    });
    const row = report.rows.find((r) => r.key === `sale:${order.id}`);
    expect(row?.status).not.toBe('ok');
    expect(JSON.stringify(row)).toMatch(/resend|retry|push/);
  });
});
