// The loyalty account of ../domain written as Emmett users write it: event types as plain
// `Event<type, data>` records, and a decider (`initialState`, `evolve`, `decide`) that
// Emmett's `CommandHandler` and `aggregateStream` run.
import type { Event } from '@event-driven-io/emmett';
import type { EventInput } from '@strata/core';

export type Enrolled = Event<'loyalty.customer.enrolled', { accountId: string; programId: string }>;
export type PointsEarned = Event<
  'loyalty.points.earned',
  { accountId: string; points: number; reason: string }
>;
export type PointsRedeemed = Event<'loyalty.points.redeemed', { accountId: string; points: number }>;
export type LoyaltyEvent = Enrolled | PointsEarned | PointsRedeemed;

export interface LoyaltyState {
  readonly enrolled: boolean;
  readonly balance: number;
  readonly history: { points: number }[];
}

export const initialState = (): LoyaltyState => ({ enrolled: false, balance: 0, history: [] });

/**
 * Emmett's evolve returns a new state per event, as its guides write it. The history array is
 * shared and pushed to rather than copied: copying it per event would make the fold quadratic,
 * a cost of how the domain is written, not of the framework, and no Emmett user would do it.
 */
export function evolve(state: LoyaltyState, event: LoyaltyEvent): LoyaltyState {
  switch (event.type) {
    case 'loyalty.customer.enrolled':
      return { ...state, enrolled: true };
    case 'loyalty.points.earned':
      state.history.push({ points: event.data.points });
      return { ...state, balance: state.balance + event.data.points };
    case 'loyalty.points.redeemed':
      state.history.push({ points: -event.data.points });
      return { ...state, balance: state.balance - event.data.points };
  }
}

/** The same event as `loyaltyEvent` gives Strata, in Emmett's shape (no schema version field). */
export function toEmmettEvent(event: EventInput): LoyaltyEvent {
  return { type: event.type, data: event.data } as LoyaltyEvent;
}
