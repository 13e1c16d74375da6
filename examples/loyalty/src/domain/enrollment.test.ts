import { MemoryEventStore, Repository, toArray } from '@strata/core';
import { checkAggregate, given } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  CustomerEnrolled,
  Enrollment,
  PointsEarned,
  PointsExpired,
  PointsRedeemed,
  PointsRefunded,
  PointsReversed,
  TierDowngraded,
  TierUpgraded,
  enrollmentId,
  type PointsEarnedV1,
} from './enrollment.js';
import type { ProgramTerms } from './loyalty-program.js';
import { tierFor } from './tier.js';

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);
const ID = 'coffee.alice';
const tierThresholds = { silver: 500, gold: 2000 };
const terms: ProgramTerms = {
  programId: 'coffee',
  status: 'active',
  tierThresholds,
  earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 100, silver: 125, gold: 150 } },
  pointsExpireAfterDays: 365,
};
const enrolled = CustomerEnrolled.create({
  enrollmentId: ID,
  programId: 'coffee',
  customerId: 'alice',
  enrolledAt: day(0).toISOString(),
  tierThresholds,
  pointsExpireAfterDays: 365,
});
const earned = (transactionId: string, points: number, onDay = 0, reason = 'purchase') =>
  PointsEarned.create({
    enrollmentId: ID,
    transactionId,
    points,
    earnedAt: day(onDay).toISOString(),
    reason,
  });
const redeemed = (
  redemptionId: string,
  points: number,
  debits: { transactionId: string; points: number }[],
) => PointsRedeemed.create({ enrollmentId: ID, redemptionId, rewardId: 'mug', points, debits });
const upgraded = (from: 'basic' | 'silver', to: 'silver' | 'gold', lifetimePoints: number) =>
  TierUpgraded.create({ enrollmentId: ID, from, to, lifetimePoints });
const alice = (history: Parameters<typeof given>[1]) => given(Enrollment, history, { id: ID });

describe('Enrollment', () => {
  describe('enrolment', () => {
    it('records the program terms the customer joined under', async () => {
      await alice([])
        .when((e) => e.enrol('alice', terms, day(0)))
        .then([enrolled]);
    });

    it('a customer enrols once', async () => {
      const error = await alice([enrolled])
        .when((e) => e.enrol('alice', terms, day(1)))
        .thenThrows('ALREADY_ENROLLED');
      expect(error).toMatchObject({
        details: { enrollmentId: ID, programId: 'coffee', customerId: 'alice' },
      });
    });

    it('only in an active program', async () => {
      for (const status of ['draft', 'suspended', 'closed'] as const) {
        const error = await alice([])
          .when((e) => e.enrol('alice', { ...terms, status }, day(0)))
          .thenThrows('PROGRAM_INACTIVE');
        expect(error).toMatchObject({ details: { programId: 'coffee', status } });
      }
    });

    it('the enrolment id is <programId>.<customerId>', async () => {
      expect(enrollmentId('coffee', 'bob.smith@example.com')).toBe('coffee.bob.smith@example.com');
      await alice([])
        .when((e) => e.enrol('bob', terms, day(0)))
        .thenThrows('ENROLLMENT_ID_MISMATCH');
      await alice([])
        .when((e) => e.enrol('', terms, day(0)))
        .thenThrows('INVALID_CUSTOMER_ID');
      expect(() => enrollmentId('co.ffee', 'alice')).toThrow(
        expect.objectContaining({ code: 'INVALID_PROGRAM_ID' }),
      );
    });

    it('needs a real date', async () => {
      await alice([])
        .when((e) => e.enrol('alice', terms, new Date('nonsense')))
        .thenThrows('INVALID_DATE');
    });
  });

  describe('earning', () => {
    it('points are earned with a transaction id and a reason', async () => {
      await alice([enrolled])
        .when((e) => e.earn(terms, 120, { transactionId: 't-1', reason: 'birthday', at: day(3) }))
        .then([earned('t-1', 120, 3, 'birthday')]);
    });

    it('only by a member', async () => {
      await alice([])
        .when((e) => e.earn(terms, 10, { transactionId: 't-1', reason: 'x', at: day(0) }))
        .thenThrows('NOT_ENROLLED');
    });

    it('only while the program is active, and in the member’s own program', async () => {
      await alice([enrolled])
        .when((e) =>
          e.earn({ ...terms, status: 'suspended' }, 10, { transactionId: 't-1', reason: 'x', at: day(0) }),
        )
        .thenThrows('PROGRAM_INACTIVE');
      const error = await alice([enrolled])
        .when((e) =>
          e.earn({ ...terms, programId: 'tea' }, 10, { transactionId: 't-1', reason: 'x', at: day(0) }),
        )
        .thenThrows('PROGRAM_MISMATCH');
      expect(error).toMatchObject({ details: { programId: 'coffee', given: 'tea' } });
    });

    it('points are whole and positive', async () => {
      for (const points of [0, -5, 2.5]) {
        await alice([enrolled])
          .when((e) => e.earn(terms, points, { transactionId: 't-1', reason: 'x', at: day(0) }))
          .thenThrows('INVALID_POINTS');
      }
    });

    it('a transaction is recorded once, and has an id', async () => {
      const error = await alice([enrolled, earned('t-1', 10)])
        .when((e) => e.earn(terms, 10, { transactionId: 't-1', reason: 'again', at: day(1) }))
        .thenThrows('DUPLICATE_TRANSACTION');
      expect(error).toMatchObject({ details: { transactionId: 't-1' } });
      await alice([enrolled])
        .when((e) => e.earn(terms, 10, { transactionId: '', reason: 'x', at: day(1) }))
        .thenThrows('INVALID_TRANSACTION_ID');
    });

    it('reaching a threshold upgrades the tier, straight to gold if need be', async () => {
      await alice([enrolled, earned('t-1', 450)])
        .when((e) => e.earn(terms, 50, { transactionId: 't-2', reason: 'x', at: day(1) }))
        .then([earned('t-2', 50, 1, 'x'), upgraded('basic', 'silver', 500)]);
      await alice([enrolled])
        .when((e) => e.earn(terms, 2500, { transactionId: 't-1', reason: 'x', at: day(1) }))
        .then([earned('t-1', 2500, 1, 'x'), upgraded('basic', 'gold', 2500)]);
    });

    it('a purchase earns by the earn rules at the member’s tier', async () => {
      const silver = [enrolled, earned('t-1', 600), upgraded('basic', 'silver', 600)];
      await alice(silver)
        .when((e) => expect(e.earnPurchase(terms, 1000, { transactionId: 't-2', at: day(2) })).toBe(12))
        .then([earned('t-2', 12, 2, 'purchase')]); // 10.00 × 1 point × 125 %, rounded down
      await alice([enrolled])
        .when((e) => expect(e.earnPurchase(terms, 99, { transactionId: 't-2', at: day(2) })).toBe(0))
        .then([]);
      await alice([enrolled])
        .when((e) => e.earnPurchase(terms, -100, { transactionId: 't-2', at: day(2) }))
        .thenThrows('INVALID_AMOUNT');
    });
  });

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

  describe('stored version 1 of loyalty.points.earned', () => {
    const v1: PointsEarnedV1 = {
      enrollmentId: ID,
      transactionId: 'till-7',
      points: 40,
      earnedAt: day(2).toISOString(),
    };

    it('is upcast with the reason every v1 earning had: a purchase', async () => {
      await alice([enrolled, { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 }])
        .when(() => undefined)
        .thenState((s) => {
          expect(s.lots).toEqual([
            {
              transactionId: 'till-7',
              reason: 'purchase',
              earnedAt: v1.earnedAt,
              points: 40,
              remaining: 40,
              expired: 0,
              reversed: false,
            },
          ]);
          expect(s.balance).toBe(40);
        });
    });

    it('loads from a store that holds it as written, and new earnings are written as v2', async () => {
      const store = new MemoryEventStore();
      await store.append(`enrollment-${ID}`, [
        { type: enrolled.type, data: enrolled.data },
        { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 },
      ]);
      const enrollments = new Repository(store, Enrollment);
      await enrollments.update(ID, (e) =>
        e.earn(terms, 10, { transactionId: 'till-8', reason: 'purchase', at: day(3) }),
      );
      const loaded = await enrollments.load(ID);
      expect(loaded.state.lots.map((l) => [l.transactionId, l.reason, l.points])).toEqual([
        ['till-7', 'purchase', 40],
        ['till-8', 'purchase', 10],
      ]);
      expect(loaded.state.balance).toBe(50);
      const stored = await toArray(store.readStream(`enrollment-${ID}`));
      expect(stored.map((event) => [event.type, event.schemaVersion])).toEqual([
        ['loyalty.customer.enrolled', 1],
        ['loyalty.points.earned', 1],
        ['loyalty.points.earned', 2],
      ]);
      expect(stored[1]?.data).toEqual(v1);
    });
  });

  it('keeps its invariants under any command sequence', async () => {
    // Longer sequences than fast-check's default size: most commands need an enrolment and a
    // few earnings before them, so short sequences would mostly test the refusals.
    const base = fc.readConfigureGlobal();
    fc.configureGlobal({ ...base, baseSize: 'medium' });
    onTestFinished(() => fc.configureGlobal(base));
    const tx = fc.constantFrom('t-1', 't-2', 't-3', 't-4');
    const redemption = fc.constantFrom('r-1', 'r-2', 'r-3');
    const onDay = fc.integer({ min: 0, max: 800 });
    const program = fc.constantFrom<ProgramTerms>(terms, terms, terms, { ...terms, status: 'suspended' });
    const result = await checkAggregate(Enrollment, {
      id: ID,
      commands: {
        enrol: { args: fc.tuple(program), run: (e, [p]) => e.enrol('alice', p, day(0)) },
        earn: {
          args: fc.tuple(program, fc.integer({ min: 0, max: 900 }), tx, onDay),
          run: (e, [p, points, transactionId, at]) =>
            e.earn(p, points, { transactionId, reason: 'x', at: day(at) }),
        },
        purchase: {
          args: fc.tuple(program, fc.integer({ min: 1, max: 90_000 }), tx, onDay),
          run: (e, [p, cents, transactionId, at]) => e.earnPurchase(p, cents, { transactionId, at: day(at) }),
        },
        redeem: {
          args: fc.tuple(program, fc.integer({ min: 1, max: 900 }), redemption),
          run: (e, [p, points, redemptionId]) => e.redeem(p, { redemptionId, rewardId: 'mug', points }),
        },
        refund: { args: fc.tuple(redemption), run: (e, [id]) => e.refundRedemption(id, 'x') },
        reverse: { args: fc.tuple(tx), run: (e, [id]) => e.reverseEarning(id, 'x') },
        expire: { args: fc.tuple(onDay), run: (e, [at]) => e.expirePoints(day(at)) },
      },
      invariants: {
        'balance never negative': (s) => s.balance >= 0,
        'balance = earned − redeemed − expired − reversed': (s) =>
          s.balance === s.earned - s.redeemed - s.expired - s.reversed,
        'balance is what the lots have left': (s) =>
          s.balance === s.lots.reduce((sum, l) => sum + l.remaining, 0),
        'a lot has 0 to its points left': (s) =>
          s.lots.every((l) => l.remaining >= 0 && l.remaining <= l.points),
        'lifetime points are the earnings not reversed': (s) =>
          s.lifetimePoints === s.lots.filter((l) => !l.reversed).reduce((sum, l) => sum + l.points, 0),
        'redeemed ≤ lifetime points ≤ earned': (s) =>
          s.redeemed >= 0 && s.redeemed <= s.lifetimePoints && s.lifetimePoints <= s.earned,
        'the tier is the one lifetime points reach': (s) =>
          !s.enrolled || s.tier === tierFor(s.lifetimePoints, s.tierThresholds),
      },
      numRuns: 150,
      maxCommands: 40,
      seed: 20261126,
    });
    for (const name of ['enrol', 'earn', 'purchase', 'redeem', 'refund', 'reverse', 'expire'] as const) {
      const stats = result.commands[name];
      expect(stats && stats.runs - stats.rejected, name).toBeGreaterThan(0);
      expect(stats?.rejected, name).toBeGreaterThan(0);
    }
  });
});
