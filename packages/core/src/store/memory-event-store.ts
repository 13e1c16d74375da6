import type { EventInput, RecordedEvent } from '../events/event.js';
import type { Metadata } from '../events/metadata.js';
import { StoreClosedError } from '../errors/store-errors.js';
import { resolveProviders, type Providers } from '../providers/providers.js';
import { asyncFromSync } from './async-iterables.js';
import { compileFilter } from './event-filter.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from './event-store.js';
import { toRegistry, type EventRegistry } from './event-registry.js';
import type { EventSet } from '../events/define-events.js';
import { checkExpectedRevision, type ExpectedRevision } from './expected-revision.js';
import { findIdempotentWrite } from './idempotency.js';
import { MemorySubscription } from './memory-subscription.js';
import { prepareEvents, type PreparedEvent } from './prepare-events.js';

/** Compact record: numbers instead of bigint/Date, so a stored event costs little heap. */
interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Metadata;
  readonly schemaVersion: number;
  readonly recordedAt: number;
  readonly revision: number;
  readonly position: number;
}

export interface MemoryEventStoreOptions extends Partial<Providers> {
  /** Validate every append against these definitions (unknown types are rejected). */
  readonly events?: EventSet | readonly EventSet[];
  readonly maxEventBytes?: number;
}

/**
 * V8 keeps a string built by concatenation (`crypto.randomUUID()`'s, a template literal's) as
 * a tree of its pieces, several times the size of its characters (about 420 bytes for a
 * UUID). Converting it to a number makes V8 flatten it in place, so the store keeps one
 * flat copy. The string's value is unchanged.
 */
function flatten(value: string): string {
  if (Number.isNaN(Number(value))) return value;
  return value;
}

function toRecorded(stored: StoredEvent): RecordedEvent {
  return {
    eventId: stored.eventId,
    streamId: stored.streamId,
    revision: BigInt(stored.revision),
    position: BigInt(stored.position),
    recordedAt: new Date(stored.recordedAt),
    schemaVersion: stored.schemaVersion,
    type: stored.type,
    data: stored.data,
    metadata: stored.metadata,
  };
}

/**
 * The reference implementation of the `EventStore` port, in memory. Appends are O(1) in the
 * stream's length and the number of streams; reads are O(k) in what they return.
 */
export class MemoryEventStore implements EventStore {
  readonly #log: StoredEvent[] = [];
  readonly #streams = new Map<string, StoredEvent[]>();
  /** Event id → event, for EventStoreDB's idempotent re-append. */
  readonly #byEventId = new Map<string, StoredEvent>();
  /** The rare event id used in more than one stream, keyed `${streamId}\u0000${eventId}`. */
  readonly #byStreamAndEventId = new Map<string, StoredEvent>();
  readonly #waiters = new Set<() => void>();
  readonly #subscriptions = new Set<Subscription>();
  readonly #providers: Providers;
  readonly #registry: EventRegistry | undefined;
  readonly #maxEventBytes: number | undefined;
  #closed = false;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.#providers = resolveProviders(options);
    this.#registry = toRegistry(options.events);
    this.#maxEventBytes = options.maxEventBytes;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(operation);
  }

  #lookup(streamId: string, eventId: string): StoredEvent | undefined {
    const first = this.#byEventId.get(eventId);
    if (first === undefined || first.streamId === streamId) return first;
    return this.#byStreamAndEventId.get(`${streamId}\u0000${eventId}`);
  }

  async append(
    streamId: string,
    events: readonly EventInput[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.#append(streamId, events, options.expectedRevision ?? 'any');
  }

  #append(streamId: string, events: readonly EventInput[], expected: ExpectedRevision): AppendResult {
    this.#assertOpen('append');
    const prepared = prepareEvents(streamId, events, {
      ids: this.#providers.ids,
      registry: this.#registry,
      ...(this.#maxEventBytes !== undefined ? { maxEventBytes: this.#maxEventBytes } : {}),
    });
    const stream = this.#streams.get(streamId);
    const current = stream ? BigInt(stream.length - 1) : -1n;
    const repeated = findIdempotentWrite(
      streamId,
      prepared,
      expected,
      current,
      (eventId) => this.#lookup(streamId, eventId),
      (stored) => BigInt(stored.revision),
    );
    if (repeated) {
      const last = stream![Number(repeated.lastRevision)]!;
      return { nextExpectedRevision: repeated.lastRevision, position: BigInt(last.position) };
    }
    checkExpectedRevision(streamId, expected, current);
    if (prepared.length === 0) {
      const last = stream?.[stream.length - 1];
      return { nextExpectedRevision: current, position: last ? BigInt(last.position) : -1n };
    }
    return this.#write(streamId, stream, prepared);
  }

  #write(
    streamId: string,
    existing: StoredEvent[] | undefined,
    prepared: readonly PreparedEvent[],
  ): AppendResult {
    const stream = existing ?? [];
    if (!existing) this.#streams.set(streamId, stream);
    // Every event of a stream shares the first writer's id string: callers build a new one
    // per append (`${category}-${id}`), and keeping each would cost its bytes per event.
    const sharedStreamId = stream[0]?.streamId ?? flatten(streamId);
    const recordedAt = this.#providers.clock.now().getTime();
    let last: StoredEvent | undefined;
    for (const event of prepared) {
      last = {
        eventId: flatten(event.eventId),
        streamId: sharedStreamId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        schemaVersion: event.schemaVersion,
        recordedAt,
        revision: stream.length,
        position: this.#log.length,
      };
      stream.push(last);
      this.#log.push(last);
      const first = this.#byEventId.get(event.eventId);
      if (first === undefined) this.#byEventId.set(event.eventId, last);
      else if (first.streamId !== streamId)
        this.#byStreamAndEventId.set(`${streamId}\u0000${event.eventId}`, last);
    }
    if (this.#waiters.size > 0) for (const wake of [...this.#waiters]) wake();
    return { nextExpectedRevision: BigInt(last!.revision), position: BigInt(last!.position) };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read a stream');
    const stream = this.#streams.get(streamId) ?? [];
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const end = stream.length;
    return asyncFromSync(function* () {
      if (maxCount <= 0) return;
      let count = 0;
      if (backwards) {
        const start = options.from === undefined ? end - 1 : Math.min(Number(options.from), end - 1);
        for (let i = start; i >= 0 && count < maxCount; i--, count++) yield toRecorded(stream[i]!);
      } else {
        const start = options.from === undefined ? 0 : Math.max(0, Number(options.from));
        for (let i = start; i < end && count < maxCount; i++, count++) yield toRecorded(stream[i]!);
      }
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read all');
    const log = this.#log;
    const end = log.length;
    const matches = compileFilter(options.filter);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const start = options.from === undefined ? 0 : Math.max(0, Number(options.from));
    return asyncFromSync(function* () {
      let count = 0;
      for (let i = start; i < end && count < maxCount; i++) {
        const stored = log[i]!;
        if (matches && !matches(stored)) continue;
        count++;
        yield toRecorded(stored);
      }
    });
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen('subscribe');
    const log = this.#log;
    const waiters = this.#waiters;
    const subscription: Subscription = new MemorySubscription<StoredEvent>(
      {
        get length() {
          return log.length;
        },
        at: (index) => log[index]!,
        waitForAppend() {
          let wake!: () => void;
          const promise = new Promise<void>((resolve) => {
            wake = () => {
              waiters.delete(wake);
              resolve();
            };
          });
          waiters.add(wake);
          return { promise, cancel: wake };
        },
      },
      options.from === undefined ? 0 : Math.max(0, Number(options.from)),
      toRecorded,
      compileFilter(options.filter),
      options.onCaughtUp,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    this.#subscriptions.clear();
  }
}
