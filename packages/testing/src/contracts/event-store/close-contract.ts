import { StoreClosedError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { newEvent, rejectionOf, within, type ContractContext } from './context.js';

/** `close()`: ends live subscriptions and refuses further work with a typed error. */
export function describeCloseContract(ctx: ContractContext): void {
  describe('close', () => {
    it('close() ends a pending next() of a live subscription', { timeout: ctx.timeoutMs }, async () => {
      const store = await ctx.makeStore();
      const scope = ctx.scope();
      const { position } = await store.append(scope.stream('closing'), [newEvent('contract.a')]);
      let caughtUp!: () => void;
      const live = new Promise<void>((resolve) => {
        caughtUp = resolve;
      });
      const subscription = store.subscribe({
        from: position,
        filter: { streamPrefix: scope.prefix },
        onCaughtUp: () => caughtUp(),
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const first = await within(iterator.next(), ctx.waitMs, 'the stored event was not delivered');
      expect(first.done).toBe(false);
      const pending = iterator.next();
      await within(live, ctx.waitMs, 'onCaughtUp was not called');
      await within(store.close(), ctx.waitMs, 'close() hung');
      expect((await within(pending, ctx.waitMs, 'the pending next() did not end on close()')).done).toBe(
        true,
      );
    });

    it(
      'after close() an append is refused with StoreClosedError; closing again is harmless',
      { timeout: ctx.timeoutMs },
      async () => {
        const store = await ctx.makeStore();
        const streamId = ctx.scope().stream('closing');
        await store.append(streamId, [newEvent('contract.a')]);
        await store.close();
        const error = await rejectionOf(() => store.append(streamId, [newEvent('contract.b')]));
        expect(error).toBeInstanceOf(StoreClosedError);
        // A second close() is harmless (shutdown hooks often overlap).
        await within(store.close(), ctx.waitMs, 'a second close() hung');
      },
    );
  });
}
