import {
  EventValidationError,
  MemoryEventStore,
  MemorySnapshotStore,
  Repository,
  UnknownEventTypeError,
} from '@strata/core';
import { describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';
import { LoyaltyAccountV2, failingSnapshots, readingOptions, withSnapshots } from './snapshots.js';

describe('core: snapshots and reading options', () => {
  it('takes a snapshot when a save crosses snapshotEvery and loads from it', async () => {
    const { snapshot, loaded } = await withSnapshots();
    expect(snapshot).toMatchObject({
      streamId: 'loyaltyAccount-a-1',
      version: 149n,
      schemaVersion: 1,
      state: { enrolled: true, balance: 149 },
    });
    expect(snapshot!.takenAt).toBeInstanceOf(Date);
    expect(loaded.version).toBe(149n);
    expect(loaded.state.balance).toBe(149);
  });

  it('a snapshot is trusted: loading starts from its state (proved by a doctored one)', async () => {
    const store = new MemoryEventStore();
    const snapshots = new MemorySnapshotStore();
    const accounts = new Repository(store, LoyaltyAccount, { snapshotEvery: 1, snapshots });
    const a = accounts.create('s-1');
    a.enrol('p');
    await accounts.save(a);
    await snapshots.save({
      streamId: 'loyaltyAccount-s-1',
      version: 0n,
      schemaVersion: 1,
      state: { enrolled: true, balance: 999 },
      takenAt: new Date(0),
    });
    expect((await accounts.load('s-1')).state.balance).toBe(999);
    // Another snapshot schema version is ignored: a full replay gives the true balance.
    const v2 = new Repository(store, LoyaltyAccountV2, { snapshotEvery: 1, snapshots });
    expect((await v2.load('s-1')).state.balance).toBe(0);
  });

  it('a failing snapshot store does not fail the save', async () => {
    const { failures, saved } = await failingSnapshots(new MemoryEventStore());
    expect(saved.appended).toBe(1);
    expect(failures).toEqual(['loyaltyAccount-a-9: snapshot table is read-only']);
  });

  it('skipUnknown lets a load pass over foreign types', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-x', [
      { type: 'loyalty.customer.enrolled', data: { accountId: 'x', programId: 'p' } },
      { type: 'loyalty.badge.awarded', data: { badge: 'early bird' } },
    ]);
    await expect(new Repository(store, LoyaltyAccount).load('x')).rejects.toBeInstanceOf(
      UnknownEventTypeError,
    );
    const account = await readingOptions(store).load('x');
    expect(account.state.enrolled).toBe(true);
    expect(account.version).toBe(1n);
  });

  it('revalidate checks stored current-version events against their schema on load', async () => {
    const store = new MemoryEventStore(); // no event sets: the store takes any data
    await store.append('loyaltyAccount-y', [
      { type: 'loyalty.customer.enrolled', data: { accountId: 'y', programId: 'p' } },
      { type: 'loyalty.points.earned', data: { accountId: 'y', points: -3, reason: 'bad import' } },
    ]);
    expect((await new Repository(store, LoyaltyAccount).load('y')).state.balance).toBe(-3);
    await expect(readingOptions(store).load('y')).rejects.toBeInstanceOf(EventValidationError);
  });
});
