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

/**
 * Every case rehydrates the account this many times per sample (the same for all three, as
 * a first run after a collection pays more for young-generation growth than later ones):
 * a sample of a few milliseconds would be mostly scheduler noise.
 */
const REPEAT = 3;

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
      description: `Repository.load of one LoyaltyAccount whose stream holds ${count} events (MemoryEventStore, no snapshot): read, decode, replay through LoyaltyAccount.apply, freeze the state. Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        let account = await repository.load(ACCOUNT);
        for (let n = 1; n < REPEAT; n++) account = await repository.load(ACCOUNT);
        return {
          events: count * REPEAT,
          verify: () => {
            checkAccount('repository.load', account.state, count);
            if (account.version !== BigInt(count - 1)) throw new Error(`version ${account.version}`);
          },
        };
      },
    },
    {
      name: REHYDRATE_CASES.handFoldRead,
      description: `The same ${count} events read through the same store's readStream (for await) and folded by a hand-written switch into a plain mutable object: the limit for a loader over this store. Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        let state = initialAccountState();
        for (let n = 0; n < REPEAT; n++) {
          state = initialAccountState();
          for await (const event of store.readStream(streamId)) foldAccount(state, event);
        }
        return {
          events: count * REPEAT,
          verify: () => checkAccount('hand fold over readStream', state, count),
        };
      },
    },
    {
      name: REHYDRATE_CASES.handFoldArray,
      description: `The same ${count} recorded events already in an array, folded by the same hand-written switch in a plain for loop: the absolute limit (no store, no async). Run ${REPEAT}× per sample.`,
      prepare: async () => async () => {
        let state = initialAccountState();
        for (let n = 0; n < REPEAT; n++) {
          state = initialAccountState();
          for (const event of recorded) foldAccount(state, event);
        }
        return {
          events: count * REPEAT,
          verify: () => checkAccount('hand fold over an array', state, count),
        };
      },
    },
  ];
}
