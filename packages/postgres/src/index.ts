import { registerEventStore } from '@strata/core';
import { fromCreateOptions } from './store/options.js';
import { PostgresEventStore } from './store/postgres-event-store.js';

export { PostgresEventStore } from './store/postgres-event-store.js';
export type { PostgresEventStoreOptions } from './store/options.js';
export type { PostgresTransaction } from './unit-of-work/postgres-transaction.js';
export type { PostgresCheckpointStore } from './checkpoints/postgres-checkpoint-store.js';
export type { PostgresSnapshotStore } from './snapshots/postgres-snapshot-store.js';
export type { MigrationReport } from './migrations/migrate.js';
export { PostgresLease, type LeaseSqlClient, type PostgresLeaseOptions } from './lease/postgres-lease.js';
export { PostgresStoreError } from './errors/postgres-store-error.js';
export { ConnectionLostError } from './errors/connection-lost-error.js';
export { CorruptRowError } from './errors/corrupt-row-error.js';
export { UnsupportedValueError } from './errors/unsupported-value-error.js';

// Importing the package registers its URLs with core's `createEventStore` (hence "sideEffects").
registerEventStore(
  ['postgres:', 'postgresql:', 'pglite:'],
  (url, options) => new PostgresEventStore(fromCreateOptions(url, options)),
);
