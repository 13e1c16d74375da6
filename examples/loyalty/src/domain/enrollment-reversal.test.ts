import { describe, expect, it } from 'vitest';
import { ID, alice, day, earned, enrolled, redeemed, upgraded } from './enrollment-fixtures.js';
import { PointsExpired, PointsReversed, TierDowngraded } from './enrollment.js';

describe('Enrollment', () => {
  describe('reversing an earning', () => {
    const bonus = earned('bonus', 500, 0, 'signup bonus');
    const silver = [enrolled, bonus, upgraded('basic', 'silver', 500)];

    it('takes the points back, from its own lot first, and the tier follows', async () => {
      await alice([...silver, earned('t-1', 100, 0)])
        .when((e) => e.reverseEarning('bonus', 'rolled back'))
        .then([
          PointsReversed.create({
            enrollmentId: ID,
            transactionId: 'bonus',
            points: 500,
            reason: 'rolled back',
            debits: [{ transactionId: 'bonus', points: 500 }],
          }),
          TierDowngraded.create({ enrollmentId: ID, from: 'silver', to: 'basic', lifetimePoints: 100 }),
        ]);
    });

    it('spent points are taken from other lots; a balance that cannot cover it refuses', async () => {
      const spent = redeemed('r-1', 300, [{ transactionId: 'bonus', points: 300 }]);
      await alice([...silver, earned('t-1', 400, 1), spent])
        .when((e) => e.reverseEarning('bonus', 'fraud'))
        .thenState((s) => {
          expect(s.balance).toBe(100);
          expect(s.lots.map((l) => [l.transactionId, l.remaining])).toEqual([
            ['bonus', 0],
            ['t-1', 100],
          ]);
        });
      const error = await alice([...silver, spent])
        .when((e) => e.reverseEarning('bonus', 'fraud'))
        .thenThrows('INSUFFICIENT_POINTS');
      expect(error).toMatchObject({ details: { balance: 200, requested: 500 } });
    });

    it('expired points are not taken twice', async () => {
      const expired = PointsExpired.create({
        enrollmentId: ID,
        asOf: day(400).toISOString(),
        points: 500,
        debits: [{ transactionId: 'bonus', points: 500 }],
      });
      await alice([...silver, expired])
        .when((e) => e.reverseEarning('bonus', 'rolled back'))
        .then([
          PointsReversed.create({
            enrollmentId: ID,
            transactionId: 'bonus',
            points: 500,
            reason: 'rolled back',
            debits: [],
          }),
          TierDowngraded.create({ enrollmentId: ID, from: 'silver', to: 'basic', lifetimePoints: 0 }),
        ]);
    });

    it('an earning is reversed once, and must exist', async () => {
      const reversed = PointsReversed.create({
        enrollmentId: ID,
        transactionId: 'bonus',
        points: 500,
        reason: 'x',
        debits: [{ transactionId: 'bonus', points: 500 }],
      });
      await alice([...silver, reversed])
        .when((e) => e.reverseEarning('bonus', 'again'))
        .thenThrows('EARNING_ALREADY_REVERSED');
      await alice(silver)
        .when((e) => e.reverseEarning('t-9', 'x'))
        .thenThrows('EARNING_NOT_FOUND');
      await alice([])
        .when((e) => e.reverseEarning('bonus', 'x'))
        .thenThrows('NOT_ENROLLED');
    });
  });
});
