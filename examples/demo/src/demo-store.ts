// Opens the store the demo runs on, with the checkpoint store and read-model target that suit it:
// on PostgreSQL (server or PGlite) the read models are tables written in the same transaction as
// their checkpoints; elsewhere they are kept in memory.
import { isAbsolute, resolve } from 'node:path';
import { MemoryCheckpointStore, createEventStore, type CheckpointStore, type EventStore } from '@strata/core';
import { EventStoreDBCheckpointStore, EventStoreDBEventStore } from '@strata/eventstoredb';
import { PostgresEventStore } from '@strata/postgres';
import { MemoryReadModelTarget, type ReadModelTarget } from '@strata/projections';
import { PostgresReadModelTarget } from '@strata/projections/postgres';

export interface DemoStore {
  readonly url: string;
  readonly store: EventStore;
  /** Where the saga orchestrators keep their checkpoints. */
  readonly checkpoints: CheckpointStore;
  /** Where the read models go. */
  readonly target: ReadModelTarget;
  /** What the store is, in a few words, for the narration. */
  readonly kind: string;
}

/**
 * `''` on an empty store; otherwise a suffix for this run's ids, so a second run on a store that
 * keeps its data (a PGlite directory, a server) starts new streams instead of colliding.
 */
export async function runSuffix(store: EventStore, clock: () => number = Date.now): Promise<string> {
  for await (const _ of store.readAll({ maxCount: 1 })) return `-${clock().toString(36)}`;
  return '';
}

export interface DemoStoreOptions {
  /** PostgreSQL only: the schema of the store and its read models (default `strata`). */
  readonly schema?: string;
}

/**
 * `pnpm demo` runs in this package's folder: a relative `pglite:./dir` means the folder the user
 * ran it from (pnpm passes it as INIT_CWD).
 */
export function fromUserDirectory(url: string, cwd: string | undefined): string {
  if (!cwd || !url.startsWith('pglite:')) return url;
  const path = url.slice('pglite:'.length);
  if (path === '' || path.startsWith('memory:') || isAbsolute(path)) return url;
  return `pglite:${resolve(cwd, path)}`;
}

export function openDemoStore(url: string, options: DemoStoreOptions = {}): DemoStore {
  const store = createEventStore(
    fromUserDirectory(url, process.env['INIT_CWD']),
    options.schema ? { schema: options.schema } : {},
  );
  if (store instanceof PostgresEventStore) {
    return {
      url,
      store,
      checkpoints: store.checkpoints,
      target: new PostgresReadModelTarget({ store }),
      kind: url.startsWith('pglite:') ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL',
    };
  }
  if (store instanceof EventStoreDBEventStore) {
    return {
      url,
      store,
      checkpoints: new EventStoreDBCheckpointStore(store),
      target: new MemoryReadModelTarget(),
      kind: 'EventStoreDB, read models in memory',
    };
  }
  return {
    url,
    store,
    checkpoints: new MemoryCheckpointStore(),
    target: new MemoryReadModelTarget(),
    kind: 'memory',
  };
}
