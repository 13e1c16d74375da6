import { z } from 'zod';
import {
  EventDefinitionError,
  MemoryEventStore,
  UnknownEventTypeError,
  defineEvent,
  defineEvents,
  sequentialIds,
  steppingClock,
  toArray,
} from '@strata/core';
import { describe, expect, it } from 'vitest';
import { RewardCreated } from './define-event.js';
import { RewardEvents, decodeAll, describeReward, lookups } from './event-sets.js';

describe('core: defineEvents, EventOf, decode', () => {
  it('looks definitions up by type', () => {
    const { types, has, definition } = lookups();
    expect(types).toEqual(['reward.created', 'reward.redeemed', 'reward.fulfilled']);
    expect(has).toBe(true);
    expect(definition).toBe(RewardCreated);
    expect(RewardEvents.get('nope')).toBeUndefined();
  });

  it('EventOf gives a discriminated union', () => {
    expect(describeReward(RewardCreated.create({ rewardId: 'r', title: 'Mug', cost: 9 }))).toBe(
      'Mug costs 9',
    );
  });

  it('rejects a type twice in one set', () => {
    const again = defineEvent('reward.created', z.object({}));
    expect(() => defineEvents(RewardCreated, again)).toThrow(EventDefinitionError);
  });

  it('decode skips unknown types when asked and throws otherwise', async () => {
    const store = new MemoryEventStore({ ids: sequentialIds(), clock: steppingClock() });
    await store.append('reward-r-1', [
      RewardCreated.create({ rewardId: 'r-1', title: 'Mug', cost: 9 }),
      { type: 'reward.archived', data: {} },
    ]);
    const decoded = await decodeAll(store.readStream('reward-r-1'));
    expect(decoded.map((e) => e.type)).toEqual(['reward.created']);
    const [, archived] = await toArray(store.readStream('reward-r-1'));
    expect(() => RewardEvents.decode(archived!)).toThrow(UnknownEventTypeError);
    expect(() => RewardEvents.decode(archived!)).toThrow(
      "Unknown event type 'reward.archived' in stream 'reward-r-1' at revision 1; known types: reward.created, reward.redeemed, reward.fulfilled",
    );
  });
});
