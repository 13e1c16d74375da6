import type { EventInput, ExpectedRevision } from '@strata/core';
import type { PostgresEventStore } from '@strata/postgres';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import type { RunOutcome, TimedCase } from '../harness/timed-case.js';
import { countStored, type Backend } from './backend.js';

export const pgAppendCase = {
  one: (backend: string) => `${backend}: append 1/call`,
  hundred: (backend: string) => `${backend}: append 100/call`,
  writers: (backend: string, writers: number) => `${backend}: ${writers} writers × 1/call`,
};

const expectedOf = (revision: bigint): ExpectedRevision => (revision === -1n ? 'no_stream' : revision);

/**
 * Appends `batches` (each one call) into one stream, in order, each with the expected revision
 * a repository passes. Returns the last revision.
 */
async function appendInOrder(
  store: PostgresEventStore,
  streamId: string,
  batches: readonly (readonly EventInput[])[],
): Promise<bigint> {
  let revision = -1n;
  for (const batch of batches) {
    const result = await store.append(streamId, batch, { expectedRevision: expectedOf(revision) });
    revision = result.nextExpectedRevision;
  }
  return revision;
}

/** The checks every append case makes: the writers' last revisions and what the schema holds. */
async function checked(
  what: string,
  backend: Backend,
  store: PostgresEventStore,
  dispose: () => Promise<void>,
  events: number,
  lastRevisions: readonly bigint[],
  expectedLast: bigint,
): Promise<RunOutcome> {
  return {
    events,
    verify: async () => {
      lastRevisions.forEach((revision, k) => {
        if (revision !== expectedLast)
          throw new Error(`${what}: stream ${k} ends at revision ${revision}, expected ${expectedLast}`);
      });
      const stored = await countStored(backend, store.schema);
      if (stored.events !== events || stored.positions !== events || stored.streams !== lastRevisions.length)
        throw new Error(
          `${what}: the schema holds ${stored.events} events at ${stored.positions} positions in ` +
            `${stored.streams} streams, expected ${events} in ${lastRevisions.length}`,
        );
    },
    dispose,
  };
}

function batchesOf(accountId: string, calls: number, perCall: number): EventInput[][] {
  return Array.from({ length: calls }, (_, c) =>
    Array.from({ length: perCall }, (_, i) => loyaltyEvent(accountId, c * perCall + i)),
  );
}

/**
 * Appends on a fresh schema per sample (made and migrated untimed, dropped after): one writer
 * of 1 event per call, one of 100 per call, and on a server `writers` concurrent writers of 1
 * per call, each on its own stream (one pool connection each).
 */
export function pgAppendCases(
  backend: Backend,
  options: { oneCalls: number; hundredCalls: number; writers: number; writerCalls: number },
): TimedCase[] {
  const { oneCalls, hundredCalls, writers, writerCalls } = options;
  const cases: TimedCase[] = [
    {
      name: pgAppendCase.one(backend.name),
      description: `${oneCalls} appends of 1 event into one stream that starts empty, each with the expected revision (fresh schema per sample).`,
      prepare: async () => {
        const { store, dispose } = await backend.open();
        const batches = batchesOf('a-1', oneCalls, 1);
        return async () => {
          const last = await appendInOrder(store, 'loyaltyAccount-a-1', batches);
          const name = pgAppendCase.one(backend.name);
          return checked(name, backend, store, dispose, oneCalls, [last], BigInt(oneCalls - 1));
        };
      },
    },
    {
      name: pgAppendCase.hundred(backend.name),
      description: `${hundredCalls} appends of 100 events into one stream that starts empty, each with the expected revision (fresh schema per sample).`,
      prepare: async () => {
        const { store, dispose } = await backend.open();
        const batches = batchesOf('a-1', hundredCalls, 100);
        return async () => {
          const last = await appendInOrder(store, 'loyaltyAccount-a-1', batches);
          const events = hundredCalls * 100;
          const name = pgAppendCase.hundred(backend.name);
          return checked(name, backend, store, dispose, events, [last], BigInt(events - 1));
        };
      },
    },
  ];
  if (backend.name === 'server') {
    cases.push({
      name: pgAppendCase.writers(backend.name, writers),
      description: `${writers} concurrent writers, each appending ${writerCalls} events 1 per call into its own stream, with expected revisions (fresh schema per sample).`,
      prepare: async () => {
        const { store, dispose } = await backend.open();
        const perWriter = Array.from({ length: writers }, (_, k) => batchesOf(`w-${k}`, writerCalls, 1));
        return async () => {
          const lasts = await Promise.all(
            perWriter.map((batches, k) => appendInOrder(store, `loyaltyAccount-w-${k}`, batches)),
          );
          const name = pgAppendCase.writers(backend.name, writers);
          return checked(
            name,
            backend,
            store,
            dispose,
            writers * writerCalls,
            lasts,
            BigInt(writerCalls - 1),
          );
        };
      },
    });
  }
  return cases;
}
