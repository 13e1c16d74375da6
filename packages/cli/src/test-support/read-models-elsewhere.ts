import { createEventStore, type CheckpointStore } from '@strata/core';
import type { PostgresEventStore } from '@strata/postgres';
import {
  checkpointName,
  type BatchUnit,
  type BuildRecord,
  type DeadLetter,
  type LeaseClaim,
  type Leases,
  type ProjectionContext,
  type ReadDocuments,
  type ReadModelTarget,
} from '@strata/projections';
import { PostgresReadModelTarget } from '@strata/projections/postgres';

/**
 * Read models in a PostgreSQL database of their own, checkpoints in the runner's checkpoint store
 * (on `esdb://`, EventStoreDB's): writes commit, then the checkpoint is saved, so delivery is at
 * least once. What an EventStoreDB app with read models in another database has.
 */
export class ReadModelsElsewhere implements ReadModelTarget<ProjectionContext> {
  readonly delivery = 'at-least-once' as const;
  readonly #database: PostgresEventStore;
  readonly #inner: PostgresReadModelTarget;

  /** `url`: a `postgres://…` or `pglite:<dir>` URL; `schema`: where the read-model tables go. */
  constructor(url: string, schema: string) {
    this.#database = createEventStore(url, { schema }) as PostgresEventStore;
    this.#inner = new PostgresReadModelTarget({ store: this.#database });
  }

  get leases(): Leases {
    return this.#inner.leases;
  }

  builds(name: string): Promise<BuildRecord[]> {
    return this.#inner.builds(name);
  }

  createBuild(build: BuildRecord): Promise<void> {
    return this.#inner.createBuild(build);
  }

  activate(build: BuildRecord): Promise<void> {
    return this.#inner.activate(build);
  }

  drop(build: BuildRecord): Promise<void> {
    return this.#inner.drop(build);
  }

  async batch<T>(
    build: BuildRecord,
    checkpoints: CheckpointStore,
    work: (unit: BatchUnit<ProjectionContext>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T> {
    let checkpoint: bigint | undefined;
    const result = await this.#inner.batch(
      build,
      checkpoints,
      (unit) =>
        work({
          context: unit.context,
          saveCheckpoint: (position) => void (checkpoint = position),
          addDeadLetter: (letter) => unit.addDeadLetter(letter),
          removeDeadLetter: (id) => unit.removeDeadLetter(id),
        }),
      lease,
    );
    if (checkpoint !== undefined) await checkpoints.save(checkpointName(build), checkpoint);
    return result;
  }

  deadLetters(name?: string): Promise<DeadLetter[]> {
    return this.#inner.deadLetters(name);
  }

  documents<T = unknown>(projection: string, collection: string): ReadDocuments<T> {
    return this.#inner.documents<T>(projection, collection);
  }

  /** The CLI closes a config target that has `close()`. */
  close(): Promise<void> {
    return this.#database.close();
  }
}
