import {
  replayStream,
  restoreAggregate,
  type AggregateClass,
  type AggregateRoot,
  type AnyEvent,
} from '../aggregate/aggregate-root.js';
import { AggregateNotFoundError } from '../errors/aggregate-not-found-error.js';
import { ConcurrencyError } from '../errors/concurrency-error.js';
import { InvalidOptionError } from '../errors/store-errors.js';
import type { DecodeOptions } from '../events/define-events.js';
import type { EventInput } from '../events/event.js';
import { mergeMetadata, type Metadata } from '../events/metadata.js';
import { resolveProviders, type Providers } from '../providers/providers.js';
import { MemorySnapshotStore } from '../snapshots/memory-snapshot-store.js';
import type { SnapshotStore } from '../snapshots/snapshot-store.js';
import type { EventStore } from '../store/event-store.js';
import { snapshotKeyOf } from '../tenancy/tenant-scope.js';
import { backoffDelay } from '../retry/backoff-delay.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import { timerSleep } from '../retry/sleep.js';

export interface RepositoryOptions extends Partial<Providers>, DecodeOptions {
  /** Take a snapshot whenever a save crosses a multiple of this many events. */
  readonly snapshotEvery?: number;
  /** Where snapshots go; a memory snapshot store of this repository when not given. */
  readonly snapshots?: SnapshotStore;
  /**
   * Called when a snapshot could not be written (the events were saved; only the cache missed).
   * Default: a process warning, so the failure is never silent.
   */
  readonly onSnapshotError?: (error: unknown, streamId: string) => void;
}

export interface SaveOptions {
  /** Stamped onto every event (the event's own metadata wins key by key). */
  readonly metadata?: Metadata;
}

export interface SaveResult {
  /** The aggregate's version after the save. */
  readonly version: bigint;
  /** The position of the last appended event; undefined when there was nothing to append. */
  readonly position: bigint | undefined;
  readonly appended: number;
}

export interface UpdateOptions extends SaveOptions {
  /** How many times to reload and rerun on a `ConcurrencyError` (default 0). */
  readonly retries?: number;
}

export interface UpdateResult<A, R> extends SaveResult {
  readonly aggregate: A;
  /** What the update function returned. */
  readonly result: R;
}

/** Loads aggregates by replaying their streams and saves their new events with optimistic versioning. */
/** Conflicts between writers clear in milliseconds: short, jittered waits. */
const CONFLICT_BACKOFF: RetryPolicy = { maxAttempts: Infinity, initialDelayMs: 5, maxDelayMs: 200 };

export class Repository<A extends AggregateRoot<object, AnyEvent>> {
  readonly #providers: Providers;
  readonly #snapshots: SnapshotStore | undefined;
  readonly #snapshotVersion: number;
  /** Event ids given to a batch on its first save attempt, so a retried save is idempotent. */
  readonly #pendingIds = new WeakMap<readonly unknown[], string[]>();

  constructor(
    readonly store: EventStore,
    readonly aggregateClass: AggregateClass<A>,
    private readonly options: RepositoryOptions = {},
  ) {
    this.#providers = resolveProviders(options);
    const every = options.snapshotEvery;
    if (every !== undefined && (!Number.isInteger(every) || every < 1)) {
      throw new InvalidOptionError('snapshotEvery', every, 'a positive integer');
    }
    this.#snapshots = options.snapshots ?? (every !== undefined ? new MemorySnapshotStore() : undefined);
    this.#snapshotVersion = aggregateClass.snapshotVersion ?? 1;
  }

  /** `<category>-<id>`. */
  streamIdOf(id: string): string {
    return `${this.aggregateClass.category}-${id}`;
  }

  /** A new aggregate with no history (version `-1n`); `save` creates its stream. */
  create(id: string): A {
    return new this.aggregateClass(id);
  }

  /** Loads the aggregate, or throws `AggregateNotFoundError` when its stream has no events. */
  async load(id: string): Promise<A> {
    const aggregate = await this.find(id);
    if (!aggregate) throw new AggregateNotFoundError(this.streamIdOf(id));
    return aggregate;
  }

  /** Loads the aggregate, or gives undefined when its stream has no events. */
  async find(id: string): Promise<A | undefined> {
    const streamId = this.streamIdOf(id);
    const aggregate = this.create(id);
    const snapshot = await this.#loadSnapshot(streamId);
    if (snapshot) restoreAggregate(aggregate, snapshot.state as object, snapshot.version);
    const from = snapshot ? snapshot.version + 1n : 0n;
    const set = this.aggregateClass.events;
    const decodeOptions: DecodeOptions = this.options;
    await replayStream(
      aggregate,
      () => this.store.readStream(streamId, { from }),
      (event) => set.decode(event, decodeOptions),
    );
    return aggregate.version === -1n ? undefined : aggregate;
  }

  /** Appends the aggregate's uncommitted events, expecting the stream at its committed version. */
  async save(aggregate: A, options: SaveOptions = {}): Promise<SaveResult> {
    const pending = aggregate.uncommittedEvents;
    if (pending.length === 0) return { version: aggregate.version, position: undefined, appended: 0 };
    // The same ids on every attempt to save these events; events raised since a failed attempt get new ones.
    const ids = this.#pendingIds.get(pending) ?? [];
    while (ids.length < pending.length) ids.push(pending[ids.length]!.eventId ?? this.#providers.ids.next());
    this.#pendingIds.set(pending, ids);
    const eventIds = ids;
    const events: EventInput[] = pending.map((event, i) => ({
      type: event.type,
      data: event.data,
      schemaVersion: event.schemaVersion,
      eventId: eventIds[i]!,
      metadata: options.metadata ? mergeMetadata(options.metadata, event.metadata) : event.metadata,
    }));
    const before = aggregate.committedVersion;
    const streamId = this.streamIdOf(aggregate.id);
    const result = await this.store.append(streamId, events, {
      expectedRevision: before === -1n ? 'no_stream' : before,
    });
    aggregate.markCommitted();
    await this.#maybeSnapshot(streamId, aggregate, before);
    return { version: aggregate.version, position: result.position, appended: events.length };
  }

  /**
   * Load → `fn` → save. On a `ConcurrencyError`, reloads and reruns `fn` up to `retries`
   * times with a short jittered backoff. A `DomainError` (or any other error) from `fn` is thrown at once.
   */
  async update<R>(
    id: string,
    fn: (aggregate: A) => R | Promise<R>,
    options: UpdateOptions = {},
  ): Promise<UpdateResult<A, R>> {
    const retries = options.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      const aggregate = await this.load(id);
      const result = await fn(aggregate);
      try {
        const saved = await this.save(aggregate, options);
        return { ...saved, aggregate, result };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= retries) throw error;
        await timerSleep(backoffDelay(CONFLICT_BACKOFF, attempt + 1, this.#providers.random));
      }
    }
  }

  async #loadSnapshot(streamId: string) {
    if (!this.#snapshots) return undefined;
    const snapshot = await this.#snapshots.load(snapshotKeyOf(this.store, streamId));
    return snapshot && snapshot.schemaVersion === this.#snapshotVersion ? snapshot : undefined;
  }

  async #maybeSnapshot(streamId: string, aggregate: A, before: bigint): Promise<void> {
    const every = this.options.snapshotEvery;
    if (!this.#snapshots || every === undefined) return;
    const n = BigInt(every);
    // Counts of events are version + 1; snapshot when the save crossed a multiple of `every`.
    if ((aggregate.version + 1n) / n === (before + 1n) / n) return;
    try {
      await this.#snapshots.save({
        streamId: snapshotKeyOf(this.store, streamId),
        version: aggregate.version,
        schemaVersion: this.#snapshotVersion,
        state: aggregate.state,
        takenAt: this.#providers.clock.now(),
      });
    } catch (error) {
      if (this.options.onSnapshotError) this.options.onSnapshotError(error, streamId);
      else process.emitWarning(`Strata: the snapshot of '${streamId}' was not written: ${String(error)}`);
    }
  }
}
