import { ConcurrencyError, StrataError, type ExpectedRevision } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { collect, newEvent, rejectionOf, type ContractContext } from './context.js';

const MISSING_OK: readonly ExpectedRevision[] = ['any', 'no_stream', -1n];
const MISSING_CONFLICT: readonly ExpectedRevision[] = ['stream_exists', 0n, 1n, 5n];
// The existing stream in these cases has two events: it is at revision 1.
const EXISTING_OK: readonly ExpectedRevision[] = ['any', 'stream_exists', 1n];
const EXISTING_CONFLICT: readonly ExpectedRevision[] = ['no_stream', -1n, 0n, 2n, 7n];

const show = (revision: ExpectedRevision) =>
  typeof revision === 'bigint' ? `${revision}n` : `'${revision}'`;

/** Appends and EventStoreDB's expected-revision meaning, with the facts of `ConcurrencyError`. */
export function describeExpectedRevisionContract(ctx: ContractContext): void {
  describe('append and expected revision', () => {
    const revisionsOf = async (streamId: string) =>
      (await collect(ctx.store().readStream(streamId))).map((event) => event.revision);

    const expectConflict = async (
      streamId: string,
      expected: ExpectedRevision,
      actual: bigint,
      append: () => Promise<unknown>,
    ) => {
      const error = await rejectionOf(append);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toBeInstanceOf(StrataError);
      const conflict = error as ConcurrencyError;
      expect(conflict.code).toBe('CONCURRENCY');
      expect(conflict.streamId).toBe(streamId);
      expect(conflict.expectedRevision).toBe(expected);
      expect(conflict.actualRevision).toBe(actual);
    };

    for (const expected of MISSING_OK) {
      it(`a missing stream accepts ${show(expected)}`, { timeout: ctx.timeoutMs }, async () => {
        const streamId = ctx.scope().stream('account');
        const result = await ctx.store().append(streamId, [newEvent('contract.a'), newEvent('contract.b')], {
          expectedRevision: expected,
        });
        expect(result.nextExpectedRevision).toBe(1n);
        expect(await revisionsOf(streamId)).toEqual([0n, 1n]);
      });
    }

    for (const expected of MISSING_CONFLICT) {
      it(
        `a missing stream rejects ${show(expected)} with actual revision -1n`,
        { timeout: ctx.timeoutMs },
        async () => {
          const streamId = ctx.scope().stream('account');
          const append = () =>
            ctx.store().append(streamId, [newEvent('contract.a')], { expectedRevision: expected });
          await expectConflict(streamId, expected, -1n, append);
          expect(await revisionsOf(streamId)).toEqual([]);
        },
      );
    }

    for (const expected of EXISTING_OK) {
      it(`a stream at revision 1 accepts ${show(expected)}`, { timeout: ctx.timeoutMs }, async () => {
        const streamId = ctx.scope().stream('account');
        await ctx.store().append(streamId, [newEvent('contract.a'), newEvent('contract.b')]);
        const result = await ctx
          .store()
          .append(streamId, [newEvent('contract.c')], { expectedRevision: expected });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(await revisionsOf(streamId)).toEqual([0n, 1n, 2n]);
      });
    }

    for (const expected of EXISTING_CONFLICT) {
      it(
        `a stream at revision 1 rejects ${show(expected)} with actual revision 1n`,
        { timeout: ctx.timeoutMs },
        async () => {
          const streamId = ctx.scope().stream('account');
          await ctx.store().append(streamId, [newEvent('contract.a'), newEvent('contract.b')]);
          const append = () =>
            ctx.store().append(streamId, [newEvent('contract.c'), newEvent('contract.d')], {
              expectedRevision: expected,
            });
          await expectConflict(streamId, expected, 1n, append);
          expect(await revisionsOf(streamId)).toEqual([0n, 1n]);
        },
      );
    }

    it('the expected revision defaults to any', { timeout: ctx.timeoutMs }, async () => {
      const streamId = ctx.scope().stream('account');
      await ctx.store().append(streamId, [newEvent('contract.a')]);
      const result = await ctx.store().append(streamId, [newEvent('contract.b')]);
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it(
      'nextExpectedRevision chains appends; a stale revision is then a conflict',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('account');
        let expected: ExpectedRevision = 'no_stream';
        for (const size of [1, 3, 2]) {
          const batch = Array.from({ length: size }, () => newEvent('contract.a'));
          const result = await store.append(streamId, batch, { expectedRevision: expected });
          expected = result.nextExpectedRevision;
        }
        expect(expected).toBe(5n);
        await expectConflict(streamId, 3n, 5n, () =>
          store.append(streamId, [newEvent('contract.b')], { expectedRevision: 3n }),
        );
        expect(await revisionsOf(streamId)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      },
    );

    it(
      'the result gives the last revision and the position of the batch’s last event',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('account');
        const first = await store.append(streamId, [newEvent('contract.a')], {
          expectedRevision: 'no_stream',
        });
        const second = await store.append(streamId, [newEvent('contract.b'), newEvent('contract.c')], {
          expectedRevision: 0n,
        });
        const events = await collect(store.readStream(streamId));
        expect(typeof first.position).toBe('bigint');
        expect(first).toEqual({ nextExpectedRevision: 0n, position: events[0]!.position });
        expect(second).toEqual({ nextExpectedRevision: 2n, position: events[2]!.position });
        expect(second.position).toBeGreaterThan(first.position);
      },
    );

    it(
      'an empty batch writes nothing, creates no stream and returns the current revision',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const missing = ctx.scope().stream('account');
        expect((await store.append(missing, [])).nextExpectedRevision).toBe(-1n);
        expect(await revisionsOf(missing)).toEqual([]);
        // Had the empty append created the stream, 'no_stream' would now conflict.
        await store.append(missing, [newEvent('contract.a')], { expectedRevision: 'no_stream' });

        const existing = ctx.scope().stream('account');
        await store.append(existing, [newEvent('contract.a'), newEvent('contract.b')]);
        expect((await store.append(existing, [], { expectedRevision: 1n })).nextExpectedRevision).toBe(1n);
        expect(await revisionsOf(existing)).toEqual([0n, 1n]);
      },
    );
  });
}
