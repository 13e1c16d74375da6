// The aggregate that the testing guide's samples test: getting started's LoyaltyAccount, with
// PointsEarned at schema version 2 (version 1 had no reason) and an upcaster from version 1.
// #region domain
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';

export const Enrolled = defineEvent(
  'loyalty.customer.enrolled',
  z.object({ accountId: z.string(), programId: z.string() }),
);
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
  z.object({ accountId: z.string(), points: z.number().int().positive() }),
);
export const AccountEvents = defineEvents(Enrolled, PointsEarned, PointsRedeemed);
export type AccountEvent = EventOf<typeof AccountEvents>;

type State = { enrolled: boolean; balance: number };

export class LoyaltyAccount extends AggregateRoot<State, AccountEvent> {
  static readonly category = 'loyaltyAccount';
  static readonly events = AccountEvents;
  protected initialState(): State {
    return { enrolled: false, balance: 0 };
  }
  protected apply(state: Draft<State>, event: AccountEvent): void {
    switch (event.type) {
      case 'loyalty.customer.enrolled':
        state.enrolled = true;
        return;
      case 'loyalty.points.earned':
        state.balance += event.data.points;
        return;
      case 'loyalty.points.redeemed':
        state.balance -= event.data.points;
        return;
    }
  }
  enrol(programId: string) {
    if (this.state.enrolled) throw new DomainError('ALREADY_ENROLLED', 'already enrolled');
    this.raise(Enrolled, { accountId: this.id, programId });
  }
  earn(points: number, reason: string) {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    this.raise(PointsEarned, { accountId: this.id, points, reason });
  }
  redeem(points: number) {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    if (points > this.state.balance)
      throw new DomainError('INSUFFICIENT_POINTS', `balance ${this.state.balance}`);
    this.raise(PointsRedeemed, { accountId: this.id, points });
  }
}
// #endregion domain
