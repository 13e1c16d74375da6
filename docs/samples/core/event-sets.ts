import { toArray, type RecordedEvent } from '@strata/core';
import { RewardCreated } from './define-event.js';

// #region define-events
import { z } from 'zod';
import { defineEvent, defineEvents, type EventOf } from '@strata/core';

export const RewardRedeemed = defineEvent(
  'reward.redeemed',
  z.object({ rewardId: z.string(), accountId: z.string() }),
);
export const RewardFulfilled = defineEvent('reward.fulfilled', z.object({ rewardId: z.string() }));

export const RewardEvents = defineEvents(RewardCreated, RewardRedeemed, RewardFulfilled);

// The union of the three new-event shapes, discriminated by `type`:
export type RewardEvent = EventOf<typeof RewardEvents>;
// #endregion

// #region event-of
export function describeReward(event: RewardEvent): string {
  switch (event.type) {
    case 'reward.created':
      return `${event.data.title} costs ${event.data.cost}`;
    case 'reward.redeemed':
      return `${event.data.accountId} redeemed ${event.data.rewardId}`;
    case 'reward.fulfilled':
      return `${event.data.rewardId} fulfilled`;
  }
}
// #endregion

export function lookups() {
  // #region lookup
  const types = RewardEvents.types; // ['reward.created', 'reward.redeemed', 'reward.fulfilled']
  const known = RewardEvents.has('reward.redeemed'); // true
  const definition = RewardEvents.get('reward.created'); // typed: the RewardCreated definition
  // #endregion
  return { types, has: known, definition };
}

export async function decodeAll(stored: AsyncIterable<RecordedEvent>) {
  // #region decode
  const decoded: RecordedEvent[] = [];
  for (const event of await toArray(stored)) {
    // Upcasts older schema versions; throws UnknownEventTypeError for a type the set lacks.
    const current = RewardEvents.decode(event, { skipUnknown: true });
    if (current) decoded.push(current);
  }
  // #endregion
  return decoded;
}
