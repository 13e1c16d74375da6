import type { EventFilter, RecordedEvent } from '@strata/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, newEvent, readScope, type ContractContext, type Scope } from './context.js';

/** `readAll`: global order by strictly increasing bigint positions, `from`, `maxCount`, filters. */
export function describeReadAllContract(ctx: ContractContext): void {
  describe('readAll', () => {
    let scope: Scope;
    let written: string[];
    let all: RecordedEvent[];
    let types: { placed: string; shipped: string; decoyDot: string; decoyLonger: string };
    let streams: { order1: string; order2: string; invoice: string; orderLike: string };

    beforeAll(async () => {
      scope = ctx.scope();
      types = {
        placed: scope.type('order.placed'),
        shipped: scope.type('order.shipped'),
        // Decoys for type filters built as unescaped or unanchored regular expressions.
        decoyDot: scope.type('order-placed'),
        decoyLonger: scope.type('order.placed.v2'),
      };
      streams = {
        order1: scope.stream('order', '1'),
        order2: scope.stream('order', '2'),
        invoice: scope.stream('invoice', '1'),
        // Same characters as the order category up to the dash, then more: another category.
        orderLike: scope.stream('orders', '1'),
      };
      const plan: ReadonlyArray<readonly [string, string[]]> = [
        [streams.order1, [types.placed]],
        [streams.invoice, [types.placed, types.shipped]],
        [streams.order2, [types.placed]],
        [streams.order1, [types.shipped, types.decoyDot]],
        [streams.orderLike, [types.placed, types.decoyLonger]],
        [streams.order2, [types.shipped]],
      ];
      written = [];
      for (const [streamId, batchTypes] of plan) {
        const batch = batchTypes.map((type) => newEvent(type, { streamId }));
        await ctx.store().append(streamId, batch);
        written.push(...batch.map((event) => event.eventId));
      }
      all = await readScope(ctx.store(), scope);
    }, ctx.timeoutMs);

    const read = async (filter: EventFilter, extra: { from?: bigint; maxCount?: number } = {}) =>
      (await collect(ctx.store().readAll({ from: all[0]!.position, filter, ...extra }))).map(
        (event) => event.eventId,
      );
    const idsWhere = (keep: (event: RecordedEvent) => boolean) =>
      all.filter(keep).map((event) => event.eventId);

    it('gives every event once, in append order', { timeout: ctx.timeoutMs }, async () => {
      expect(all.map((event) => event.eventId)).toEqual(written);
    });

    it('positions are bigints, strictly increasing', { timeout: ctx.timeoutMs }, async () => {
      for (const event of all) expect(typeof event.position).toBe('bigint');
      for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
    });

    it(
      'an event has the same position, revision and data in readAll and readStream',
      { timeout: ctx.timeoutMs },
      async () => {
        const fromStreams = new Map<string, RecordedEvent>();
        for (const streamId of Object.values(streams)) {
          for (const event of await collect(ctx.store().readStream(streamId)))
            fromStreams.set(event.eventId, event);
        }
        expect(fromStreams.size).toBe(all.length);
        for (const event of all) expect(fromStreams.get(event.eventId)).toEqual(event);
      },
    );

    it('from is inclusive', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ streamPrefix: scope.prefix }, { from: all[3]!.position })).toEqual(
        written.slice(3),
      );
      expect(await read({ streamPrefix: scope.prefix }, { from: all[3]!.position + 1n })).toEqual(
        written.slice(4),
      );
    });

    it('from past the last position gives nothing', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ streamPrefix: scope.prefix }, { from: all.at(-1)!.position + 1n })).toEqual([]);
    });

    it('maxCount limits the events given, after filtering', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ streamPrefix: scope.prefix }, { maxCount: 3 })).toEqual(written.slice(0, 3));
      expect(await read({ streamPrefix: streams.order2 }, { maxCount: 1 })).toEqual(
        idsWhere((event) => event.streamId === streams.order2).slice(0, 1),
      );
    });

    it('filters by stream prefix', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ streamPrefix: scope.stream('order', '') })).toEqual(
        idsWhere((event) => event.streamId === streams.order1 || event.streamId === streams.order2),
      );
      expect(await read({ streamPrefix: streams.invoice })).toEqual(
        idsWhere((event) => event.streamId === streams.invoice),
      );
    });

    it(
      'filters by category: the part of the stream id before the first dash',
      { timeout: ctx.timeoutMs },
      async () => {
        expect(await read({ category: `${scope.prefix}order` })).toEqual(
          idsWhere((event) => event.streamId === streams.order1 || event.streamId === streams.order2),
        );
        expect(await read({ category: `${scope.prefix}orders` })).toEqual(
          idsWhere((event) => event.streamId === streams.orderLike),
        );
      },
    );

    it('filters by exact event types', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ eventTypes: [types.placed] })).toEqual(
        idsWhere((event) => event.type === types.placed),
      );
      expect(await read({ eventTypes: [types.shipped, types.decoyDot] })).toEqual(
        idsWhere((event) => event.type === types.shipped || event.type === types.decoyDot),
      );
    });

    it('combined filters must all hold', { timeout: ctx.timeoutMs }, async () => {
      expect(await read({ category: `${scope.prefix}order`, eventTypes: [types.shipped] })).toEqual(
        idsWhere((event) => event.type === types.shipped && event.streamId !== streams.invoice),
      );
      expect(await read({ streamPrefix: streams.order1, eventTypes: [types.placed] })).toEqual(
        idsWhere((event) => event.type === types.placed && event.streamId === streams.order1),
      );
      expect(await read({ streamPrefix: streams.invoice, category: `${scope.prefix}order` })).toEqual([]);
    });

    it('a prefix with LIKE or regex characters matches literally', { timeout: ctx.timeoutMs }, async () => {
      const own = ctx.scope();
      const literal = own.stream('a_b%c.*', '1');
      // What a naive LIKE pattern (`_`, `%`) or regular expression (`.*`) would also match.
      const likeLookalike = own.stream('aXbYYc.*', '1');
      const regexLookalike = own.stream('a_b%cZZ', '1');
      for (const streamId of [literal, likeLookalike, regexLookalike]) {
        await ctx.store().append(streamId, [newEvent('contract.a')]);
      }
      const found = await collect(
        ctx.store().readAll({ from: all[0]!.position, filter: { streamPrefix: `${own.prefix}a_b%c.*` } }),
      );
      expect(found.map((event) => event.streamId)).toEqual([literal]);
    });
  });
}
