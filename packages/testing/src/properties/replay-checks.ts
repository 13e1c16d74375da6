import type { AggregateClass, AnyEvent } from '@strata/core';
import { deepEqual } from '../specs/deep-equal.js';
import { describeError, type ComparedEvent } from '../specs/event-diff.js';
import { formatValue } from '../specs/format-value.js';
import type { AnyAggregate } from '../specs/history.js';
import { PropertyViolation, type AggregateProperty } from './aggregate-property.js';
import { inShiftedEnvironment } from './shifted-environment.js';
import { watchApply } from './watch-apply.js';

/** Where the checks are in a run: the live aggregate and the step just taken. */
export interface StepContext<A extends AnyAggregate> {
  readonly Aggregate: AggregateClass<A>;
  readonly id: string;
  readonly live: A;
  readonly step: number;
}

export function comparedHistory(aggregate: AnyAggregate): ComparedEvent[] {
  return aggregate.uncommittedEvents.map((event) => ({ type: event.type, data: event.data }));
}

export function violation<A extends AnyAggregate>(
  context: StepContext<A>,
  property: AggregateProperty,
  detail: string,
  extra: { invariant?: string; cause?: unknown } = {},
): PropertyViolation {
  return new PropertyViolation(
    property,
    detail,
    context.step,
    comparedHistory(context.live),
    context.live.state,
    extra.invariant,
    'cause' in extra ? { cause: extra.cause } : undefined,
  );
}

/** The events as a store gives them back: through JSON, then each definition's `parse`. */
function readBack<A extends AnyAggregate>(context: StepContext<A>, events: readonly AnyEvent[]): AnyEvent[] {
  return events.map((event, index) => {
    const where = `event [${index}] ${event.type}`;
    let raw: { type: string; data: unknown; metadata: Record<string, unknown>; schemaVersion: number };
    try {
      raw = JSON.parse(
        JSON.stringify({
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          schemaVersion: event.schemaVersion,
        }),
      ) as typeof raw;
    } catch (error) {
      throw violation(context, 'replay-equals-live', `${where} is not JSON: ${describeError(error)}`, {
        cause: error,
      });
    }
    const definition = context.Aggregate.events.get(event.type);
    if (!definition) {
      throw violation(context, 'replay-equals-live', `${where} is not in ${context.Aggregate.name}.events`);
    }
    try {
      return definition.parse(raw);
    } catch (error) {
      throw violation(
        context,
        'replay-equals-live',
        `${where} does not read back after JSON (its definition's parse rejects ${formatValue(raw.data)}): ${describeError(error)}`,
        { cause: error },
      );
    }
  });
}

/** Replays `events` into a fresh aggregate whose `apply` is watched, under a clock variant. */
function replayFresh<A extends AnyAggregate>(
  context: StepContext<A>,
  events: readonly AnyEvent[],
  variant: number,
): A {
  const fresh = new context.Aggregate(context.id);
  const watch = watchApply(fresh);
  try {
    inShiftedEnvironment(variant, () => fresh.replay(events));
  } catch (error) {
    const write = watch.frozenWrite;
    if (write !== undefined && error === write.error) {
      throw violation(
        context,
        'apply-does-not-mutate-event',
        `on replay, apply wrote into the frozen ${write.type} event ${formatValue(write.data)} it was given, ` +
          `so loading this aggregate fails with ${describeError(error)}`,
        { cause: error },
      );
    }
    throw violation(
      context,
      'replay-equals-live',
      `replaying the ${events.length} raised events into a fresh aggregate threw ${describeError(error)}`,
      { cause: error },
    );
  }
  if (watch.mutation) {
    throw violation(
      context,
      'apply-does-not-mutate-event',
      `on replay, apply changed a ${watch.mutation.type} event from ${formatValue(watch.mutation.before)} to ${formatValue(watch.mutation.after)}`,
    );
  }
  return fresh;
}

/**
 * After a command that succeeded: the history, read back as a store would give it, replays
 * twice (under two clock/randomness variants) to equal states, and to the live state and version.
 */
export function checkReplay<A extends AnyAggregate>(context: StepContext<A>): void {
  const history = context.live.uncommittedEvents;
  const first = replayFresh(context, readBack(context, history), 1);
  const second = replayFresh(context, readBack(context, history), 2);
  if (!deepEqual(first.state, second.state)) {
    throw violation(
      context,
      'deterministic-replay',
      `replaying the same ${history.length} events twice gave different states, so apply reads something ` +
        `besides the state and the event (a module variable, Date.now(), Math.random()…):\n` +
        `  first replay:  ${formatValue(first.state)}\n  second replay: ${formatValue(second.state)}`,
    );
  }
  if (!deepEqual(first.state, context.live.state) || first.version !== context.live.version) {
    throw violation(
      context,
      'replay-equals-live',
      `the raised events, read back and replayed into a fresh aggregate, do not give the live aggregate:\n` +
        `  live:   version ${context.live.version.toString()}, state ${formatValue(context.live.state)}\n` +
        `  replay: version ${first.version.toString()}, state ${formatValue(first.state)}`,
    );
  }
}
