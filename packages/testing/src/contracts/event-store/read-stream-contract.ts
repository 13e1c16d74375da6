import type { ReadStreamOptions } from '@strata/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, newEvent, type ContractContext } from './context.js';

const LENGTH = 6;

/** `readStream` forwards and backwards, from a revision, with a maximum count. */
export function describeReadStreamContract(ctx: ContractContext): void {
  describe('readStream', () => {
    let streamId: string;
    let other: string;
    let ids: string[];

    beforeAll(async () => {
      const scope = ctx.scope();
      streamId = scope.stream('ledger');
      other = scope.stream('ledger');
      const events = Array.from({ length: LENGTH }, (_, n) => newEvent('contract.entry', { n }));
      ids = events.map((event) => event.eventId);
      // Interleaved with another stream, in batches of different sizes.
      await ctx.store().append(streamId, events.slice(0, 1), { expectedRevision: 'no_stream' });
      await ctx.store().append(other, [newEvent('contract.entry', { n: 100 })]);
      await ctx.store().append(streamId, events.slice(1, 4), { expectedRevision: 0n });
      await ctx.store().append(other, [newEvent('contract.entry', { n: 101 })]);
      await ctx.store().append(streamId, events.slice(4), { expectedRevision: 3n });
    }, ctx.timeoutMs);

    const read = async (options?: ReadStreamOptions) =>
      (await collect(ctx.store().readStream(streamId, options))).map((event) => Number(event.revision));

    const cases: ReadonlyArray<readonly [string, ReadStreamOptions | undefined, number[]]> = [
      ['everything forwards by default', undefined, [0, 1, 2, 3, 4, 5]],
      ['forwards from a revision, inclusive', { from: 2n }, [2, 3, 4, 5]],
      ['forwards with maxCount', { maxCount: 2 }, [0, 1]],
      ['forwards from a revision with maxCount', { from: 3n, maxCount: 2 }, [3, 4]],
      ['forwards from the last revision', { from: 5n }, [5]],
      ['forwards from past the end: nothing', { from: 6n }, []],
      ['backwards from the end', { direction: 'backwards' }, [5, 4, 3, 2, 1, 0]],
      ['backwards from a revision, inclusive', { direction: 'backwards', from: 3n }, [3, 2, 1, 0]],
      ['backwards with maxCount', { direction: 'backwards', maxCount: 2 }, [5, 4]],
      ['backwards from a revision with maxCount', { direction: 'backwards', from: 2n, maxCount: 2 }, [2, 1]],
      ['backwards from revision 0', { direction: 'backwards', from: 0n }, [0]],
      ['forwards explicitly', { direction: 'forwards', from: 4n }, [4, 5]],
    ];
    for (const [label, options, revisions] of cases) {
      it(label, { timeout: ctx.timeoutMs }, async () => {
        expect(await read(options)).toEqual(revisions);
      });
    }

    it(
      'events carry their stream, 0-based revision, increasing positions and ids',
      { timeout: ctx.timeoutMs },
      async () => {
        const events = await collect(ctx.store().readStream(streamId));
        expect(events.map((event) => event.streamId)).toEqual(Array(LENGTH).fill(streamId));
        expect(events.map((event) => event.eventId)).toEqual(ids);
        expect(events.map((event) => (event.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
        for (const event of events) {
          expect(typeof event.revision).toBe('bigint');
          expect(typeof event.position).toBe('bigint');
        }
        for (let i = 1; i < events.length; i++) {
          expect(events[i]!.position).toBeGreaterThan(events[i - 1]!.position);
        }
        const others = await collect(ctx.store().readStream(other));
        expect(others.map((event) => event.revision)).toEqual([0n, 1n]);
      },
    );

    it('a missing stream reads as empty, in both directions', { timeout: ctx.timeoutMs }, async () => {
      const missing = ctx.scope().stream('ledger');
      expect(await collect(ctx.store().readStream(missing))).toEqual([]);
      expect(await collect(ctx.store().readStream(missing, { direction: 'backwards' }))).toEqual([]);
      expect(await collect(ctx.store().readStream(missing, { from: 3n, maxCount: 2 }))).toEqual([]);
    });

    it(
      'a stream id that is a prefix of another reads only its own events',
      { timeout: ctx.timeoutMs },
      async () => {
        const scope = ctx.scope();
        const short = scope.stream('ledger', 'a');
        await ctx.store().append(short, [newEvent('contract.entry', { n: 1 })]);
        await ctx.store().append(`${short}b`, [newEvent('contract.entry', { n: 2 })]);
        await ctx.store().append(short.toUpperCase(), [newEvent('contract.entry', { n: 3 })]);
        const events = await collect(ctx.store().readStream(short));
        expect(events.map((event) => event.data)).toEqual([{ n: 1 }]);
      },
    );
  });
}
