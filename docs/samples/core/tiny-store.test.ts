import { ConcurrencyError, EventTooLargeError, sequentialIds, toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';
import { TinyEventStore, rowToEvent } from './tiny-store.js';

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

  it('rowToEvent converts a database row into a frozen recorded event', () => {
    const event = rowToEvent({
      event_id: 'e-1',
      stream_id: 'loyaltyAccount-a',
      revision: '9007199254740993',
      position: '12',
      recorded_at: new Date(0),
      schema_version: 2,
      type: 'loyalty.points.earned',
      data: '{"accountId":"a","points":3,"tags":["x"]}',
      metadata: '{"userId":"u-1"}',
    });
    expect(event.revision).toBe(9007199254740993n);
    expect(event.position).toBe(12n);
    expect(event.data).toEqual({ accountId: 'a', points: 3, tags: ['x'] });
    expect(Object.isFrozen((event.data as { tags: string[] }).tags)).toBe(true);
    expect(Object.isFrozen(event.metadata)).toBe(true);
  });
});
