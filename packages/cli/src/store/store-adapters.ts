import { schemeOf, type CheckpointStore, type EventStore } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';

/** What the CLI needs to know about a store beyond the `EventStore` port. */
export interface StoreAdapter {
  /** Where the store keeps processor checkpoints, when it can keep them itself. */
  checkpoints(store: EventStore): CheckpointStore | undefined;
  /** Closes the store. */
  close(store: EventStore): Promise<void>;
}

const postgres: StoreAdapter = {
  checkpoints: (store) => (store instanceof PostgresEventStore ? store.checkpoints : undefined),
  close: (store) => store.close(),
};

const EVENTSTOREDB_SCHEMES = new Set(['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:']);

/** How long the CLI waits for EventStoreDB's client to close. */
export const EVENTSTOREDB_CLOSE_WAIT_MS = 5000;

/**
 * Closes, but gives up after `waitMs`: EventStoreDB's client can wait forever on a read that
 * was stopped early, and with nothing else left to run, an await that never settles ends the
 * process with exit code 13 instead of the command's.
 */
export async function closeWithin(store: EventStore, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  try {
    await Promise.race([store.close(), givenUp]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registers the adapter a URL needs with the CLI's own `createEventStore`. The config cannot do
 * it: tsx loads the config in a module namespace of its own, so an adapter it imports registers
 * with another copy of core. EventStoreDB is imported only for its URLs: its gRPC client is not
 * loaded otherwise.
 */
export async function loadStoreAdapter(url: string): Promise<StoreAdapter> {
  if (!EVENTSTOREDB_SCHEMES.has(schemeOf(url))) return postgres;
  const { EventStoreDBCheckpointStore, EventStoreDBEventStore } = await import('@strata/eventstoredb');
  return {
    checkpoints: (store) =>
      store instanceof EventStoreDBEventStore ? new EventStoreDBCheckpointStore(store) : undefined,
    close: (store) => closeWithin(store, EVENTSTOREDB_CLOSE_WAIT_MS),
  };
}
