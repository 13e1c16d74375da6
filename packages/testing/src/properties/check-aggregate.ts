import { DomainError, type AggregateClass } from '@strata/core';
import fc from 'fast-check';
import { deepEqual } from '../specs/deep-equal.js';
import { countEvents, describeError } from '../specs/event-diff.js';
import { formatValue } from '../specs/format-value.js';
import type { AnyAggregate } from '../specs/history.js';
import { PropertyViolation } from './aggregate-property.js';
import { AggregatePropertyError, type CommandCall } from './aggregate-property-error.js';
import { checkReplay, violation, type StepContext } from './replay-checks.js';
import { watchApply } from './watch-apply.js';

/** A command `checkAggregate` may generate: arguments from an arbitrary, and how to run it. */
export interface AggregateCommand<A extends AnyAggregate, Args extends readonly unknown[]> {
  readonly args: fc.Arbitrary<Args>;
  /** Calls the aggregate's command method; may be async. A `DomainError` is a rejection. */
  readonly run: (aggregate: A, args: Args) => unknown;
}

/** The commands by name; each name's argument tuple is inferred from its `args` arbitrary. */
export type AggregateCommands<A extends AnyAggregate, C extends Record<string, readonly unknown[]>> = {
  readonly [K in keyof C]: AggregateCommand<A, C[K]>;
};

/** A rule the state must keep after every command: return `false` or throw to say it broke. */
export type AggregateInvariant<A extends AnyAggregate> = (state: A['state']) => boolean | void;

export interface CheckAggregateOptions<A extends AnyAggregate, C extends Record<string, readonly unknown[]>> {
  /** The aggregate's id (default `'test-1'`). */
  readonly id?: string;
  readonly commands: AggregateCommands<A, C>;
  readonly invariants?: Readonly<Record<string, AggregateInvariant<A>>>;
  /** How many command sequences to try (default 100). */
  readonly numRuns?: number;
  /** Replays a reported failure, with `path`. */
  readonly seed?: number;
  readonly path?: string;
  /** The longest sequence generated (default 30). */
  readonly maxCommands?: number;
}

export interface CommandStats {
  /** How many times the command ran. */
  readonly runs: number;
  /** How many of those a `DomainError` rejected: a command always rejected tests little. */
  readonly rejected: number;
}

export interface CheckAggregateResult {
  readonly numRuns: number;
  readonly seed: number;
  readonly commands: Readonly<Record<string, CommandStats>>;
}

/**
 * A `DomainError` from this copy of core, or from another copy (a CJS and an ESM build of
 * @strata/core loaded side by side), recognised by its class names.
 */
function isDomainError(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  for (
    let proto: unknown = error;
    proto !== null && typeof proto === 'object';
    proto = Object.getPrototypeOf(proto)
  ) {
    if ((proto as { constructor?: { name?: unknown } }).constructor?.name === 'DomainError') return true;
  }
  return false;
}

const DEFAULT_NUM_RUNS = 100;
const DEFAULT_MAX_COMMANDS = 30;

function checkInvariants<A extends AnyAggregate>(
  context: StepContext<A>,
  invariants: Readonly<Record<string, AggregateInvariant<A>>>,
): void {
  for (const [name, invariant] of Object.entries(invariants)) {
    let holds: boolean | void;
    try {
      holds = invariant(context.live.state);
    } catch (error) {
      throw violation(context, 'invariant', `it threw ${describeError(error)}`, {
        invariant: name,
        cause: error,
      });
    }
    if (holds === false) {
      throw violation(
        context,
        'invariant',
        `it returned false for the state ${formatValue(context.live.state)}`,
        {
          invariant: name,
        },
      );
    }
  }
}

/**
 * Model-based testing of an aggregate: runs random command sequences on a fresh aggregate
 * and, after every command, checks the invariants, that replay equals live, that a rejected
 * command changed nothing, that `apply` neither mutates events nor reads hidden inputs, and
 * that only `DomainError`s reject commands. Resolves with run statistics; rejects with an
 * `AggregatePropertyError` reporting the shortest failing sequence it found.
 */
export async function checkAggregate<A extends AnyAggregate, C extends Record<string, readonly unknown[]>>(
  Aggregate: AggregateClass<A>,
  options: CheckAggregateOptions<A, C>,
): Promise<CheckAggregateResult> {
  const id = options.id ?? 'test-1';
  const invariants = options.invariants ?? {};
  const entries = Object.entries(options.commands) as [string, AggregateCommand<A, readonly unknown[]>][];
  if (entries.length === 0)
    throw new TypeError('checkAggregate needs at least one command in options.commands');
  const byName = new Map(entries);
  const stats = new Map(entries.map(([name]) => [name, { runs: 0, rejected: 0 }]));

  const call = fc.oneof(
    ...entries.map(([name, command]) => command.args.map((args): CommandCall => ({ name, args }))),
  );
  const sequences = fc.array(call, { maxLength: options.maxCommands ?? DEFAULT_MAX_COMMANDS });

  const property = fc.asyncProperty(sequences, async (calls) => {
    const live = new Aggregate(id);
    const watch = watchApply(live);
    checkInvariants({ Aggregate, id, live, step: -1 }, invariants);
    for (const [step, { name, args }] of calls.entries()) {
      const context: StepContext<A> = { Aggregate, id, live, step };
      const command = byName.get(name)!;
      const counts = stats.get(name)!;
      counts.runs++;
      const before = { state: live.state, version: live.version, events: live.uncommittedEvents.length };
      let threw = false;
      let error: unknown;
      try {
        await command.run(live, args);
      } catch (caught) {
        threw = true;
        error = caught;
      }
      if (watch.mutation) {
        throw violation(
          context,
          'apply-does-not-mutate-event',
          `apply changed the ${watch.mutation.type} event it was given from ${formatValue(watch.mutation.before)} ` +
            `to ${formatValue(watch.mutation.after)}`,
        );
      }
      if (threw) {
        const raised = live.uncommittedEvents.length - before.events;
        if (!isDomainError(error)) {
          throw violation(
            context,
            'unexpected-error',
            `${name} threw ${describeError(error)}${raised > 0 ? ` after raising ${countEvents(raised)}` : ''}; ` +
              `a command rejects with a DomainError`,
            { cause: error },
          );
        }
        if (raised > 0 || live.version !== before.version || !deepEqual(live.state, before.state)) {
          throw violation(
            context,
            'rejected-command-changes-nothing',
            `${name} threw ${describeError(error)} but had raised ${countEvents(raised)} and moved the aggregate ` +
              `from version ${before.version.toString()}, state ${formatValue(before.state)} ` +
              `to version ${live.version.toString()}, state ${formatValue(live.state)}; check every rule before raising`,
            { cause: error },
          );
        }
        counts.rejected++;
        continue;
      }
      checkInvariants(context, invariants);
      checkReplay(context);
    }
  });

  const details = await fc.check(property, {
    numRuns: options.numRuns ?? DEFAULT_NUM_RUNS,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
  });

  if (details.failed) {
    const calls = details.counterexample?.[0] ?? [];
    const cause = details.errorInstance;
    const found =
      cause instanceof PropertyViolation
        ? cause
        : new PropertyViolation(
            'unexpected-error',
            `the check itself failed: ${describeError(cause)}`,
            -1,
            [],
            undefined,
            undefined,
            { cause },
          );
    throw new AggregatePropertyError({
      aggregate: Aggregate.name,
      property: found.property,
      invariant: found.invariant,
      detail: found.detail,
      commands: calls,
      step: found.step,
      events: found.events,
      state: found.state,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      runs: details.numRuns,
      shrinks: details.numShrinks,
      ...(found.cause !== undefined ? { cause: found.cause } : {}),
    });
  }
  return { numRuns: details.numRuns, seed: details.seed, commands: Object.fromEntries(stats) };
}
