import type { Snapshot, SnapshotStore } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContractOptions } from './checkpoint-store-contract.js';
import { newRunId } from './event-store/context.js';

export type MakeSnapshotStore = () => SnapshotStore | Promise<SnapshotStore>;

const ABOVE_2_53 = 2n ** 53n + 1n;

/**
 * Registers the vitest suite every `SnapshotStore` adapter must pass. Stream ids are unique
 * to the run, so it can run against a shared server.
 */
export function describeSnapshotStoreContract(
  name: string,
  makeStore: MakeSnapshotStore,
  options: StoreContractOptions<SnapshotStore> = {},
): void {
  const timeout = options.timeoutMs ?? 15_000;
  describe(`${name}: SnapshotStore contract`, () => {
    const runId = newRunId();
    let counter = 0;
    const fresh = (label = 'account') => `${runId}.${(counter += 1)}.${label}-${counter}`;
    let store: SnapshotStore | undefined;
    const snapshots = () => {
      if (!store) throw new Error('the snapshot store under test was not made (see the beforeAll error)');
      return store;
    };
    const snapshot = (streamId: string, version: bigint, state: unknown, schemaVersion = 1): Snapshot => ({
      streamId,
      version,
      schemaVersion,
      state,
      takenAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    });

    beforeAll(async () => {
      store = await makeStore();
    }, timeout);
    afterAll(async () => {
      if (store) await options.cleanup?.(store);
    }, timeout);

    it('a stream without a snapshot loads as undefined', { timeout }, async () => {
      expect(await snapshots().load(fresh())).toBeUndefined();
    });

    it('a snapshot round-trips: stream, version, schema version, state, time', { timeout }, async () => {
      const streamId = fresh();
      const state = {
        balance: 120,
        enrolled: true,
        history: [{ points: 100 }, { points: 20 }],
        name: 'Zoë 🎉 "quoted"',
        nothing: null,
        nested: { deeper: { deepest: [1, [2, [3]]] } },
      };
      const saved = snapshot(streamId, ABOVE_2_53, state, 3);
      await snapshots().save(saved);
      const loaded = await snapshots().load(streamId);
      expect(loaded).toEqual(saved);
      expect(typeof loaded!.version).toBe('bigint');
      expect(loaded!.takenAt).toBeInstanceOf(Date);
    });

    it('version 0n and empty or array states round-trip', { timeout }, async () => {
      for (const state of [{}, [], ['a', 1, { b: [] }]]) {
        const streamId = fresh();
        await snapshots().save(snapshot(streamId, 0n, state));
        const loaded = await snapshots().load(streamId);
        expect(loaded?.version).toBe(0n);
        expect(loaded?.state).toEqual(state);
      }
    });

    it('a newer snapshot replaces an older one, with its schema version', { timeout }, async () => {
      const streamId = fresh();
      await snapshots().save(snapshot(streamId, 10n, { at: 10 }, 1));
      await snapshots().save(snapshot(streamId, 20n, { at: 20 }, 2));
      const loaded = await snapshots().load(streamId);
      expect([loaded?.version, loaded?.schemaVersion, loaded?.state]).toEqual([20n, 2, { at: 20 }]);
    });

    it('an older snapshot never replaces a newer one', { timeout }, async () => {
      const streamId = fresh();
      await snapshots().save(snapshot(streamId, ABOVE_2_53, { at: 'newer' }));
      // 2^53 + 1 and 2^53 are one number apart only as bigints.
      await snapshots().save(snapshot(streamId, ABOVE_2_53 - 1n, { at: 'older' }));
      await snapshots().save(snapshot(streamId, 5n, { at: 'oldest' }));
      const loaded = await snapshots().load(streamId);
      expect([loaded?.version, loaded?.state]).toEqual([ABOVE_2_53, { at: 'newer' }]);
    });

    it('delete forgets the snapshot; deleting a missing one is harmless', { timeout }, async () => {
      const streamId = fresh();
      await snapshots().save(snapshot(streamId, 3n, { at: 3 }));
      await snapshots().delete(streamId);
      expect(await snapshots().load(streamId)).toBeUndefined();
      await snapshots().delete(streamId);
      await snapshots().delete(fresh());
      // After a delete, any version may be saved again (the stream was rebuilt).
      await snapshots().save(snapshot(streamId, 1n, { at: 1 }));
      expect((await snapshots().load(streamId))?.version).toBe(1n);
    });

    it('streams are isolated, including hostile and look-alike ids', { timeout }, async () => {
      const base = fresh();
      const ids = [
        base,
        base.toUpperCase(),
        `${base}0`,
        `${base}'); drop table snapshots; --`,
        `${base}/🧨 x`,
      ];
      await Promise.all(ids.map((id, i) => snapshots().save(snapshot(id, BigInt(i), { i }))));
      await snapshots().delete(ids[2]!);
      const loaded = await Promise.all(ids.map((id) => snapshots().load(id)));
      expect(loaded.map((s) => (s ? [s.streamId, s.version, s.state] : undefined))).toEqual(
        ids.map((id, i) => (i === 2 ? undefined : [id, BigInt(i), { i }])),
      );
    });
  });
}
