// Compile-time check (package typecheck): every type the server answers with still fits the
// shape the console UI reads (src/console/ui/api-types.ts). A server change that would break
// a page breaks `pnpm typecheck` here instead.
import type { ConnectionReport } from '@balance-sync/balance-client';
import type {
  CatalogPlanData,
  CatalogReason,
  Job,
  LedgerEntry,
  LedgerState,
  ReconciliationReport,
  SavedCategoryChoices,
} from '@balance-sync/woo-sync-core';
import type { CatalogApplyProgress } from '../../src/console/catalog-apply-tracker.js';
import type * as Ui from '../../src/console/ui/api-types.js';
import type { StoreConnectionReport } from '../../src/runtime/operations/test-store-connection.js';

type Fits<Server, UiShape> = Server extends UiShape ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type ApiTypeChecks = [
  Holds<Fits<StoreConnectionReport, Ui.StoreConnectionReport>>,
  Holds<Fits<ConnectionReport, Ui.StoreConnectionReport['balance']>>,
  Holds<Fits<CatalogPlanData, Ui.CatalogPlanData>>,
  Holds<Same<CatalogReason, Ui.CatalogReason>>,
  Holds<Fits<CatalogApplyProgress, Ui.CatalogApplyProgress>>,
  Holds<Fits<SavedCategoryChoices, Ui.SavedCategoryChoices>>,
  Holds<Fits<LedgerEntry, Ui.LedgerEntry>>,
  Holds<Same<LedgerState, Ui.LedgerState>>,
  Holds<Fits<Job, Ui.Job>>,
  Holds<Fits<ReconciliationReport, Ui.ReconciliationReport>>,
];
