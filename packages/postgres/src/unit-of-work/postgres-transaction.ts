import type {
  AppendOptions,
  AppendResult,
  CheckpointStore,
  EventInput,
  ReadAllOptions,
  RecordedEvent,
  SnapshotStore,
} from '@strata/core';

/**
 * One database transaction over the store's schema: what is done through it commits together
 * or not at all. A projection writes its read model with `query` and its checkpoint with
 * `checkpoints.save` here, so a crash can never keep one without the other.
 */
export interface PostgresTransaction {
  /** The schema the store's tables are in (quote it with `"` when you build SQL). */
  readonly schema: string;
  /** Runs one parameterised statement in the transaction and returns its rows. */
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Appends in the transaction: the events are visible, and subscribers notified, on commit.
   * It holds the store's append lock until then, so keep such transactions short.
   */
  append(streamId: string, events: readonly EventInput[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Reads the log as `store.readAll` does, inside the transaction: its own appends included,
   * those of transactions not yet committed not. Consume it before the transaction's next
   * statement: its pages are read one after the other on the transaction's connection.
   */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  readonly checkpoints: CheckpointStore;
  readonly snapshots: SnapshotStore;
}
