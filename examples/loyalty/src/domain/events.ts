import { z } from 'zod';
import { defineEvent, defineEvents, type EventOf } from '@strata/core';

export const CustomerEnrolled = defineEvent(
  'loyalty.customer.enrolled',
  z.object({ accountId: z.string(), programId: z.string() }),
);

// Version 1 had no reason; stored v1 events are upcast on read.
export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
  {
    version: 2,
    upcast: { 1: (old: { accountId: string; points: number }) => ({ ...old, reason: 'unknown' }) },
  },
);

export const PointsRedeemed = defineEvent(
  'loyalty.points.redeemed',
  z.object({ accountId: z.string(), points: z.number().int().positive(), rewardId: z.string() }),
);

export const TierUpgraded = defineEvent(
  'loyalty.tier.upgraded',
  z.object({
    accountId: z.string(),
    from: z.enum(['basic', 'silver', 'gold']),
    to: z.enum(['basic', 'silver', 'gold']),
  }),
);

export const AccountEvents = defineEvents(CustomerEnrolled, PointsEarned, PointsRedeemed, TierUpgraded);
export type AccountEvent = EventOf<typeof AccountEvents>;
