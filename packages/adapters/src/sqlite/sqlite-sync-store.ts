import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import type {
  ApplyJournalEntry,
  CategoryMapping,
  CategoryMappingOrigin,
  Clock,
  LedgerEntry,
  LedgerPage,
  LedgerQuery,
  LedgerState,
  NewLedgerEntry,
  ProductMapping,
  RunReport,
  RunReportQuery,
  SyncStore,
} from '@balance-sync/woo-sync-core';
import { emptyLedgerCounts, encodeLedgerCursor, systemClock } from '@balance-sync/woo-sync-core';
import { jsonText } from '../store-kit/json-text.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { isSqliteBusyError, SqliteAdapterError } from './sqlite-adapter-error.js';
import { applySqliteMigrations } from './sqlite-migrations.js';
import {
  SQLITE_STORE_MIGRATION_NAMESPACE,
  SQLITE_STORE_MIGRATIONS,
} from './sqlite-store-migrations.js';
import { decodeLedgerCursor, instantMs, pageLimit } from './sqlite-store-values.js';
import { immediateTransaction } from './sqlite-transaction.js';

/**
 * Options of {@link createSqliteStore}.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { path: './data/balance-sync.db', busyTimeoutMs: 10_000 };
 * ```
 */
export interface SqliteStoreOptions {
  /**
   * Path of the database file, created with its directory when missing; or `':memory:'` for a
   * private database that disappears on `close()` (tests).
   */
  path: string;
  /**
   * Where the store reads time for its own bookkeeping (when a migration ran, when a cursor or
   * setting was last written). The records' own timestamps always come from the caller.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * How long a write waits for another process's write lock before failing with
   * `sqlite_busy`, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number;
}

/**
 * The SQLite {@link SyncStore}, with a backup on top of the port.
 *
 * @example
 * ```ts
 * const store: SqliteSyncStore = createSqliteStore({ path: './data/balance-sync.db' });
 * await store.backup('./backups/balance-sync-2026-11-27.db');
 * ```
 */
export interface SqliteSyncStore extends SyncStore {
  /** The database path the store was opened with. */
  readonly path: string;
  /**
   * Writes a consistent, compacted copy of the whole database to `targetPath` (SQLite's
   * `VACUUM INTO`) while the store stays in use. The target must not exist yet.
   *
   * @throws {@link SqliteAdapterError} `sqlite_backup_failed`.
   */
  backup(targetPath: string): Promise<void>;
}

type Row = Record<string, SQLOutputValue>;
type Params = Record<string, SQLInputValue>;

const DEFAULT_LEDGER_LIMIT = 100;
const DEFAULT_RUN_LIMIT = 50;

const text = (row: Row, column: string): string => row[column] as string;
const int = (row: Row, column: string): number => row[column] as number;
const nullableText = (row: Row, column: string): string | null => row[column] as string | null;
const nullableJson = <T>(row: Row, column: string): T | null => {
  const value = row[column];
  return value === null || value === undefined ? null : (JSON.parse(value as string) as T);
};

function productFromRow(row: Row): ProductMapping {
  return {
    balanceUid: text(row, 'balance_uid'),
    wooId: int(row, 'woo_id'),
    wooParentId: int(row, 'woo_parent_id'),
    sku: text(row, 'sku'),
    lastPushed: JSON.parse(text(row, 'last_pushed')),
    updatedAt: text(row, 'updated_at'),
  };
}

function categoryFromRow(row: Row): CategoryMapping {
  return {
    groupUid: text(row, 'group_uid'),
    wooCategoryId: int(row, 'woo_category_id'),
    origin: text(row, 'origin') as CategoryMappingOrigin,
    updatedAt: text(row, 'updated_at'),
  };
}

function journalFromRow(row: Row): ApplyJournalEntry {
  const entry: ApplyJournalEntry = {
    entryId: text(row, 'entry_id'),
    state: text(row, 'state') as ApplyJournalEntry['state'],
    updatedAt: text(row, 'updated_at'),
  };
  if (row.woo_id !== null) entry.wooId = int(row, 'woo_id');
  if (row.error !== null) entry.error = text(row, 'error');
  return entry;
}

function runFromRow(row: Row): RunReport {
  const report: RunReport = {
    id: text(row, 'id'),
    storeId: text(row, 'store_id'),
    kind: text(row, 'kind') as RunReport['kind'],
    status: text(row, 'status') as RunReport['status'],
    startedAt: text(row, 'started_at'),
    finishedAt: nullableText(row, 'finished_at'),
    summary: JSON.parse(text(row, 'summary')),
  };
  if (row.details !== null) report.details = JSON.parse(text(row, 'details'));
  if (row.error !== null) report.error = text(row, 'error');
  return report;
}

function ledgerFromRow(row: Row): LedgerEntry {
  return {
    storeId: text(row, 'store_id'),
    key: text(row, 'key'),
    uid: text(row, 'uid'),
    kind: text(row, 'kind') as LedgerEntry['kind'],
    orderId: int(row, 'order_id'),
    refundId: row.refund_id === null ? null : int(row, 'refund_id'),
    template: text(row, 'template'),
    payloadHash: text(row, 'payload_hash'),
    payload: JSON.parse(text(row, 'payload')),
    totalMinor: int(row, 'total_minor'),
    currency: text(row, 'currency'),
    state: text(row, 'state') as LedgerState,
    attempts: int(row, 'attempts'),
    lastError: nullableJson(row, 'last_error'),
    drift: nullableJson(row, 'drift'),
    version: int(row, 'version'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
    exportedAt: nullableText(row, 'exported_at'),
  };
}

const SQL = {
  listProducts:
    'SELECT * FROM sync_product_mappings WHERE store_id = $store_id ORDER BY balance_uid',
  upsertProduct: `
    INSERT INTO sync_product_mappings
      (store_id, balance_uid, woo_id, woo_parent_id, sku, last_pushed, updated_at)
    VALUES ($store_id, $balance_uid, $woo_id, $woo_parent_id, $sku, $last_pushed, $updated_at)
    ON CONFLICT (store_id, balance_uid) DO UPDATE SET
      woo_id = excluded.woo_id, woo_parent_id = excluded.woo_parent_id, sku = excluded.sku,
      last_pushed = excluded.last_pushed, updated_at = excluded.updated_at`,
  removeProduct:
    'DELETE FROM sync_product_mappings WHERE store_id = $store_id AND balance_uid = $balance_uid',
  listCategories:
    'SELECT * FROM sync_category_mappings WHERE store_id = $store_id ORDER BY group_uid',
  upsertCategory: `
    INSERT INTO sync_category_mappings (store_id, group_uid, woo_category_id, origin, updated_at)
    VALUES ($store_id, $group_uid, $woo_category_id, $origin, $updated_at)
    ON CONFLICT (store_id, group_uid) DO UPDATE SET
      woo_category_id = excluded.woo_category_id, origin = excluded.origin,
      updated_at = excluded.updated_at`,
  removeCategory:
    'DELETE FROM sync_category_mappings WHERE store_id = $store_id AND group_uid = $group_uid',
  getJournal: `
    SELECT * FROM sync_apply_journal WHERE store_id = $store_id AND plan_hash = $plan_hash
    ORDER BY entry_id`,
  recordJournal: `
    INSERT INTO sync_apply_journal (store_id, plan_hash, entry_id, state, woo_id, error, updated_at)
    VALUES ($store_id, $plan_hash, $entry_id, $state, $woo_id, $error, $updated_at)
    ON CONFLICT (store_id, plan_hash, entry_id) DO UPDATE SET
      state = excluded.state, woo_id = excluded.woo_id, error = excluded.error,
      updated_at = excluded.updated_at`,
  clearJournal:
    'DELETE FROM sync_apply_journal WHERE store_id = $store_id AND plan_hash = $plan_hash',
  saveRun: `
    INSERT INTO sync_run_reports
      (store_id, id, kind, status, started_at, started_ms, finished_at, summary, details, error)
    VALUES ($store_id, $id, $kind, $status, $started_at, $started_ms, $finished_at, $summary,
      $details, $error)
    ON CONFLICT (store_id, id) DO UPDATE SET
      kind = excluded.kind, status = excluded.status, started_at = excluded.started_at,
      started_ms = excluded.started_ms, finished_at = excluded.finished_at,
      summary = excluded.summary, details = excluded.details, error = excluded.error`,
  getRun: 'SELECT * FROM sync_run_reports WHERE store_id = $store_id AND id = $id',
  listRuns: `
    SELECT * FROM sync_run_reports WHERE store_id = $store_id
    ORDER BY started_ms DESC, id DESC LIMIT $limit`,
  listRunsOfKind: `
    SELECT * FROM sync_run_reports WHERE store_id = $store_id AND kind = $kind
    ORDER BY started_ms DESC, id DESC LIMIT $limit`,
  getLedger: 'SELECT * FROM sync_ledger WHERE store_id = $store_id AND key = $key',
  insertLedger: `
    INSERT INTO sync_ledger (store_id, key, uid, kind, order_id, refund_id, template,
      payload_hash, payload, total_minor, currency, state, attempts, last_error, drift, version,
      created_at, created_ms, updated_at, updated_ms, exported_at)
    VALUES ($store_id, $key, $uid, $kind, $order_id, $refund_id, $template, $payload_hash,
      $payload, $total_minor, $currency, $state, $attempts, $last_error, $drift, 1, $created_at,
      $created_ms, $updated_at, $updated_ms, $exported_at)
    ON CONFLICT (store_id, key) DO NOTHING
    RETURNING *`,
  // One statement: the row moves only if its version is still the expected one. Columns the
  // patch does not name keep their value (COALESCE for non-null columns, a flag for nullable).
  updateLedger: `
    UPDATE sync_ledger SET
      state = COALESCE($state, state),
      attempts = COALESCE($attempts, attempts),
      last_error = CASE WHEN $set_last_error THEN $last_error ELSE last_error END,
      drift = CASE WHEN $set_drift THEN $drift ELSE drift END,
      exported_at = CASE WHEN $set_exported_at THEN $exported_at ELSE exported_at END,
      payload = COALESCE($payload, payload),
      payload_hash = COALESCE($payload_hash, payload_hash),
      total_minor = COALESCE($total_minor, total_minor),
      updated_at = $updated_at,
      updated_ms = $updated_ms,
      version = version + 1
    WHERE store_id = $store_id AND key = $key AND version = $expected_version
    RETURNING *`,
  listLedgerByOrder: `
    SELECT * FROM sync_ledger WHERE store_id = $store_id AND order_id = $order_id
    ORDER BY created_ms, key`,
  countLedger: `
    SELECT state, COUNT(*) AS count FROM sync_ledger WHERE store_id = $store_id GROUP BY state`,
  getCursor: 'SELECT * FROM sync_cursors WHERE store_id = $store_id AND name = $name',
  setCursor: `
    INSERT INTO sync_cursors (store_id, name, timestamp, id, updated_at)
    VALUES ($store_id, $name, $timestamp, $id, $updated_at)
    ON CONFLICT (store_id, name) DO UPDATE SET
      timestamp = excluded.timestamp, id = excluded.id, updated_at = excluded.updated_at`,
  getCustomer:
    'SELECT balance_client_uid FROM sync_customers WHERE store_id = $store_id AND key = $key',
  putCustomer: `
    INSERT INTO sync_customers (store_id, key, balance_client_uid, updated_at)
    VALUES ($store_id, $key, $balance_client_uid, $updated_at)
    ON CONFLICT (store_id, key) DO UPDATE SET
      balance_client_uid = excluded.balance_client_uid, updated_at = excluded.updated_at`,
  getSetting: 'SELECT value FROM sync_settings WHERE store_id = $store_id AND key = $key',
  setSetting: `
    INSERT INTO sync_settings (store_id, key, value, updated_at)
    VALUES ($store_id, $key, $value, $updated_at)
    ON CONFLICT (store_id, key) DO UPDATE SET
      value = excluded.value, updated_at = excluded.updated_at`,
  removeSetting: 'DELETE FROM sync_settings WHERE store_id = $store_id AND key = $key',
} as const;

type Statements = { [name in keyof typeof SQL]: StatementSync };

/** The SQLite implementation; every call runs synchronously, so calls never interleave. */
class SqliteStore implements SqliteSyncStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #statements: Statements;
  /** Prepared `ledger.list` statements by SQL text (one per combination of filters). */
  readonly #listStatements = new Map<string, StatementSync>();
  #closed = false;

  constructor(db: DatabaseSync, path: string, clock: Clock) {
    this.#db = db;
    this.path = path;
    this.#clock = clock;
    this.#statements = Object.fromEntries(
      Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as Statements;
  }

  /** Runs one call: refuses after `close()` and gives lock timeouts their stable code. */
  #run<T>(work: (statements: Statements) => T): T {
    if (this.#closed) throw new SqliteAdapterError('store_closed', 'the SQLite store is closed');
    try {
      return work(this.#statements);
    } catch (error) {
      if (isSqliteBusyError(error)) {
        throw new SqliteAdapterError(
          'sqlite_busy',
          `SQLite database ${this.path} stayed locked by another connection`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  #transaction<T>(work: (statements: Statements) => T): T {
    return this.#run((statements) => immediateTransaction(this.#db, () => work(statements)));
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  readonly products: SyncStore['products'] = {
    list: async (storeId) =>
      this.#run((s) => s.listProducts.all({ store_id: storeId }).map(productFromRow)),
    upsert: async (storeId, mappings) => {
      const rows = mappings.map((m) => ({
        store_id: storeId,
        balance_uid: m.balanceUid,
        woo_id: m.wooId,
        woo_parent_id: m.wooParentId,
        sku: m.sku,
        last_pushed: jsonText(m.lastPushed ?? {}),
        updated_at: m.updatedAt,
      }));
      this.#transaction((s) => {
        for (const row of rows) s.upsertProduct.run(row);
      });
    },
    remove: async (storeId, balanceUids) => {
      this.#transaction((s) => {
        for (const uid of balanceUids) s.removeProduct.run({ store_id: storeId, balance_uid: uid });
      });
    },
  };

  readonly categories: SyncStore['categories'] = {
    list: async (storeId) =>
      this.#run((s) => s.listCategories.all({ store_id: storeId }).map(categoryFromRow)),
    upsert: async (storeId, mappings) => {
      this.#transaction((s) => {
        for (const m of mappings) {
          s.upsertCategory.run({
            store_id: storeId,
            group_uid: m.groupUid,
            woo_category_id: m.wooCategoryId,
            origin: m.origin,
            updated_at: m.updatedAt,
          });
        }
      });
    },
    remove: async (storeId, groupUids) => {
      this.#transaction((s) => {
        for (const uid of groupUids) s.removeCategory.run({ store_id: storeId, group_uid: uid });
      });
    },
  };

  readonly applyJournal: SyncStore['applyJournal'] = {
    get: async (storeId, planHash) =>
      this.#run((s) =>
        s.getJournal.all({ store_id: storeId, plan_hash: planHash }).map(journalFromRow),
      ),
    record: async (storeId, planHash, entries) => {
      this.#transaction((s) => {
        for (const entry of entries) {
          s.recordJournal.run({
            store_id: storeId,
            plan_hash: planHash,
            entry_id: entry.entryId,
            state: entry.state,
            woo_id: entry.wooId ?? null,
            error: entry.error ?? null,
            updated_at: entry.updatedAt,
          });
        }
      });
    },
    clear: async (storeId, planHash) => {
      this.#run((s) => s.clearJournal.run({ store_id: storeId, plan_hash: planHash }));
    },
  };

  readonly runs: SyncStore['runs'] = {
    save: async (report) => {
      const params: Params = {
        store_id: report.storeId,
        id: report.id,
        kind: report.kind,
        status: report.status,
        started_at: report.startedAt,
        started_ms: instantMs(report.startedAt, 'startedAt'),
        finished_at: report.finishedAt ?? null,
        summary: jsonText(report.summary ?? {}),
        details: report.details === undefined ? null : jsonText(report.details),
        error: report.error ?? null,
      };
      this.#run((s) => s.saveRun.run(params));
    },
    get: async (storeId, id) =>
      this.#run((s) => {
        const row = s.getRun.get({ store_id: storeId, id });
        return row ? runFromRow(row) : undefined;
      }),
    list: async (storeId, query: RunReportQuery = {}) =>
      this.#run((s) => {
        const limit = pageLimit(query.limit, DEFAULT_RUN_LIMIT);
        const rows =
          query.kind === undefined
            ? s.listRuns.all({ store_id: storeId, limit })
            : s.listRunsOfKind.all({ store_id: storeId, kind: query.kind, limit });
        return rows.map(runFromRow);
      }),
  };

  readonly ledger: SyncStore['ledger'] = {
    get: async (storeId, key) =>
      this.#run((s) => {
        const row = s.getLedger.get({ store_id: storeId, key });
        return row ? ledgerFromRow(row) : undefined;
      }),
    insert: async (entry: NewLedgerEntry) => {
      const params: Params = {
        store_id: entry.storeId,
        key: entry.key,
        uid: entry.uid,
        kind: entry.kind,
        order_id: entry.orderId,
        refund_id: entry.refundId ?? null,
        template: entry.template,
        payload_hash: entry.payloadHash,
        payload: jsonText(entry.payload),
        total_minor: entry.totalMinor,
        currency: entry.currency,
        state: entry.state,
        attempts: entry.attempts,
        last_error: entry.lastError == null ? null : jsonText(entry.lastError),
        drift: entry.drift == null ? null : jsonText(entry.drift),
        created_at: entry.createdAt,
        created_ms: instantMs(entry.createdAt, 'createdAt'),
        updated_at: entry.updatedAt,
        updated_ms: instantMs(entry.updatedAt, 'updatedAt'),
        exported_at: entry.exportedAt ?? null,
      };
      return this.#transaction((s) => {
        const inserted = s.insertLedger.get(params);
        if (inserted) return { entry: ledgerFromRow(inserted), inserted: true };
        const existing = s.getLedger.get({ store_id: entry.storeId, key: entry.key });
        if (!existing) {
          // Unreachable inside the transaction: the conflicting row cannot have vanished.
          throw new Error(`ledger row ${entry.key} conflicted on insert but cannot be read`);
        }
        return { entry: ledgerFromRow(existing), inserted: false };
      });
    },
    update: async (storeId, key, expectedVersion, patch) => {
      const params: Params = {
        store_id: storeId,
        key,
        expected_version: expectedVersion,
        state: patch.state ?? null,
        attempts: patch.attempts ?? null,
        set_last_error: patch.lastError === undefined ? 0 : 1,
        last_error: patch.lastError == null ? null : jsonText(patch.lastError),
        set_drift: patch.drift === undefined ? 0 : 1,
        drift: patch.drift == null ? null : jsonText(patch.drift),
        set_exported_at: patch.exportedAt === undefined ? 0 : 1,
        exported_at: patch.exportedAt ?? null,
        payload: patch.payload === undefined ? null : jsonText(patch.payload),
        payload_hash: patch.payloadHash ?? null,
        total_minor: patch.totalMinor ?? null,
        updated_at: patch.updatedAt,
        updated_ms: instantMs(patch.updatedAt, 'updatedAt'),
      };
      return this.#transaction((s) => {
        const row = s.updateLedger.get(params);
        return row ? ledgerFromRow(row) : undefined;
      });
    },
    listByOrder: async (storeId, orderId) =>
      this.#run((s) =>
        s.listLedgerByOrder.all({ store_id: storeId, order_id: orderId }).map(ledgerFromRow),
      ),
    list: async (query: LedgerQuery): Promise<LedgerPage> =>
      this.#run(() => {
        const limit = pageLimit(query.limit, DEFAULT_LEDGER_LIMIT);
        const where = ['store_id = $store_id'];
        const params: Params = { store_id: query.storeId, limit: limit + 1 };
        if (query.states?.length) {
          where.push('state IN (SELECT value FROM json_each($states))');
          params.states = JSON.stringify(query.states);
        }
        if (query.kinds?.length) {
          where.push('kind IN (SELECT value FROM json_each($kinds))');
          params.kinds = JSON.stringify(query.kinds);
        }
        if (query.orderId !== undefined) {
          where.push('order_id = $order_id');
          params.order_id = query.orderId;
        }
        if (query.updatedFrom !== undefined) {
          where.push('updated_ms >= $updated_from');
          params.updated_from = instantMs(query.updatedFrom, 'updatedFrom');
        }
        if (query.updatedTo !== undefined) {
          where.push('updated_ms <= $updated_to');
          params.updated_to = instantMs(query.updatedTo, 'updatedTo');
        }
        if (query.cursor !== undefined) {
          const after = decodeLedgerCursor(query.cursor);
          where.push('(updated_ms, key) > ($after_ms, $after_key)');
          params.after_ms = after.updatedMs;
          params.after_key = after.key;
        }
        const sql = `SELECT * FROM sync_ledger WHERE ${where.join(' AND ')} ORDER BY updated_ms, key LIMIT $limit`;
        let statement = this.#listStatements.get(sql);
        if (!statement) {
          statement = this.#db.prepare(sql);
          this.#listStatements.set(sql, statement);
        }
        const rows = statement.all(params);
        const page: LedgerPage = { entries: rows.slice(0, limit).map(ledgerFromRow) };
        const last = rows[limit - 1];
        if (rows.length > limit && last) {
          page.next = encodeLedgerCursor(int(last, 'updated_ms'), text(last, 'key'));
        }
        return page;
      }),
    counts: async (storeId) =>
      this.#run((s) => {
        const counts = emptyLedgerCounts();
        for (const row of s.countLedger.all({ store_id: storeId })) {
          counts[text(row, 'state') as LedgerState] = int(row, 'count');
        }
        return counts;
      }),
  };

  readonly cursors: SyncStore['cursors'] = {
    get: async (storeId, name) =>
      this.#run((s) => {
        const row = s.getCursor.get({ store_id: storeId, name });
        return row ? { timestamp: text(row, 'timestamp'), id: int(row, 'id') } : undefined;
      }),
    set: async (storeId, name, cursor) => {
      this.#run((s) =>
        s.setCursor.run({
          store_id: storeId,
          name,
          timestamp: cursor.timestamp,
          id: cursor.id,
          updated_at: this.#now(),
        }),
      );
    },
  };

  readonly customers: SyncStore['customers'] = {
    get: async (storeId, key) =>
      this.#run((s) => {
        const row = s.getCustomer.get({ store_id: storeId, key });
        return row ? text(row, 'balance_client_uid') : undefined;
      }),
    put: async (storeId, key, balanceClientUid) => {
      this.#run((s) =>
        s.putCustomer.run({
          store_id: storeId,
          key,
          balance_client_uid: balanceClientUid,
          updated_at: this.#now(),
        }),
      );
    },
  };

  readonly settings: SyncStore['settings'] = {
    get: async (storeId, key) =>
      this.#run((s) => {
        const row = s.getSetting.get({ store_id: storeId, key });
        return row ? JSON.parse(text(row, 'value')) : undefined;
      }),
    set: async (storeId, key, value) => {
      const json = JSON.stringify(value);
      this.#run((s) => {
        if (json === undefined) s.removeSetting.run({ store_id: storeId, key });
        else s.setSetting.run({ store_id: storeId, key, value: json, updated_at: this.#now() });
      });
    },
  };

  async backup(targetPath: string): Promise<void> {
    this.#run(() => {
      try {
        this.#db.prepare('VACUUM INTO ?').run(targetPath);
      } catch (cause) {
        throw new SqliteAdapterError(
          'sqlite_backup_failed',
          `Could not back up SQLite database ${this.path} to ${targetPath}`,
          { cause },
        );
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/**
 * Opens (creating when missing) the embedded SQLite {@link SyncStore}, on Node's built-in
 * `node:sqlite` — no native module to build. The default storage of the SDK.
 *
 * - One file in WAL mode: several processes (a worker and the CLI) can use it at once;
 *   readers never wait for the writer, writers wait up to `busyTimeoutMs` for each other.
 * - Its tables are brought up to date on open by versioned migrations recorded in
 *   `schema_migrations` (namespace `sync-store`); opening is idempotent and safe to race.
 * - Every ledger transition and every multi-row write is one `BEGIN IMMEDIATE` transaction
 *   with `synchronous = FULL`: a crash leaves each of them wholly applied or not at all.
 * - `ledger.update` is a single compare-and-set `UPDATE … WHERE version = ?`, so two
 *   processes can never both move one document.
 *
 * Calls run synchronously on the calling thread (`node:sqlite` is synchronous); they are
 * short, indexed statements. On Node 22 the first use prints node's `ExperimentalWarning`
 * for SQLite once per process; the SDK does not hide it (see `docs/scaling.md`).
 *
 * @throws {@link SqliteAdapterError} `sqlite_open_failed`, `sqlite_wal_unavailable`,
 *   `sqlite_migration_failed` or `sqlite_schema_too_new`.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@balance-sync/adapters/sqlite';
 *
 * const store = createSqliteStore({ path: './data/balance-sync.db' });
 * const counts = await store.ledger.counts('main'); // { pending: 0, sent: 0, … }
 * await store.backup(`./backups/balance-sync-${Date.now()}.db`);
 * await store.close();
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteSyncStore {
  const clock = options.clock ?? systemClock;
  const db = openSqliteDatabase({
    path: options.path,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  try {
    applySqliteMigrations(db, {
      namespace: SQLITE_STORE_MIGRATION_NAMESPACE,
      migrations: SQLITE_STORE_MIGRATIONS,
      now: () => clock.now().toISOString(),
    });
    return new SqliteStore(db, options.path, clock);
  } catch (error) {
    db.close();
    if (isSqliteBusyError(error)) {
      throw new SqliteAdapterError(
        'sqlite_busy',
        `SQLite database ${options.path} stayed locked by another connection while migrating`,
        { cause: error },
      );
    }
    throw error;
  }
}
