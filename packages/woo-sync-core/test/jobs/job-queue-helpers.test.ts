import {
  consumerConcurrency,
  emptyJobCounts,
  JOB_STATES,
  JobQueueError,
  LEASE_EXPIRED_ERROR_CODE,
  leaseExpiredJobError,
  newestFirst,
  queueMaxAttempts,
  settledWithin,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

describe('JOB_STATES and emptyJobCounts', () => {
  it('lists every state once and counts zero for each', () => {
    expect(new Set(JOB_STATES).size).toBe(6);
    expect(Object.keys(emptyJobCounts()).sort()).toEqual([...JOB_STATES].sort());
    expect(Object.values(emptyJobCounts())).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('gives a fresh object on every call', () => {
    const counts = emptyJobCounts();
    counts.dead += 1;
    expect(emptyJobCounts().dead).toBe(0);
  });
});

describe('leaseExpiredJobError', () => {
  it('records the lease_expired code at the given instant', () => {
    expect(leaseExpiredJobError(Date.parse('2025-03-01T10:00:00Z'))).toEqual({
      message: 'The worker running this job stopped before it finished (lease expired)',
      code: LEASE_EXPIRED_ERROR_CODE,
      at: '2025-03-01T10:00:00.000Z',
    });
    expect(LEASE_EXPIRED_ERROR_CODE).toBe('lease_expired');
  });
});

describe('newestFirst', () => {
  it('orders by creation instant descending, then by the tie-breaker descending', () => {
    const jobs = [
      { id: 'a', createdAt: '2025-03-01T10:00:00.000Z' },
      { id: 'c', createdAt: '2025-03-01T10:00:01.000Z' },
      { id: 'b', createdAt: '2025-03-01T10:00:00.000Z' },
    ];
    jobs.sort(newestFirst((job) => [job.createdAt, job.id]));
    expect(jobs.map((job) => job.id)).toEqual(['c', 'b', 'a']);
  });

  it('compares numbers as numbers (sequence 10 is newer than 9)', () => {
    const rows = [
      { seq: 9, createdAt: 5 },
      { seq: 10, createdAt: 5 },
      { seq: 1, createdAt: 4 },
    ];
    rows.sort(newestFirst((row) => [row.createdAt, row.seq]));
    expect(rows.map((row) => row.seq)).toEqual([10, 9, 1]);
  });
});

describe('queueMaxAttempts and consumerConcurrency', () => {
  it('default to 10 attempts and 4 handlers', () => {
    expect(queueMaxAttempts(undefined)).toBe(10);
    expect(queueMaxAttempts(1)).toBe(1);
    expect(consumerConcurrency({})).toBe(4);
    expect(consumerConcurrency({ concurrency: 16 })).toBe(16);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuse %s with invalid_job', (value) => {
    expect(() => queueMaxAttempts(value)).toThrow(
      expect.objectContaining({
        code: 'invalid_job',
        message: expect.stringContaining('maxAttempts'),
      }),
    );
    expect(() => consumerConcurrency({ concurrency: value })).toThrow(JobQueueError);
  });
});

describe('settledWithin', () => {
  it('is true when the work settles in time, rejected work included', async () => {
    expect(await settledWithin(Promise.resolve('done'), 1_000)).toBe(true);
    expect(await settledWithin(Promise.reject(new Error('x')), 1_000)).toBe(true);
  });

  it('is false when the deadline comes first, and clears its timer either way', async () => {
    const scheduled: Array<() => void> = [];
    const cleared: unknown[] = [];
    const timers = {
      setTimeout: (callback: () => void) => {
        scheduled.push(callback);
        return scheduled.length;
      },
      clearTimeout: (handle: unknown) => {
        cleared.push(handle);
      },
    };
    const pending = settledWithin(new Promise(() => {}), 50, timers);
    scheduled[0]?.();
    expect(await pending).toBe(false);
    expect(cleared).toEqual([1]);
  });
});
