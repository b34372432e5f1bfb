import { createPostgresStore } from '@balance-sync/adapters/postgres';
import { describeSyncStoreConformance } from '@balance-sync/woo-sync-core/testing';
import { afterAll } from 'vitest';
import { describeWithService, serviceUrl } from '../support/services.js';
import { dropSchema, freshSchemaName } from './postgres-schema.js';

const connectionString = serviceUrl('DATABASE_URL');
const schema = freshSchemaName('conformance');

describeWithService('DATABASE_URL')('PostgreSQL store', () => {
  afterAll(async () => {
    if (connectionString) await dropSchema(connectionString, schema);
  });

  // Every test opens its own store (and pool) on the same schema, as workers would.
  describeSyncStoreConformance('PostgreSQL', () =>
    createPostgresStore({ connectionString: connectionString!, schema }),
  );
});
