// #region providers
import {
  MemoryEventStore,
  Repository,
  seededRandom,
  sequentialIds,
  steppingClock,
  type Providers,
} from '@strata/core';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';

export function deterministic(): Providers {
  return {
    clock: steppingClock('2025-06-01T09:00:00Z', 1000), // +1 s on every reading
    ids: sequentialIds('evt-'), // evt-000000000001, evt-000000000002, …
    random: seededRandom(42), // the same sequence in [0, 1) on every run
  };
}

const providers = deterministic();
export const store = new MemoryEventStore(providers); // recordedAt and eventId
export const accounts = new Repository(store, LoyaltyAccount, providers); // event ids, snapshot time, retry jitter
// #endregion

export function readings() {
  // #region provider-calls
  const clock = steppingClock('2025-06-01T09:00:00Z', 1000);
  clock.now(); // 2025-06-01T09:00:00.000Z
  clock.now(); // 2025-06-01T09:00:01.000Z
  sequentialIds().next(); // '00000000-0000-4000-8000-000000000001'
  const random = seededRandom(42);
  random(); // a number in [0, 1); seededRandom(42) always starts with the same one
  // #endregion
  return { clock, random };
}
