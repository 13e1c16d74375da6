import type { AggregateClass } from '@strata/core';
import { aggregateFromHistory, type AnyAggregate, type HistoryEvent } from './history.js';
import { Spec, type SpecOutcome } from './spec.js';

export interface GivenOptions {
  /** The aggregate's id (default `'test-1'`); commands usually copy it into event data. */
  readonly id?: string;
}

/** A command under test: sync or async, on the aggregate built from the history. */
export type When<A extends AnyAggregate> = (aggregate: A) => unknown;

/** The `given` step: an aggregate class and its history, waiting for a command. */
export class Given<A extends AnyAggregate> {
  readonly #Aggregate: AggregateClass<A>;
  readonly #history: readonly HistoryEvent[];
  readonly #id: string;

  constructor(Aggregate: AggregateClass<A>, history: readonly HistoryEvent[], id: string) {
    this.#Aggregate = Aggregate;
    this.#history = history;
    this.#id = id;
  }

  when(command: When<A>): Spec<A> {
    return new Spec(async (): Promise<SpecOutcome<A>> => {
      // History errors (unknown type, invalid data) are the test's own fault: let them out as they are.
      const aggregate = aggregateFromHistory(this.#Aggregate, this.#id, this.#history);
      const before = aggregate.uncommittedEvents.length;
      try {
        await command(aggregate);
      } catch (error) {
        return { aggregate, raised: aggregate.uncommittedEvents.slice(before), threw: true, error };
      }
      return { aggregate, raised: aggregate.uncommittedEvents.slice(before), threw: false, error: undefined };
    });
  }
}

/**
 * Starts an example spec: `given(Aggregate, history).when(command).then(events)`.
 * The history goes through each definition's `parse`, so events at older schema versions
 * are upcast, exactly as a repository would load them.
 */
export function given<A extends AnyAggregate>(
  Aggregate: AggregateClass<A>,
  history: readonly HistoryEvent[],
  options: GivenOptions = {},
): Given<A> {
  return new Given(Aggregate, history, options.id ?? 'test-1');
}
