import {
  type Job,
  type JobError,
  type JobName,
  type JobState,
  LEASE_EXPIRED_ERROR_CODE,
} from '@balance-sync/woo-sync-core';

/** What the adapter stores as a pg-boss job's `data`. */
export interface PgBossJobData {
  jobName: JobName;
  storeId: string;
  payload: Job['payload'];
  dedupeId: string | null;
}

/**
 * What the adapter stores as a pg-boss job's `output`. pg-boss writes its own output when its
 * supervisor fails a job (`{ value: { message } }`); both shapes are read.
 */
export interface PgBossJobOutput {
  lastError?: JobError;
  /** Set on pg-boss `failed` jobs: `failed` (a `PermanentJobError`) or `dead`. */
  outcome?: 'failed' | 'dead';
  /** ISO instant of the adapter's last change. */
  updatedAt?: string;
  value?: { message?: unknown };
}

/** A pg-boss job row, as the adapter's queries select it. */
export interface PgBossJobRow {
  id: string;
  data: PgBossJobData;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retry_count: number;
  retry_limit: number;
  start_after: Date;
  started_on: Date | null;
  created_on: Date;
  completed_on: Date | null;
  output: PgBossJobOutput | null;
  /** `start_after > now()` on the database clock. */
  deferred: boolean;
}

/** The columns {@link PgBossJobRow} needs, for `SELECT … FROM schema.job`. */
export const JOB_ROW_COLUMNS = `id::text AS id, data, state::text AS state, retry_count, retry_limit,
  start_after, started_on, created_on, completed_on, output, start_after > now() AS deferred`;

/** SQL condition (on the job table) for one port state. */
export function stateCondition(state: JobState): string {
  switch (state) {
    case 'waiting':
      return "(state IN ('created', 'retry') AND start_after <= now())";
    case 'delayed':
      return "(state IN ('created', 'retry') AND start_after > now())";
    case 'active':
      return "state = 'active'";
    case 'completed':
      return "state = 'completed'";
    case 'failed':
      return "((state = 'failed' AND output->>'outcome' = 'failed') OR state = 'cancelled')";
    case 'dead':
      return "(state = 'failed' AND COALESCE(output->>'outcome', '') <> 'failed')";
  }
}

/** SQL expression naming a row's port state. */
export const PORT_STATE_SQL = `CASE
  WHEN state IN ('created', 'retry') THEN CASE WHEN start_after > now() THEN 'delayed' ELSE 'waiting' END
  WHEN state = 'cancelled' THEN 'failed'
  WHEN state = 'failed' THEN CASE WHEN output->>'outcome' = 'failed' THEN 'failed' ELSE 'dead' END
  ELSE state::text END`;

/** An ISO 8601 UTC instant of the database clock, as SQL. */
export const NOW_ISO_SQL = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PG_BOSS_ERROR_CODES: Record<string, string> = {
  'job heartbeat timeout': LEASE_EXPIRED_ERROR_CODE,
  'job timed out': 'job_timed_out',
};

function portStateOf(row: PgBossJobRow): JobState {
  switch (row.state) {
    case 'created':
    case 'retry':
      return row.deferred ? 'delayed' : 'waiting';
    case 'cancelled':
      return 'failed';
    case 'failed':
      return row.output?.outcome === 'failed' ? 'failed' : 'dead';
    default:
      return row.state;
  }
}

function lastErrorOf(row: PgBossJobRow): JobError | null {
  const output = row.output;
  if (output?.lastError) return output.lastError;
  const message = output?.value?.message;
  if (typeof message !== 'string') return null;
  const code = PG_BOSS_ERROR_CODES[message];
  return {
    message,
    ...(code === undefined ? {} : { code }),
    at: (row.completed_on ?? row.start_after).toISOString(),
  };
}

/** A pg-boss row as a port {@link Job}. */
export function toJob(row: PgBossJobRow): Job {
  const updated = [row.created_on, row.started_on, row.completed_on]
    .filter((date): date is Date => date !== null)
    .map((date) => date.getTime());
  if (row.output?.updatedAt) updated.push(Date.parse(row.output.updatedAt));
  return {
    id: row.id,
    name: row.data.jobName,
    storeId: row.data.storeId,
    payload: row.data.payload,
    dedupeId: row.data.dedupeId,
    state: portStateOf(row),
    attempts: row.started_on === null ? 0 : row.retry_count + 1,
    maxAttempts: row.retry_limit + 1,
    runAt: row.start_after.toISOString(),
    createdAt: row.created_on.toISOString(),
    updatedAt: new Date(Math.max(...updated)).toISOString(),
    lastError: lastErrorOf(row),
  };
}
