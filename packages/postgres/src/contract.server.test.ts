import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  describeSnapshotStoreContract,
} from '@strata/testing';
import { afterAll } from 'vitest';
import { PostgresEventStore } from './index.js';
import { dropSchema, serverPool, uniqueSchema } from './test-support/databases.js';

// One schema for the file: the suites keep their streams, types and names apart themselves.
const pool = serverPool();
const schema = uniqueSchema('contract');

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

describeEventStoreContract(
  'PostgresEventStore (server)',
  ({ events }) => new PostgresEventStore({ pool, schema, ...(events ? { events } : {}) }),
);

const stores: PostgresEventStore[] = [];
const storeFor = () => {
  const store = new PostgresEventStore({ pool, schema });
  stores.push(store);
  return store;
};
afterAll(() => Promise.all(stores.map((store) => store.close())));

describeCheckpointStoreContract('PostgresCheckpointStore (server)', () => storeFor().checkpoints);
describeSnapshotStoreContract('PostgresSnapshotStore (server)', () => storeFor().snapshots);
