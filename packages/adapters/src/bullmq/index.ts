/**
 * The job queue on BullMQ 6 and Redis, for many worker processes on many machines. BullMQ is
 * an optional peer dependency: only this entry loads it.
 *
 * @packageDocumentation
 */

export { type BullMqQueueOptions, createBullMqQueue } from './bullmq-job-queue.js';
export type { BullMqConnection, BullMqRedisOptions } from './redis-socket-client.js';
