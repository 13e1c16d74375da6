// The state of an enrolment and how each of its events changes it: the pure transition that
// `Enrollment.apply` runs on an immer draft, on a new event and on every replay.
import type { Draft } from '@strata/core';
import type { EnrollmentEvent, LotAmount } from './enrollment-events.js';
import type { Tier, TierThresholds } from './tier.js';

/** The points of one earning. */
export type Lot = {
  transactionId: string;
  reason: string;
  earnedAt: string;
  points: number;
  /** Not yet spent, expired or reversed. */
  remaining: number;
  expired: number;
  reversed: boolean;
};
export type Redemption = { rewardId: string; points: number; debits: LotAmount[]; refunded: boolean };

export type EnrollmentState = {
  enrolled: boolean;
  programId: string;
  customerId: string;
  enrolledAt: string;
  tierThresholds: TierThresholds;
  pointsExpireAfterDays: number | null;
  tier: Tier;
  balance: number;
  /** Every point ever earned, reversed earnings included. */
  earned: number;
  /** Net of refunds. */
  redeemed: number;
  expired: number;
  /** What reversals took from the balance. */
  reversed: number;
  /** Earned less the reversed earnings: what the tier is decided by. */
  lifetimePoints: number;
  /** In the order earned. */
  lots: Lot[];
  redemptions: Record<string, Redemption>;
};

/** The state before the first event: not enrolled, no points. */
export function initialEnrollmentState(): EnrollmentState {
  return {
    enrolled: false,
    programId: '',
    customerId: '',
    enrolledAt: '',
    tierThresholds: { silver: 0, gold: 0 },
    pointsExpireAfterDays: null,
    tier: 'basic',
    balance: 0,
    earned: 0,
    redeemed: 0,
    expired: 0,
    reversed: 0,
    lifetimePoints: 0,
    lots: [],
    redemptions: {},
  };
}

/** Applies one event to the draft state. */
export function applyEnrollmentEvent(state: Draft<EnrollmentState>, event: EnrollmentEvent): void {
  const lot = (transactionId: string) => state.lots.find((l) => l.transactionId === transactionId);
  const take = (debits: readonly LotAmount[], expired = false) => {
    for (const debit of debits) {
      const from = lot(debit.transactionId);
      if (!from) continue;
      from.remaining -= debit.points;
      if (expired) from.expired += debit.points;
      state.balance -= debit.points;
    }
  };
  switch (event.type) {
    case 'loyalty.customer.enrolled':
      state.enrolled = true;
      state.programId = event.data.programId;
      state.customerId = event.data.customerId;
      state.enrolledAt = event.data.enrolledAt;
      state.tierThresholds = { ...event.data.tierThresholds };
      state.pointsExpireAfterDays = event.data.pointsExpireAfterDays;
      return;
    case 'loyalty.points.earned': {
      const { transactionId, reason, earnedAt, points } = event.data;
      state.lots.push({
        transactionId,
        reason,
        earnedAt,
        points,
        remaining: points,
        expired: 0,
        reversed: false,
      });
      state.balance += points;
      state.earned += points;
      state.lifetimePoints += points;
      return;
    }
    case 'loyalty.points.redeemed':
      take(event.data.debits);
      state.redeemed += event.data.points;
      state.redemptions[event.data.redemptionId] = {
        rewardId: event.data.rewardId,
        points: event.data.points,
        debits: event.data.debits.map((debit) => ({ ...debit })),
        refunded: false,
      };
      return;
    case 'loyalty.points.refunded': {
      for (const credit of event.data.credits) {
        const to = lot(credit.transactionId);
        if (to) to.remaining += credit.points;
        state.balance += credit.points;
      }
      state.redeemed -= event.data.points;
      const redemption = state.redemptions[event.data.redemptionId];
      if (redemption) redemption.refunded = true;
      return;
    }
    case 'loyalty.points.reversed': {
      take(event.data.debits);
      state.reversed += event.data.debits.reduce((sum, debit) => sum + debit.points, 0);
      state.lifetimePoints -= event.data.points;
      const reversed = lot(event.data.transactionId);
      if (reversed) reversed.reversed = true;
      return;
    }
    case 'loyalty.points.expired':
      take(event.data.debits, true);
      state.expired += event.data.points;
      return;
    case 'loyalty.tier.upgraded':
    case 'loyalty.tier.downgraded':
      state.tier = event.data.to;
      return;
  }
}
