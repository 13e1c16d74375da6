import { describe, expect, it } from 'vitest';
import { ID, alice, day, earned, enrolled, redeemed, upgraded } from './enrollment-fixtures.js';
import { CustomerEnrolled, PointsExpired } from './enrollment.js';

describe('Enrollment', () => {
  describe('expiry', () => {
    it('expires what is left of lots earned at least N days before asOf', async () => {
      const history = [
        enrolled,
        earned('t-1', 100, 0),
        earned('t-2', 50, 10),
        redeemed('r-1', 30, [{ transactionId: 't-1', points: 30 }]),
      ];
      await alice(history)
        .when((e) => expect(e.expirePoints(day(365))).toBe(70))
        .then([
          PointsExpired.create({
            enrollmentId: ID,
            asOf: day(365).toISOString(),
            points: 70,
            debits: [{ transactionId: 't-1', points: 70 }],
          }),
        ]);
      await alice(history)
        .when((e) => expect(e.expirePoints(day(364))).toBe(0))
        .then([]);
    });

    it('a program without expiry expires nothing; asOf must be a date', async () => {
      const forever = CustomerEnrolled.create({ ...enrolled.data, pointsExpireAfterDays: null });
      await alice([forever, earned('t-1', 100, 0)])
        .when((e) => expect(e.expirePoints(day(5000))).toBe(0))
        .then([]);
      await alice([enrolled])
        .when((e) => e.expirePoints(new Date(Number.NaN)))
        .thenThrows('INVALID_DATE');
      await alice([])
        .when((e) => e.expirePoints(day(1)))
        .thenThrows('NOT_ENROLLED');
    });

    it('expiry and redemption keep the tier (it follows lifetime points)', async () => {
      await alice([enrolled, earned('t-1', 600, 0), upgraded('basic', 'silver', 600)])
        .when((e) => e.expirePoints(day(400)))
        .thenState((s) =>
          expect([s.tier, s.balance, s.lifetimePoints, s.expired]).toEqual(['silver', 0, 600, 600]),
        );
    });
  });
});
