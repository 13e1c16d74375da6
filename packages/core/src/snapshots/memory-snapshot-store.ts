import type { Snapshot, SnapshotStore } from './snapshot-store.js';

/** Keeps snapshots as JSON, so what comes back is what a database would give back. */
export class MemorySnapshotStore implements SnapshotStore {
  readonly #snapshots = new Map<
    string,
    { version: bigint; schemaVersion: number; json: string; takenAt: number }
  >();

  load(streamId: string): Promise<Snapshot | undefined> {
    const kept = this.#snapshots.get(streamId);
    if (!kept) return Promise.resolve(undefined);
    return Promise.resolve({
      streamId,
      version: kept.version,
      schemaVersion: kept.schemaVersion,
      // A fresh copy every time: the repository takes it over and replays into it.
      state: JSON.parse(kept.json) as unknown,
      takenAt: new Date(kept.takenAt),
    });
  }

  save(snapshot: Snapshot): Promise<void> {
    const kept = this.#snapshots.get(snapshot.streamId);
    // An older snapshot never replaces a newer one (two writers may race).
    if (!kept || kept.version <= snapshot.version) {
      this.#snapshots.set(snapshot.streamId, {
        version: snapshot.version,
        schemaVersion: snapshot.schemaVersion,
        json: JSON.stringify(snapshot.state),
        takenAt: snapshot.takenAt.getTime(),
      });
    }
    return Promise.resolve();
  }

  delete(streamId: string): Promise<void> {
    this.#snapshots.delete(streamId);
    return Promise.resolve();
  }
}
