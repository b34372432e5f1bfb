import type {
  ApplyJournalEntry,
  CategoryMapping,
  LedgerEntry,
  LedgerPage,
  LedgerPatch,
  LedgerQuery,
  NewLedgerEntry,
  ProductMapping,
  RunReport,
  RunReportQuery,
  SyncStore,
} from '../ports/sync-store.js';
import type { ChangeCursor } from '../ports/woocommerce-port.js';
import {
  emptyLedgerCounts,
  encodeLedgerCursor,
  syncStoreInputRules,
} from '../store/sync-store-values.js';

/** Codes of the errors the in-memory store throws; the same codes the real adapters use. */
type InMemoryStoreErrorCode =
  | 'store_closed'
  | 'invalid_cursor'
  | 'invalid_timestamp'
  | 'invalid_query';

class InMemoryStoreError extends Error {
  override readonly name = 'InMemoryStoreError';
  readonly code: InMemoryStoreErrorCode;

  constructor(code: InMemoryStoreErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const DEFAULT_LEDGER_LIMIT = 100;
const DEFAULT_RUN_LIMIT = 50;

const { instantMs, pageLimit, decodeLedgerCursor } = syncStoreInputRules(
  (code, message) => new InMemoryStoreError(code, message),
);

/** A deep copy with JSON semantics, exactly what a database column of JSON would give back. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function copyProduct(mapping: ProductMapping): ProductMapping {
  return jsonCopy({
    balanceUid: mapping.balanceUid,
    wooId: mapping.wooId,
    wooParentId: mapping.wooParentId,
    sku: mapping.sku,
    lastPushed: mapping.lastPushed ?? {},
    updatedAt: mapping.updatedAt,
  });
}

function copyCategory(mapping: CategoryMapping): CategoryMapping {
  return {
    groupUid: mapping.groupUid,
    wooCategoryId: mapping.wooCategoryId,
    origin: mapping.origin,
    updatedAt: mapping.updatedAt,
  };
}

function copyJournalEntry(entry: ApplyJournalEntry): ApplyJournalEntry {
  const copy: ApplyJournalEntry = {
    entryId: entry.entryId,
    state: entry.state,
    updatedAt: entry.updatedAt,
  };
  if (entry.wooId !== undefined && entry.wooId !== null) copy.wooId = entry.wooId;
  if (entry.error !== undefined && entry.error !== null) copy.error = entry.error;
  return copy;
}

function copyRunReport(report: RunReport): RunReport {
  const copy: RunReport = {
    id: report.id,
    storeId: report.storeId,
    kind: report.kind,
    status: report.status,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt ?? null,
    summary: jsonCopy(report.summary ?? {}),
  };
  if (report.details !== undefined) copy.details = jsonCopy(report.details);
  if (report.error !== undefined && report.error !== null) copy.error = report.error;
  return copy;
}

function copyLedgerEntry(entry: LedgerEntry): LedgerEntry {
  return jsonCopy({
    storeId: entry.storeId,
    key: entry.key,
    uid: entry.uid,
    kind: entry.kind,
    orderId: entry.orderId,
    refundId: entry.refundId ?? null,
    template: entry.template,
    payloadHash: entry.payloadHash,
    payload: entry.payload ?? null,
    totalMinor: entry.totalMinor,
    currency: entry.currency,
    state: entry.state,
    attempts: entry.attempts,
    lastError: entry.lastError ?? null,
    drift: entry.drift ?? null,
    version: entry.version,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    exportedAt: entry.exportedAt ?? null,
  });
}

/** The fields a ledger patch may change, in the order they are applied. */
const PATCHABLE_FIELDS = [
  'state',
  'attempts',
  'lastError',
  'drift',
  'exportedAt',
  'payload',
  'payloadHash',
  'totalMinor',
  'updatedAt',
] as const satisfies readonly (keyof LedgerPatch)[];

interface StoredLedgerEntry {
  entry: LedgerEntry;
  updatedMs: number;
  createdMs: number;
}

interface StoredRunReport {
  report: RunReport;
  startedMs: number;
}

/** Everything kept for one store id. */
class StoreData {
  readonly products = new Map<string, ProductMapping>();
  readonly categories = new Map<string, CategoryMapping>();
  readonly journal = new Map<string, Map<string, ApplyJournalEntry>>();
  readonly runs = new Map<string, StoredRunReport>();
  readonly ledger = new Map<string, StoredLedgerEntry>();
  readonly cursors = new Map<string, ChangeCursor>();
  readonly customers = new Map<string, string>();
  readonly settings = new Map<string, string>();
}

/**
 * A {@link SyncStore} kept in memory, for tests and the `memory` storage driver. It has the
 * same semantics as the SQLite and PostgreSQL adapters (it passes the same conformance
 * suite): values are deep-copied in and out with JSON semantics, so a caller can never
 * mutate stored state, `ledger.insert` is insert-if-absent and `ledger.update` is
 * compare-and-set on `version`. Nothing survives the process.
 *
 * @example
 * ```ts
 * const store = new InMemorySyncStore();
 * const { entry } = await store.ledger.insert(newEntry);
 * await store.ledger.update(entry.storeId, entry.key, entry.version, {
 *   state: 'sent',
 *   attempts: 1,
 *   updatedAt: '2026-11-27T08:00:01.000Z',
 * });
 * ```
 */
export class InMemorySyncStore implements SyncStore {
  readonly #stores = new Map<string, StoreData>();
  #closed = false;

  #data(storeId: string): StoreData {
    if (this.#closed) throw new InMemoryStoreError('store_closed', 'the store is closed');
    let data = this.#stores.get(storeId);
    if (!data) {
      data = new StoreData();
      this.#stores.set(storeId, data);
    }
    return data;
  }

  readonly products: SyncStore['products'] = {
    list: async (storeId) =>
      [...this.#data(storeId).products.values()]
        .sort((a, b) => compareText(a.balanceUid, b.balanceUid))
        .map(copyProduct),
    upsert: async (storeId, mappings) => {
      const data = this.#data(storeId);
      const copies = mappings.map(copyProduct);
      for (const mapping of copies) data.products.set(mapping.balanceUid, mapping);
    },
    remove: async (storeId, balanceUids) => {
      const data = this.#data(storeId);
      for (const uid of balanceUids) data.products.delete(uid);
    },
  };

  readonly categories: SyncStore['categories'] = {
    list: async (storeId) =>
      [...this.#data(storeId).categories.values()]
        .sort((a, b) => compareText(a.groupUid, b.groupUid))
        .map(copyCategory),
    upsert: async (storeId, mappings) => {
      const data = this.#data(storeId);
      for (const mapping of mappings.map(copyCategory))
        data.categories.set(mapping.groupUid, mapping);
    },
    remove: async (storeId, groupUids) => {
      const data = this.#data(storeId);
      for (const uid of groupUids) data.categories.delete(uid);
    },
  };

  readonly applyJournal: SyncStore['applyJournal'] = {
    get: async (storeId, planHash) =>
      [...(this.#data(storeId).journal.get(planHash)?.values() ?? [])]
        .sort((a, b) => compareText(a.entryId, b.entryId))
        .map(copyJournalEntry),
    record: async (storeId, planHash, entries) => {
      const data = this.#data(storeId);
      const copies = entries.map(copyJournalEntry);
      let plan = data.journal.get(planHash);
      if (!plan) {
        plan = new Map();
        data.journal.set(planHash, plan);
      }
      for (const entry of copies) plan.set(entry.entryId, entry);
    },
    clear: async (storeId, planHash) => {
      this.#data(storeId).journal.delete(planHash);
    },
  };

  readonly runs: SyncStore['runs'] = {
    save: async (report) => {
      const startedMs = instantMs(report.startedAt, 'startedAt');
      const data = this.#data(report.storeId);
      data.runs.set(report.id, { report: copyRunReport(report), startedMs });
    },
    get: async (storeId, id) => {
      const stored = this.#data(storeId).runs.get(id);
      return stored ? copyRunReport(stored.report) : undefined;
    },
    list: async (storeId, query: RunReportQuery = {}) => {
      const data = this.#data(storeId);
      const limit = pageLimit(query.limit, DEFAULT_RUN_LIMIT);
      return [...data.runs.values()]
        .filter((stored) => query.kind === undefined || stored.report.kind === query.kind)
        .sort((a, b) => b.startedMs - a.startedMs || compareText(b.report.id, a.report.id))
        .slice(0, limit)
        .map((stored) => copyRunReport(stored.report));
    },
  };

  readonly ledger: SyncStore['ledger'] = {
    get: async (storeId, key) => {
      const stored = this.#data(storeId).ledger.get(key);
      return stored ? copyLedgerEntry(stored.entry) : undefined;
    },
    insert: async (newEntry: NewLedgerEntry) => {
      const createdMs = instantMs(newEntry.createdAt, 'createdAt');
      const updatedMs = instantMs(newEntry.updatedAt, 'updatedAt');
      const data = this.#data(newEntry.storeId);
      const existing = data.ledger.get(newEntry.key);
      if (existing) return { entry: copyLedgerEntry(existing.entry), inserted: false };
      const entry = copyLedgerEntry({ ...newEntry, version: 1 });
      data.ledger.set(entry.key, { entry, updatedMs, createdMs });
      return { entry: copyLedgerEntry(entry), inserted: true };
    },
    update: async (storeId, key, expectedVersion, patch) => {
      const updatedMs = instantMs(patch.updatedAt, 'updatedAt');
      const data = this.#data(storeId);
      const stored = data.ledger.get(key);
      if (!stored || stored.entry.version !== expectedVersion) return undefined;
      const next: LedgerEntry = { ...stored.entry };
      const changes: Partial<Record<keyof LedgerPatch, unknown>> = {};
      for (const field of PATCHABLE_FIELDS) {
        if (patch[field] !== undefined) changes[field] = patch[field];
      }
      Object.assign(next, changes, { version: stored.entry.version + 1 });
      const entry = copyLedgerEntry(next);
      data.ledger.set(key, { entry, updatedMs, createdMs: stored.createdMs });
      return copyLedgerEntry(entry);
    },
    listByOrder: async (storeId, orderId) =>
      [...this.#data(storeId).ledger.values()]
        .filter((stored) => stored.entry.orderId === orderId)
        .sort((a, b) => a.createdMs - b.createdMs || compareText(a.entry.key, b.entry.key))
        .map((stored) => copyLedgerEntry(stored.entry)),
    list: async (query: LedgerQuery): Promise<LedgerPage> => {
      const data = this.#data(query.storeId);
      const limit = pageLimit(query.limit, DEFAULT_LEDGER_LIMIT);
      const after = query.cursor === undefined ? undefined : decodeLedgerCursor(query.cursor);
      const fromMs =
        query.updatedFrom === undefined ? undefined : instantMs(query.updatedFrom, 'updatedFrom');
      const toMs =
        query.updatedTo === undefined ? undefined : instantMs(query.updatedTo, 'updatedTo');
      const states = query.states?.length ? new Set(query.states) : undefined;
      const kinds = query.kinds?.length ? new Set(query.kinds) : undefined;
      const matching = [...data.ledger.values()]
        .filter(({ entry, updatedMs }) => {
          if (states && !states.has(entry.state)) return false;
          if (kinds && !kinds.has(entry.kind)) return false;
          if (query.orderId !== undefined && entry.orderId !== query.orderId) return false;
          if (fromMs !== undefined && updatedMs < fromMs) return false;
          if (toMs !== undefined && updatedMs > toMs) return false;
          if (after) {
            if (updatedMs < after.updatedMs) return false;
            if (updatedMs === after.updatedMs && compareText(entry.key, after.key) <= 0)
              return false;
          }
          return true;
        })
        .sort((a, b) => a.updatedMs - b.updatedMs || compareText(a.entry.key, b.entry.key));
      const page = matching.slice(0, limit);
      const last = page.at(-1);
      const result: LedgerPage = { entries: page.map((stored) => copyLedgerEntry(stored.entry)) };
      if (matching.length > limit && last)
        result.next = encodeLedgerCursor(last.updatedMs, last.entry.key);
      return result;
    },
    counts: async (storeId) => {
      const counts = emptyLedgerCounts();
      for (const { entry } of this.#data(storeId).ledger.values()) counts[entry.state] += 1;
      return counts;
    },
  };

  readonly cursors: SyncStore['cursors'] = {
    get: async (storeId, name) => {
      const cursor = this.#data(storeId).cursors.get(name);
      return cursor ? { timestamp: cursor.timestamp, id: cursor.id } : undefined;
    },
    set: async (storeId, name, cursor) => {
      this.#data(storeId).cursors.set(name, { timestamp: cursor.timestamp, id: cursor.id });
    },
  };

  readonly customers: SyncStore['customers'] = {
    get: async (storeId, key) => this.#data(storeId).customers.get(key),
    put: async (storeId, key, balanceClientUid) => {
      this.#data(storeId).customers.set(key, balanceClientUid);
    },
  };

  readonly settings: SyncStore['settings'] = {
    get: async (storeId, key) => {
      const json = this.#data(storeId).settings.get(key);
      return json === undefined ? undefined : JSON.parse(json);
    },
    set: async (storeId, key, value) => {
      const data = this.#data(storeId);
      const json = JSON.stringify(value);
      if (json === undefined) data.settings.delete(key);
      else data.settings.set(key, json);
    },
  };

  async close(): Promise<void> {
    this.#closed = true;
  }
}
