import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { MemoryEventStore, type EventInput, type ExpectedRevision } from '@strata/core';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import type { TimedCase } from '../harness/timed-case.js';
import { toEmmettEvent, type LoyaltyEvent } from './loyalty-decider.js';

/** Appends into one stream: how many calls, how many events each, and what the stream holds first. */
export interface OneStreamShape {
  /** Ends every case name after "Strata: " / "Emmett: ". */
  readonly label: string;
  readonly calls: number;
  readonly perCall: number;
  /** Events already in the stream (appended untimed, 1,000 a call). */
  readonly prefill: number;
}

export const shapeCase = (framework: 'Strata' | 'Emmett', shape: OneStreamShape) =>
  `${framework}: ${shape.label}`;

const STREAM = 'loyaltyAccount-a-1';
const FILL_BATCH = 1000;

const expectedOf = (revision: bigint): ExpectedRevision => (revision === -1n ? 'no_stream' : revision);

/** The timed batches: the account's history after the prefill, `perCall` events a call. */
function batchesOf(shape: OneStreamShape): EventInput[][] {
  return Array.from({ length: shape.calls }, (_, c) =>
    Array.from({ length: shape.perCall }, (_, i) =>
      loyaltyEvent('a-1', shape.prefill + c * shape.perCall + i),
    ),
  );
}

function prefillBatches(shape: OneStreamShape): EventInput[][] {
  const batches: EventInput[][] = [];
  for (let start = 0; start < shape.prefill; start += FILL_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(shape.prefill, start + FILL_BATCH); i++)
      batch.push(loyaltyEvent('a-1', i));
    batches.push(batch);
  }
  return batches;
}

function checkLength(what: string, got: bigint, expected: bigint): void {
  if (got !== expected) throw new Error(`${what}: the stream ends at ${got}, expected ${expected}`);
}

/**
 * The same appends into one stream on both memory stores, each call with the expected version
 * the framework's command handling passes; a fresh store per sample, prefilled and events
 * built untimed. Strata's `MemoryEventStore.append` against Emmett's `appendToStream`.
 */
export function oneStreamVsCases(shape: OneStreamShape): TimedCase[] {
  const events = shape.calls * shape.perCall;
  const total = BigInt(shape.prefill + events);
  const what = `${shape.calls} appends of ${shape.perCall} event${shape.perCall > 1 ? 's' : ''} into one stream ${shape.prefill > 0 ? `that already holds ${shape.prefill} events (appended untimed)` : 'that starts empty'}`;
  const strataName = shapeCase('Strata', shape);
  const emmettName = shapeCase('Emmett', shape);
  return [
    {
      name: strataName,
      description: `${what}: MemoryEventStore.append with expected revisions (a fresh store per sample).`,
      prepare: async () => {
        const store = new MemoryEventStore();
        for (const batch of prefillBatches(shape)) await store.append(STREAM, batch);
        const batches = batchesOf(shape);
        return async () => {
          let revision = BigInt(shape.prefill - 1);
          for (const batch of batches) {
            const result = await store.append(STREAM, batch, { expectedRevision: expectedOf(revision) });
            revision = result.nextExpectedRevision;
          }
          return { events, verify: () => checkLength(strataName, revision + 1n, total) };
        };
      },
    },
    {
      name: emmettName,
      description: `${what}: Emmett's in-memory appendToStream with expected stream versions (a fresh store per sample).`,
      prepare: async () => {
        const store = getInMemoryEventStore();
        for (const batch of prefillBatches(shape))
          await store.appendToStream<LoyaltyEvent>(STREAM, batch.map(toEmmettEvent));
        const batches = batchesOf(shape).map((batch) => batch.map(toEmmettEvent));
        return async () => {
          let version = BigInt(shape.prefill);
          for (const batch of batches) {
            const result = await store.appendToStream<LoyaltyEvent>(STREAM, batch, {
              expectedStreamVersion: version === 0n ? STREAM_DOES_NOT_EXIST : version,
            });
            version = result.nextExpectedStreamVersion;
          }
          return { events, verify: () => checkLength(emmettName, version, total) };
        };
      },
    },
  ];
}
