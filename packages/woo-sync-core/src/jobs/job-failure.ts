import type { JobError } from '../ports/job-queue.js';
import { PermanentJobError } from './permanent-job-error.js';
import { RetryLaterError } from './retry-later-error.js';

/**
 * What a handler's error means to a queue:
 * - `permanent`: a {@link PermanentJobError}; the job becomes `failed` at once;
 * - `retry-later`: a {@link RetryLaterError}; the next attempt waits `delayMs`;
 * - `retry`: anything else; the next attempt waits for the queue's backoff.
 *
 * @see {@link describeJobFailure}
 */
export type JobFailureKind = 'permanent' | 'retry-later' | 'retry';

/** A handler's error, read the way every queue adapter records it. */
export interface JobFailure {
  kind: JobFailureKind;
  /** The error's message (at most {@link MAX_JOB_ERROR_MESSAGE_LENGTH} characters). */
  message: string;
  /** The error's stable `code`, when it had a string one. */
  code?: string;
  /** For `retry-later`: how long to wait before the next attempt (never negative). */
  delayMs?: number;
}

/** Longest error message a queue stores; longer ones are cut with an ellipsis. */
export const MAX_JOB_ERROR_MESSAGE_LENGTH = 4_000;

function namedError(error: unknown, name: string): error is Record<string, unknown> {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

function messageOf(error: unknown): string {
  let message: string;
  if (error instanceof Error) message = error.message || error.name;
  else if (typeof error === 'object' && error !== null && 'message' in error)
    message = String((error as { message: unknown }).message);
  else message = String(error);
  return message.length > MAX_JOB_ERROR_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_JOB_ERROR_MESSAGE_LENGTH - 1)}…`
    : message;
}

/**
 * Reads a handler's error the same way in every queue adapter. It recognises
 * {@link PermanentJobError} and {@link RetryLaterError} by `name` as well as by class, so an
 * error thrown by a second copy of this package (or rebuilt from a worker thread) still
 * counts.
 *
 * @example
 * ```ts
 * describeJobFailure(new RetryLaterError('Sale not exported yet', { code: 'waiting_for_sale', delayMs: 30_000 }));
 * // { kind: 'retry-later', message: 'Sale not exported yet', code: 'waiting_for_sale', delayMs: 30000 }
 * ```
 */
export function describeJobFailure(error: unknown): JobFailure {
  const message = messageOf(error);
  const rawCode =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const code = typeof rawCode === 'string' && rawCode.length > 0 ? rawCode : undefined;
  const withCode = <T extends JobFailure>(failure: T): T =>
    code === undefined ? failure : { ...failure, code };

  if (error instanceof PermanentJobError || namedError(error, 'PermanentJobError'))
    return withCode({ kind: 'permanent', message });
  if (error instanceof RetryLaterError || namedError(error, 'RetryLaterError')) {
    const raw = Number((error as { delayMs?: unknown }).delayMs);
    const delayMs = Number.isFinite(raw) ? Math.max(0, Math.round(raw)) : 0;
    return withCode({ kind: 'retry-later', message, delayMs });
  }
  return withCode({ kind: 'retry', message });
}

/**
 * The {@link JobError} a queue records for a failure: its message, its code when it had
 * one, and when it happened.
 *
 * @param at - when the attempt failed, in epoch milliseconds
 * @example
 * ```ts
 * jobErrorOf(describeJobFailure(new Error('socket hang up')), Date.parse('2025-03-01T10:00:00Z'));
 * // { message: 'socket hang up', at: '2025-03-01T10:00:00.000Z' }
 * ```
 */
export function jobErrorOf(failure: JobFailure, at: number): JobError {
  return {
    message: failure.message,
    ...(failure.code === undefined ? {} : { code: failure.code }),
    at: new Date(at).toISOString(),
  };
}
