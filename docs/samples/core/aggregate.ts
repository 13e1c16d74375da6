import { toArray, type EventStore } from '@strata/core';
import {
  LoyaltyAccount,
  type AccountEvent,
  Enrolled,
  PointsEarned,
} from '../getting-started/loyalty-account.js';

export function raiseAndCommit() {
  // #region lifecycle
  const account = new LoyaltyAccount('a-1');
  const fresh = account.version; // -1n: no event yet
  account.enrol('gold-club');
  account.earn(40, 'signup');
  const raised = account.version; // 1n: the revision the last raised event will get
  const stored = account.committedVersion; // -1n: the store holds none of them yet
  const news = account.uncommittedEvents.map((e) => e.type); // what a save appends
  account.markCommitted(); // a Repository calls this after a successful append
  const committed = account.committedVersion; // 1n, and uncommittedEvents is empty
  // #endregion
  return { account, fresh, raised, stored, news, committed };
}

export function frozenState(account: LoyaltyAccount): unknown {
  // #region frozen
  let refused: unknown;
  try {
    (account.state as { balance: number }).balance = 1_000_000;
  } catch (error) {
    refused = error; // TypeError: Cannot assign to read only property 'balance' of object
  }
  // #endregion
  return refused;
}

export function replayHistory() {
  // #region replay
  const history: AccountEvent[] = [
    Enrolled.create({ accountId: 'a-2', programId: 'gold-club' }),
    PointsEarned.create({ accountId: 'a-2', points: 25, reason: 'signup' }),
  ];
  const account = new LoyaltyAccount('a-2').replay(history);
  // account.state: { enrolled: true, balance: 25 }
  // account.version: 1n (new events count up from -1n; recorded ones set it to their revision)
  // account.uncommittedEvents: [] (replayed events are history, not news)
  // #endregion
  return account;
}

export async function replayFromStore(store: EventStore) {
  // #region replay-async
  // Recorded events go through LoyaltyAccount.events: older schema versions are upcast.
  const account = await new LoyaltyAccount('a-3').replayAsync(store.readStream('loyaltyAccount-a-3'));
  // #endregion
  return { account, count: (await toArray(store.readStream('loyaltyAccount-a-3'))).length };
}
