import {
  AggregateNotFoundError,
  Repository,
  createEventStore,
  seededRandom,
  sequentialIds,
  type EventStore,
} from '@strata/core';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';

export async function basics(store: EventStore) {
  // #region basics
  const accounts = new Repository(store, LoyaltyAccount);
  accounts.streamIdOf('a-1'); // 'loyaltyAccount-a-1'

  const account = accounts.create('a-1'); // version -1n, no stream yet
  account.enrol('gold-club');
  const saved = await accounts.save(account);
  // saved: { version: 0n, position: <bigint>, appended: 1 }

  const nothing = await accounts.save(account); // nothing uncommitted: no append
  // nothing: { version: 0n, position: undefined, appended: 0 }

  const missing = await accounts.find('a-404'); // undefined
  try {
    await accounts.load('a-404');
  } catch (error) {
    if (!(error instanceof AggregateNotFoundError)) throw error;
    console.log(error.streamId); // 'loyaltyAccount-a-404'
  }
  // #endregion
  return { saved, nothing, missing };
}

export async function updates(store: EventStore) {
  const accounts = new Repository(store, LoyaltyAccount);
  const first = accounts.create('a-2');
  first.enrol('gold-club');
  await accounts.save(first);
  // #region update
  const { aggregate, result, version } = await accounts.update(
    'a-2',
    (account) => {
      account.earn(10, 'purchase');
      return account.state.balance; // whatever fn returns comes back as `result`
    },
    { retries: 5, metadata: { userId: 'u-1' } },
  );
  // #endregion
  return { aggregate, result, version };
}

export async function concurrentUpdates(): Promise<number> {
  // #region concurrent
  const store = createEventStore('memory:');
  const accounts = new Repository(store, LoyaltyAccount, {
    random: seededRandom(7), // the jitter of the retry backoff, deterministic in tests
    ids: sequentialIds(),
  });
  const account = accounts.create('a-3');
  account.enrol('gold-club');
  await accounts.save(account);

  // Ten writers at once: each conflict reloads, reruns fn and tries again.
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      accounts.update('a-3', (a) => a.earn(i + 1, `purchase ${i}`), { retries: 20 }),
    ),
  );
  const { state } = await accounts.load('a-3'); // balance 55: none lost, none doubled
  // #endregion
  return state.balance;
}
