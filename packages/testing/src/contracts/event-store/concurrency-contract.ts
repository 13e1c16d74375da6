import { ConcurrencyError, type EventStore, type ExpectedRevision } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { collect, newEvent, type ContractContext } from './context.js';

const WRITERS = 8;
const APPENDS_PER_WRITER = 4;

/** Appends `count` events, one per append, each with the revision it last saw, retrying on conflict. */
async function optimisticWriter(
  store: EventStore,
  streamId: string,
  writer: number,
  count: number,
): Promise<number> {
  let expected: ExpectedRevision = 'no_stream';
  let conflicts = 0;
  for (let seq = 0; seq < count;) {
    try {
      const result = await store.append(streamId, [newEvent('contract.turn', { writer, seq })], {
        expectedRevision: expected,
      });
      expected = result.nextExpectedRevision;
      seq += 1;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      conflicts += 1;
      // The error's facts are enough to retry: no read needed.
      expected = error.actualRevision === -1n ? 'no_stream' : error.actualRevision;
    }
  }
  return conflicts;
}

/** Optimistic concurrency under load: every revision is written exactly once. */
export function describeConcurrencyContract(ctx: ContractContext): void {
  describe('concurrent writers', () => {
    it(
      `${WRITERS} writers on one stream with expected revisions: each revision written exactly once`,
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('contended');
        const conflicts = await Promise.all(
          Array.from({ length: WRITERS }, (_, writer) =>
            optimisticWriter(store, streamId, writer, APPENDS_PER_WRITER),
          ),
        );
        const events = await collect(store.readStream(streamId));
        const total = WRITERS * APPENDS_PER_WRITER;
        expect(events.map((event) => event.revision)).toEqual(
          Array.from({ length: total }, (_, i) => BigInt(i)),
        );
        const turns = events.map((event) => event.data as { writer: number; seq: number });
        for (let writer = 0; writer < WRITERS; writer++) {
          expect(turns.filter((turn) => turn.writer === writer).map((turn) => turn.seq)).toEqual(
            Array.from({ length: APPENDS_PER_WRITER }, (_, seq) => seq),
          );
        }
        // Writers that all start at 'no_stream' cannot all succeed first time.
        expect(conflicts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
      },
    );

    it(
      `of ${WRITERS} concurrent creators with no_stream exactly one wins`,
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('created');
        const outcomes = await Promise.allSettled(
          Array.from({ length: WRITERS }, (_, writer) =>
            store.append(
              streamId,
              [newEvent('contract.created', { writer }), newEvent('contract.named', { writer })],
              {
                expectedRevision: 'no_stream',
              },
            ),
          ),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome): unknown[] =>
          outcome.status === 'rejected' ? [outcome.reason] : [],
        );
        expect(won).toHaveLength(1);
        for (const reason of lost) {
          expect(reason).toBeInstanceOf(ConcurrencyError);
          expect((reason as ConcurrencyError).actualRevision).toBe(1n);
        }
        const events = await collect(store.readStream(streamId));
        const writers = new Set(events.map((event) => (event.data as { writer: number }).writer));
        expect(events).toHaveLength(2);
        expect(writers.size).toBe(1);
      },
    );

    it(
      `${WRITERS} writers on separate streams with 'any' lose nothing`,
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, writer) => {
            for (let seq = 0; seq < APPENDS_PER_WRITER; seq++) {
              await store.append(scope.stream('free', String(writer)), [
                newEvent('contract.free', { writer, seq }),
              ]);
            }
          }),
        );
        const all = await collect(store.readAll({ filter: { streamPrefix: scope.prefix } }));
        expect(all).toHaveLength(WRITERS * APPENDS_PER_WRITER);
        for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      },
    );
  });
}
