import type { SqliteMigration } from './sqlite-migrations.js';

/** The `schema_migrations` namespace of the SQLite job queue's tables. */
export const SQLITE_JOB_QUEUE_MIGRATION_NAMESPACE = 'job-queue';

/**
 * The SQLite job queue's tables, all prefixed `job_queue_` so they can share a file with the
 * sync store. Times are epoch milliseconds; `state` `queued` is reported as `waiting` or
 * `delayed` depending on `run_at`.
 */
export const SQLITE_JOB_QUEUE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'create-job-queue-jobs',
    sql: `
      CREATE TABLE job_queue_jobs (
        seq          INTEGER PRIMARY KEY,
        id           TEXT    NOT NULL UNIQUE,
        name         TEXT    NOT NULL,
        store_id     TEXT    NOT NULL,
        payload      TEXT    NOT NULL,
        dedupe_id    TEXT,
        state        TEXT    NOT NULL
                     CHECK (state IN ('queued', 'active', 'completed', 'failed', 'dead')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        run_at       INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        claim        TEXT,
        lease_until  INTEGER,
        last_error   TEXT
      ) STRICT;
      CREATE INDEX job_queue_jobs_due ON job_queue_jobs (state, run_at, seq);
      CREATE INDEX job_queue_jobs_dedupe ON job_queue_jobs (dedupe_id)
        WHERE dedupe_id IS NOT NULL AND state = 'queued';
      CREATE INDEX job_queue_jobs_lease ON job_queue_jobs (lease_until) WHERE state = 'active';
      CREATE INDEX job_queue_jobs_store ON job_queue_jobs (store_id, created_at);
      CREATE INDEX job_queue_jobs_created ON job_queue_jobs (created_at);
    `,
  },
];
