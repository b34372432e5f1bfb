/**
 * The job queue on BullMQ 6 and Redis (through ioredis), for many worker processes on many
 * machines. BullMQ and ioredis are optional peer dependencies: only this entry loads them.
 *
 * @packageDocumentation
 */

export { type BullMqQueueOptions, createBullMqQueue } from './bullmq-job-queue.js';
export type { BullMqConnection, BullMqRedisOptions } from './redis-connection-options.js';
