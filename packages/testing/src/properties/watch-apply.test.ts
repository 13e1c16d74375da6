import { describe, expect, it } from 'vitest';
import { Enrolled, LoyaltyAccount } from '../../../core/src/fixtures/loyalty-account.js';
import { MutatingAccount } from './fixtures/buggy-accounts.js';
import { watchApply } from './watch-apply.js';

describe('watchApply', () => {
  it('sees nothing when apply leaves events alone', () => {
    const account = new LoyaltyAccount('a-1');
    const watch = watchApply(account);
    account.enrol('gold');
    account.earn(5, 'x');
    account.replay([Enrolled.create({ accountId: 'a-1', programId: 'silver' })]);
    expect(watch.mutation).toBeUndefined();
    expect(account.state.balance).toBe(5);
  });

  it('records the first event apply changed, before and after, on raise and on replay', () => {
    const live = new MutatingAccount('a-1');
    const watch = watchApply(live);
    live.enrol('gold');
    live.earn(5, 'bonus');
    expect(watch.mutation).toEqual({
      type: 'loyalty.points.earned',
      before: { data: { accountId: 'a-1', points: 5, reason: 'bonus' }, metadata: {} },
      after: { data: { accountId: 'a-1', points: 5, reason: 'bonus!' }, metadata: {} },
    });
    const replayed = new MutatingAccount('a-1');
    const replayWatch = watchApply(replayed);
    const event = {
      type: 'loyalty.points.earned' as const,
      data: { accountId: 'a-1', points: 1, reason: 'r' },
      metadata: {},
      schemaVersion: 2,
    };
    // Core freezes events on replay: the write throws, and the watch says which event it was.
    expect(() => replayed.replay([event])).toThrow(TypeError);
    expect(replayWatch.frozenWrite?.type).toBe('loyalty.points.earned');
    expect(replayWatch.frozenWrite?.data).toEqual({ accountId: 'a-1', points: 1, reason: 'r' });
  });
});
