import type { EventStore, RecordedEvent } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Collector } from './collector.js';
import { newEvent, readScope, within, type ContractContext, type Scope } from './context.js';

const HISTORY = 9;
const WRITERS = 4;
const BATCHES_PER_WRITER = 5;

/** A position at or after the store's end, so a subscription need not catch up over a shared server. */
const tailOf = async (ctx: ContractContext): Promise<bigint> =>
  (await ctx.store().append(ctx.scope().stream('marker'), [newEvent('contract.marker')])).position + 1n;

const ids = (events: ReadonlyArray<{ readonly eventId: string }>) => events.map((event) => event.eventId);

/** A promise and the function that resolves it (for callbacks such as `onCaughtUp`). */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

async function writeHistory(store: EventStore, scope: Scope): Promise<RecordedEvent[]> {
  for (let n = 0; n < HISTORY; n++) {
    await store.append(scope.stream('history', String(n % 3)), [newEvent('contract.history', { n })]);
  }
  return readScope(store, scope);
}

/** `subscribe`: catch-up, then live, `onCaughtUp`, `from`, filters and `stop()`. */
export function describeSubscriptionContract(ctx: ContractContext): void {
  describe('subscribe', () => {
    it(
      'catches up, then goes live with concurrent writers: every event once, in position order',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const history = await writeHistory(store, scope);
        const caughtUp = signal();
        let caughtUpCalls = 0;
        let deliveredWhenCaughtUp = -1;
        const collector = new Collector(
          store.subscribe({
            from: history[0]!.position,
            filter: { streamPrefix: scope.prefix },
            onCaughtUp: () => {
              caughtUpCalls += 1;
              deliveredWhenCaughtUp = collector.events.length;
              caughtUp.fire();
            },
          }),
          ctx.waitMs,
        );
        // Writers start while the subscription is still catching up, so appends race the switch.
        const writers = Array.from({ length: WRITERS }, async (_, writer) => {
          for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
            const size = 1 + ((writer + batch) % 2);
            const events = Array.from({ length: size }, (_, i) =>
              newEvent('contract.live', { writer, batch, i }),
            );
            await store.append(scope.stream('writer', String(writer)), events);
          }
        });
        // Awaited together, so a failing writer is reported even while waiting for onCaughtUp.
        await Promise.all([within(caughtUp.promise, ctx.waitMs, 'onCaughtUp was not called'), ...writers]);
        // Written after the switch for certain: the live path must deliver these too.
        await store.append(scope.stream('writer', 'late'), [
          newEvent('contract.late'),
          newEvent('contract.late'),
        ]);
        const expected = await readScope(store, scope, history[0]!.position);
        expect(expected).toHaveLength(HISTORY + 2 + (WRITERS * BATCHES_PER_WRITER * 3) / 2);
        await collector.untilEvent(expected.at(-1)!.eventId);
        await collector.stop();

        expect(ids(collector.events)).toEqual(ids(expected));
        expect(collector.events.map((event) => event.position)).toEqual(
          expected.map((event) => event.position),
        );
        expect(caughtUpCalls).toBe(1);
        expect(deliveredWhenCaughtUp).toBeGreaterThanOrEqual(HISTORY);
      },
    );

    it(
      'onCaughtUp is called once, after the stored events were delivered and before live ones',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const history = await writeHistory(store, scope);
        const caughtUp = signal();
        const calls: number[] = [];
        const collector = new Collector(
          store.subscribe({
            from: history[0]!.position,
            filter: { streamPrefix: scope.prefix },
            onCaughtUp: () => {
              calls.push(collector.events.length);
              caughtUp.fire();
            },
          }),
          ctx.waitMs,
        );
        await within(caughtUp.promise, ctx.waitMs, 'onCaughtUp was not called');
        const live = [newEvent('contract.live'), newEvent('contract.live')];
        await store.append(scope.stream('live'), live.slice(0, 1));
        await store.append(scope.stream('live'), live.slice(1));
        await collector.untilEvent(live[1]!.eventId);
        await collector.stop();
        expect(calls).toEqual([HISTORY]);
        expect(ids(collector.events)).toEqual([...ids(history), ...ids(live)]);
      },
    );

    it(
      'with nothing to catch up, onCaughtUp is called and live events follow',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const caughtUp = signal();
        const collector = new Collector(
          store.subscribe({
            from: await tailOf(ctx),
            filter: { streamPrefix: scope.prefix },
            onCaughtUp: caughtUp.fire,
          }),
          ctx.waitMs,
        );
        await within(caughtUp.promise, ctx.waitMs, 'onCaughtUp was not called');
        expect(collector.events).toEqual([]);
        const batch = [newEvent('contract.live'), newEvent('contract.live')];
        await store.append(scope.stream('live'), batch);
        await collector.untilEvent(batch[1]!.eventId);
        await collector.stop();
        expect(ids(collector.events)).toEqual(ids(batch));
      },
    );

    it('from is inclusive: resume from checkpoint + 1n', { timeout: ctx.timeoutMs }, async () => {
      const store = ctx.store();
      const scope = ctx.scope();
      const history = await writeHistory(store, scope);
      for (const [from, skip] of [
        [history[4]!.position, 4],
        [history[4]!.position + 1n, 5],
      ] as const) {
        const collector = new Collector(
          store.subscribe({ from, filter: { streamPrefix: scope.prefix } }),
          ctx.waitMs,
        );
        await collector.untilEvent(history.at(-1)!.eventId);
        await collector.stop();
        expect(ids(collector.events)).toEqual(ids(history.slice(skip)));
      }
    });

    it('filters apply to catch-up and live events', { timeout: ctx.timeoutMs }, async () => {
      const store = ctx.store();
      const scope = ctx.scope();
      const wanted = scope.type('wanted');
      const from = await tailOf(ctx);
      await store.append(scope.stream('a'), [newEvent(wanted, { n: 1 }), newEvent(scope.type('other'))]);
      await store.append(scope.stream('b'), [newEvent(wanted, { n: 2 })]);
      const caughtUp = signal();
      const collector = new Collector(
        store.subscribe({
          from,
          filter: { category: `${scope.prefix}a`, eventTypes: [wanted] },
          onCaughtUp: caughtUp.fire,
        }),
        ctx.waitMs,
      );
      await within(caughtUp.promise, ctx.waitMs, 'onCaughtUp was not called');
      await store.append(scope.stream('b'), [newEvent(wanted, { n: 3 })]);
      await store.append(scope.stream('a'), [newEvent(scope.type('other')), newEvent(wanted, { n: 4 })]);
      const last = newEvent(wanted, { n: 5 });
      await store.append(scope.stream('a'), [last]);
      await collector.untilEvent(last.eventId);
      await collector.stop();
      expect(collector.events.map((event) => event.data)).toEqual([{ n: 1 }, { n: 4 }, { n: 5 }]);
    });

    it('two subscriptions each get every event', { timeout: ctx.timeoutMs }, async () => {
      const store = ctx.store();
      const scope = ctx.scope();
      const from = await tailOf(ctx);
      const collectors = [0, 1].map(
        () => new Collector(store.subscribe({ from, filter: { streamPrefix: scope.prefix } }), ctx.waitMs),
      );
      const batch = [newEvent('contract.a'), newEvent('contract.b'), newEvent('contract.c')];
      await store.append(scope.stream('x'), batch.slice(0, 2));
      await store.append(scope.stream('y'), batch.slice(2));
      for (const collector of collectors) {
        await collector.untilEvent(batch[2]!.eventId);
        await collector.stop();
        expect(ids(collector.events)).toEqual(ids(batch));
      }
    });

    it('stop() ends a pending next() promptly', { timeout: ctx.timeoutMs }, async () => {
      const caughtUp = signal();
      const subscription = ctx.store().subscribe({
        from: await tailOf(ctx),
        filter: { streamPrefix: ctx.scope().prefix },
        onCaughtUp: caughtUp.fire,
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await within(caughtUp.promise, ctx.waitMs, 'onCaughtUp was not called');
      await subscription.stop();
      expect(await within(pending, ctx.waitMs, 'the pending next() did not end after stop()')).toEqual({
        done: true,
        value: undefined,
      });
      expect((await within(iterator.next(), ctx.waitMs, 'next() after stop() hung')).done).toBe(true);
    });

    it(
      'stop() inside the loop ends the iteration; events after it are not delivered',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = ctx.store();
        const scope = ctx.scope();
        const history = await writeHistory(store, scope);
        const subscription = store.subscribe({
          from: history[0]!.position,
          filter: { streamPrefix: scope.prefix },
        });
        const seen: RecordedEvent[] = [];
        const loop = (async () => {
          for await (const event of subscription) {
            seen.push(event);
            if (seen.length === 3) await subscription.stop();
          }
        })();
        await within(loop, ctx.waitMs, 'the loop did not end after stop()');
        expect(ids(seen)).toEqual(ids(history.slice(0, 3)));
      },
    );
  });
}
