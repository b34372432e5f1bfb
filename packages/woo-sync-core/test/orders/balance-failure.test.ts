import {
  BalanceAuthError,
  BalanceEmptyResponseError,
  BalanceHttpError,
  BalanceInvalidInputError,
  BalanceNetworkError,
  BalanceSchemaError,
  BalanceTimeoutError,
  BalanceTruncatedResponseError,
  BalanceUnexpectedWriteResponseError,
} from '@balance-sync/balance-client';
import {
  classifyBalanceFailure,
  readBackMatches,
  renderReconciliationText,
  summarizeReadBack,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

const request = {
  method: 'PUT',
  template: 'Sale',
  url: 'http://b/Sale',
  requestId: 'r',
  attempts: 1,
};
const http = (
  status: number,
  retryable: boolean,
  extra: { retryAfterMs?: number; messages?: string[] } = {},
) =>
  new BalanceHttpError(`HTTP ${status}`, {
    status,
    statusText: '',
    messages: extra.messages ?? [],
    bodyExcerpt: '',
    request,
    retryable,
    retryAfterMs: extra.retryAfterMs,
  });

describe('classifyBalanceFailure', () => {
  it('treats 4xx business errors as rejections with their messages', () => {
    expect(
      classifyBalanceFailure(http(400, false, { messages: ['Client: not found'] })),
    ).toMatchObject({
      kind: 'rejected',
      code: 'balance_rejected',
      status: 400,
      messages: ['Client: not found'],
    });
  });

  it('treats 5xx, 429, network errors and timeouts as transient, keeping Retry-After', () => {
    expect(classifyBalanceFailure(http(503, true))).toMatchObject({
      kind: 'transient',
      code: 'balance_unavailable',
    });
    expect(classifyBalanceFailure(http(429, true, { retryAfterMs: 2000 }))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 2000,
    });
    const network = new BalanceNetworkError('down', {
      request,
      systemCode: 'ECONNRESET',
      hint: '',
      retryable: true,
      cause: undefined,
    });
    expect(classifyBalanceFailure(network).kind).toBe('transient');
    expect(
      classifyBalanceFailure(new BalanceTimeoutError('slow', { request, timeoutMs: 10 })).kind,
    ).toBe('transient');
  });

  it('treats auth and invalid-input errors as rejections with their own codes', () => {
    const auth = new BalanceAuthError('401', {
      status: 401,
      statusText: 'Unauthorized',
      messages: [],
      bodyExcerpt: '',
      request,
    });
    expect(classifyBalanceFailure(auth)).toMatchObject({ kind: 'rejected', code: 'balance_auth' });
    const invalid = new BalanceInvalidInputError('Sale.Items: required', {
      template: 'Sale',
      issues: [],
    });
    expect(classifyBalanceFailure(invalid)).toMatchObject({
      kind: 'rejected',
      code: 'balance_invalid_input',
    });
  });

  it('treats a PUT answered 2xx without Balance JSON as transient with an unknown outcome', () => {
    for (const reason of ['not-json', 'empty', 'truncated'] as const) {
      const error = new BalanceUnexpectedWriteResponseError('PUT Sale answered 200 with HTML', {
        request,
        status: 200,
        reason,
        sample: '',
        retryable: true,
      });
      expect(classifyBalanceFailure(error)).toMatchObject({
        kind: 'transient',
        code: 'balance_outcome_unknown',
        status: 200,
        messages: [],
      });
    }
    // even when the client would not repeat it (no uid): nothing refused the document
    const noUid = new BalanceUnexpectedWriteResponseError('PUT Clients answered 200 with HTML', {
      request,
      status: 200,
      reason: 'not-json',
      sample: '',
      retryable: false,
    });
    expect(classifyBalanceFailure(noUid).kind).toBe('transient');
  });

  it('treats an empty or cut-off 2xx read as transient, a login page on a read as a rejection', () => {
    const get = { ...request, method: 'GET' };
    expect(
      classifyBalanceFailure(new BalanceEmptyResponseError('empty', { request: get, status: 200 })),
    ).toMatchObject({ kind: 'transient', code: 'balance_unexpected_response', status: 200 });
    expect(
      classifyBalanceFailure(
        new BalanceTruncatedResponseError('cut', {
          request: get,
          status: 200,
          receivedChars: 10,
          sample: '[{"uid":"a',
        }),
      ),
    ).toMatchObject({ kind: 'transient', code: 'balance_unexpected_response', status: 200 });
    expect(
      classifyBalanceFailure(
        new BalanceSchemaError('not JSON', { request: get, issues: [], sample: '' }),
      ),
    ).toMatchObject({ kind: 'rejected', code: 'balance_unexpected_response' });
  });

  it('treats anything else as transient (the outcome of a write is unknown)', () => {
    expect(classifyBalanceFailure(new TypeError('boom'))).toMatchObject({
      kind: 'transient',
      code: 'unexpected_error',
      message: 'boom',
    });
  });
});

describe('summarizeReadBack', () => {
  it('sums line amounts exactly and reads the deletion mark', () => {
    expect(summarizeReadBack({ Items: [{ Amount: '30.00' }, { Amount: 5.5 }] }, 2)).toEqual({
      totalMinor: 3550,
      lineCount: 2,
      deleted: false,
    });
    expect(summarizeReadBack({ Items: [{ Amount: 'x' }], DeletionMark: 'true' }, 2)).toEqual({
      totalMinor: undefined,
      lineCount: 1,
      deleted: true,
    });
  });
});

describe('renderReconciliationText', () => {
  it('says so when there is nothing to reconcile', () => {
    const summary = {
      ok: 0,
      'missing-in-ledger': 0,
      'missing-in-balance': 0,
      different: 0,
      drift: 0,
      failed: 0,
      dead: 0,
      'in-progress': 0,
    };
    expect(
      renderReconciliationText({
        storeId: 'main',
        from: 'A',
        to: 'B',
        generatedAt: 'C',
        orders: 0,
        refunds: 0,
        summary,
        rows: [],
        runReportId: 'r',
      }),
    ).toBe(
      'Reconciliation of store "main", A – B\n0 paid orders, 0 refunds: nothing to reconcile\n',
    );
  });
});

describe('readBackMatches', () => {
  const payload = {
    Client: 'AA-1',
    Date: '2026-03-02T12:00:00',
    Items: [{ Item: 'ITEM-1', Quantity: '3', Price: '18.90', Amount: '56.70' }],
  };

  it('matches what Balance returns for the same document, whatever the number formatting', () => {
    expect(
      readBackMatches(
        {
          Client: 'aa-1',
          Date: '2026-03-02T12:00:00',
          Number: '000000001',
          Items: [{ Item: 'item-1', Quantity: 3, Amount: '56.7', uid: 'x' }],
        },
        payload,
      ),
    ).toBe(true);
  });

  it('does not match a deleted copy, another line, or another client', () => {
    const same = { ...payload, Items: [...payload.Items] };
    expect(readBackMatches({ ...same, DeletionMark: true }, payload)).toBe(false);
    expect(
      readBackMatches({ ...same, Items: [{ ...payload.Items[0], Amount: '56.71' }] }, payload),
    ).toBe(false);
    expect(readBackMatches({ ...same, Client: 'BB-2' }, payload)).toBe(false);
    expect(readBackMatches({ ...same, Items: [] }, payload)).toBe(false);
  });
});
