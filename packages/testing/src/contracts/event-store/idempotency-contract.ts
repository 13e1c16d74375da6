import { ConcurrencyError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Collector } from './collector.js';
import { collect, newEvent, readScope, rejectionOf, type ContractContext } from './context.js';

/** EventStoreDB's idempotent re-append: a retried batch (same event ids) is not written twice. */
export function describeIdempotencyContract(ctx: ContractContext): void {
  describe('idempotent re-append by event id', () => {
    const idsOf = async (streamId: string) =>
      (await collect(ctx.store().readStream(streamId))).map((event) => event.eventId);

    it(
      'the same batch with the same no_stream expectation returns the same result and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const streamId = scope.stream('order');
        const batch = [newEvent('contract.a'), newEvent('contract.b')];
        const first = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        const again = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await idsOf(streamId)).toEqual(batch.map((event) => event.eventId));
        expect(await readScope(store, scope)).toHaveLength(2);
      },
    );

    it(
      'the same batch with the same revision expectation returns the same result and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('order');
        const opening = [newEvent('contract.a'), newEvent('contract.b')];
        await store.append(streamId, opening, { expectedRevision: 'no_stream' });
        const retried = [newEvent('contract.c'), newEvent('contract.d')];
        const first = await store.append(streamId, retried, { expectedRevision: 1n });
        const again = await store.append(streamId, retried, { expectedRevision: 1n });
        expect(first.nextExpectedRevision).toBe(3n);
        expect(again).toEqual(first);
        expect(await idsOf(streamId)).toEqual([...opening, ...retried].map((event) => event.eventId));
      },
    );

    it(
      'the same batch with any returns the same result and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('order');
        await store.append(streamId, [newEvent('contract.a')]);
        const batch = [newEvent('contract.b'), newEvent('contract.c')];
        const first = await store.append(streamId, batch, { expectedRevision: 'any' });
        const again = await store.append(streamId, batch, { expectedRevision: 'any' });
        const third = await store.append(streamId, batch);
        expect(first.nextExpectedRevision).toBe(2n);
        expect(again).toEqual(first);
        expect(third).toEqual(first);
        expect(await idsOf(streamId)).toHaveLength(3);
      },
    );

    it(
      'a retry is recognised after other writers appended: it gives the first write’s result',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('order');
        await store.append(streamId, [newEvent('contract.a')], { expectedRevision: 'no_stream' });
        const batch = [newEvent('contract.b'), newEvent('contract.c')];
        const first = await store.append(streamId, batch, { expectedRevision: 0n });
        await store.append(streamId, [newEvent('contract.other')], { expectedRevision: 2n });
        const retried = await store.append(streamId, batch, { expectedRevision: 0n });
        expect(retried).toEqual(first);
        expect(await idsOf(streamId)).toHaveLength(4);
      },
    );

    it(
      'a batch that repeats a written one and adds events is a conflict and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const streamId = scope.stream('order');
        const landed = [newEvent('contract.a'), newEvent('contract.b')];
        await store.append(streamId, landed, { expectedRevision: 'no_stream' });
        const extended = [...landed, newEvent('contract.c')];
        const error = await rejectionOf(() =>
          store.append(streamId, extended, { expectedRevision: 'no_stream' }),
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect((error as ConcurrencyError).actualRevision).toBe(1n);
        expect(await idsOf(streamId)).toEqual(landed.map((event) => event.eventId));
        expect(await readScope(store, scope)).toHaveLength(2);
      },
    );

    it(
      'a batch that overlaps the tail of a written one is a conflict and writes nothing',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('order');
        const landed = [newEvent('contract.a'), newEvent('contract.b')];
        await store.append(streamId, landed, { expectedRevision: 'no_stream' });
        const error = await rejectionOf(() =>
          store.append(streamId, [landed[1]!, newEvent('contract.c')], { expectedRevision: 0n }),
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(await idsOf(streamId)).toEqual(landed.map((event) => event.eventId));
      },
    );

    it(
      'the same batch with an expectation that matches neither then nor now is a conflict',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const streamId = ctx.scope().stream('order');
        const landed = [newEvent('contract.a'), newEvent('contract.b')];
        await store.append(streamId, landed, { expectedRevision: 'no_stream' });
        const error = await rejectionOf(() => store.append(streamId, landed, { expectedRevision: 5n }));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect((error as ConcurrencyError).actualRevision).toBe(1n);
        expect(await idsOf(streamId)).toHaveLength(2);
      },
    );

    it(
      'a retried batch is not delivered twice to readAll or a subscription',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const streamId = scope.stream('order');
        const batch = [newEvent('contract.a'), newEvent('contract.b')];
        await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        await store.append(streamId, [newEvent('contract.end')], { expectedRevision: 1n });
        const all = await readScope(store, scope);
        expect(all.map((event) => event.eventId)).toEqual([
          ...batch.map((event) => event.eventId),
          all[2]!.eventId,
        ]);
        const collector = new Collector(
          store.subscribe({ from: all[0]!.position, filter: { streamPrefix: scope.prefix } }),
          ctx.waitMs,
        );
        await collector.untilEvent(all[2]!.eventId);
        await collector.stop();
        expect(collector.events.map((event) => event.eventId)).toEqual(all.map((event) => event.eventId));
      },
    );
  });
}
