/** An aggregate's state at one version, so a load can skip replaying what came before. */
export interface Snapshot<State = unknown> {
  readonly streamId: string;
  /** The revision of the last event the state includes. */
  readonly version: bigint;
  /** The shape of `state`: a snapshot of another schema version is ignored, never trusted. */
  readonly schemaVersion: number;
  readonly state: State;
  readonly takenAt: Date;
}

/** Implementations return a fresh `state` object from every `load` (the repository takes it over). */
export interface SnapshotStore {
  load(streamId: string): Promise<Snapshot | undefined>;
  /** Keeps the latest snapshot of a stream, replacing an older one. */
  save(snapshot: Snapshot): Promise<void>;
  delete(streamId: string): Promise<void>;
}
