import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, beforeAll } from 'vitest';
import {
  EventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from '../store/eventstoredb-event-store.js';
import { TestServer, type TestServerOptions } from './test-server.js';

export interface Harness {
  readonly server: TestServer;
  /** A raw client, as another EventStoreDB application would use it. */
  readonly raw: () => EventStoreDBClient;
  /** A Strata store on the test server; the harness closes it after the file. */
  readonly store: (
    options?: Omit<EventStoreDBEventStoreOptions, 'client' | 'connectionString'>,
  ) => EventStoreDBEventStore;
}

/** Starts a test server for one test file and closes every client and store it handed out. */
export function useTestServer(options: TestServerOptions = {}): Harness {
  const server = new TestServer(options);
  const stores: EventStoreDBEventStore[] = [];
  let raw: EventStoreDBClient | undefined;
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await raw?.dispose();
    await server.stop();
  });
  return {
    server,
    raw: () => (raw ??= EventStoreDBClient.connectionString(server.url)),
    store: (storeOptions = {}) => {
      const store = new EventStoreDBEventStore({ connectionString: server.url, ...storeOptions });
      stores.push(store);
      return store;
    },
  };
}
