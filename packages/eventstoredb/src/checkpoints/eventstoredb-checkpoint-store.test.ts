import { toArray } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { EventStoreDBSnapshotStore } from '../snapshots/eventstoredb-snapshot-store.js';
import { useTestServer } from '../test-server/harness.js';
import { CHECKPOINT_EVENT_TYPE, EventStoreDBCheckpointStore } from './eventstoredb-checkpoint-store.js';

describe('checkpoints and snapshots in EventStoreDB streams', () => {
  const harness = useTestServer();

  it('keeps a checkpoint in strata.checkpoint-<name> with $maxCount: 1, as a decimal string', async () => {
    const checkpoints = new EventStoreDBCheckpointStore(harness.raw());
    await checkpoints.save('orders-view', 10n);
    await checkpoints.save('orders-view', 2n ** 63n - 1n);
    expect(await checkpoints.load('orders-view')).toBe(2n ** 63n - 1n);
    const stream = checkpoints.streamOf('orders-view');
    expect(stream).toBe('strata.checkpoint-orders-view');
    expect((await harness.raw().getStreamMetadata(stream)).metadata?.maxCount).toBe(1);
    const kept = [];
    for await (const resolved of harness.raw().readStream(stream)) kept.push(resolved.event);
    expect(kept.map((event) => [event?.type, event?.data])).toEqual([
      [CHECKPOINT_EVENT_TYPE, { position: '9223372036854775807' }],
    ]);
  });

  it('deletes a checkpoint, then saves it again', async () => {
    const checkpoints = new EventStoreDBCheckpointStore(harness.store(), { streamPrefix: 'cp.' });
    await checkpoints.save('p', 5n);
    await checkpoints.delete('p');
    expect(await checkpoints.load('p')).toBeUndefined();
    await checkpoints.delete('never-saved');
    await checkpoints.save('p', 6n);
    await checkpoints.save('p', 7n);
    expect(await checkpoints.load('p')).toBe(7n);
    // A soft delete drops the metadata; the store sets `$maxCount: 1` again.
    expect((await harness.raw().getStreamMetadata('cp.p')).metadata?.maxCount).toBe(1);
  });

  it('leaves checkpoint and snapshot events out of the store’s $all reads', async () => {
    const store = harness.store();
    await new EventStoreDBCheckpointStore(store).save('hidden', 1n);
    await new EventStoreDBSnapshotStore(store).save({
      streamId: 'hidden-1',
      version: 0n,
      schemaVersion: 1,
      state: {},
      takenAt: new Date(0),
    });
    const all = await toArray(store.readAll());
    expect(all.filter((e) => e.streamId.startsWith('strata.'))).toEqual([]);
  });

  it('keeps a snapshot per aggregate in strata.snapshot-<streamId> with $maxCount: 1, frozen on load', async () => {
    const snapshots = new EventStoreDBSnapshotStore(harness.raw());
    const takenAt = new Date('2026-01-02T03:04:05.000Z');
    await snapshots.save({
      streamId: 'account-1',
      version: 4n,
      schemaVersion: 2,
      state: { balance: 10 },
      takenAt,
    });
    await snapshots.save({
      streamId: 'account-1',
      version: 3n,
      schemaVersion: 2,
      state: { balance: 5 },
      takenAt,
    });
    const loaded = await snapshots.load('account-1');
    expect(loaded).toEqual({
      streamId: 'account-1',
      version: 4n,
      schemaVersion: 2,
      state: { balance: 10 },
      takenAt,
    });
    expect(Object.isFrozen(loaded!.state)).toBe(true);
    const stream = snapshots.streamOf('account-1');
    expect((await harness.raw().getStreamMetadata(stream)).metadata?.maxCount).toBe(1);
  });
});
