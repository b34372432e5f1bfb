/**
 * The job queue on pg-boss 12 and PostgreSQL, for many worker processes on many machines
 * without Redis. pg-boss is an optional peer dependency: only this entry loads it.
 *
 * @packageDocumentation
 */

export { createPgBossQueue, type PgBossQueueOptions } from './pg-boss-job-queue.js';
