import { AggregateRoot, DomainError, type Draft } from '@strata/core';
import {
  AccountEvents,
  CustomerEnrolled,
  PointsEarned,
  PointsRedeemed,
  TierUpgraded,
  type AccountEvent,
} from './events.js';

export type Tier = 'basic' | 'silver' | 'gold';

export interface AccountState {
  enrolled: boolean;
  programId: string | undefined;
  balance: number;
  lifetimePoints: number;
  tier: Tier;
}

/** Lifetime points at which a tier starts. */
export const TIER_THRESHOLDS: Readonly<Record<Tier, number>> = { basic: 0, silver: 500, gold: 2000 };

export function tierFor(lifetimePoints: number): Tier {
  if (lifetimePoints >= TIER_THRESHOLDS.gold) return 'gold';
  if (lifetimePoints >= TIER_THRESHOLDS.silver) return 'silver';
  return 'basic';
}

export class LoyaltyAccount extends AggregateRoot<AccountState, AccountEvent> {
  static readonly category = 'loyaltyAccount';
  static readonly events = AccountEvents;

  protected initialState(): AccountState {
    return { enrolled: false, programId: undefined, balance: 0, lifetimePoints: 0, tier: 'basic' };
  }

  protected apply(state: Draft<AccountState>, event: AccountEvent): void {
    switch (event.type) {
      case 'loyalty.customer.enrolled':
        state.enrolled = true;
        state.programId = event.data.programId;
        return;
      case 'loyalty.points.earned':
        state.balance += event.data.points;
        state.lifetimePoints += event.data.points;
        return;
      case 'loyalty.points.redeemed':
        state.balance -= event.data.points;
        return;
      case 'loyalty.tier.upgraded':
        state.tier = event.data.to;
        return;
    }
  }

  enrol(programId: string): void {
    if (this.state.enrolled)
      throw new DomainError('ALREADY_ENROLLED', `account ${this.id} is already enrolled`);
    this.raise(CustomerEnrolled, { accountId: this.id, programId });
  }

  earn(points: number, reason: string): void {
    this.#mustBeEnrolled();
    this.raise(PointsEarned, { accountId: this.id, points, reason });
    const next = tierFor(this.state.lifetimePoints);
    if (next !== this.state.tier)
      this.raise(TierUpgraded, { accountId: this.id, from: this.state.tier, to: next });
  }

  redeem(points: number, rewardId: string): void {
    this.#mustBeEnrolled();
    if (points > this.state.balance) {
      throw new DomainError(
        'INSUFFICIENT_POINTS',
        `account ${this.id} has ${this.state.balance} points, needs ${points}`,
        {
          balance: this.state.balance,
          requested: points,
        },
      );
    }
    this.raise(PointsRedeemed, { accountId: this.id, points, rewardId });
  }

  #mustBeEnrolled(): void {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', `account ${this.id} is not enrolled`);
  }
}
