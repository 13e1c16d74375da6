import { EventStoreDBClient } from '@eventstore/db-client';
import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  describeSnapshotStoreContract,
} from '@strata/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { EventStoreDBCheckpointStore } from '../checkpoints/eventstoredb-checkpoint-store.js';
import { EventStoreDBSnapshotStore } from '../snapshots/eventstoredb-snapshot-store.js';
import { EventStoreDBEventStore } from '../store/eventstoredb-event-store.js';
import { TestServer } from '../test-server/test-server.js';

// The contract suites on the adapter, against the test server (always) and against a real
// server when EVENTSTOREDB_URL is set.
const server = new TestServer();
let client: EventStoreDBClient;

beforeAll(async () => {
  await server.start();
  client = EventStoreDBClient.connectionString(server.url);
});
afterAll(async () => {
  await client.dispose();
  await server.stop();
});

describeEventStoreContract(
  'EventStoreDBEventStore on the test server',
  ({ events }) => new EventStoreDBEventStore({ connectionString: server.url, ...(events ? { events } : {}) }),
);
describeCheckpointStoreContract(
  'EventStoreDBCheckpointStore on the test server',
  () => new EventStoreDBCheckpointStore(client),
);
describeSnapshotStoreContract(
  'EventStoreDBSnapshotStore on the test server',
  () => new EventStoreDBSnapshotStore(client),
);

// A real EventStoreDB / KurrentDB server, only when one is given: the one allowed skip.
const realUrl = process.env.EVENTSTOREDB_URL;
if (!realUrl) {
  console.info('EVENTSTOREDB_URL is not set: the contract suites against a real server are skipped.');
}
describe.skipIf(!realUrl)(`a real server at EVENTSTOREDB_URL`, () => {
  const url = realUrl ?? '';
  let realClient: EventStoreDBClient;
  beforeAll(() => {
    realClient = EventStoreDBClient.connectionString(url);
  });
  afterAll(async () => {
    await realClient.dispose();
  });
  describeEventStoreContract('EventStoreDBEventStore on a real server', ({ events }) => {
    return new EventStoreDBEventStore({ connectionString: url, ...(events ? { events } : {}) });
  });
  describeCheckpointStoreContract(
    'EventStoreDBCheckpointStore on a real server',
    () => new EventStoreDBCheckpointStore(realClient),
  );
  describeSnapshotStoreContract(
    'EventStoreDBSnapshotStore on a real server',
    () => new EventStoreDBSnapshotStore(realClient),
  );
});
