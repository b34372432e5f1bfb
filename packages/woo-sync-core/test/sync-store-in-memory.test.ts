import {
  describeSyncStoreConformance,
  InMemorySyncStore,
} from '@balance-sync/woo-sync-core/testing';

describeSyncStoreConformance('in-memory', () => new InMemorySyncStore());
