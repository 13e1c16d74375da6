import {
  MemorySnapshotStore,
  Repository,
  createEventStore,
  type EventStore,
  type Snapshot,
  type SnapshotStore,
} from '@strata/core';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';

export async function withSnapshots() {
  // #region snapshot-every
  const store = createEventStore('memory:');
  const snapshots = new MemorySnapshotStore();
  const accounts = new Repository(store, LoyaltyAccount, { snapshotEvery: 100, snapshots });

  const account = accounts.create('a-1');
  account.enrol('gold-club');
  for (let i = 0; i < 149; i++) account.earn(1, `visit ${i}`);
  await accounts.save(account); // 150 events: crosses 100, so a snapshot at version 149n

  const snapshot = await snapshots.load('loyaltyAccount-a-1');
  // { streamId: 'loyaltyAccount-a-1', version: 149n, schemaVersion: 1,
  //   state: { enrolled: true, balance: 149 }, takenAt: <Date> }

  const loaded = await accounts.load('a-1'); // starts from the snapshot, replays what follows
  // #endregion
  return { snapshot, loaded };
}

// #region snapshot-version
// Bump `snapshotVersion` whenever State changes shape: older snapshots are then ignored
// (the repository replays from the start), never trusted.
export class LoyaltyAccountV2 extends LoyaltyAccount {
  static readonly snapshotVersion = 2;
}
// #endregion

export async function failingSnapshots(store: EventStore) {
  const failures: string[] = [];
  // #region on-snapshot-error
  const broken: SnapshotStore = {
    load: async () => undefined,
    save: async (_snapshot: Snapshot) => {
      throw new Error('snapshot table is read-only');
    },
    delete: async () => undefined,
  };
  const accounts = new Repository(store, LoyaltyAccount, {
    snapshotEvery: 1,
    snapshots: broken,
    // The events were saved; only the snapshot (a cache) was not. Log it, do not fail the command.
    onSnapshotError: (error, streamId) => failures.push(`${streamId}: ${(error as Error).message}`),
  });
  // #endregion
  const account = accounts.create('a-9');
  account.enrol('p');
  const saved = await accounts.save(account);
  return { failures, saved };
}

export function readingOptions(store: EventStore) {
  // #region decode-options
  // skipUnknown: ignore event types the aggregate's set does not know (say, written by a newer service).
  // revalidate: check current-version events against their schema again on every load.
  const tolerant = new Repository(store, LoyaltyAccount, { skipUnknown: true, revalidate: true });
  // #endregion
  return tolerant;
}
