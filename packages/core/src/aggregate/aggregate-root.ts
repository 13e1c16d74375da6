import { createDraft, finishDraft, produce, type Draft, type Immutable } from 'immer';
import type { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { deepFreeze } from '../events/deep-freeze.js';
import type { EventDefinition } from '../events/define-event.js';
import type { EventSet } from '../events/define-events.js';
import type { NewEvent, RecordedEvent } from '../events/event.js';
import type { Metadata } from '../events/metadata.js';

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
   * One draft for the whole replay: immer's cost is paid once, not per event. If `apply`
   * throws, the aggregate is left as it was.
   */
  replay(events: Iterable<E>): this {
    const draft = createDraft(this.state as State);
    let version = this.#version;
    for (const event of events) {
      this.apply(draft, event);
      const revision = (event as { revision?: unknown }).revision;
      version = typeof revision === 'bigint' ? revision : version + 1n;
    }
    this.#state = finishDraft(draft) as Immutable<State>;
    this.#version = version;
    this.#committedVersion = version;
    return this;
  }

  /** `replay` over an async source (a store's read), still with one draft. */
  async replayAsync(events: AsyncIterable<E>): Promise<this> {
    return this[replayRecorded](events as AsyncIterable<RecordedEvent>, (event) => event as unknown as E);
  }

  /**
   * @internal The loader's replay: `decode` upcasts each recorded event or returns undefined to
   * skip it. A skipped event still moves `version` to its revision, so the next save expects
   * the stream's true last revision.
   */
  async [replayRecorded](
    events: AsyncIterable<RecordedEvent>,
    decode: (event: RecordedEvent) => E | undefined,
  ): Promise<this> {
    const draft = createDraft(this.state as State);
    let last: bigint | undefined;
    let counted = 0n;
    for await (const recorded of events) {
      const event = decode(recorded);
      if (event !== undefined) this.apply(draft, event);
      const revision: unknown = recorded.revision;
      if (typeof revision === 'bigint') {
        last = revision;
        counted = 0n;
      } else counted++;
    }
    const version = last !== undefined ? last + counted : this.#version + counted;
    this.#state = finishDraft(draft) as Immutable<State>;
    this.#version = version;
    this.#committedVersion = version;
    return this;
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
  events: AsyncIterable<RecordedEvent>,
  decode: (event: RecordedEvent) => E | undefined,
): Promise<unknown> {
  return aggregate[replayRecorded](events, decode);
}
