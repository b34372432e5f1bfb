import type { SyncStore } from '../ports/sync-store.js';
import type { WooOrder } from '../ports/woocommerce-port.js';
import type { ClientDocument } from './balance-documents.js';
import type { BuildFailure } from './build-issue.js';
import { identifyCustomer } from './customer-identity.js';
import type { OrderExportConfig } from './order-export-config.js';

/**
 * The part of the Balance client {@link resolveCustomer} uses. The `BalanceClient` of
 * `@balance-sync/balance-client` fits as it is.
 *
 * @example
 * ```ts
 * const directory: CustomerDirectory = createBalanceClient(options);
 * ```
 */
export interface CustomerDirectory {
  readonly clients: {
    /** Clients whose `ID` equals `idNumber`. */
    findById(idNumber: string): Promise<readonly { readonly uid: string }[]>;
    /** `PUT Clients` with the given uid (an idempotent upsert). */
    upsert(client: ClientDocument): Promise<{ readonly dryRun: boolean }>;
  };
}

/**
 * Input of {@link resolveCustomer}.
 *
 * @example
 * ```ts
 * const input: ResolveCustomerInput = { order, config: { store, orders }, balance, store: syncStore };
 * ```
 */
export interface ResolveCustomerInput {
  readonly order: WooOrder;
  readonly config: OrderExportConfig;
  readonly balance: CustomerDirectory;
  readonly store: Pick<SyncStore, 'customers'>;
}

/**
 * Where the client came from: the retail client, the SyncStore cache, an existing Balance
 * client with the same ID, or a client just created with the deterministic uid.
 */
export type CustomerSource = 'retail' | 'cache' | 'balance' | 'created';

/**
 * The outcome of {@link resolveCustomer}: the Balance client to put on the Sale, or the
 * issues (an invalid personal number or company ID) that stop the export.
 *
 * @example
 * ```ts
 * const resolution: CustomerResolution = await resolveCustomer(input);
 * ```
 */
export type CustomerResolution =
  | {
      readonly ok: true;
      /** The value for `Sale.Client`. */
      readonly client: string;
      readonly source: CustomerSource;
      /** The cache key, for per-customer clients. */
      readonly lookupKey?: string;
    }
  | BuildFailure;

/**
 * Finds or creates the Balance client of an order ({@link identifyCustomer} decides who):
 *
 * 1. the retail client needs no lookup;
 * 2. else the `SyncStore.customers` cache (`personal:<id>` / `company:<id>`);
 * 3. else `balance.clients.findById(id)` — an existing client (e.g. entered by hand) is
 *    used and cached;
 * 4. else `balance.clients.upsert()` with the deterministic uid `UUIDv5(client:<id>)`, so a
 *    retry after a lost response updates the same client instead of creating a duplicate;
 *    the uid is cached, except when the client is in dry-run mode (nothing was created).
 *
 * It does no I/O of its own: only the injected client and store port. Errors of those
 * calls (Balance down, storage failing) are thrown as they come, for the job to retry.
 *
 * @example
 * ```ts
 * const customer = await resolveCustomer({ order, config: { store, orders }, balance, store: syncStore });
 * if (!customer.ok) return markFailed(customer.issues);
 * const sale = buildSale({ order, client: customer.client, resolveItem, config: { store, orders } });
 * ```
 */
export async function resolveCustomer(input: ResolveCustomerInput): Promise<CustomerResolution> {
  const identified = identifyCustomer(input.order, input.config);
  if (!identified.ok) return identified;
  const { identity } = identified;
  if (identity.kind === 'retail') return { ok: true, client: identity.client, source: 'retail' };

  const storeId = input.config.store.id;
  const { lookupKey } = identity;
  const cached = await input.store.customers.get(storeId, lookupKey);
  if (cached) return { ok: true, client: cached, source: 'cache', lookupKey };

  const [existing] = await input.balance.clients.findById(identity.idNumber);
  if (existing) {
    await input.store.customers.put(storeId, lookupKey, existing.uid);
    return { ok: true, client: existing.uid, source: 'balance', lookupKey };
  }

  const written = await input.balance.clients.upsert(identity.document);
  if (!written.dryRun) await input.store.customers.put(storeId, lookupKey, identity.uid);
  return { ok: true, client: identity.uid, source: 'created', lookupKey };
}
