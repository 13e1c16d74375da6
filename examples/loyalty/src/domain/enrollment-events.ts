// The events of an enrolment: what a member's stream records. `loyalty.points.earned` has two
// schema versions; stored v1 events (no reason) are upcast on read.
import { defineEvent, defineEvents, type EventOf } from '@strata/core';
import { z } from 'zod';
import { TierSchema, TierThresholdsSchema } from './tier.js';

const Points = z.number().int().positive();
const Instant = z.iso.datetime();
/** Points taken from (or given back to) the lot of one earning. */
const LotAmount = z.object({ transactionId: z.string(), points: Points });
export type LotAmount = z.output<typeof LotAmount>;

export const CustomerEnrolled = defineEvent(
  'loyalty.customer.enrolled',
  z.object({
    enrollmentId: z.string(),
    programId: z.string(),
    customerId: z.string(),
    enrolledAt: Instant,
    /** The program's terms when the customer joined: the enrolment keeps them. */
    tierThresholds: TierThresholdsSchema,
    pointsExpireAfterDays: z.number().int().positive().nullable(),
  }),
);

/** How `loyalty.points.earned` looked at schema version 1, before earnings had a reason. */
export type PointsEarnedV1 = {
  enrollmentId: string;
  transactionId: string;
  points: number;
  earnedAt: string;
};

export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({
    enrollmentId: z.string(),
    /** Unique in the enrolment: a repeated earning is refused, and a reversal names it. */
    transactionId: z.string().min(1),
    points: Points,
    earnedAt: Instant,
    reason: z.string(),
  }),
  {
    version: 2,
    // Version 1 was written when purchases were the only way to earn.
    upcast: { 1: (old: PointsEarnedV1) => ({ ...old, reason: 'purchase' }) },
  },
);
export const PointsRedeemed = defineEvent(
  'loyalty.points.redeemed',
  z.object({
    enrollmentId: z.string(),
    redemptionId: z.string().min(1),
    rewardId: z.string(),
    points: Points,
    debits: z.array(LotAmount).min(1),
  }),
);
/** A redemption undone (the reward could not be had): its points go back to the lots they came from. */
export const PointsRefunded = defineEvent(
  'loyalty.points.refunded',
  z.object({
    enrollmentId: z.string(),
    redemptionId: z.string(),
    points: Points,
    reason: z.string(),
    credits: z.array(LotAmount).min(1),
  }),
);
/**
 * An earning undone (a bonus taken back): lifetime points lose all of it; the balance loses
 * what of it has not expired, from its own lot first. `debits` is empty when it had all expired.
 */
export const PointsReversed = defineEvent(
  'loyalty.points.reversed',
  z.object({
    enrollmentId: z.string(),
    transactionId: z.string(),
    points: Points,
    reason: z.string(),
    debits: z.array(LotAmount),
  }),
);
export const PointsExpired = defineEvent(
  'loyalty.points.expired',
  z.object({
    enrollmentId: z.string(),
    asOf: Instant,
    points: Points,
    debits: z.array(LotAmount).min(1),
  }),
);
const TierChange = z.object({
  enrollmentId: z.string(),
  from: TierSchema,
  to: TierSchema,
  lifetimePoints: z.number().int().nonnegative(),
});
export const TierUpgraded = defineEvent('loyalty.tier.upgraded', TierChange);
export const TierDowngraded = defineEvent('loyalty.tier.downgraded', TierChange);

export const EnrollmentEvents = defineEvents(
  CustomerEnrolled,
  PointsEarned,
  PointsRedeemed,
  PointsRefunded,
  PointsReversed,
  PointsExpired,
  TierUpgraded,
  TierDowngraded,
);
export type EnrollmentEvent = EventOf<typeof EnrollmentEvents>;
