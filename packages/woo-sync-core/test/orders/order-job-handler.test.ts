import { randomUUID } from 'node:crypto';
import {
  ConfigError,
  createJobHandler,
  isFinalAttempt,
  type Job,
  type JobName,
  type JobPayloads,
  OrderExportError,
  type OrderExportService,
  PermanentJobError,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

function job<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  attempts = 1,
  maxAttempts = 3,
): Job {
  return {
    id: randomUUID(),
    name,
    storeId: 'main',
    payload,
    dedupeId: null,
    state: 'active',
    attempts,
    maxAttempts,
    runAt: '2026-03-02T08:00:00Z',
    createdAt: '2026-03-02T08:00:00Z',
    updatedAt: '2026-03-02T08:00:00Z',
    lastError: null,
  } as Job;
}

const signal = new AbortController().signal;
const done = (orderId: number) => ({
  storeId: 'main',
  orderId,
  status: 'done' as const,
  documents: [],
});

/** An OrderExportService that records its calls. */
function recordingOrders(overrides: Partial<OrderExportService> = {}) {
  const calls: [string, unknown, unknown?][] = [];
  const record = (name: string, request: unknown, options?: unknown) => {
    calls.push(options === undefined ? [name, request] : [name, request, options]);
  };
  const orders = {
    events: undefined as never,
    exportOrder: async (request, options) => {
      record('exportOrder', request, options);
      return done(request.orderId);
    },
    exportRefund: async (request, options) => {
      record('exportRefund', request, options);
      return done(request.orderId);
    },
    pushReturnRequest: async (request, options) => {
      record('pushReturnRequest', request, options);
      return done(request.orderId);
    },
    sweepOrders: async (request) => {
      record('sweepOrders', request);
      return undefined as never;
    },
    reconcile: async (request) => {
      record('reconcile', request);
      return undefined as never;
    },
    dryRun: async () => undefined as never,
    retryDocument: async () => undefined as never,
    ...overrides,
  } satisfies OrderExportService;
  return { orders, calls };
}

describe('createJobHandler', () => {
  it('maps every order job to the service, with the final-attempt flag', async () => {
    const { orders, calls } = recordingOrders();
    const handler = createJobHandler({ orders });
    await handler(job('export-order', { orderId: 7 }), { attempt: 1, signal });
    await handler(job('export-refund', { orderId: 7, refundId: 9 }, 3, 3), { attempt: 3, signal });
    await handler(
      job('push-return-request', {
        orderId: 7,
        requestId: 'r1',
        lines: [{ sku: 'A', quantity: 1 }],
      }),
      { attempt: 2, signal },
    );
    await handler(job('sweep-orders', {}), { attempt: 1, signal });
    await handler(job('reconcile', { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }), {
      attempt: 1,
      signal,
    });
    expect(calls).toEqual([
      ['exportOrder', { storeId: 'main', orderId: 7 }, { finalAttempt: false }],
      ['exportRefund', { storeId: 'main', orderId: 7, refundId: 9 }, { finalAttempt: true }],
      [
        'pushReturnRequest',
        { storeId: 'main', orderId: 7, requestId: 'r1', lines: [{ sku: 'A', quantity: 1 }] },
        { finalAttempt: false },
      ],
      ['sweepOrders', { storeId: 'main' }],
      ['reconcile', { storeId: 'main', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }],
    ]);
  });

  it('turns a refused document into a PermanentJobError naming the documents', async () => {
    const error = { code: 'balance_rejected', message: 'Client not found', messages: [], at: '' };
    const { orders } = recordingOrders({
      exportOrder: async () => ({
        storeId: 'main',
        orderId: 7,
        status: 'done',
        documents: [
          {
            key: 'sale:7',
            uid: 'u',
            kind: 'sale',
            orderId: 7,
            refundId: null,
            action: 'failed',
            state: 'failed',
            error,
          },
        ],
      }),
    });
    const attempt = createJobHandler({ orders })(job('export-order', { orderId: 7 }), {
      attempt: 1,
      signal,
    });
    await expect(attempt).rejects.toBeInstanceOf(PermanentJobError);
    await expect(attempt).rejects.toMatchObject({ code: 'balance_rejected' });
    await expect(attempt).rejects.toThrow('sale:7: Client not found');
  });

  it('makes configuration problems permanent and lets transient errors through', async () => {
    const transient = new Error('socket hang up');
    const failing = (error: Error) =>
      createJobHandler({
        orders: recordingOrders({ exportOrder: async () => Promise.reject(error) }).orders,
      });
    await expect(
      failing(new OrderExportError('orders_not_configured', 'no orders'))(
        job('export-order', { orderId: 1 }),
        {
          attempt: 1,
          signal,
        },
      ),
    ).rejects.toMatchObject({ name: 'PermanentJobError', code: 'orders_not_configured' });
    await expect(
      failing(new ConfigError([{ path: 'stores', message: 'no store' }]))(
        job('export-order', { orderId: 1 }),
        {
          attempt: 1,
          signal,
        },
      ),
    ).rejects.toMatchObject({ name: 'PermanentJobError', code: 'config_invalid' });
    await expect(
      failing(transient)(job('export-order', { orderId: 1 }), { attempt: 1, signal }),
    ).rejects.toBe(transient);
  });

  it('runs catalog imports on the catalog service, and refuses them without one', async () => {
    const { orders } = recordingOrders();
    const steps: string[] = [];
    const catalog = {
      plan: async (request: { storeId: string; scope?: string }) => {
        steps.push(`plan ${request.storeId} ${request.scope}`);
        return 'the plan' as never;
      },
      apply: async (plan: unknown) => {
        steps.push(`apply ${String(plan)}`);
        return undefined as never;
      },
    };
    await createJobHandler({ orders, catalog })(job('catalog-import', { scope: 'stocks' }), {
      attempt: 1,
      signal,
    });
    expect(steps).toEqual(['plan main stocks', 'apply the plan']);
    await expect(
      createJobHandler({ orders })(job('catalog-import', { scope: 'items' }), {
        attempt: 1,
        signal,
      }),
    ).rejects.toMatchObject({ code: 'job_not_supported' });
  });

  it('knows the final attempt from the attempt number and maxAttempts', () => {
    expect(isFinalAttempt({ maxAttempts: 10 }, { attempt: 9 })).toBe(false);
    expect(isFinalAttempt({ maxAttempts: 10 }, { attempt: 10 })).toBe(true);
  });
});
