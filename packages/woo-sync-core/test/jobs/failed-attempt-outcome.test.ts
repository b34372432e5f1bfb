import {
  failedAttemptOutcome,
  jobErrorOf,
  PermanentJobError,
  RetryLaterError,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');
const AT = '2025-03-01T10:00:00.000Z';
const half = () => 0.5;

describe('failedAttemptOutcome', () => {
  it('retries an ordinary error after the jittered exponential backoff', () => {
    const outcome = failedAttemptOutcome(new Error('socket hang up'), {
      attempts: 3,
      maxAttempts: 5,
      now: NOW,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      random: half,
    });
    // attempt 3 → cap 1000 * 2^2 = 4000, half of it with random() = 0.5
    expect(outcome).toEqual({
      next: 'retry',
      delayMs: 2_000,
      failure: { kind: 'retry', message: 'socket hang up' },
      lastError: { message: 'socket hang up', at: AT },
    });
  });

  it('retries a RetryLaterError after its own delay, keeping its code', () => {
    const error = new RetryLaterError('Sale not exported yet', {
      code: 'waiting_for_sale',
      delayMs: 30_000,
    });
    const outcome = failedAttemptOutcome(error, {
      attempts: 1,
      maxAttempts: 3,
      now: NOW,
      random: () => 0.99,
    });
    expect(outcome.next).toBe('retry');
    expect(outcome.delayMs).toBe(30_000);
    expect(outcome.lastError).toEqual({
      message: 'Sale not exported yet',
      code: 'waiting_for_sale',
      at: AT,
    });
  });

  it('marks a PermanentJobError failed at once, even with attempts left', () => {
    const outcome = failedAttemptOutcome(
      new PermanentJobError('Line 2 maps to no Balance item', { code: 'unmapped_line' }),
      { attempts: 1, maxAttempts: 10, now: NOW },
    );
    expect(outcome).toMatchObject({
      next: 'failed',
      delayMs: 0,
      lastError: { message: 'Line 2 maps to no Balance item', code: 'unmapped_line', at: AT },
    });
  });

  it('marks the job dead when the failed attempt was its last, RetryLaterError included', () => {
    for (const error of [
      new Error('boom'),
      new RetryLaterError('later', { code: 'rate_limited', delayMs: 5_000 }),
    ]) {
      const outcome = failedAttemptOutcome(error, { attempts: 3, maxAttempts: 3, now: NOW });
      expect(outcome.next).toBe('dead');
      expect(outcome.delayMs).toBe(0);
    }
  });

  it('prefers failed over dead when the last attempt threw a PermanentJobError', () => {
    const outcome = failedAttemptOutcome(new PermanentJobError('rejected', { code: 'rejected' }), {
      attempts: 3,
      maxAttempts: 3,
      now: NOW,
    });
    expect(outcome.next).toBe('failed');
  });

  it('uses the default backoff (5 s base) and Math.random when none is given', () => {
    const outcome = failedAttemptOutcome('plain string', { attempts: 1, maxAttempts: 2, now: NOW });
    expect(outcome.next).toBe('retry');
    expect(outcome.delayMs).toBeGreaterThanOrEqual(0);
    expect(outcome.delayMs).toBeLessThan(5_000);
    expect(outcome.lastError.message).toBe('plain string');
  });
});

describe('jobErrorOf', () => {
  it('omits the code when the failure had none', () => {
    expect(jobErrorOf({ kind: 'retry', message: 'x' }, NOW)).toEqual({ message: 'x', at: AT });
    expect(jobErrorOf({ kind: 'permanent', message: 'y', code: 'c' }, NOW)).toEqual({
      message: 'y',
      code: 'c',
      at: AT,
    });
  });
});
