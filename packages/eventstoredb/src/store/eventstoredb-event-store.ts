import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import {
  StoreClosedError,
  checkExpectedRevision,
  prepareEvents,
  randomIds,
  toRegistry,
  type AppendOptions,
  type AppendResult,
  type EventInput,
  type EventRegistry,
  type EventSet,
  type EventStore,
  type ExpectedRevision,
  type IdGenerator,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@strata/core';
import { EventStoreDBConfigurationError } from '../errors/eventstoredb-errors.js';
import { isTransient, mapClientError } from '../errors/map-client-error.js';
import { toEventData, toRecordedEvent } from '../events/event-mapping.js';
import { toClientConnectionString } from './connection-string.js';
import { EventStoreDBSubscription, type ReconnectOptions } from './eventstoredb-subscription.js';
import { readAllEvents } from './read-all.js';

export interface EventStoreDBEventStoreOptions {
  /** An existing client; the store then leaves disposing it to its owner. */
  readonly client?: EventStoreDBClient;
  /** `esdb://host:2113?tls=false`, `esdb+discover://…`, `kurrentdb://…` when no client is given. */
  readonly connectionString?: string;
  /** Validate appends against these definitions (unknown types are rejected). */
  readonly events?: EventSet | readonly EventSet[];
  readonly maxEventBytes?: number;
  readonly ids?: IdGenerator;
  readonly reconnect?: ReconnectOptions;
  /** Retries of an append that failed on a dropped connection (safe: event ids are idempotent). Default 2. */
  readonly appendRetries?: number;
}

/** The stream's expected revision as the client takes it (`-1n` is `'no_stream'`). */
function toClientExpected(expected: ExpectedRevision): AppendExpectedRevision {
  return expected === -1n ? 'no_stream' : expected;
}

/**
 * The `EventStore` port on EventStoreDB / KurrentDB through `@eventstore/db-client`.
 * Revisions are the server's; positions are `$all` commit positions.
 */
export class EventStoreDBEventStore implements EventStore {
  readonly client: EventStoreDBClient;
  readonly #ownsClient: boolean;
  readonly #ids: IdGenerator;
  readonly #registry: EventRegistry | undefined;
  readonly #maxEventBytes: number | undefined;
  readonly #reconnect: ReconnectOptions | undefined;
  readonly #appendRetries: number;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  constructor(options: EventStoreDBEventStoreOptions) {
    if (options.client) {
      this.client = options.client;
      this.#ownsClient = false;
    } else if (options.connectionString) {
      this.client = EventStoreDBClient.connectionString(toClientConnectionString(options.connectionString));
      this.#ownsClient = true;
    } else {
      throw new EventStoreDBConfigurationError(
        'EventStoreDBEventStore needs a client or a connection string (esdb://host:2113?tls=false)',
      );
    }
    this.#ids = options.ids ?? randomIds;
    this.#registry = toRegistry(options.events);
    this.#maxEventBytes = options.maxEventBytes;
    this.#reconnect = options.reconnect;
    this.#appendRetries = options.appendRetries ?? 2;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(operation);
  }

  async append(
    streamId: string,
    events: readonly EventInput[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.#assertOpen('append');
    const prepared = prepareEvents(streamId, events, {
      ids: this.#ids,
      registry: this.#registry,
      ...(this.#maxEventBytes !== undefined ? { maxEventBytes: this.#maxEventBytes } : {}),
    });
    const expected = options.expectedRevision ?? 'any';
    const context = { operation: 'append to', streamId };
    if (prepared.length === 0 || (typeof expected === 'bigint' && expected < -1n)) {
      // Nothing to write: check the expectation here. Client 6 reads the server's "no stream"
      // answer to an empty append as revision 0, and a revision below -1 would not parse.
      const current = await this.#currentRevision(streamId);
      checkExpectedRevision(streamId, expected, current);
      return {
        nextExpectedRevision: current,
        position: current >= 0n ? await this.#positionOf(streamId, current) : -1n,
      };
    }
    const eventData = prepared.map(toEventData);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamId, eventData, {
          expectedRevision: toClientExpected(expected),
        });
        const next = result.nextExpectedRevision;
        // A repeated (idempotent) write comes back without a position.
        const position =
          result.position?.commit ?? (next >= 0n ? await this.#positionOf(streamId, next) : -1n);
        return { nextExpectedRevision: next, position };
      } catch (error) {
        // The first call after a dropped connection fails while the client reconnects. The
        // event ids make a retry safe: if the first attempt landed, the server sees a repeat.
        if (isTransient(error) && attempt < this.#appendRetries) continue;
        throw mapClientError(error, context, expected);
      }
    }
  }

  async #positionOf(streamId: string, revision: bigint): Promise<bigint> {
    for await (const event of this.#read(streamId, { from: revision, maxCount: 1 })) return event.position;
    return -1n;
  }

  async #currentRevision(streamId: string): Promise<bigint> {
    for await (const event of this.#read(streamId, { direction: 'backwards', maxCount: 1 }))
      return event.revision;
    return -1n;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read a stream');
    return this.#read(streamId, options);
  }

  /** Links are resolved, so `$ce-<category>` reads give the category's own events. */
  async *#read(streamId: string, options: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0 || (backwards && options.from !== undefined && options.from < 0n)) return;
    const from = options.from;
    const fromRevision = from === undefined || (!backwards && from < 0n) ? (backwards ? END : START) : from;
    const events = this.client.readStream(streamId, {
      fromRevision,
      direction: backwards ? BACKWARDS : FORWARDS,
      maxCount,
      resolveLinkTos: true,
    });
    let finished = false;
    try {
      for await (const resolved of events) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
      finished = true;
    } catch (error) {
      finished = true;
      if (error instanceof StreamNotFoundError) return;
      throw mapClientError(error, { operation: 'read', streamId });
    } finally {
      // A reader that stops early leaves the call open on the server: cancel it.
      if (!finished) await events.cancel();
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read all');
    return readAllEvents(this.client, options, this.#reconnect);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen('subscribe');
    const subscription = new EventStoreDBSubscription(this.client, {
      from: options.from,
      filter: options.filter,
      onCaughtUp: options.onCaughtUp,
      reconnect: this.#reconnect,
    });
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    this.#subscriptions.clear();
    if (this.#ownsClient) await this.client.dispose();
  }
}
