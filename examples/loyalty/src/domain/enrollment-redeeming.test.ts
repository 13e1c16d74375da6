import { describe, expect, it } from 'vitest';
import { ID, alice, earned, enrolled, redeemed, terms } from './enrollment-fixtures.js';
import { PointsRefunded } from './enrollment.js';

describe('Enrollment', () => {
  describe('redeeming', () => {
    it('spends points from the oldest lots first', async () => {
      await alice([enrolled, earned('t-new', 50, 5), earned('t-old', 30, 1)])
        .when((e) => e.redeem(terms, { redemptionId: 'r-1', rewardId: 'mug', points: 60 }))
        .then([
          redeemed('r-1', 60, [
            { transactionId: 't-old', points: 30 },
            { transactionId: 't-new', points: 30 },
          ]),
        ]);
    });

    it('never more than the balance', async () => {
      const error = await alice([enrolled, earned('t-1', 50)])
        .when((e) => e.redeem(terms, { redemptionId: 'r-1', rewardId: 'mug', points: 80 }))
        .thenThrows('INSUFFICIENT_POINTS');
      expect(error).toMatchObject({ details: { enrollmentId: ID, balance: 50, requested: 80 } });
    });

    it('a redemption id is used once, and a redemption needs points, an id and an active program', async () => {
      const history = [
        enrolled,
        earned('t-1', 50),
        redeemed('r-1', 10, [{ transactionId: 't-1', points: 10 }]),
      ];
      await alice(history)
        .when((e) => e.redeem(terms, { redemptionId: 'r-1', rewardId: 'mug', points: 10 }))
        .thenThrows('DUPLICATE_REDEMPTION');
      await alice(history)
        .when((e) => e.redeem(terms, { redemptionId: '', rewardId: 'mug', points: 10 }))
        .thenThrows('INVALID_REDEMPTION_ID');
      await alice(history)
        .when((e) => e.redeem(terms, { redemptionId: 'r-2', rewardId: 'mug', points: 0 }))
        .thenThrows('INVALID_POINTS');
      await alice(history)
        .when((e) =>
          e.redeem({ ...terms, status: 'suspended' }, { redemptionId: 'r-2', rewardId: 'mug', points: 5 }),
        )
        .thenThrows('PROGRAM_INACTIVE');
    });

    it('a refund gives the points back to the lots they came from, once', async () => {
      const debits = [{ transactionId: 't-1', points: 40 }];
      const history = [enrolled, earned('t-1', 50), redeemed('r-1', 40, debits)];
      const refunded = PointsRefunded.create({
        enrollmentId: ID,
        redemptionId: 'r-1',
        points: 40,
        reason: 'out of stock',
        credits: debits,
      });
      await alice(history)
        .when((e) => e.refundRedemption('r-1', 'out of stock'))
        .then([refunded]);
      await alice([...history, refunded])
        .when((e) => e.refundRedemption('r-1', 'again'))
        .thenThrows('REDEMPTION_ALREADY_REFUNDED');
      await alice(history)
        .when((e) => e.refundRedemption('r-9', 'x'))
        .thenThrows('REDEMPTION_NOT_FOUND');
      await alice([...history, refunded])
        .when(() => undefined)
        .thenState((s) => {
          expect([s.balance, s.redeemed]).toEqual([50, 0]);
          expect(s.lots[0]?.remaining).toBe(50);
        });
    });
  });
});
