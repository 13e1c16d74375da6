import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { MemoryEventStore, Repository, type EventInput, type ExpectedRevision } from '@strata/core';
import { checkAccount } from '../core/account-check.js';
import { foldAccount } from '../core/hand-fold.js';
import { initialAccountState, LoyaltyAccount } from '../domain/loyalty-account.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { retainedBytesPer } from '../harness/heap.js';
import type { TimedCase } from '../harness/timed-case.js';
import {
  evolve,
  initialState,
  toEmmettEvent,
  type LoyaltyEvent,
  type LoyaltyState,
} from './loyalty-decider.js';

export const VS_CASES = {
  strataAppend: 'Strata: append 1/call over 10k streams',
  emmettAppend: 'Emmett: append 1/call over 10k streams',
  strataRehydrate: 'Strata: rehydrate 1×100k (repository.load)',
  emmettRehydrate: 'Emmett: rehydrate 1×100k (aggregateStream)',
  handFold: 'limit: hand fold 1×100k over an array',
} as const;

export const HEAP_MEASURES = {
  strata: 'Strata: heap per stored event',
  emmett: 'Emmett: heap per stored event',
} as const;

const expectedOf = (revision: bigint): ExpectedRevision => (revision === -1n ? 'no_stream' : revision);

/** What each of `streams` streams ends at after `appends` round-robin appends (its event count). */
function countsOf(appends: number, streams: number): number[] {
  return Array.from({ length: streams }, (_, k) => Math.ceil((appends - k) / streams));
}

function checkCounts(
  what: string,
  got: readonly bigint[],
  expected: readonly number[],
  offset: bigint,
): void {
  expected.forEach((count, k) => {
    if (got[k] !== BigInt(count) + offset)
      throw new Error(`${what}: stream ${k} at ${got[k]}, expected ${BigInt(count) + offset}`);
  });
}

/**
 * One event per call, round-robin over `streams` streams that start missing, each with the
 * expected version the framework's command handling passes: Strata's `MemoryEventStore.append`
 * and Emmett's in-memory `appendToStream`. A fresh store per sample; events built untimed.
 */
export function appendVsCases(options: { appends: number; streams: number }): TimedCase[] {
  const { appends, streams } = options;
  const ids = Array.from({ length: streams }, (_, k) => `loyaltyAccount-a-${k}`);
  const inputs = () =>
    Array.from({ length: appends }, (_, i) => loyaltyEvent(`a-${i % streams}`, Math.floor(i / streams)));
  const expected = countsOf(appends, streams);
  return [
    {
      name: VS_CASES.strataAppend,
      description: `${appends} MemoryEventStore.append calls of 1 event round-robin over ${streams} streams, with expected revisions.`,
      prepare: async () => {
        const store = new MemoryEventStore();
        const events = inputs();
        return async () => {
          const revisions = new Array<bigint>(streams).fill(-1n);
          for (let i = 0; i < appends; i++) {
            const k = i % streams;
            const result = await store.append(ids[k]!, [events[i]!], {
              expectedRevision: expectedOf(revisions[k]!),
            });
            revisions[k] = result.nextExpectedRevision;
          }
          return {
            events: appends,
            verify: () => checkCounts(VS_CASES.strataAppend, revisions, expected, -1n),
          };
        };
      },
    },
    {
      name: VS_CASES.emmettAppend,
      description: `${appends} Emmett in-memory appendToStream calls of 1 event round-robin over ${streams} streams, with expected stream versions.`,
      prepare: async () => {
        const store = getInMemoryEventStore();
        const events = inputs().map(toEmmettEvent);
        return async () => {
          const versions = new Array<bigint>(streams).fill(0n);
          for (let i = 0; i < appends; i++) {
            const k = i % streams;
            const version = versions[k]!;
            const result = await store.appendToStream<LoyaltyEvent>(ids[k]!, [events[i]!], {
              expectedStreamVersion: version === 0n ? STREAM_DOES_NOT_EXIST : version,
            });
            versions[k] = result.nextExpectedStreamVersion;
          }
          return {
            events: appends,
            verify: () => checkCounts(VS_CASES.emmettAppend, versions, expected, 0n),
          };
        };
      },
    },
  ];
}

/**
 * One account of `count` events, loaded the way each framework's command handling loads it:
 * Strata's `Repository.load` (decode, replay, freeze) and Emmett's `aggregateStream` with the
 * decider's `evolve` (what its `CommandHandler` runs before `decide`). Three loads a sample.
 */
export async function rehydrateVsCases(count: number): Promise<TimedCase[]> {
  const REPEAT = 3;
  const streamId = 'loyaltyAccount-r-1';
  const strataStore = new MemoryEventStore();
  const emmettStore = getInMemoryEventStore();
  // The limit folds the events as they were appended, plain `{ type, data }` objects: reading
  // Strata's store into an array would keep 100k of its recorded events alive, and V8 would
  // then pretenure every recorded event core builds, replay included (see docs/benchmarks.md).
  // This suite measures a process that only loads aggregates; the core suite one that also
  // reads streams.
  const appended: EventInput[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) batch.push(loyaltyEvent('r-1', i));
    await strataStore.append(streamId, batch);
    await emmettStore.appendToStream<LoyaltyEvent>(streamId, batch.map(toEmmettEvent));
    appended.push(...batch);
  }
  const repository = new Repository(strataStore, LoyaltyAccount);
  return [
    {
      name: VS_CASES.strataRehydrate,
      description: `Repository.load of one LoyaltyAccount of ${count} events from a MemoryEventStore. Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        let account = await repository.load('r-1');
        for (let n = 1; n < REPEAT; n++) account = await repository.load('r-1');
        return {
          events: count * REPEAT,
          verify: () => {
            checkAccount(VS_CASES.strataRehydrate, account.state, count);
            if (account.version !== BigInt(count - 1)) throw new Error(`version ${account.version}`);
          },
        };
      },
    },
    {
      name: VS_CASES.emmettRehydrate,
      description: `Emmett's aggregateStream of the same ${count} events from its in-memory store with the decider's evolve. Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        const load = () =>
          emmettStore.aggregateStream<LoyaltyState, LoyaltyEvent>(streamId, { evolve, initialState });
        let result = await load();
        for (let n = 1; n < REPEAT; n++) result = await load();
        return {
          events: count * REPEAT,
          verify: () => {
            checkAccount(VS_CASES.emmettRehydrate, result.state, count);
            if (result.currentStreamVersion !== BigInt(count))
              throw new Error(`version ${result.currentStreamVersion}`);
          },
        };
      },
    },
    {
      name: VS_CASES.handFold,
      description: `The same ${count} events as appended (plain objects in an array), folded in place by the core suite's hand-written switch: the absolute limit, to show how far any loader could lead. Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        let state = initialAccountState();
        for (let n = 0; n < REPEAT; n++) {
          state = initialAccountState();
          for (const event of appended) foldAccount(state, event);
        }
        return { events: count * REPEAT, verify: () => checkAccount(VS_CASES.handFold, state, count) };
      },
    },
  ];
}

/** Heap kept per event by each memory store: `events` appended one per call over `streams` streams. */
export async function heapVs(options: {
  events: number;
  streams: number;
}): Promise<{ strata: number; emmett: number }> {
  const { events, streams } = options;
  const strata = await retainedBytesPer(async () => {
    const store = new MemoryEventStore();
    for (let i = 0; i < events; i++) {
      const k = i % streams;
      await store.append(`loyaltyAccount-h-${k}`, [loyaltyEvent(`h-${k}`, Math.floor(i / streams))]);
    }
    return { kept: store, units: events };
  });
  const emmett = await retainedBytesPer(async () => {
    const store = getInMemoryEventStore();
    for (let i = 0; i < events; i++) {
      const k = i % streams;
      await store.appendToStream<LoyaltyEvent>(`loyaltyAccount-h-${k}`, [
        toEmmettEvent(loyaltyEvent(`h-${k}`, Math.floor(i / streams))),
      ]);
    }
    return { kept: store, units: events };
  });
  return { strata, emmett };
}
