import { MemoryEventStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { PointsEarned } from '../getting-started/loyalty-account.js';
import { checkpoints, totalPoints } from './checkpoints.js';

describe('core: checkpoints', () => {
  it('a second run resumes after the checkpoint and counts nothing twice', async () => {
    const store = new MemoryEventStore();
    const earn = (accountId: string, points: number) =>
      PointsEarned.create({ accountId, points, reason: 'x' });
    await store.append('loyaltyAccount-a', [earn('a', 1), earn('a', 2)]);
    await store.append('reward-r', [{ type: 'reward.created', data: {} }]);
    const totals = new Map<string, number>();
    await totalPoints(store, checkpoints, totals);
    expect(await checkpoints.load('points-total')).toBe(1n);
    await store.append('loyaltyAccount-b', [earn('b', 5)]);
    await totalPoints(store, checkpoints, totals);
    expect(Object.fromEntries(totals)).toEqual({ a: 3, b: 5 });
    expect(await checkpoints.load('points-total')).toBe(3n);
    await checkpoints.delete('points-total');
    expect(await checkpoints.load('points-total')).toBeUndefined();
  });
});
