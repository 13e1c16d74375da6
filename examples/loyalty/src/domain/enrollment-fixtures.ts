// What the Enrollment's tests share: alice's enrolment in the coffee program, and the events
// her stream records, built with the program's terms.
import { given } from '@strata/testing';
import { CustomerEnrolled, Enrollment, PointsEarned, PointsRedeemed, TierUpgraded } from './enrollment.js';
import type { ProgramTerms } from './loyalty-program.js';

export const DAY = 86_400_000;
export const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);
export const ID = 'coffee.alice';
export const tierThresholds = { silver: 500, gold: 2000 };
export const terms: ProgramTerms = {
  programId: 'coffee',
  status: 'active',
  tierThresholds,
  earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 100, silver: 125, gold: 150 } },
  pointsExpireAfterDays: 365,
};
export const enrolled = CustomerEnrolled.create({
  enrollmentId: ID,
  programId: 'coffee',
  customerId: 'alice',
  enrolledAt: day(0).toISOString(),
  tierThresholds,
  pointsExpireAfterDays: 365,
});
export const earned = (transactionId: string, points: number, onDay = 0, reason = 'purchase') =>
  PointsEarned.create({
    enrollmentId: ID,
    transactionId,
    points,
    earnedAt: day(onDay).toISOString(),
    reason,
  });
export const redeemed = (
  redemptionId: string,
  points: number,
  debits: { transactionId: string; points: number }[],
) => PointsRedeemed.create({ enrollmentId: ID, redemptionId, rewardId: 'mug', points, debits });
export const upgraded = (from: 'basic' | 'silver', to: 'silver' | 'gold', lifetimePoints: number) =>
  TierUpgraded.create({ enrollmentId: ID, from, to, lifetimePoints });
export const alice = (history: Parameters<typeof given>[1]) => given(Enrollment, history, { id: ID });
