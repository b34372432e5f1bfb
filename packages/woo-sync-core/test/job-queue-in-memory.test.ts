import {
  backoffDelay,
  describeJobFailure,
  JobQueueError,
  normalizeJobInput,
  PermanentJobError,
  RetryLaterError,
} from '@balance-sync/woo-sync-core';
import {
  describeJobQueueConformance,
  InMemoryJobQueue,
  type JobQueueTimers,
  ManualClock,
} from '@balance-sync/woo-sync-core/testing';
import { afterEach, describe, expect, it } from 'vitest';

describeJobQueueConformance('in-memory', () => {
  let first: InMemoryJobQueue | undefined;
  return {
    open: async (options) => {
      if (first) return first.share(options);
      first = new InMemoryJobQueue(options);
      return first;
    },
  };
});

/** Timers driven by a ManualClock: `advance()` fires what falls due, in order. */
class ManualTimers implements JobQueueTimers {
  readonly #clock: ManualClock;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();
  #nextId = 0;

  constructor(clock: ManualClock) {
    this.#clock = clock;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.#nextId += 1;
    this.#pending.set(this.#nextId, { at: this.#clock.now().getTime() + ms, callback });
    return this.#nextId;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** Moves the clock forward by `ms`, firing due timers and letting handlers settle. */
  async advance(ms: number): Promise<void> {
    const target = this.#clock.now().getTime() + ms;
    await settle();
    for (;;) {
      const due = [...this.#pending.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.#pending.delete(due[0]);
      this.#clock.set(Math.max(due[1].at, this.#clock.now().getTime()));
      due[1].callback();
      await settle();
    }
    this.#clock.set(target);
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('InMemoryJobQueue with a manual clock', () => {
  const queues: InMemoryJobQueue[] = [];
  const make = (options: ConstructorParameters<typeof InMemoryJobQueue>[0] = {}) => {
    const clock = new ManualClock('2026-11-27T08:00:00Z');
    const timers = new ManualTimers(clock);
    const queue = new InMemoryJobQueue({ clock, timers, ...options });
    queues.push(queue);
    return { clock, timers, queue };
  };

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.close({ timeoutMs: 0 });
  });

  it('runs the default backoff (seconds to minutes) without waiting, then marks the job dead', async () => {
    const { clock, timers, queue } = make({ random: () => 0.5 });
    const startedAt: number[] = [];
    await queue.start(async () => {
      startedAt.push(clock.now().getTime());
      throw new Error('Balance is down');
    });
    const { id } = await queue.enqueue({
      name: 'export-order',
      storeId: 'main',
      payload: { orderId: 1 },
    });
    await timers.advance(0);
    for (let attempt = 1; attempt < 10; attempt += 1) {
      const job = await queue.get(id);
      expect(job).toMatchObject({ state: 'delayed', attempts: attempt });
      const expected = backoffDelay(attempt, {}, () => 0.5);
      expect(Date.parse(job!.runAt) - clock.now().getTime()).toBe(expected);
      await timers.advance(expected);
    }
    expect(await queue.get(id)).toMatchObject({ state: 'dead', attempts: 10 });
    expect(startedAt).toHaveLength(10);
    // 2.5 s, 5 s, 10 s … capped at 15 min: the gaps double until the cap.
    const gaps = startedAt.slice(1).map((at, i) => at - startedAt[i]!);
    expect(gaps.slice(0, 3)).toEqual([2_500, 5_000, 10_000]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(450_000);
  });

  it('waits exactly the RetryLaterError delay', async () => {
    const { clock, timers, queue } = make();
    await queue.start(async (_job, context) => {
      if (context.attempt === 1)
        throw new RetryLaterError('wait', { code: 'waiting_for_sale', delayMs: 30_000 });
    });
    const { id } = await queue.enqueue({
      name: 'export-refund',
      storeId: 'main',
      payload: { orderId: 1, refundId: 2 },
    });
    await timers.advance(0);
    const failedAt = clock.now().getTime();
    await timers.advance(29_999);
    expect((await queue.get(id))?.state).toBe('delayed');
    await timers.advance(1);
    expect(await queue.get(id)).toMatchObject({ state: 'completed', attempts: 2 });
    expect(clock.now().getTime() - failedAt).toBe(30_000);
  });

  it('lets another consumer take an abandoned job only once the lease has run out', async () => {
    const { timers, queue } = make({ leaseMs: 60_000 });
    await queue.start(() => new Promise<void>(() => {}));
    const { id } = await queue.enqueue({ name: 'sweep-orders', storeId: 'main', payload: {} });
    await timers.advance(0);
    const closing = queue.close({ timeoutMs: 1_000 });
    await timers.advance(1_000);
    await closing;

    const survivor = queue.share(); // same options: same manual clock and timers
    queues.push(survivor);
    await survivor.start(async () => {});
    await timers.advance(59_999);
    expect((await survivor.get(id))?.state).toBe('active');
    await timers.advance(1);
    expect(await survivor.get(id)).toMatchObject({
      state: 'completed',
      attempts: 2,
      lastError: { code: 'lease_expired' },
    });
  });

  it('marks an abandoned job dead when it had no attempts left', async () => {
    const { timers, queue } = make({ leaseMs: 1_000, maxAttempts: 1 });
    await queue.start(() => new Promise<void>(() => {}));
    const { id } = await queue.enqueue({ name: 'sweep-orders', storeId: 'main', payload: {} });
    await timers.advance(0);
    const closing = queue.close({ timeoutMs: 10 });
    await timers.advance(10);
    await closing;
    const survivor = queue.share();
    queues.push(survivor);
    await survivor.start(async () => {});
    await timers.advance(1_000);
    expect(await survivor.get(id)).toMatchObject({ state: 'dead', attempts: 1 });
  });
});

describe('job input and failure helpers', () => {
  it('rejects invalid input with code invalid_job', async () => {
    const queue = new InMemoryJobQueue();
    const bad = [
      { name: 'export-order', storeId: '', payload: { orderId: 1 } },
      { name: 'export-order', storeId: 'main', payload: null },
      { name: 'export-order', storeId: 'main', payload: { orderId: 1 }, delayMs: -1 },
      { name: 'export-order', storeId: 'main', payload: { orderId: 1 }, maxAttempts: 0 },
      { name: 'export-order', storeId: 'main', payload: { orderId: 1 }, dedupeId: '' },
    ];
    for (const input of bad) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid input
      await expect(queue.enqueue(input as any)).rejects.toMatchObject({ code: 'invalid_job' });
    }
    const cyclic: Record<string, unknown> = { orderId: 1 };
    cyclic.self = cyclic;
    expect(() =>
      // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid input
      normalizeJobInput({ name: 'export-order', storeId: 'main', payload: cyclic as any }, 3),
    ).toThrow(JobQueueError);
    await queue.close();
  });

  it('reads handler errors by class and by name', () => {
    expect(describeJobFailure(new PermanentJobError('no', { code: 'unmapped_line' }))).toEqual({
      kind: 'permanent',
      message: 'no',
      code: 'unmapped_line',
    });
    const foreign = Object.assign(new Error('later'), {
      name: 'RetryLaterError',
      code: 'rate_limited',
      delayMs: 1_500.4,
    });
    expect(describeJobFailure(foreign)).toEqual({
      kind: 'retry-later',
      message: 'later',
      code: 'rate_limited',
      delayMs: 1_500,
    });
    expect(describeJobFailure('plain string')).toEqual({ kind: 'retry', message: 'plain string' });
    expect(describeJobFailure(new Error('x'.repeat(5_000))).message).toHaveLength(4_000);
  });
});
