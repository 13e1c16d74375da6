import { MemoryEventStore, Repository, toArray, type RecordedEvent } from '@strata/core';
import type { TimedCase } from '../harness/timed-case.js';
import { initialAccountState, LoyaltyAccount } from '../domain/loyalty-account.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { checkAccount } from './account-check.js';
import { foldAccount } from './hand-fold.js';

export const REHYDRATE_CASES = {
  strata: 'rehydrate 1×100k: repository.load',
  handFoldRead: 'hand fold 1×100k: readStream + switch',
  handFoldArray: 'hand fold 1×100k: array + switch',
} as const;

const ACCOUNT = 'rehydrate-1';
const BATCH = 1000;

/** One account with `count` events in a memory store, read by three loaders. */
export async function rehydrateCases(count: number): Promise<TimedCase[]> {
  const store = new MemoryEventStore();
  const repository = new Repository(store, LoyaltyAccount);
  const streamId = repository.streamIdOf(ACCOUNT);
  for (let start = 0; start < count; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) batch.push(loyaltyEvent(ACCOUNT, i));
    await store.append(streamId, batch);
  }
  // The events as the store gives them back, held once, for the absolute limit.
  const recorded: readonly RecordedEvent[] = await toArray(store.readStream(streamId));

  return [
    {
      name: REHYDRATE_CASES.strata,
      description: `Repository.load of one LoyaltyAccount whose stream holds ${count} events (MemoryEventStore, no snapshot): read, decode, replay through apply on one immer draft, freeze.`,
      prepare: async () => async () => {
        const account = await repository.load(ACCOUNT);
        return {
          events: count,
          verify: () => {
            checkAccount('repository.load', account.state, count);
            if (account.version !== BigInt(count - 1)) throw new Error(`version ${account.version}`);
          },
        };
      },
    },
    {
      name: REHYDRATE_CASES.handFoldRead,
      description: `The same ${count} events read through the same store's readStream (for await) and folded by a hand-written switch into a plain mutable object: the limit for a loader over this store.`,
      prepare: async () => async () => {
        const state = initialAccountState();
        for await (const event of store.readStream(streamId)) foldAccount(state, event);
        return { events: count, verify: () => checkAccount('hand fold over readStream', state, count) };
      },
    },
    {
      name: REHYDRATE_CASES.handFoldArray,
      description: `The same ${count} recorded events already in an array, folded by the same hand-written switch in a plain for loop: the absolute limit (no store, no async).`,
      prepare: async () => async () => {
        const state = initialAccountState();
        for (const event of recorded) foldAccount(state, event);
        return { events: count, verify: () => checkAccount('hand fold over an array', state, count) };
      },
    },
  ];
}
