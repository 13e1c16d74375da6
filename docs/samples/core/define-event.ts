// #region define
import { z } from 'zod';
import { defineEvent } from '@strata/core';

export const RewardCreated = defineEvent(
  'reward.created',
  z.object({
    rewardId: z.string(),
    title: z.string().min(1),
    cost: z.number().int().positive(),
    stock: z.number().int().nonnegative().default(0),
  }),
);
// #endregion

// #region upcast
// Version 1 had `name`; version 2 renamed it `title`; version 3 added `currency`.
type TierV1 = { tierId: string; name: string; threshold: number };
type TierV2 = { tierId: string; title: string; threshold: number };

export const TierDefined = defineEvent(
  'loyalty.tier.defined',
  z.object({ tierId: z.string(), title: z.string(), threshold: z.number(), currency: z.string() }),
  {
    version: 3,
    upcast: {
      1: ({ name, ...rest }: TierV1): TierV2 => ({ ...rest, title: name }),
      2: (old: TierV2) => ({ ...old, currency: 'EUR' }),
    },
  },
);
// #endregion

export function createAndNarrow() {
  // #region create
  const event = RewardCreated.create({ rewardId: 'r-1', title: 'Free coffee', cost: 50 }, { userId: 'u-7' });
  // { type: 'reward.created', data: { rewardId: 'r-1', title: 'Free coffee', cost: 50, stock: 0 },
  //   metadata: { userId: 'u-7' }, schemaVersion: 1 }
  // #endregion

  // #region is
  const events: { type: string; data: unknown }[] = [event];
  const costs = events.filter((e) => RewardCreated.is(e)).map((e) => e.data.cost); // e.data is typed
  // #endregion
  return { event, costs };
}

export function parseOldVersions() {
  // #region parse
  // A stored row written by version 1 of the code:
  const stored = {
    type: 'loyalty.tier.defined',
    schemaVersion: 1,
    data: { tierId: 't-1', name: 'Gold', threshold: 500 },
  };
  const current = TierDefined.parse(stored);
  // current.data: { tierId: 't-1', title: 'Gold', threshold: 500, currency: 'EUR' }; current.schemaVersion: 3
  // #endregion
  return current;
}

export function definitionErrors(): string[] {
  const messages: string[] = [];
  // #region definition-error
  try {
    defineEvent('loyalty.tier.defined', z.object({ title: z.string() }), {
      version: 3,
      upcast: { 1: (old: { name: string }) => ({ title: old.name }) }, // no step from 2 to 3
    });
  } catch (error) {
    // EventDefinitionError: Event definition 'loyalty.tier.defined':
    //   the upcaster chain to version 3 has no step from version 2 to 3
    messages.push((error as Error).message);
  }
  // #endregion
  return messages;
}
