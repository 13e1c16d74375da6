// #region tiny-store
import {
  asyncFromSync,
  checkExpectedRevision,
  compileFilter,
  findIdempotentWrite,
  prepareEvents,
  resolveProviders,
  toRegistry,
  type AppendOptions,
  type AppendResult,
  type CreateEventStoreOptions,
  type EventInput,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
} from '@strata/core';

/** A toy adapter: one array for the log. It shows what each helper is for, not how to be fast. */
export class TinyEventStore implements EventStore {
  readonly #log: RecordedEvent[] = [];
  readonly #registry;
  readonly #providers;
  readonly #maxEventBytes;

  constructor(options: CreateEventStoreOptions = {}) {
    this.#registry = toRegistry(options.events); // undefined when no event sets were given
    this.#providers = resolveProviders(options); // the given clock, ids, random, or the system ones
    this.#maxEventBytes = options.maxEventBytes;
  }

  #stream(streamId: string): RecordedEvent[] {
    return this.#log.filter((event) => event.streamId === streamId);
  }

  async append(
    streamId: string,
    events: readonly EventInput[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    // 1. The same checks as every other adapter: shape, JSON, schema, size. Throws before any write.
    const prepared = prepareEvents(streamId, events, {
      ids: this.#providers.ids,
      registry: this.#registry,
      ...(this.#maxEventBytes !== undefined ? { maxEventBytes: this.#maxEventBytes } : {}),
    });
    const stream = this.#stream(streamId);
    const current = BigInt(stream.length - 1); // -1n: no stream
    // 2. A retry of a batch that already landed answers as the first time did.
    const repeated = findIdempotentWrite(
      streamId,
      prepared,
      expected,
      current,
      (eventId) => stream.find((event) => event.eventId === eventId),
      (event) => event.revision,
    );
    if (repeated) {
      const last = stream[Number(repeated.lastRevision)]!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    // 3. EventStoreDB's expected-revision rule, with its ConcurrencyError.
    checkExpectedRevision(streamId, expected, current);
    const recordedAt = this.#providers.clock.now();
    for (const [i, event] of prepared.entries()) {
      this.#log.push({
        eventId: event.eventId,
        streamId,
        revision: current + 1n + BigInt(i),
        position: BigInt(this.#log.length),
        recordedAt,
        schemaVersion: event.schemaVersion,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
    }
    const last = this.#log[this.#log.length - 1];
    return { nextExpectedRevision: current + BigInt(prepared.length), position: last?.position ?? -1n };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const stream = this.#stream(streamId);
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? BigInt(stream.length - 1) : 0n);
    const picked = backwards
      ? stream.filter((e) => e.revision <= from).reverse()
      : stream.filter((e) => e.revision >= from);
    return asyncFromSync(() => picked.slice(0, options.maxCount ?? picked.length)[Symbol.iterator]());
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const matches = compileFilter(options.filter) ?? (() => true);
    const picked = this.#log.filter((e) => e.position >= (options.from ?? 0n) && matches(e));
    return asyncFromSync(() => picked.slice(0, options.maxCount ?? picked.length)[Symbol.iterator]());
  }

  subscribe(): Subscription {
    throw new Error('TinyEventStore does not subscribe; see MemoryEventStore for a live subscription');
  }

  async close(): Promise<void> {}
}
// #endregion

// #region row-to-event
import { deepFreeze, type RecordedEvent as Recorded } from '@strata/core';

/** A row as a SQL driver gives it back: bigints as strings, JSON as text. */
export interface EventRow {
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
  recorded_at: Date;
  schema_version: number;
  type: string;
  data: string;
  metadata: string;
}

/** Recorded events are immutable in every store: freeze what JSON.parse builds. */
export function rowToEvent(row: EventRow): Recorded {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
    schemaVersion: row.schema_version,
    type: row.type,
    data: deepFreeze(JSON.parse(row.data) as unknown),
    metadata: deepFreeze(JSON.parse(row.metadata) as Recorded['metadata']),
  };
}
// #endregion
