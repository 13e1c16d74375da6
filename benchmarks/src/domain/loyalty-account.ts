// The loyalty aggregate of DESIGN.md, as core's test fixture writes it (with a `history` that
// grows by one entry per event, so replay builds real state, not just a counter).
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

export interface AccountState {
  enrolled: boolean;
  balance: number;
  history: { points: number }[];
}

export function initialAccountState(): AccountState {
  return { enrolled: false, balance: 0, history: [] };
}

export class LoyaltyAccount extends AggregateRoot<AccountState, AccountEvent> {
  static readonly category = 'loyaltyAccount';
  static readonly events = AccountEvents;
  protected initialState(): AccountState {
    return initialAccountState();
  }
  protected apply(state: Draft<AccountState>, event: AccountEvent): void {
    switch (event.type) {
      case 'loyalty.customer.enrolled':
        state.enrolled = true;
        return;
      case 'loyalty.points.earned':
        state.balance += event.data.points;
        state.history.push({ points: event.data.points });
        return;
      case 'loyalty.points.redeemed':
        state.balance -= event.data.points;
        state.history.push({ points: -event.data.points });
        return;
    }
  }
  enrol(programId: string): void {
    if (this.state.enrolled) throw new DomainError('ALREADY_ENROLLED', 'already enrolled');
    this.raise(Enrolled, { accountId: this.id, programId });
  }
  earn(points: number, reason: string): void {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    this.raise(PointsEarned, { accountId: this.id, points, reason });
  }
  redeem(points: number): void {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    if (points > this.state.balance) {
      throw new DomainError('INSUFFICIENT_POINTS', `balance ${this.state.balance} < ${points}`);
    }
    this.raise(PointsRedeemed, { accountId: this.id, points });
  }
}
