import type { ChangeCursor, UtcDateTime, WooProductStatus } from './woocommerce-port.js';

/**
 * Values of the fields the catalog writes, one per owned field (the sale is `salePrice` with
 * its window `saleFrom`/`saleTo`; stock is `null` when the product does not manage it).
 *
 * @example
 * ```ts
 * const values: PushedFieldValues = { name: 'Espresso', regularPrice: '18.90', stockQuantity: 38 };
 * ```
 */
export interface PushedFieldValues {
  name?: string;
  regularPrice?: string;
  salePrice?: string;
  saleFrom?: UtcDateTime | null;
  saleTo?: UtcDateTime | null;
  stockQuantity?: number | null;
  categoryIds?: number[];
  status?: WooProductStatus;
}

/**
 * What the SDK sent for fields the store stored differently (see {@link PushedValues.sent}).
 * `sku` is the SKU sent when the store kept another one (WooCommerce runs SKUs through
 * `wc_clean`); the mapping's `sku` is then the one stored.
 *
 * @example
 * ```ts
 * const sent: SentValues = { name: '<script>x</script>Espresso' }; // stored as "Espresso"
 * ```
 */
export interface SentValues extends PushedFieldValues {
  sku?: string;
}

/**
 * The values the SDK last wrote to a product, per owned field, **as the store stored them**
 * (read from the product WooCommerce returns for each write). The planner compares them
 * with the store's current values to tell a manual edit (conflict) from WooCommerce's own
 * changes, and with Balance's values to decide what to update.
 *
 * Stored as JSON by every SyncStore adapter; fields are optional, so mappings written by
 * earlier versions (without `sent`) read the same.
 *
 * @example
 * ```ts
 * // WooCommerce filtered the name through kses: Balance still says what was sent, the store
 * // still holds what it made of it — the planner treats that as unchanged.
 * const lastPushed: PushedValues = { name: 'Espresso', sent: { name: '<script>x</script>Espresso' } };
 * ```
 */
export interface PushedValues extends PushedFieldValues {
  /**
   * For fields WooCommerce stored differently from what the SDK sent (names filtered by
   * `wp_filter_post_kses`, an empty name stored as "Product", stock not kept when the store
   * does not manage stock, unknown category ids dropped, …): the value sent. Absent for
   * fields stored exactly as sent, and in mappings written before this was recorded.
   */
  sent?: SentValues;
}

/** The link between a Balance item and a WooCommerce product or variation. */
export interface ProductMapping {
  balanceUid: string;
  wooId: number;
  /** `0` for products; the parent id for variations. */
  wooParentId: number;
  /** The SKU at the time of the last write. */
  sku: string;
  lastPushed: PushedValues;
  updatedAt: UtcDateTime;
}

/** How a category mapping came to be. */
export type CategoryMappingOrigin = 'configured' | 'created' | 'adopted';

/** The link between a Balance group and a WooCommerce category. */
export interface CategoryMapping {
  groupUid: string;
  wooCategoryId: number;
  origin: CategoryMappingOrigin;
  updatedAt: UtcDateTime;
}

/** Progress of one plan entry while a plan is being applied. */
export type ApplyJournalState = 'in-flight' | 'done' | 'failed';

/**
 * One line of the apply journal. It is written before a batch is sent (`in-flight`) and
 * after its outcome is known, so a crash mid-apply can be finished without duplicates.
 */
export interface ApplyJournalEntry {
  /** The plan entry's id. */
  entryId: string;
  state: ApplyJournalState;
  /** The WooCommerce id once known. */
  wooId?: number;
  /** Why the entry failed, for `failed`. */
  error?: string;
  updatedAt: UtcDateTime;
}

/** Kinds of run the engine reports on. */
export type RunKind =
  | 'catalog-plan'
  | 'catalog-apply'
  | 'stock-apply'
  | 'export-dry-run'
  | 'sweep'
  | 'reconcile';

/** Outcome of a run. */
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** A stored report of one run (an import, a dry run, a sweep, a reconciliation). */
export interface RunReport {
  id: string;
  storeId: string;
  kind: RunKind;
  status: RunStatus;
  startedAt: UtcDateTime;
  finishedAt: UtcDateTime | null;
  /** Counts, e.g. `{ create: 12, update: 3, failed: 1 }`. */
  summary: Record<string, number>;
  /** JSON details (plan entries, payloads of a dry run, reconciliation rows). No secrets. */
  details?: unknown;
  /** Why the run failed, for `failed`. */
  error?: string;
}

/** Options for listing run reports. */
export interface RunReportQuery {
  kind?: RunKind;
  /** @default 50 */
  limit?: number;
}

/** What a ledger row stands for in Balance. */
export type LedgerKind = 'sale' | 'credit' | 'return' | 'client';

/**
 * Where a Balance document is in its life:
 * - `pending`: built and recorded, not sent yet;
 * - `sent`: a PUT was attempted; Balance may or may not have applied it;
 * - `exported`: Balance confirmed it;
 * - `failed`: Balance rejected it (business error); waits for a person;
 * - `dead`: gave up after the configured attempts (outage); waits for a person.
 */
export type LedgerState = 'pending' | 'sent' | 'exported' | 'failed' | 'dead';

/** The last error recorded on a ledger row, with Balance's own messages. */
export interface LedgerError {
  /** A stable error code, e.g. `balance_http_error`, `unmapped_line`. */
  code: string;
  message: string;
  /** Balance's `{"Error":[...]}` messages, verbatim. */
  messages: string[];
  /** HTTP status, when the error came from an HTTP response. */
  status?: number;
  at: UtcDateTime;
}

/** A change in the store after a document was exported that would alter the document. */
export interface LedgerDrift {
  detectedAt: UtcDateTime;
  /** Hash of the payload the current store data would produce. */
  payloadHash: string;
  /** A one-line human description of what differs. */
  summary: string;
}

/**
 * One Balance document the SDK will ever write. The key is deterministic (`sale:<orderId>`,
 * `credit:<refundId>`, `return:<orderId>:<requestId>`, `client:<id number>`), and so is the
 * document uid, so no retry can produce a second document.
 */
export interface LedgerEntry {
  storeId: string;
  key: string;
  /** The Balance document uid (UUIDv5 of the store namespace and the key). */
  uid: string;
  kind: LedgerKind;
  /** The WooCommerce order this document belongs to (`0` for clients). */
  orderId: number;
  refundId: number | null;
  /** Balance URL template written to (`Sale`, `SalesCredit`, `Clients`, …). */
  template: string;
  /** SHA-256 of the canonical JSON of `payload`. */
  payloadHash: string;
  /** The document exactly as sent to Balance. */
  payload: unknown;
  /** Document total in minor units (tetri), for reconciliation. */
  totalMinor: number;
  currency: string;
  state: LedgerState;
  /** Send attempts so far. */
  attempts: number;
  lastError: LedgerError | null;
  drift: LedgerDrift | null;
  /** Incremented by every update; used for compare-and-set. */
  version: number;
  createdAt: UtcDateTime;
  updatedAt: UtcDateTime;
  exportedAt: UtcDateTime | null;
}

/** A ledger row to insert (the store sets `version` to 1). */
export type NewLedgerEntry = Omit<LedgerEntry, 'version'>;

/** Fields a ledger update may change. `updatedAt` is always required. */
export type LedgerPatch = Partial<
  Pick<
    LedgerEntry,
    | 'state'
    | 'attempts'
    | 'lastError'
    | 'drift'
    | 'exportedAt'
    | 'payload'
    | 'payloadHash'
    | 'totalMinor'
  >
> & { updatedAt: UtcDateTime };

/** Filters for listing ledger rows. */
export interface LedgerQuery {
  storeId: string;
  /** Only rows in these states; every state when absent or empty. */
  states?: readonly LedgerState[];
  /** Only rows of these kinds; every kind when absent or empty. */
  kinds?: readonly LedgerKind[];
  orderId?: number;
  /** Only rows updated at or after this instant. */
  updatedFrom?: UtcDateTime;
  /** Only rows updated at or before this instant. */
  updatedTo?: UtcDateTime;
  /** @default 100 */
  limit?: number;
  /** Opaque position returned as `next` by the previous page. */
  cursor?: string;
}

/** A page of ledger rows, ordered by `(updatedAt, key)`. */
export interface LedgerPage {
  entries: LedgerEntry[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  next?: string;
}

/**
 * Everything the engine remembers, scoped by `storeId` so one deployment serves many stores.
 * Adapters: in-memory (`/testing`), SQLite (the embedded default), PostgreSQL. Every adapter
 * passes the same conformance suite.
 *
 * Writes that matter for correctness are atomic: `ledger.insert` is insert-if-absent and
 * `ledger.update` is compare-and-set on `version`, so two workers can never both move the
 * same document.
 *
 * @example
 * ```ts
 * const { entry, inserted } = await store.ledger.insert(newEntry);
 * const sent = await store.ledger.update(entry.storeId, entry.key, entry.version, {
 *   state: 'sent', attempts: entry.attempts + 1, updatedAt: clock.now().toISOString(),
 * });
 * if (!sent) return; // another worker moved it first
 * ```
 */
export interface SyncStore {
  readonly products: {
    list(storeId: string): Promise<ProductMapping[]>;
    /** Inserts or replaces mappings by `balanceUid`. */
    upsert(storeId: string, mappings: readonly ProductMapping[]): Promise<void>;
    remove(storeId: string, balanceUids: readonly string[]): Promise<void>;
  };

  readonly categories: {
    list(storeId: string): Promise<CategoryMapping[]>;
    /** Inserts or replaces mappings by `groupUid`. */
    upsert(storeId: string, mappings: readonly CategoryMapping[]): Promise<void>;
    remove(storeId: string, groupUids: readonly string[]): Promise<void>;
  };

  readonly applyJournal: {
    /** Journal lines of one plan, by entry id. */
    get(storeId: string, planHash: string): Promise<ApplyJournalEntry[]>;
    /** Inserts or replaces lines by entry id. */
    record(storeId: string, planHash: string, entries: readonly ApplyJournalEntry[]): Promise<void>;
    clear(storeId: string, planHash: string): Promise<void>;
  };

  readonly runs: {
    /** Inserts or replaces a report by id. */
    save(report: RunReport): Promise<void>;
    get(storeId: string, id: string): Promise<RunReport | undefined>;
    /** Newest first. */
    list(storeId: string, query?: RunReportQuery): Promise<RunReport[]>;
  };

  readonly ledger: {
    get(storeId: string, key: string): Promise<LedgerEntry | undefined>;
    /** Inserts when no row has this key; returns the stored row either way. */
    insert(entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; inserted: boolean }>;
    /**
     * Compare-and-set: applies `patch` only if the row's version still equals
     * `expectedVersion`, and increments the version. Returns the updated row, or `undefined`
     * when the row is missing or another writer moved it first.
     */
    update(
      storeId: string,
      key: string,
      expectedVersion: number,
      patch: LedgerPatch,
    ): Promise<LedgerEntry | undefined>;
    /** All rows of one order (its Sale, credit notes and returns). */
    listByOrder(storeId: string, orderId: number): Promise<LedgerEntry[]>;
    list(query: LedgerQuery): Promise<LedgerPage>;
    /** Row counts per state. */
    counts(storeId: string): Promise<Record<LedgerState, number>>;
  };

  readonly cursors: {
    get(storeId: string, name: string): Promise<ChangeCursor | undefined>;
    set(storeId: string, name: string, cursor: ChangeCursor): Promise<void>;
  };

  readonly customers: {
    /** The Balance client uid cached for a customer key (`personal:<id>`, `company:<id>`). */
    get(storeId: string, key: string): Promise<string | undefined>;
    put(storeId: string, key: string, balanceClientUid: string): Promise<void>;
  };

  /** Per-store settings saved at run time (e.g. category mapping edited in the console). */
  readonly settings: {
    get(storeId: string, key: string): Promise<unknown>;
    set(storeId: string, key: string, value: unknown): Promise<void>;
  };

  /** Releases connections and file handles. */
  close(): Promise<void>;
}
