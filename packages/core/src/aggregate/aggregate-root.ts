import { produce, type Draft, type Immutable } from 'immer';
import type { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { deepFreeze } from '../events/deep-freeze.js';
import type { EventDefinition } from '../events/define-event.js';
import type { EventSet } from '../events/define-events.js';
import type { NewEvent, RecordedEvent } from '../events/event.js';
import type { Metadata } from '../events/metadata.js';
import { syncIteratorOf } from '../store/async-iterables.js';
import { freezeEvent, workingCopy } from './working-copy.js';

/** Any event an aggregate can apply: new (raised) or recorded (replayed). */
export type AnyEvent = NewEvent<string, unknown>;

/** The constructor side of an aggregate: what a `Repository` needs to know about the class. */
export interface AggregateClass<A extends AggregateRoot<object, AnyEvent> = AggregateRoot<object, AnyEvent>> {
  new (id: string): A;
  /** Streams are named `<category>-<id>`. */
  readonly category: string;
  readonly events: EventSet;
  /** The shape of the state in snapshots; bump it when `State` changes (default 1). */
  readonly snapshotVersion?: number;
}

const restore = Symbol('strata.restore');
const replayRecorded = Symbol('strata.replayRecorded');

/**
 * A consistency boundary. Subclasses give `initialState` and a pure `apply`; commands
 * check rules and `raise` events. State is deeply frozen; `apply` works on an immer draft.
 */
export abstract class AggregateRoot<State extends object, E extends AnyEvent = AnyEvent> {
  readonly #id: string;
  #state: Immutable<State> | undefined;
  #version = -1n;
  #committedVersion = -1n;
  #uncommitted: E[] = [];

  constructor(id: string) {
    this.#id = id;
  }

  /** The initial state of a new aggregate (before any event). */
  protected abstract initialState(): State;

  /** The pure transition: change `state` for `event`. No I/O, clocks or randomness here. */
  protected abstract apply(state: Draft<State>, event: E): void;

  get id(): string {
    return this.#id;
  }

  /** The current state, deeply frozen. */
  get state(): Immutable<State> {
    // Lazily, so subclass field initialisers have run before initialState is called.
    this.#state ??= deepFreeze(this.initialState()) as Immutable<State>;
    return this.#state;
  }

  /** The revision of the last applied event (raised or replayed); `-1n` when there is none. */
  get version(): bigint {
    return this.#version;
  }

  /** The version the store holds: `version` less the uncommitted events. */
  get committedVersion(): bigint {
    return this.#committedVersion;
  }

  get uncommittedEvents(): readonly E[] {
    return this.#uncommitted;
  }

  /**
   * Validates `data` with the definition's schema, applies the event and keeps it as
   * uncommitted. If validation or `apply` throws, nothing changes.
   */
  protected raise<T extends E['type'], S extends z.ZodType>(
    definition: EventDefinition<T, S>,
    data: z.input<S>,
    metadata?: Metadata,
  ): NewEvent<T, z.output<S>> {
    const events = (this.constructor as AggregateClass).events;
    if (events.get(definition.type) !== (definition as unknown)) {
      throw new EventDefinitionError(
        definition.type,
        `${this.constructor.name}.events does not hold this definition; add it to the aggregate's event set`,
      );
    }
    const event = definition.create(data, metadata);
    this.#state = produce(this.state, (draft) => {
      this.apply(draft as Draft<State>, event as unknown as E);
    });
    this.#version += 1n;
    this.#uncommitted.push(event as unknown as E);
    return event;
  }

  /**
   * Applies history: recorded events set `version` to their revision; new events count up.
   * Each event goes through the class's event set, so older schema versions are upcast and
   * an unknown type is an `UnknownEventTypeError`. If `apply` throws, nothing changes.
   */
  replay(events: Iterable<E | RecordedEvent>): this {
    const history = Array.isArray(events) ? (events as readonly (E | RecordedEvent)[]) : [...events];
    const set = (this.constructor as AggregateClass).events;
    const folded = this.#fold(history, (event) => set.decode(event as RecordedEvent) as unknown as E);
    this.#commitReplay(folded.state, folded.version);
    return this;
  }

  /** `replay` over an async source, such as a store's `readStream`. */
  async replayAsync(events: AsyncIterable<E | RecordedEvent>): Promise<this> {
    const history: (E | RecordedEvent)[] = [];
    for await (const event of events) history.push(event);
    return this.replay(history);
  }

  /**
   * @internal The loader's replay. `open` gives the stream (it may be called twice); `decode`
   * upcasts each recorded event or returns undefined to skip it. A skipped event still moves
   * `version` to its revision, so the next save expects the stream's true last revision.
   */
  async [replayRecorded](
    open: () => AsyncIterable<RecordedEvent>,
    decode: (event: RecordedEvent) => E | undefined,
  ): Promise<this> {
    const folded = await this.#foldAsync(open, decode);
    this.#commitReplay(folded.state, folded.version);
    return this;
  }

  /**
   * Replay's fast path folds into a private plain copy of the state (no proxies: the cost of
   * a hand-written fold), with every event frozen so `apply` cannot alias or change it. If
   * `apply` writes into something frozen (a TypeError in strict code, e.g. it kept an event's
   * array and pushes into it later), the fold runs again with one immer `produce` per event:
   * exactly what `raise` does, so replay always equals live.
   */
  #fold(
    history: readonly (E | RecordedEvent)[],
    decode: (event: E | RecordedEvent) => E | undefined,
  ): { state: State; version: bigint } {
    try {
      const working = this.#workingState();
      return { state: working, version: this.#applyAll(working, history, decode, 'plain') };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const box = { state: this.state as State };
      const version = this.#applyAll(box, history, decode, 'produce');
      return { state: box.state, version };
    }
  }

  #applyAll(
    target: State | { state: State },
    history: readonly (E | RecordedEvent)[],
    decode: (event: E | RecordedEvent) => E | undefined,
    mode: 'plain' | 'produce',
  ): bigint {
    let version = this.#version;
    for (const recorded of history) {
      const event = decode(recorded);
      if (event !== undefined) this.#applyOne(target, event, mode);
      version = nextVersion(version, recorded);
    }
    return version;
  }

  #applyOne(target: State | { state: State }, event: E, mode: 'plain' | 'produce'): void {
    if (mode === 'plain') {
      this.apply(target as Draft<State>, freezeEvent(event));
    } else {
      const box = target as { state: State };
      box.state = produce(box.state, (draft) => {
        this.apply(draft, event);
      });
    }
  }

  async #foldAsync(
    open: () => AsyncIterable<RecordedEvent>,
    decode: (event: RecordedEvent) => E | undefined,
  ): Promise<{ state: State; version: bigint }> {
    try {
      const working = this.#workingState();
      return { state: working, version: await this.#applyStream(working, open(), decode, 'plain') };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const box = { state: this.state as State };
      const version = await this.#applyStream(box, open(), decode, 'produce');
      return { state: box.state, version };
    }
  }

  async #applyStream(
    target: State | { state: State },
    events: AsyncIterable<RecordedEvent>,
    decode: (event: RecordedEvent) => E | undefined,
    mode: 'plain' | 'produce',
  ): Promise<bigint> {
    let version = this.#version;
    // Events already in memory (the memory store's reads) are read without a promise each.
    const inMemory = syncIteratorOf(events);
    if (inMemory) {
      for (const recorded of inMemory) {
        const event = decode(recorded);
        if (event !== undefined) this.#applyOne(target, event, mode);
        version = nextVersion(version, recorded);
      }
      return version;
    }
    for await (const recorded of events) {
      const event = decode(recorded);
      if (event !== undefined) this.#applyOne(target, event, mode);
      version = nextVersion(version, recorded);
    }
    return version;
  }

  /** A mutable state only this replay can see: a fresh initial state, or a copy of the current one. */
  #workingState(): State {
    // Copied even when fresh: initialState may return a shared constant.
    return workingCopy(this.#state === undefined ? this.initialState() : (this.#state as State));
  }

  #commitReplay(state: State, version: bigint): void {
    this.#state = deepFreeze(state) as Immutable<State>;
    this.#version = version;
    this.#committedVersion = version;
  }

  /** Forgets the uncommitted events: the store now holds them. */
  markCommitted(): void {
    this.#committedVersion = this.#version;
    this.#uncommitted = [];
  }

  /** @internal Used by `Repository` to start from a snapshot. */
  [restore](state: State, version: bigint): void {
    this.#state = deepFreeze(state) as Immutable<State>;
    this.#version = version;
    this.#committedVersion = version;
    this.#uncommitted = [];
  }
}

/** @internal */
export function restoreAggregate(
  aggregate: AggregateRoot<object, AnyEvent>,
  state: object,
  version: bigint,
): void {
  aggregate[restore](state, version);
}

/** @internal Replays a stream read through `decode`; see `AggregateRoot[replayRecorded]`. */
export function replayStream<E extends AnyEvent>(
  aggregate: AggregateRoot<object, E>,
  open: () => AsyncIterable<RecordedEvent>,
  decode: (event: RecordedEvent) => E | undefined,
): Promise<unknown> {
  return aggregate[replayRecorded](open, decode);
}

function nextVersion(version: bigint, event: unknown): bigint {
  const revision = (event as { revision?: unknown }).revision;
  return typeof revision === 'bigint' ? revision : version + 1n;
}
