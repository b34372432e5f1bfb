/** One step of the PostgreSQL schema, applied once and recorded in `schema_migrations`. */
export interface PostgresMigration {
  /** Position in the history: 1, 2, 3, … without gaps. */
  version: number;
  /** Short name, recorded beside the version. */
  name: string;
  /** The statements for a schema, given as a quoted identifier. */
  sql: (schema: string) => string;
}

/** The namespace of the sync store's migrations in `schema_migrations`. */
export const POSTGRES_STORE_MIGRATION_NAMESPACE = 'sync-store';

/**
 * The sync store's schema, one migration per step, never edited once released: a change is a
 * new migration at the end. Key columns use the `"C"` collation, so ordering (and the ledger
 * cursor) is by code point whatever the database's locale. Timestamps are kept as the caller
 * wrote them (`*_at`, text); those the store sorts or filters by also have a `*_ms` column
 * (epoch milliseconds). JSON values are `jsonb`.
 */
export const POSTGRES_STORE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-sync-store',
    sql: (s) => `
      CREATE TABLE ${s}.sync_product_mappings (
        store_id      text COLLATE "C" NOT NULL,
        balance_uid   text COLLATE "C" NOT NULL,
        woo_id        bigint NOT NULL,
        woo_parent_id bigint NOT NULL,
        sku           text   NOT NULL,
        last_pushed   jsonb  NOT NULL,
        updated_at    text   NOT NULL,
        PRIMARY KEY (store_id, balance_uid)
      );

      CREATE TABLE ${s}.sync_category_mappings (
        store_id        text COLLATE "C" NOT NULL,
        group_uid       text COLLATE "C" NOT NULL,
        woo_category_id bigint NOT NULL,
        origin          text   NOT NULL,
        updated_at      text   NOT NULL,
        PRIMARY KEY (store_id, group_uid)
      );

      CREATE TABLE ${s}.sync_apply_journal (
        store_id   text COLLATE "C" NOT NULL,
        plan_hash  text COLLATE "C" NOT NULL,
        entry_id   text COLLATE "C" NOT NULL,
        state      text   NOT NULL,
        woo_id     bigint,
        error      text,
        updated_at text   NOT NULL,
        PRIMARY KEY (store_id, plan_hash, entry_id)
      );

      CREATE TABLE ${s}.sync_run_reports (
        store_id    text COLLATE "C" NOT NULL,
        id          text COLLATE "C" NOT NULL,
        kind        text   NOT NULL,
        status      text   NOT NULL,
        started_at  text   NOT NULL,
        started_ms  bigint NOT NULL,
        finished_at text,
        summary     jsonb  NOT NULL,
        details     jsonb,
        error       text,
        PRIMARY KEY (store_id, id)
      );
      CREATE INDEX sync_run_reports_newest
        ON ${s}.sync_run_reports (store_id, started_ms DESC, id DESC);
      CREATE INDEX sync_run_reports_kind_newest
        ON ${s}.sync_run_reports (store_id, kind, started_ms DESC, id DESC);

      CREATE TABLE ${s}.sync_ledger (
        store_id     text COLLATE "C" NOT NULL,
        key          text COLLATE "C" NOT NULL,
        uid          text    NOT NULL,
        kind         text    NOT NULL,
        order_id     bigint  NOT NULL,
        refund_id    bigint,
        template     text    NOT NULL,
        payload_hash text    NOT NULL,
        payload      jsonb   NOT NULL,
        total_minor  bigint  NOT NULL,
        currency     text    NOT NULL,
        state        text    NOT NULL,
        attempts     integer NOT NULL,
        last_error   jsonb,
        drift        jsonb,
        version      bigint  NOT NULL CHECK (version >= 1),
        created_at   text    NOT NULL,
        created_ms   bigint  NOT NULL,
        updated_at   text    NOT NULL,
        updated_ms   bigint  NOT NULL,
        exported_at  text,
        PRIMARY KEY (store_id, key)
      );
      CREATE INDEX sync_ledger_by_order ON ${s}.sync_ledger (store_id, order_id, created_ms, key);
      CREATE INDEX sync_ledger_by_updated ON ${s}.sync_ledger (store_id, updated_ms, key);
      CREATE INDEX sync_ledger_by_state ON ${s}.sync_ledger (store_id, state, updated_ms, key);

      CREATE TABLE ${s}.sync_cursors (
        store_id   text COLLATE "C" NOT NULL,
        name       text COLLATE "C" NOT NULL,
        timestamp  text   NOT NULL,
        id         bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (store_id, name)
      );

      CREATE TABLE ${s}.sync_customers (
        store_id           text COLLATE "C" NOT NULL,
        key                text COLLATE "C" NOT NULL,
        balance_client_uid text NOT NULL,
        updated_at         timestamptz NOT NULL,
        PRIMARY KEY (store_id, key)
      );

      CREATE TABLE ${s}.sync_settings (
        store_id   text COLLATE "C" NOT NULL,
        key        text COLLATE "C" NOT NULL,
        value      jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (store_id, key)
      );
    `,
  },
];
