// The shapes of core's public types, as the guide shows them. shapes.test.ts proves each one
// identical to the real type, so these blocks cannot drift either.
import type { z } from 'zod';
import type {
  AggregateRoot,
  AnyEvent,
  Parsed,
  TenantScoped,
  UpcasterChain,
  EventRegistry,
  ExpectedRevision,
  Metadata,
} from '@strata/core';

// #region recorded-event
/** A new event, before a store records it. */
export interface NewEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly metadata: Metadata;
  /** The version of the event's schema that `data` follows. */
  readonly schemaVersion: number;
  /** Set it to make a retried append idempotent; the store assigns one otherwise. */
  readonly eventId?: string;
}

/** What an `append` accepts: a new event whose metadata and schema version may be left out. */
export interface EventInput {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Metadata;
  readonly schemaVersion?: number;
  readonly eventId?: string;
}

/** An event as a store recorded it. */
export interface RecordedEvent<T extends string = string, D = unknown> {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based place in its stream. */
  readonly revision: bigint;
  /** Global order in the store: strictly increasing, not necessarily contiguous. */
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly schemaVersion: number;
  readonly type: T;
  readonly data: D;
  readonly metadata: Metadata;
}
// #endregion

// #region event-store
/** The port every store adapter implements. Revisions and positions are bigint. */
export interface EventStore {
  /**
   * Appends a batch that lands whole or not at all. `data` may be any JSON value. An empty
   * batch checks the expected revision, writes nothing, creates no stream and returns the
   * current revision.
   */
  append(streamId: string, events: readonly EventInput[], options?: AppendOptions): Promise<AppendResult>;
  /** One stream's events; a missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Every stream's events in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribe(options?: SubscribeOptions): Subscription;
  /**
   * Ends every subscription and releases connections. Closing twice is harmless; an append
   * after `close()` rejects with `StoreClosedError`.
   */
  close(): Promise<void>;
}

export interface AppendOptions {
  /** Default `'any'`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's last revision after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event of the batch. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** First revision to read, inclusive. Default: the start (forwards) or the end (backwards). */
  readonly from?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * First position to read, inclusive; it need not be the position of an event
   * (`checkpoint + 1n` is how a processor resumes). Default: the beginning.
   */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** First position to deliver, inclusive (resume with `checkpoint + 1n`). Default: the beginning. */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  /**
   * Called once, when the consumer has received every event stored when the subscription
   * caught up, and it goes live (an adapter that reads ahead waits until its buffer drains).
   */
  readonly onCaughtUp?: () => void;
}

/** Catches up, then delivers new events as they are appended, until `stop()`. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration promptly; a pending `next()` resolves as done. */
  stop(): Promise<void>;
}
// #endregion

// #region event-filter
/** Which events a `readAll` or `subscribe` delivers. All given conditions must hold. */
export interface EventFilter {
  /** Streams whose id starts with this (`'loyaltyAccount-a-'`). */
  readonly streamPrefix?: string;
  /** Streams of one category: `category` is the part before the first `-` of the stream id. */
  readonly category?: string;
  /** Only these event types. */
  readonly eventTypes?: readonly string[];
}
// #endregion

// #region stores
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

/** Where a processor (projection, relay, saga orchestrator) keeps the last position it finished. */
export interface CheckpointStore {
  /** The stored position, or undefined when the processor never committed one. */
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
  delete(name: string): Promise<void>;
}
// #endregion

// #region providers
/** Where Strata gets the time: inject a fixed or stepping clock in tests. */
export interface Clock {
  now(): Date;
}

/** Where Strata gets new ids (event ids, saga ids): inject a sequence in tests. */
export interface IdGenerator {
  next(): string;
}

/** A source of numbers in [0, 1) for jitter; inject a seeded one in tests. */
export type Random = () => number;

/** The injectable sources of time, ids and randomness. */
export interface Providers {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: Random;
}
// #endregion

// #region repository-options
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

export interface DecodeOptions {
  /**
   * Validate events already at the current schema version too. Off by default: they were
   * validated when they were raised or appended. Older versions are always upcast and validated.
   */
  readonly revalidate?: boolean;
  /** Return undefined for types the set does not know, instead of throwing `UnknownEventTypeError`. */
  readonly skipUnknown?: boolean;
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
// #endregion

// #region adapter-types
/** Options every store accepts through `createEventStore`; adapters read their own keys too. */
export interface CreateEventStoreOptions extends Partial<Providers> {
  /** Validate appends against these definitions (unknown types are rejected). */
  readonly events?: EventSet | readonly EventSet[];
  readonly maxEventBytes?: number;
  readonly [adapterOption: string]: unknown;
}

export type EventStoreFactory = (url: string, options: CreateEventStoreOptions) => EventStore;

export interface PrepareOptions {
  readonly ids: IdGenerator;
  /** When given, every event must be of a known type and pass its schema. */
  readonly registry?: EventRegistry | undefined;
  readonly maxEventBytes?: number;
  /** Metadata stamped onto every event, over the event's own (a tenant view uses it). */
  readonly stamp?: Metadata;
}

/** An event that passed every check an append makes, with its JSON ready for a store. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The data as JSON will give it back (a fresh, frozen copy). */
  readonly data: unknown;
  readonly metadata: Metadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}
// #endregion

// #region definition
type Schema = z.ZodType;

export interface EventDefinition<T extends string = string, S extends Schema = Schema> {
  readonly type: T;
  readonly schema: S;
  readonly version: number;
  /** The versions `parse` can upcast from, oldest first (empty when there are no upcasters). */
  readonly upcastsFrom: readonly number[];
  /** A new event with validated data (zod output, so defaults are filled in). */
  create(data: z.input<S>, metadata?: Metadata): NewEvent<T, z.output<S>>;
  /** Narrows an event of any union to this definition's type (a property: `events.filter(Def.is)` works). */
  readonly is: <E extends { readonly type: string }>(
    event: E,
  ) => event is E & { readonly type: T; readonly data: z.output<S> };
  /**
   * Reads an event of this type written at any known schema version: upcasts along the
   * chain to the current version, then validates. Other fields (ids, revision…) are kept.
   */
  parse<R extends RawEvent>(raw: R): Parsed<R, T, z.output<S>>;
}

export interface DefineEventOptions<V extends number, S extends Schema> {
  /** The current schema version (default 1). */
  readonly version?: V;
  readonly upcast?: UpcasterChain<V, S>;
}

/** Anything shaped like an event that `parse` can read: a stored row, a recorded event. */
export interface RawEvent {
  readonly type?: string;
  readonly data: unknown;
  readonly metadata?: Metadata;
  readonly schemaVersion?: number;
  readonly streamId?: string;
  readonly revision?: bigint;
}
// #endregion

// #region event-set
type AnyDefinition = EventDefinition<string, z.ZodType>;

/** A closed set of event definitions: one aggregate's, one projection's or one deployment's. */
export interface EventSet<Defs extends readonly AnyDefinition[] = readonly AnyDefinition[]> {
  readonly definitions: Defs;
  readonly types: readonly Defs[number]['type'][];
  get<T extends Defs[number]['type']>(type: T): Extract<Defs[number], { type: T }>;
  get(type: string): Defs[number] | undefined;
  has(type: string): boolean;
  /** Reads a recorded event into the set's current shapes (upcasting where needed). */
  decode(event: RecordedEvent, options?: DecodeOptions & { skipUnknown?: false }): RecordedEvent;
  decode(event: RecordedEvent, options?: DecodeOptions): RecordedEvent | undefined;
}
// #endregion

// #region aggregate-class
/** The constructor side of an aggregate: what a `Repository` needs to know about the class. */
export interface AggregateClass<A extends AggregateRoot<object, AnyEvent> = AggregateRoot<object, AnyEvent>> {
  new (id: string): A;
  /** Streams are named `<category>-<id>`. */
  readonly category: string;
  readonly events: EventSet;
  /** The shape of the state in snapshots; bump it when `State` changes (default 1). */
  readonly snapshotVersion?: number;
}
// #endregion

// #region store-functions
export declare function createEventStore(url: string, options?: CreateEventStoreOptions): EventStore;
export declare function registerEventStore(
  schemes: string | readonly string[],
  factory: EventStoreFactory,
): void;
export declare function registeredEventStoreSchemes(): string[];
export declare function schemeOf(url: string): string;
// #endregion

// #region tenant-function
export declare function forTenant(store: EventStore, tenantId: string): EventStore & TenantScoped;
// #endregion

// #region metadata-functions
export declare function causedBy(
  cause: { readonly eventId: string; readonly metadata: Metadata },
  extra?: Metadata,
): Metadata;
export declare function mergeMetadata(...parts: ReadonlyArray<Metadata | undefined>): Metadata;
// #endregion

// #region adapter-signatures
export declare function prepareEvents(
  streamId: string,
  events: readonly EventInput[],
  options: PrepareOptions,
): PreparedEvent[];
export declare function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: bigint,
): void;
export declare function findIdempotentWrite<S>(
  streamId: string,
  batch: ReadonlyArray<{ readonly eventId: string }>,
  expected: ExpectedRevision,
  current: bigint,
  lookup: (eventId: string) => S | undefined,
  revisionOf: (stored: S) => bigint,
): { lastRevision: bigint } | undefined;
export declare function toRegistry(
  events: EventSet | readonly EventSet[] | undefined,
): EventRegistry | undefined;
export declare function asyncFromSync<T>(make: () => Iterator<T>): AsyncIterable<T>;
export declare function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]>;
// #endregion

// #region retry-policy
/**
 * How often and how patiently something is retried: exponential backoff from `initialDelayMs`,
 * capped at `maxDelayMs`, with full jitter unless `jitter` is `'none'`.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** The ceiling of the wait after the first failed attempt. */
  readonly initialDelayMs: number;
  /** No wait is longer. */
  readonly maxDelayMs: number;
  /** Growth of the ceiling per failed attempt. Default 2 (doubling). */
  readonly factor?: number;
  /** `'full'` (default): a random wait up to the ceiling. `'none'`: the ceiling itself. */
  readonly jitter?: 'full' | 'none';
}
// #endregion

// #region retry-options
/** Waits `ms`, or less if `signal` aborts first (it resolves then, it does not reject). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What `retry` takes besides the function and the policy; all optional. */
export interface RetryOptions {
  /** Stops retrying: a wait in progress ends and `retry` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The jitter source. Default `mathRandom`; inject `seededRandom(n)` for determinism. */
  readonly random?: Random;
  /** How the waits happen. Default `timerSleep`. */
  readonly sleep?: Sleep;
  /**
   * Narrows what is retried (it is asked only about errors `isRetryable` allows: a `DomainError`
   * or an error with `retryable === false` is never retried).
   */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Told before each wait: the failed attempt (1-based), its error and the wait. */
  readonly onRetry?: (failure: {
    readonly attempt: number;
    readonly error: unknown;
    readonly delayMs: number;
  }) => void;
}
// #endregion

// #region lease
/**
 * Who may run a named processor (a projection build, a relay, a saga orchestrator) right now.
 * A lease lasts `ttlMs` unless renewed, so a holder that crashed is replaced after at most one
 * time-to-live. Adapters: `MemoryLease` (one process), `PostgresLease` in `@strata/postgres`.
 */
export interface Lease {
  /** Takes the lease when it is free, expired or already `owner`'s (then it is extended); false while another owner's lease is unexpired. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends `owner`'s unexpired lease to `ttlMs` from now; false, changing nothing, when `owner` does not hold it (any more). */
  renew(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it, so a successor need not wait for the expiry. */
  release(name: string, owner: string): Promise<void>;
}
// #endregion

// #region retry-functions
export declare function backoffDelay(policy: RetryPolicy, attempt: number, random: Random): number;
export declare function retry<T>(
  fn: (attempt: number) => Promise<T> | T,
  policy: RetryPolicy,
  options?: RetryOptions,
): Promise<T>;
export declare function isRetryable(error: unknown): boolean;
export declare function retryPolicyProblem(policy: Partial<RetryPolicy>): string | undefined;
// #endregion
