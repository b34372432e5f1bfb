import { createHash } from 'node:crypto';
import type {
  ApplyJournalEntry,
  CategoryMapping,
  Clock,
  LedgerEntry,
  LedgerPage,
  LedgerQuery,
  LedgerState,
  Logger,
  NewLedgerEntry,
  ProductMapping,
  RunReport,
  RunReportQuery,
  SyncStore,
} from '@balance-sync/woo-sync-core';
import { emptyLedgerCounts, encodeLedgerCursor, systemClock } from '@balance-sync/woo-sync-core';
import type pg from 'pg';
import { jsonText } from '../store-kit/json-text.js';
import { PostgresAdapterError } from './postgres-adapter-error.js';
import {
  describeConnection,
  type PostgresConnectionOptions,
  quoteSchema,
  resolvePool,
  warnOnIdleClientErrors,
} from './postgres-connection.js';
import { runPostgresMigrations } from './postgres-migrations.js';
import { decodeLedgerCursor, instantMs, lastById, pageLimit } from './postgres-store-values.js';

/**
 * Options of {@link createPostgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString, migrate: false, logger: pino() };
 * ```
 */
export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /**
   * Where the store reads time for its own bookkeeping (when a cursor or setting was last
   * written). The records' own timestamps always come from the caller.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * Apply pending migrations on start. With `false` the store only checks that the schema is
   * current and fails with `postgres_schema_outdated` otherwise; run
   * {@link migratePostgresStore} ahead of the deploy instead.
   * @default true
   */
  migrate?: boolean;
  /**
   * Receives a warning when the pool drops a broken idle connection.
   * @default warnings printed with console.warn
   */
  logger?: Logger;
}

/**
 * The PostgreSQL {@link SyncStore}.
 *
 * @example
 * ```ts
 * const store: PostgresSyncStore = await createPostgresStore({ connectionString });
 * console.log(`ledger in schema ${store.schema}`);
 * ```
 */
export interface PostgresSyncStore extends SyncStore {
  /** The schema holding the store's tables. */
  readonly schema: string;
}

type Row = Record<string, unknown>;

const DEFAULT_LEDGER_LIMIT = 100;
const DEFAULT_RUN_LIMIT = 50;

const num = (value: unknown): number => Number(value);
const nullableNum = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function productFromRow(row: Row): ProductMapping {
  return {
    balanceUid: row.balance_uid as string,
    wooId: num(row.woo_id),
    wooParentId: num(row.woo_parent_id),
    sku: row.sku as string,
    lastPushed: row.last_pushed as ProductMapping['lastPushed'],
    updatedAt: row.updated_at as string,
  };
}

function categoryFromRow(row: Row): CategoryMapping {
  return {
    groupUid: row.group_uid as string,
    wooCategoryId: num(row.woo_category_id),
    origin: row.origin as CategoryMapping['origin'],
    updatedAt: row.updated_at as string,
  };
}

function journalFromRow(row: Row): ApplyJournalEntry {
  const entry: ApplyJournalEntry = {
    entryId: row.entry_id as string,
    state: row.state as ApplyJournalEntry['state'],
    updatedAt: row.updated_at as string,
  };
  if (row.woo_id !== null) entry.wooId = num(row.woo_id);
  if (row.error !== null) entry.error = row.error as string;
  return entry;
}

function runFromRow(row: Row): RunReport {
  const report: RunReport = {
    id: row.id as string,
    storeId: row.store_id as string,
    kind: row.kind as RunReport['kind'],
    status: row.status as RunReport['status'],
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
    summary: row.summary as RunReport['summary'],
  };
  // SQL NULL means "no details"; JSON null comes back as null too, hence the flag.
  if (row.has_details) report.details = row.details;
  if (row.error !== null) report.error = row.error as string;
  return report;
}

function ledgerFromRow(row: Row): LedgerEntry {
  return {
    storeId: row.store_id as string,
    key: row.key as string,
    uid: row.uid as string,
    kind: row.kind as LedgerEntry['kind'],
    orderId: num(row.order_id),
    refundId: nullableNum(row.refund_id),
    template: row.template as string,
    payloadHash: row.payload_hash as string,
    payload: row.payload,
    totalMinor: num(row.total_minor),
    currency: row.currency as string,
    state: row.state as LedgerState,
    attempts: num(row.attempts),
    lastError: (row.last_error as LedgerEntry['lastError']) ?? null,
    drift: (row.drift as LedgerEntry['drift']) ?? null,
    version: num(row.version),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    exportedAt: (row.exported_at as string | null) ?? null,
  };
}

const RUN_COLUMNS = `store_id, id, kind, status, started_at, finished_at, summary, details,
  details IS NOT NULL AS has_details, error`;

const LEDGER_COLUMNS = `store_id, key, uid, kind, order_id, refund_id, template, payload_hash,
  payload, total_minor, currency, state, attempts, last_error, drift, version, created_at,
  updated_at, updated_ms, exported_at`;

/**
 * Every statement of the store for one schema. Static text with explicit columns, so `pg`
 * prepares each once per connection and a later migration cannot change a prepared result.
 */
function statementsFor(s: string) {
  return {
    listProducts: `SELECT balance_uid, woo_id, woo_parent_id, sku, last_pushed, updated_at
      FROM ${s}.sync_product_mappings WHERE store_id = $1 ORDER BY balance_uid`,
    upsertProducts: `
      INSERT INTO ${s}.sync_product_mappings
        (store_id, balance_uid, woo_id, woo_parent_id, sku, last_pushed, updated_at)
      SELECT $1, r.balance_uid, r.woo_id, r.woo_parent_id, r.sku, r.last_pushed, r.updated_at
      FROM jsonb_to_recordset($2::jsonb) AS r(balance_uid text, woo_id bigint,
        woo_parent_id bigint, sku text, last_pushed jsonb, updated_at text)
      ON CONFLICT (store_id, balance_uid) DO UPDATE SET
        woo_id = excluded.woo_id, woo_parent_id = excluded.woo_parent_id, sku = excluded.sku,
        last_pushed = excluded.last_pushed, updated_at = excluded.updated_at`,
    removeProducts: `
      DELETE FROM ${s}.sync_product_mappings WHERE store_id = $1 AND balance_uid = ANY($2::text[])`,
    listCategories: `SELECT group_uid, woo_category_id, origin, updated_at
      FROM ${s}.sync_category_mappings WHERE store_id = $1 ORDER BY group_uid`,
    upsertCategories: `
      INSERT INTO ${s}.sync_category_mappings
        (store_id, group_uid, woo_category_id, origin, updated_at)
      SELECT $1, r.group_uid, r.woo_category_id, r.origin, r.updated_at
      FROM jsonb_to_recordset($2::jsonb)
        AS r(group_uid text, woo_category_id bigint, origin text, updated_at text)
      ON CONFLICT (store_id, group_uid) DO UPDATE SET
        woo_category_id = excluded.woo_category_id, origin = excluded.origin,
        updated_at = excluded.updated_at`,
    removeCategories: `
      DELETE FROM ${s}.sync_category_mappings WHERE store_id = $1 AND group_uid = ANY($2::text[])`,
    getJournal: `
      SELECT entry_id, state, woo_id, error, updated_at FROM ${s}.sync_apply_journal WHERE store_id = $1 AND plan_hash = $2
      ORDER BY entry_id`,
    recordJournal: `
      INSERT INTO ${s}.sync_apply_journal
        (store_id, plan_hash, entry_id, state, woo_id, error, updated_at)
      SELECT $1, $2, r.entry_id, r.state, r.woo_id, r.error, r.updated_at
      FROM jsonb_to_recordset($3::jsonb)
        AS r(entry_id text, state text, woo_id bigint, error text, updated_at text)
      ON CONFLICT (store_id, plan_hash, entry_id) DO UPDATE SET
        state = excluded.state, woo_id = excluded.woo_id, error = excluded.error,
        updated_at = excluded.updated_at`,
    clearJournal: `DELETE FROM ${s}.sync_apply_journal WHERE store_id = $1 AND plan_hash = $2`,
    saveRun: `
      INSERT INTO ${s}.sync_run_reports
        (store_id, id, kind, status, started_at, started_ms, finished_at, summary, details, error)
      VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8::jsonb, $9::jsonb, $10)
      ON CONFLICT (store_id, id) DO UPDATE SET
        kind = excluded.kind, status = excluded.status, started_at = excluded.started_at,
        started_ms = excluded.started_ms, finished_at = excluded.finished_at,
        summary = excluded.summary, details = excluded.details, error = excluded.error`,
    getRun: `
      SELECT ${RUN_COLUMNS} FROM ${s}.sync_run_reports
      WHERE store_id = $1 AND id = $2`,
    listRuns: `
      SELECT ${RUN_COLUMNS} FROM ${s}.sync_run_reports
      WHERE store_id = $1 ORDER BY started_ms DESC, id DESC LIMIT $2`,
    listRunsOfKind: `
      SELECT ${RUN_COLUMNS} FROM ${s}.sync_run_reports
      WHERE store_id = $1 AND kind = $2 ORDER BY started_ms DESC, id DESC LIMIT $3`,
    getLedger: `SELECT ${LEDGER_COLUMNS} FROM ${s}.sync_ledger WHERE store_id = $1 AND key = $2`,
    insertLedger: `
      INSERT INTO ${s}.sync_ledger (store_id, key, uid, kind, order_id, refund_id, template,
        payload_hash, payload, total_minor, currency, state, attempts, last_error, drift,
        version, created_at, created_ms, updated_at, updated_ms, exported_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14::jsonb,
        $15::jsonb, 1, $16, $17::bigint, $18, $19::bigint, $20)
      ON CONFLICT (store_id, key) DO NOTHING
      RETURNING ${LEDGER_COLUMNS}`,
    // Compare-and-set in one statement. The UPDATE takes the row lock; a concurrent update
    // of the same row waits for it, then re-checks `version` on the new row and matches
    // nothing. Columns the patch does not name keep their value.
    updateLedger: `
      UPDATE ${s}.sync_ledger SET
        state = COALESCE($4::text, state),
        attempts = COALESCE($5::integer, attempts),
        last_error = CASE WHEN $6::boolean THEN $7::jsonb ELSE last_error END,
        drift = CASE WHEN $8::boolean THEN $9::jsonb ELSE drift END,
        exported_at = CASE WHEN $10::boolean THEN $11::text ELSE exported_at END,
        payload = COALESCE($12::jsonb, payload),
        payload_hash = COALESCE($13::text, payload_hash),
        total_minor = COALESCE($14::bigint, total_minor),
        updated_at = $15::text,
        updated_ms = $16::bigint,
        version = version + 1
      WHERE store_id = $1 AND key = $2 AND version = $3::bigint
      RETURNING ${LEDGER_COLUMNS}`,
    listLedgerByOrder: `
      SELECT ${LEDGER_COLUMNS} FROM ${s}.sync_ledger WHERE store_id = $1 AND order_id = $2
      ORDER BY created_ms, key`,
    countLedger: `
      SELECT state, count(*)::integer AS count FROM ${s}.sync_ledger WHERE store_id = $1
      GROUP BY state`,
    getCursor: `SELECT timestamp, id FROM ${s}.sync_cursors WHERE store_id = $1 AND name = $2`,
    setCursor: `
      INSERT INTO ${s}.sync_cursors (store_id, name, timestamp, id, updated_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (store_id, name) DO UPDATE SET
        timestamp = excluded.timestamp, id = excluded.id, updated_at = excluded.updated_at`,
    getCustomer: `
      SELECT balance_client_uid FROM ${s}.sync_customers WHERE store_id = $1 AND key = $2`,
    putCustomer: `
      INSERT INTO ${s}.sync_customers (store_id, key, balance_client_uid, updated_at)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (store_id, key) DO UPDATE SET
        balance_client_uid = excluded.balance_client_uid, updated_at = excluded.updated_at`,
    getSetting: `SELECT value FROM ${s}.sync_settings WHERE store_id = $1 AND key = $2`,
    setSetting: `
      INSERT INTO ${s}.sync_settings (store_id, key, value, updated_at)
      VALUES ($1, $2, $3::jsonb, $4)
      ON CONFLICT (store_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    removeSetting: `DELETE FROM ${s}.sync_settings WHERE store_id = $1 AND key = $2`,
  } as const;
}

type StatementName = keyof ReturnType<typeof statementsFor>;

class PostgresStore implements PostgresSyncStore {
  readonly schema: string;
  readonly #quoted: string;
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #clock: Clock;
  readonly #sql: ReturnType<typeof statementsFor>;
  /** Prepared-statement names are per schema, so stores of two schemas can share a pool. */
  readonly #namePrefix: string;
  #closing: Promise<void> | undefined;

  constructor(pool: pg.Pool, ownsPool: boolean, schema: string, clock: Clock) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.schema = schema;
    this.#quoted = quoteSchema(schema);
    this.#clock = clock;
    this.#sql = statementsFor(this.#quoted);
    // Short and unique per schema: PostgreSQL cuts names at 63 bytes.
    this.#namePrefix = `bss_${createHash('sha256').update(schema).digest('hex').slice(0, 8)}_`;
  }

  #ensureOpen(): void {
    if (this.#closing)
      throw new PostgresAdapterError('store_closed', 'the PostgreSQL store is closed');
  }

  /** Runs one of the store's static statements as a named (prepared) statement. */
  async #run(name: StatementName, values: unknown[]): Promise<Row[]> {
    this.#ensureOpen();
    const result = await this.#pool.query<Row>({
      name: `${this.#namePrefix}${name}`,
      text: this.#sql[name],
      values,
    });
    return result.rows;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  readonly products: SyncStore['products'] = {
    list: async (storeId) => (await this.#run('listProducts', [storeId])).map(productFromRow),
    upsert: async (storeId, mappings) => {
      this.#ensureOpen();
      const rows = lastById(mappings, (m) => m.balanceUid).map((m) => ({
        balance_uid: m.balanceUid,
        woo_id: m.wooId,
        woo_parent_id: m.wooParentId,
        sku: m.sku,
        last_pushed: m.lastPushed ?? {},
        updated_at: m.updatedAt,
      }));
      if (rows.length > 0) await this.#run('upsertProducts', [storeId, jsonText(rows)]);
    },
    remove: async (storeId, balanceUids) => {
      this.#ensureOpen();
      if (balanceUids.length > 0) await this.#run('removeProducts', [storeId, [...balanceUids]]);
    },
  };

  readonly categories: SyncStore['categories'] = {
    list: async (storeId) => (await this.#run('listCategories', [storeId])).map(categoryFromRow),
    upsert: async (storeId, mappings) => {
      this.#ensureOpen();
      const rows = lastById(mappings, (m) => m.groupUid).map((m) => ({
        group_uid: m.groupUid,
        woo_category_id: m.wooCategoryId,
        origin: m.origin,
        updated_at: m.updatedAt,
      }));
      if (rows.length > 0) await this.#run('upsertCategories', [storeId, jsonText(rows)]);
    },
    remove: async (storeId, groupUids) => {
      this.#ensureOpen();
      if (groupUids.length > 0) await this.#run('removeCategories', [storeId, [...groupUids]]);
    },
  };

  readonly applyJournal: SyncStore['applyJournal'] = {
    get: async (storeId, planHash) =>
      (await this.#run('getJournal', [storeId, planHash])).map(journalFromRow),
    record: async (storeId, planHash, entries) => {
      this.#ensureOpen();
      const rows = lastById(entries, (e) => e.entryId).map((e) => ({
        entry_id: e.entryId,
        state: e.state,
        woo_id: e.wooId ?? null,
        error: e.error ?? null,
        updated_at: e.updatedAt,
      }));
      if (rows.length > 0) await this.#run('recordJournal', [storeId, planHash, jsonText(rows)]);
    },
    clear: async (storeId, planHash) => {
      await this.#run('clearJournal', [storeId, planHash]);
    },
  };

  readonly runs: SyncStore['runs'] = {
    save: async (report) => {
      const startedMs = instantMs(report.startedAt, 'startedAt');
      await this.#run('saveRun', [
        report.storeId,
        report.id,
        report.kind,
        report.status,
        report.startedAt,
        startedMs,
        report.finishedAt ?? null,
        jsonText(report.summary ?? {}),
        report.details === undefined ? null : jsonText(report.details),
        report.error ?? null,
      ]);
    },
    get: async (storeId, id) => {
      const [row] = await this.#run('getRun', [storeId, id]);
      return row ? runFromRow(row) : undefined;
    },
    list: async (storeId, query: RunReportQuery = {}) => {
      const limit = pageLimit(query.limit, DEFAULT_RUN_LIMIT);
      const rows =
        query.kind === undefined
          ? await this.#run('listRuns', [storeId, limit])
          : await this.#run('listRunsOfKind', [storeId, query.kind, limit]);
      return rows.map(runFromRow);
    },
  };

  readonly ledger: SyncStore['ledger'] = {
    get: async (storeId, key) => {
      const [row] = await this.#run('getLedger', [storeId, key]);
      return row ? ledgerFromRow(row) : undefined;
    },
    insert: async (entry: NewLedgerEntry) => {
      const createdMs = instantMs(entry.createdAt, 'createdAt');
      const updatedMs = instantMs(entry.updatedAt, 'updatedAt');
      const [inserted] = await this.#run('insertLedger', [
        entry.storeId,
        entry.key,
        entry.uid,
        entry.kind,
        entry.orderId,
        entry.refundId ?? null,
        entry.template,
        entry.payloadHash,
        jsonText(entry.payload),
        entry.totalMinor,
        entry.currency,
        entry.state,
        entry.attempts,
        entry.lastError == null ? null : jsonText(entry.lastError),
        entry.drift == null ? null : jsonText(entry.drift),
        entry.createdAt,
        createdMs,
        entry.updatedAt,
        updatedMs,
        entry.exportedAt ?? null,
      ]);
      if (inserted) return { entry: ledgerFromRow(inserted), inserted: true };
      // The key existed (or a concurrent insert of it committed first): a new statement sees
      // the committed row. Rows are never deleted, so it is there.
      const [existing] = await this.#run('getLedger', [entry.storeId, entry.key]);
      if (!existing)
        throw new Error(`ledger row ${entry.key} conflicted on insert but cannot be read`);
      return { entry: ledgerFromRow(existing), inserted: false };
    },
    update: async (storeId, key, expectedVersion, patch) => {
      const updatedMs = instantMs(patch.updatedAt, 'updatedAt');
      const [row] = await this.#run('updateLedger', [
        storeId,
        key,
        expectedVersion,
        patch.state ?? null,
        patch.attempts ?? null,
        patch.lastError !== undefined,
        patch.lastError == null ? null : jsonText(patch.lastError),
        patch.drift !== undefined,
        patch.drift == null ? null : jsonText(patch.drift),
        patch.exportedAt !== undefined,
        patch.exportedAt ?? null,
        patch.payload === undefined ? null : jsonText(patch.payload),
        patch.payloadHash ?? null,
        patch.totalMinor ?? null,
        patch.updatedAt,
        updatedMs,
      ]);
      return row ? ledgerFromRow(row) : undefined;
    },
    listByOrder: async (storeId, orderId) =>
      (await this.#run('listLedgerByOrder', [storeId, orderId])).map(ledgerFromRow),
    list: async (query: LedgerQuery): Promise<LedgerPage> => {
      this.#ensureOpen();
      const limit = pageLimit(query.limit, DEFAULT_LEDGER_LIMIT);
      const values: unknown[] = [query.storeId];
      const where = ['store_id = $1'];
      const param = (value: unknown): string => {
        values.push(value);
        return `$${values.length}`;
      };
      if (query.states?.length) where.push(`state = ANY(${param([...query.states])}::text[])`);
      if (query.kinds?.length) where.push(`kind = ANY(${param([...query.kinds])}::text[])`);
      if (query.orderId !== undefined) where.push(`order_id = ${param(query.orderId)}::bigint`);
      if (query.updatedFrom !== undefined) {
        where.push(`updated_ms >= ${param(instantMs(query.updatedFrom, 'updatedFrom'))}::bigint`);
      }
      if (query.updatedTo !== undefined) {
        where.push(`updated_ms <= ${param(instantMs(query.updatedTo, 'updatedTo'))}::bigint`);
      }
      if (query.cursor !== undefined) {
        const after = decodeLedgerCursor(query.cursor);
        where.push(
          `(updated_ms, key) > (${param(after.updatedMs)}::bigint, ${param(after.key)}::text)`,
        );
      }
      const text = `SELECT ${LEDGER_COLUMNS} FROM ${this.#quoted}.sync_ledger
        WHERE ${where.join(' AND ')} ORDER BY updated_ms, key LIMIT ${param(limit + 1)}`;
      const { rows } = await this.#pool.query<Row>(text, values);
      const page: LedgerPage = { entries: rows.slice(0, limit).map(ledgerFromRow) };
      const last = rows[limit - 1];
      if (rows.length > limit && last) {
        page.next = encodeLedgerCursor(num(last.updated_ms), last.key as string);
      }
      return page;
    },
    counts: async (storeId) => {
      const counts = emptyLedgerCounts();
      for (const row of await this.#run('countLedger', [storeId])) {
        counts[row.state as LedgerState] = num(row.count);
      }
      return counts;
    },
  };

  readonly cursors: SyncStore['cursors'] = {
    get: async (storeId, name) => {
      const [row] = await this.#run('getCursor', [storeId, name]);
      return row ? { timestamp: row.timestamp as string, id: num(row.id) } : undefined;
    },
    set: async (storeId, name, cursor) => {
      await this.#run('setCursor', [storeId, name, cursor.timestamp, cursor.id, this.#now()]);
    },
  };

  readonly customers: SyncStore['customers'] = {
    get: async (storeId, key) => {
      const [row] = await this.#run('getCustomer', [storeId, key]);
      return row ? (row.balance_client_uid as string) : undefined;
    },
    put: async (storeId, key, balanceClientUid) => {
      await this.#run('putCustomer', [storeId, key, balanceClientUid, this.#now()]);
    },
  };

  readonly settings: SyncStore['settings'] = {
    get: async (storeId, key) => {
      const [row] = await this.#run('getSetting', [storeId, key]);
      return row ? row.value : undefined;
    },
    set: async (storeId, key, value) => {
      const json = JSON.stringify(value);
      if (json === undefined) await this.#run('removeSetting', [storeId, key]);
      else await this.#run('setSetting', [storeId, key, json, this.#now()]);
    },
  };

  close(): Promise<void> {
    this.#closing ??= this.#ownsPool ? this.#pool.end() : Promise.resolve();
    return this.#closing;
  }
}

/**
 * Opens the PostgreSQL {@link SyncStore}: for several workers on several machines, or when
 * the database should live with the rest of your data. Needs the optional peer dependency
 * `pg`.
 *
 * - Tables live in one schema (default `balance_sync`), created and brought up to date on
 *   start by versioned migrations recorded in `<schema>.schema_migrations`; an advisory lock
 *   makes concurrent starts safe. Use `migrate: false` with {@link migratePostgresStore} to
 *   migrate ahead of a deploy instead.
 * - Payloads, reports and settings are `jsonb`. One schema serves many stores: every row is
 *   keyed by store id.
 * - `ledger.update` is one `UPDATE … WHERE version = $n RETURNING …`: the row lock it takes
 *   makes two workers' transitions of one document strictly one-after-the-other, and the
 *   second sees the new version and matches nothing.
 * - `close()` ends the pool it created from `connectionString` (a pool you passed stays open).
 *
 * @throws {@link PostgresAdapterError} `invalid_options`, `invalid_schema_name`,
 *   `postgres_unavailable`, `postgres_migration_failed`, `postgres_schema_too_new` or
 *   `postgres_schema_outdated`.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@balance-sync/adapters/postgres';
 *
 * const store = await createPostgresStore({
 *   connectionString: process.env.DATABASE_URL,
 *   schema: 'balance_sync',
 * });
 * const page = await store.ledger.list({ storeId: 'main', states: ['failed', 'dead'] });
 * await store.close();
 * ```
 */
export async function createPostgresStore(
  options: PostgresStoreOptions,
): Promise<PostgresSyncStore> {
  const schema = options.schema ?? 'balance_sync';
  quoteSchema(schema);
  const { pool, owned } = resolvePool(options);
  if (owned) warnOnIdleClientErrors(pool, options.logger);
  try {
    await runPostgresMigrations(pool, {
      schema,
      apply: options.migrate ?? true,
      connection: describeConnection(options.connectionString),
    });
  } catch (error) {
    if (owned) await pool.end();
    throw error;
  }
  return new PostgresStore(pool, owned, schema, options.clock ?? systemClock);
}
