import type { SqliteMigration } from './sqlite-migrations.js';

/** The namespace of the sync store's migrations in `schema_migrations`. */
export const SQLITE_STORE_MIGRATION_NAMESPACE = 'sync-store';

/**
 * The sync store's schema, one migration per step, never edited once released: a change is a
 * new migration at the end. Every table starts with `sync_` so other components (the SQLite
 * job queue) can share the file. Timestamps are kept as the caller wrote them (`*_at`, text);
 * those the store sorts or filters by also have a `*_ms` column (epoch milliseconds), so
 * `…T08:00:01Z` and `…T08:00:00.500Z` compare as instants. JSON values are text.
 */
export const SQLITE_STORE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'create-sync-store',
    sql: `
      CREATE TABLE sync_product_mappings (
        store_id      TEXT    NOT NULL,
        balance_uid   TEXT    NOT NULL,
        woo_id        INTEGER NOT NULL,
        woo_parent_id INTEGER NOT NULL,
        sku           TEXT    NOT NULL,
        last_pushed   TEXT    NOT NULL,
        updated_at    TEXT    NOT NULL,
        PRIMARY KEY (store_id, balance_uid)
      ) STRICT;

      CREATE TABLE sync_category_mappings (
        store_id        TEXT    NOT NULL,
        group_uid       TEXT    NOT NULL,
        woo_category_id INTEGER NOT NULL,
        origin          TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        PRIMARY KEY (store_id, group_uid)
      ) STRICT;

      CREATE TABLE sync_apply_journal (
        store_id   TEXT    NOT NULL,
        plan_hash  TEXT    NOT NULL,
        entry_id   TEXT    NOT NULL,
        state      TEXT    NOT NULL,
        woo_id     INTEGER,
        error      TEXT,
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (store_id, plan_hash, entry_id)
      ) STRICT;

      CREATE TABLE sync_run_reports (
        store_id    TEXT    NOT NULL,
        id          TEXT    NOT NULL,
        kind        TEXT    NOT NULL,
        status      TEXT    NOT NULL,
        started_at  TEXT    NOT NULL,
        started_ms  INTEGER NOT NULL,
        finished_at TEXT,
        summary     TEXT    NOT NULL,
        details     TEXT,
        error       TEXT,
        PRIMARY KEY (store_id, id)
      ) STRICT;
      CREATE INDEX sync_run_reports_newest ON sync_run_reports (store_id, started_ms DESC, id DESC);
      CREATE INDEX sync_run_reports_kind_newest
        ON sync_run_reports (store_id, kind, started_ms DESC, id DESC);

      CREATE TABLE sync_ledger (
        store_id     TEXT    NOT NULL,
        key          TEXT    NOT NULL,
        uid          TEXT    NOT NULL,
        kind         TEXT    NOT NULL,
        order_id     INTEGER NOT NULL,
        refund_id    INTEGER,
        template     TEXT    NOT NULL,
        payload_hash TEXT    NOT NULL,
        payload      TEXT    NOT NULL,
        total_minor  INTEGER NOT NULL,
        currency     TEXT    NOT NULL,
        state        TEXT    NOT NULL,
        attempts     INTEGER NOT NULL,
        last_error   TEXT,
        drift        TEXT,
        version      INTEGER NOT NULL CHECK (version >= 1),
        created_at   TEXT    NOT NULL,
        created_ms   INTEGER NOT NULL,
        updated_at   TEXT    NOT NULL,
        updated_ms   INTEGER NOT NULL,
        exported_at  TEXT,
        PRIMARY KEY (store_id, key)
      ) STRICT;
      CREATE INDEX sync_ledger_by_order ON sync_ledger (store_id, order_id, created_ms, key);
      CREATE INDEX sync_ledger_by_updated ON sync_ledger (store_id, updated_ms, key);
      CREATE INDEX sync_ledger_by_state ON sync_ledger (store_id, state, updated_ms, key);

      CREATE TABLE sync_cursors (
        store_id   TEXT    NOT NULL,
        name       TEXT    NOT NULL,
        timestamp  TEXT    NOT NULL,
        id         INTEGER NOT NULL,
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (store_id, name)
      ) STRICT;

      CREATE TABLE sync_customers (
        store_id           TEXT NOT NULL,
        key                TEXT NOT NULL,
        balance_client_uid TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        PRIMARY KEY (store_id, key)
      ) STRICT;

      CREATE TABLE sync_settings (
        store_id   TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (store_id, key)
      ) STRICT;
    `,
  },
];
