import { MemoryEventStore, type EventInput, type ExpectedRevision } from '@strata/core';
import type { TimedCase } from '../harness/timed-case.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';

export const APPEND_CASES = {
  empty: 'append 1/call: 1 empty stream',
  manyStreams: 'append 1/call: 10k streams round-robin',
  longStream: 'append 1/call: stream holding 100k',
} as const;

/**
 * The timed events of every case: the same payloads, in the same order, so the cases differ
 * only in where the events go (one stream, 10k streams, a long stream), which is what is compared.
 */
function samePayloads(appends: number, streams: number): EventInput[] {
  return Array.from({ length: appends }, (_, i) => loyaltyEvent(`a-${i % streams}`, Math.floor(i / streams)));
}

const expectedOf = (revision: bigint): ExpectedRevision => (revision === -1n ? 'no_stream' : revision);

function fail(what: string, got: bigint, expected: bigint): never {
  throw new Error(`${what}: last revision ${got}, expected ${expected}`);
}

/**
 * Appends of one event per call, each with the expected revision a repository would pass.
 * Every sample gets a fresh store; the events are built before the clock starts.
 */
export function appendCases(options: { appends: number; streams: number; longStream: number }): TimedCase[] {
  const { appends, streams, longStream } = options;
  return [
    {
      name: APPEND_CASES.empty,
      description: `${appends} appends of 1 event into one stream that starts empty (a fresh MemoryEventStore per round).`,
      prepare: async () => {
        const store = new MemoryEventStore();
        const events = samePayloads(appends, streams);
        return async () => {
          let revision = -1n;
          for (const event of events) {
            const result = await store.append('loyaltyAccount-a-1', [event], {
              expectedRevision: expectedOf(revision),
            });
            revision = result.nextExpectedRevision;
          }
          return {
            events: appends,
            verify: () => {
              if (revision !== BigInt(appends - 1)) fail(APPEND_CASES.empty, revision, BigInt(appends - 1));
            },
          };
        };
      },
    },
    {
      name: APPEND_CASES.manyStreams,
      description: `${appends} appends of 1 event round-robin over ${streams} streams that start missing (the first pass creates them).`,
      prepare: async () => {
        const store = new MemoryEventStore();
        const ids = Array.from({ length: streams }, (_, k) => `loyaltyAccount-a-${k}`);
        const events: EventInput[] = samePayloads(appends, streams);
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
            verify: () => {
              for (let k = 0; k < streams; k++) {
                const expected = BigInt(Math.ceil((appends - k) / streams) - 1);
                if (revisions[k] !== expected)
                  fail(`${APPEND_CASES.manyStreams} stream ${k}`, revisions[k]!, expected);
              }
            },
          };
        };
      },
    },
    {
      name: APPEND_CASES.longStream,
      description: `${appends} appends of 1 event into a stream that already holds ${longStream} events (filled untimed in batches of 1000).`,
      prepare: async () => {
        const store = new MemoryEventStore();
        const streamId = 'loyaltyAccount-a-1';
        for (let start = 0; start < longStream; start += 1000) {
          const batch = [];
          for (let i = start; i < Math.min(longStream, start + 1000); i++) batch.push(loyaltyEvent('a-1', i));
          await store.append(streamId, batch);
        }
        const events = samePayloads(appends, streams);
        return async () => {
          let revision = BigInt(longStream - 1);
          for (const event of events) {
            const result = await store.append(streamId, [event], { expectedRevision: expectedOf(revision) });
            revision = result.nextExpectedRevision;
          }
          const expected = BigInt(longStream + appends - 1);
          return {
            events: appends,
            verify: () => {
              if (revision !== expected) fail(APPEND_CASES.longStream, revision, expected);
            },
          };
        };
      },
    },
  ];
}
