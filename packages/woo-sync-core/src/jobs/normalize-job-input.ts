import type { JobInput, JobName } from '../ports/job-queue.js';
import { JobQueueError } from './job-queue-error.js';

/** A {@link JobInput} checked and filled in, ready for a queue adapter to store. */
export interface NormalizedJobInput {
  name: JobName;
  storeId: string;
  /** The payload as JSON text (what every adapter stores and hands back parsed). */
  payloadJson: string;
  dedupeId: string | null;
  /** Never negative. */
  delayMs: number;
  maxAttempts: number;
}

function invalid(message: string): JobQueueError {
  return new JobQueueError(message, { code: 'invalid_job' });
}

/**
 * Checks a job input the same way in every queue adapter and fills in the queue's default
 * attempts. Throws a {@link JobQueueError} with code `invalid_job` naming the bad field.
 *
 * @example
 * ```ts
 * const job = normalizeJobInput({ name: 'export-order', storeId: 'main', payload: { orderId: 42 } }, 10);
 * job.payloadJson; // '{"orderId":42}'
 * ```
 */
export function normalizeJobInput(input: JobInput, defaultMaxAttempts: number): NormalizedJobInput {
  if (typeof input !== 'object' || input === null) throw invalid('A job input must be an object');
  if (typeof input.name !== 'string' || input.name.length === 0)
    throw invalid('Job field "name" must be a non-empty string');
  if (typeof input.storeId !== 'string' || input.storeId.length === 0)
    throw invalid(`Job "${input.name}": field "storeId" must be a non-empty string`);
  if (typeof input.payload !== 'object' || input.payload === null || Array.isArray(input.payload))
    throw invalid(`Job "${input.name}": field "payload" must be a plain JSON object`);
  let payloadJson: string;
  try {
    payloadJson = JSON.stringify(input.payload);
  } catch (cause) {
    throw new JobQueueError(`Job "${input.name}": field "payload" is not JSON-serializable`, {
      code: 'invalid_job',
      cause,
    });
  }
  const dedupeId = input.dedupeId ?? null;
  if (dedupeId !== null && (typeof dedupeId !== 'string' || dedupeId.length === 0))
    throw invalid(`Job "${input.name}": field "dedupeId" must be a non-empty string when set`);
  const delayMs = input.delayMs ?? 0;
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)
    throw invalid(`Job "${input.name}": field "delayMs" must be a finite number ≥ 0`);
  const maxAttempts = input.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw invalid(`Job "${input.name}": field "maxAttempts" must be an integer ≥ 1`);
  return {
    name: input.name,
    storeId: input.storeId,
    payloadJson,
    dedupeId,
    delayMs: Math.round(delayMs),
    maxAttempts,
  };
}
