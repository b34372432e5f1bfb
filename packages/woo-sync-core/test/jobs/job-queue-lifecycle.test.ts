import { JobQueueLifecycle } from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

describe('JobQueueLifecycle', () => {
  it('starts consuming once, with the default or given concurrency', () => {
    const lifecycle = new JobQueueLifecycle();
    expect(lifecycle.startConsuming({ concurrency: 3 })).toBe(3);
    expect(() => lifecycle.startConsuming({})).toThrow(
      expect.objectContaining({ code: 'queue_already_started' }),
    );
    expect(new JobQueueLifecycle().startConsuming({})).toBe(4);
  });

  it('refuses a bad concurrency without marking the queue consuming', () => {
    const lifecycle = new JobQueueLifecycle();
    expect(() => lifecycle.startConsuming({ concurrency: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_job' }),
    );
    expect(lifecycle.startConsuming({ concurrency: 2 })).toBe(2);
  });

  it('runs the shutdown once, after aborting the signal, with the caller’s timeout', async () => {
    const lifecycle = new JobQueueLifecycle();
    const calls: Array<{ timeoutMs: number; aborted: boolean; closing: boolean }> = [];
    const shutDown = async (timeoutMs: number) => {
      calls.push({ timeoutMs, aborted: lifecycle.signal.aborted, closing: lifecycle.closing });
    };
    expect(lifecycle.closing).toBe(false);
    const first = lifecycle.close({ timeoutMs: 1_234 }, shutDown);
    const second = lifecycle.close({}, shutDown);
    expect(second).toBe(first);
    await first;
    expect(calls).toEqual([{ timeoutMs: 1_234, aborted: true, closing: true }]);
  });

  it('defaults the close timeout to 30 s', async () => {
    const lifecycle = new JobQueueLifecycle();
    let seen = 0;
    await lifecycle.close({}, async (timeoutMs) => {
      seen = timeoutMs;
    });
    expect(seen).toBe(30_000);
  });

  it('refuses work and a start once closing has begun', async () => {
    const lifecycle = new JobQueueLifecycle();
    expect(() => lifecycle.assertOpen()).not.toThrow();
    const closed = lifecycle.close({}, () => new Promise<void>(() => {}));
    void closed;
    expect(() => lifecycle.assertOpen()).toThrow(expect.objectContaining({ code: 'queue_closed' }));
    expect(() => lifecycle.startConsuming({})).toThrow(
      expect.objectContaining({ code: 'queue_closed' }),
    );
  });
});
