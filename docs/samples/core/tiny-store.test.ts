import { ConcurrencyError, EventTooLargeError, sequentialIds, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';
import { TinyEventStore } from './tiny-store.js';

describe('core: a toy adapter built on the adapter helpers', () => {
  it('appends, repeats idempotently, conflicts and reads', async () => {
    const store = new TinyEventStore({ ids: sequentialIds(), maxEventBytes: 200 });
    const batch = [{ ...Enrolled.create({ accountId: 'a', programId: 'p' }), eventId: 'e-1' }];
    const first = await store.append('loyaltyAccount-a', batch, { expectedRevision: 'no_stream' });
    expect(first).toEqual({ nextExpectedRevision: 0n, position: 0n });
    expect(await store.append('loyaltyAccount-a', batch, { expectedRevision: 'no_stream' })).toEqual(first);
    await expect(
      store.append('loyaltyAccount-a', [PointsEarned.create({ accountId: 'a', points: 1, reason: 'x' })], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      store.append('loyaltyAccount-a', [
        PointsEarned.create({ accountId: 'a', points: 1, reason: 'x'.repeat(300) }),
      ]),
    ).rejects.toBeInstanceOf(EventTooLargeError);
    await store.append(
      'loyaltyAccount-a',
      [PointsEarned.create({ accountId: 'a', points: 2, reason: 'y' })],
      {
        expectedRevision: 0n,
      },
    );
    await store.append('reward-r', [{ type: 'reward.created', data: {} }]);
    const backwards = await toArray(store.readStream('loyaltyAccount-a', { direction: 'backwards' }));
    expect(backwards.map((e) => e.revision)).toEqual([1n, 0n]);
    const all = await toArray(store.readAll({ filter: { category: 'reward' } }));
    expect(all.map((e) => [e.streamId, e.position])).toEqual([['reward-r', 2n]]);
    expect(() => store.subscribe()).toThrow(/does not subscribe/);
  });
});
