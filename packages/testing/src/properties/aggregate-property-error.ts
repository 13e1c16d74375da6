import { StrataError } from '@strata/core';
import { describeEvent, type ComparedEvent } from '../specs/event-diff.js';
import { formatValue } from '../specs/format-value.js';
import { propertyTitle, type AggregateProperty } from './aggregate-property.js';

/** One command of a generated sequence: its name in `commands` and its arguments. */
export interface CommandCall {
  readonly name: string;
  readonly args: readonly unknown[];
}

export interface AggregatePropertyFacts {
  readonly aggregate: string;
  readonly property: AggregateProperty;
  readonly invariant: string | undefined;
  readonly detail: string;
  /** The shrunk sequence; `step` indexes it (-1: the initial state broke the property). */
  readonly commands: readonly CommandCall[];
  readonly step: number;
  /** The events the aggregate had raised when the property broke. */
  readonly events: readonly ComparedEvent[];
  readonly state: unknown;
  readonly seed: number;
  readonly path: string;
  readonly runs: number;
  readonly shrinks: number;
  readonly cause?: unknown;
}

function formatCall(call: CommandCall): string {
  return `${call.name}(${call.args.map((arg) => formatValue(arg)).join(', ')})`;
}

function report(facts: AggregatePropertyFacts): string {
  const where =
    facts.step < 0
      ? 'on the initial state, before any command'
      : `after command ${facts.step + 1} of ${facts.commands.length}`;
  const calls = facts.commands.length
    ? facts.commands
        .map((call, index) => {
          const mark = index === facts.step ? '   <- broke here' : index > facts.step ? '   (not run)' : '';
          return `  ${index + 1}. ${formatCall(call)}${mark}`;
        })
        .join('\n')
    : '  (none)';
  const events = facts.events.length
    ? facts.events.map((event, index) => `  [${index}] ${describeEvent(event)}`).join('\n')
    : '  (none)';
  return [
    `checkAggregate(${facts.aggregate}) failed: ${propertyTitle(facts.property, facts.invariant)} broke ${where}.`,
    facts.detail,
    '',
    `Commands (shrunk, ${facts.shrinks} shrinks):`,
    calls,
    'Events raised:',
    events,
    `State: ${formatValue(facts.state)}`,
    '',
    `Reproduce: checkAggregate(${facts.aggregate}, { ...options, seed: ${facts.seed}, path: ${JSON.stringify(facts.path)} })` +
      ` (failed on run ${facts.runs}).`,
  ].join('\n');
}

/**
 * An aggregate broke one of the properties `checkAggregate` checks. The message is the
 * whole report; the fields carry the same facts for programs.
 */
export class AggregatePropertyError extends StrataError {
  readonly aggregate: string;
  readonly property: AggregateProperty;
  /** The invariant's name when `property` is `'invariant'`. */
  readonly invariant: string | undefined;
  readonly detail: string;
  readonly commands: readonly CommandCall[];
  readonly step: number;
  readonly events: readonly ComparedEvent[];
  readonly state: unknown;
  readonly seed: number;
  readonly path: string;

  constructor(facts: AggregatePropertyFacts) {
    super('AGGREGATE_PROPERTY_FAILED', report(facts), 'cause' in facts ? { cause: facts.cause } : undefined);
    this.aggregate = facts.aggregate;
    this.property = facts.property;
    this.invariant = facts.invariant;
    this.detail = facts.detail;
    this.commands = facts.commands;
    this.step = facts.step;
    this.events = facts.events;
    this.state = facts.state;
    this.seed = facts.seed;
    this.path = facts.path;
  }
}
