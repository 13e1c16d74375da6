import { MemoryCheckpointStore, MemorySnapshotStore, type Snapshot } from '@strata/core';

/** Broken: keeps positions as JavaScript numbers (a JSON or float column), losing precision above 2^53. */
export class NumberCheckpointStore extends MemoryCheckpointStore {
  override save(name: string, position: bigint): Promise<void> {
    return super.save(name, BigInt(Number(position)));
  }
}

/** Broken: the last save wins, so a slow writer's older snapshot replaces a newer one. */
export class LastWriteWinsSnapshotStore extends MemorySnapshotStore {
  override async save(snapshot: Snapshot): Promise<void> {
    await super.delete(snapshot.streamId);
    await super.save(snapshot);
  }
}
