import type { AppendOptions, AppendResult, EventInput, RecordedEvent } from '@strata/core';
import type { PostgresEventStore, PostgresTransaction } from '@strata/postgres';
import type { Projection } from '../definition/define-projection.js';
import { ProjectionConfigError, ProjectionHandlerError } from '../errors/projection-errors.js';
import { checkpointName, type BuildRecord } from '../target/read-model-target.js';
import type { PostgresProjectionContext, PostgresReadModelTarget } from './postgres-read-model-target.js';

export interface InlineProjectionsOptions {
  readonly store: PostgresEventStore;
  readonly target: PostgresReadModelTarget;
  readonly projections: readonly Projection<PostgresProjectionContext>[];
}

/**
 * Projections that run in the transaction of the append that produced their events, so a
 * read right after the append sees them (read-your-writes). Each projection catches up from
 * its checkpoint to the append inside that transaction: appends take the store's append lock,
 * so they run one after another and none is missed or applied twice. A handler that throws
 * rolls the append back. A projection is either inline or run by a `ProjectionRunner`, not both.
 */
export class InlineProjections {
  readonly #store: PostgresEventStore;
  readonly #target: PostgresReadModelTarget;
  readonly #projections: readonly Projection<PostgresProjectionContext>[];
  #builds: Promise<BuildRecord[]> | undefined;

  constructor(options: InlineProjectionsOptions) {
    this.#store = options.store;
    this.#target = options.target;
    this.#projections = options.projections;
    const names = new Set<string>();
    for (const { name } of options.projections) {
      if (names.has(name)) throw new ProjectionConfigError('given twice to inline projections', name);
      names.add(name);
    }
  }

  /** Appends as `store.append` does, and applies the inline projections in the same transaction. */
  async append(
    streamId: string,
    events: readonly EventInput[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const builds = await this.#activeBuilds();
    return this.#store.transaction(async (tx) => {
      const result = await tx.append(streamId, events, options);
      for (const [index, projection] of this.#projections.entries())
        await this.#catchUp(tx, projection, builds[index]!);
      return result;
    });
  }

  async #catchUp(
    tx: PostgresTransaction,
    projection: Projection<PostgresProjectionContext>,
    build: BuildRecord,
  ): Promise<void> {
    const from = ((await tx.checkpoints.load(checkpointName(build))) ?? -1n) + 1n;
    const events: RecordedEvent[] = [];
    for await (const event of tx.readAll({ from, filter: { eventTypes: [...projection.eventTypes] } }))
      events.push(event);
    const last = events.at(-1);
    if (!last) return;
    await this.#target.runIn(tx, build, async (unit) => {
      for (const event of events) {
        try {
          await projection.handle(event, unit.context);
        } catch (error) {
          throw new ProjectionHandlerError(projection.name, event, 1, error);
        }
      }
      unit.saveCheckpoint(last.position);
    });
  }

  /** Each projection's active build, made on first use; a newer definition needs a rebuild first. */
  #activeBuilds(): Promise<BuildRecord[]> {
    this.#builds ??= (async () => {
      await this.#target.ready();
      const builds: BuildRecord[] = [];
      for (const projection of this.#projections) {
        const { name, version } = projection;
        let active = (await this.#target.builds(name)).find((b) => b.state === 'active');
        if (!active) {
          await this.#target.createBuild({ name, version, generation: 0, state: 'active' });
          active = { name, version, generation: 0, state: 'active' };
          await this.#target.batch(active, this.#target.checkpoints, (unit) =>
            projection.setup(unit.context),
          );
        }
        if (active.version !== version)
          throw new ProjectionConfigError(
            `the active build is version ${active.version}, this definition is ${version}: ` +
              'rebuild it with a ProjectionRunner (catchUp) before using it inline',
            name,
          );
        builds.push(active);
      }
      return builds;
    })().catch((error: unknown) => {
      this.#builds = undefined;
      throw error;
    });
    return this.#builds;
  }
}
