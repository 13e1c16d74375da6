import { MemoryEventStore, StoreClosedError, sequentialIds, steppingClock, toArray } from '@strata/core';
import { describe, expect, it, vi } from 'vitest';
import { PointsEarned } from '../getting-started/loyalty-account.js';
import { appends, closing, idempotentAppend, live, reads } from './event-store.js';

const newStore = () => new MemoryEventStore({ ids: sequentialIds(), clock: steppingClock() });

describe('core: the EventStore port', () => {
  it('append with each expected revision', async () => {
    const store = newStore();
    const { first, second, outcomes } = await appends(store);
    expect(first).toEqual({ nextExpectedRevision: 1n, position: 1n });
    expect(second).toEqual({ nextExpectedRevision: 2n, position: 2n });
    expect(outcomes).toEqual(["Stream 'loyaltyAccount-a-1' is at revision 4, but the append expected 2"]);
    expect((await toArray(store.readStream('loyaltyAccount-a-1'))).map((e) => e.data)).toMatchObject(
      [1, 2, 3, 4, 5].map((points) => ({ points })),
    );
  });

  it('re-appending the same ids is idempotent', async () => {
    const { once, again, events } = await idempotentAppend(newStore());
    expect(again).toEqual(once);
    expect(events).toHaveLength(1);
    expect(events[0]!.eventId).toBe('evt-0001');
  });

  it('readStream and readAll with options and filters', async () => {
    const store = newStore();
    await appends(store);
    await store.append('reward-r-1', [{ type: 'reward.created', data: { rewardId: 'r-1' } }]);
    await store.append('loyaltyAccount-a-10', [
      PointsEarned.create({ accountId: 'a-10', points: 9, reason: 'x' }),
    ]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { lastTwo, fromThird, none, earnings, a1 } = await reads(store);
    expect(log).toHaveBeenCalledTimes(6);
    expect(log).toHaveBeenNthCalledWith(6, 6n, 'loyaltyAccount-a-10', 0n, 'loyalty.points.earned');
    log.mockRestore();
    expect(lastTwo.map((e) => e.revision)).toEqual([4n, 3n]);
    expect(fromThird.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
    expect(none).toEqual([]);
    expect(earnings.map((e) => e.position)).toEqual([0n, 1n, 2n, 3n, 4n, 6n]);
    // streamPrefix is a plain prefix: 'loyaltyAccount-a-1' also matches 'loyaltyAccount-a-10'.
    expect(a1.map((e) => `${e.streamId}@${e.position}`)).toEqual([
      'loyaltyAccount-a-1@3',
      'loyaltyAccount-a-1@4',
      'loyaltyAccount-a-10@6',
    ]);
    const recorded = earnings[0]!;
    expect(Object.keys(recorded).sort()).toEqual(
      [
        'data',
        'eventId',
        'metadata',
        'position',
        'recordedAt',
        'revision',
        'schemaVersion',
        'streamId',
        'type',
      ].sort(),
    );
    expect(recorded.recordedAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('subscribe catches up, says so, goes live and stops', async () => {
    const store = newStore();
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 1, reason: 'x' }),
    ]);
    await store.append('reward-r-1', [{ type: 'reward.created', data: {} }]);
    const done = live(store);
    await new Promise((resolve) => setImmediate(resolve));
    await store.append('loyaltyAccount-late', [
      PointsEarned.create({ accountId: 'late', points: 1, reason: 'x' }),
    ]);
    expect(await done).toEqual(['loyaltyAccount-a-1@0', 'caught up', 'loyaltyAccount-late@0']);
  });

  it('close stops subscriptions and refuses further calls', async () => {
    const store = newStore();
    const done = live(store);
    const refused = await closing(store);
    expect(refused).toBeInstanceOf(StoreClosedError);
    expect((refused as StoreClosedError).message).toBe('Cannot append: the event store is closed');
    expect(await done).toEqual(['caught up']);
  });
});
