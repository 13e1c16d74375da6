import {
  ConcurrencyError,
  DomainError,
  MemoryEventStore,
  Repository,
  toArray,
  type EventStore,
} from '@strata/core';
import { describe, expect, it, vi } from 'vitest';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';
import { basics, concurrentUpdates, updates } from './repository.js';

describe('core: Repository', () => {
  it('create, save, find and load', async () => {
    const store = new MemoryEventStore();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { saved, nothing, missing } = await basics(store);
    expect(log).toHaveBeenCalledWith('loyaltyAccount-a-404');
    log.mockRestore();
    expect(saved).toEqual({ version: 0n, position: 0n, appended: 1 });
    expect(nothing).toEqual({ version: 0n, position: undefined, appended: 0 });
    expect(missing).toBeUndefined();
  });

  it('update returns the aggregate, fn result and version; stamps metadata', async () => {
    const store = new MemoryEventStore();
    const { aggregate, result, version } = await updates(store);
    expect(result).toBe(10);
    expect(version).toBe(1n);
    expect(aggregate.state.balance).toBe(10);
    const events = await toArray(store.readStream('loyaltyAccount-a-2'));
    expect(events[1]!.metadata).toEqual({ userId: 'u-1' });
  });

  it('concurrent updates with retries all land once', async () => {
    expect(await concurrentUpdates()).toBe(55);
  });

  it('without retries a conflict is thrown; a DomainError is never retried', async () => {
    const store = new MemoryEventStore();
    const accounts = new Repository(store, LoyaltyAccount);
    const a = accounts.create('a-5');
    a.enrol('p');
    await accounts.save(a);
    const stale = await accounts.load('a-5');
    await accounts.update('a-5', (x) => x.earn(1, 'first'));
    stale.earn(2, 'second');
    await expect(accounts.save(stale)).rejects.toBeInstanceOf(ConcurrencyError);
    let calls = 0;
    await expect(
      accounts.update(
        'a-5',
        (x) => {
          calls++;
          x.redeem(100);
        },
        { retries: 5 },
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(calls).toBe(1);
  });

  it('saving again after an unknown outcome does not duplicate events (ids are kept)', async () => {
    const inner = new MemoryEventStore();
    let lose = true;
    const flaky: EventStore = {
      append: async (streamId, events, options) => {
        const result = await inner.append(streamId, events, options);
        if (lose) {
          lose = false;
          throw new Error('timeout: the reply was lost');
        }
        return result;
      },
      readStream: (streamId, options) => inner.readStream(streamId, options),
      readAll: (options) => inner.readAll(options),
      subscribe: (options) => inner.subscribe(options),
      close: () => inner.close(),
    };
    const accounts = new Repository(flaky, LoyaltyAccount);
    const account = accounts.create('a-6');
    account.enrol('p');
    await expect(accounts.save(account)).rejects.toThrow(/timeout/);
    expect(await accounts.save(account)).toEqual({ version: 0n, position: 0n, appended: 1 });
    expect(await toArray(inner.readStream('loyaltyAccount-a-6'))).toHaveLength(1);
  });
});
