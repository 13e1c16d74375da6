import {
  UnknownEventTypeError,
  type AggregateClass,
  type AggregateRoot,
  type AnyEvent,
  type Metadata,
} from '@strata/core';

/**
 * An event of an aggregate's past, as a test writes it: a new event from `Definition.create`,
 * a recorded event, or a raw one at an older schema version (`{ type, data, schemaVersion: 1 }`).
 */
export interface HistoryEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Metadata;
  readonly schemaVersion?: number;
  readonly streamId?: string;
  readonly revision?: bigint;
}

/** Any aggregate instance, whatever its state and events. */
export type AnyAggregate = AggregateRoot<object, AnyEvent>;

/**
 * Reads history the way a repository does: each event through its definition's `parse`
 * (found in the class's static `events`), so upcasters run and data is validated.
 */
export function parseHistory(Aggregate: AggregateClass, history: readonly HistoryEvent[]): AnyEvent[] {
  return history.map((event) => {
    const definition = Aggregate.events.get(event.type);
    if (!definition) {
      throw new UnknownEventTypeError(event.type, {
        ...(event.streamId !== undefined ? { streamId: event.streamId } : {}),
        ...(event.revision !== undefined ? { revision: event.revision } : {}),
        knownTypes: Aggregate.events.types,
      });
    }
    return definition.parse(event);
  });
}

/** A fresh aggregate with `history` replayed into it (through `parse`). */
export function aggregateFromHistory<A extends AnyAggregate>(
  Aggregate: AggregateClass<A>,
  id: string,
  history: readonly HistoryEvent[],
): A {
  const aggregate = new Aggregate(id);
  aggregate.replay(parseHistory(Aggregate, history));
  return aggregate;
}
