import { describe, expect, it } from 'vitest';
import { Enrolled, LoyaltyAccount, PointsEarned } from './account.js';

describe('testing guide: LoyaltyAccount', () => {
  it('earns, redeems and refuses to overdraw', () => {
    const account = new LoyaltyAccount('a-1');
    account.enrol('gold');
    account.earn(5, 'welcome');
    account.redeem(3);
    expect(account.state).toEqual({ enrolled: true, balance: 2 });
    expect(() => account.redeem(3)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }));
  });

  it('upcasts PointsEarned from version 1', () => {
    const parsed = PointsEarned.parse({
      type: 'loyalty.points.earned',
      data: { accountId: 'a', points: 1 },
      schemaVersion: 1,
    });
    expect(parsed.data).toEqual({ accountId: 'a', points: 1, reason: 'unknown' });
    expect(Enrolled.version).toBe(1);
  });
});
