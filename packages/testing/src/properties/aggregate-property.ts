import type { ComparedEvent } from '../specs/event-diff.js';

/** The properties `checkAggregate` checks after every command. */
export type AggregateProperty =
  | 'invariant'
  | 'replay-equals-live'
  | 'rejected-command-changes-nothing'
  | 'apply-does-not-mutate-event'
  | 'deterministic-replay'
  | 'unexpected-error';

/** How a report names each property. */
export const PROPERTY_TITLES: Readonly<Record<AggregateProperty, string>> = {
  invariant: 'invariant',
  'replay-equals-live': 'replay equals live',
  'rejected-command-changes-nothing': 'a rejected command changes nothing',
  'apply-does-not-mutate-event': 'apply does not mutate the event',
  'deterministic-replay': 'replay is deterministic (no hidden inputs)',
  'unexpected-error': 'only a DomainError may reject a command',
};

export function propertyTitle(property: AggregateProperty, invariant?: string): string {
  return property === 'invariant' && invariant !== undefined
    ? `invariant '${invariant}'`
    : PROPERTY_TITLES[property];
}

/**
 * Thrown inside one fast-check run when a property breaks; `checkAggregate` turns the one
 * of the shrunk counterexample into an `AggregatePropertyError`.
 */
export class PropertyViolation extends Error {
  constructor(
    readonly property: AggregateProperty,
    /** What went wrong, for people. */
    readonly detail: string,
    /** The 0-based index of the command after which it broke; -1 for the initial state. */
    readonly step: number,
    /** The events the aggregate had raised when it broke. */
    readonly events: readonly ComparedEvent[],
    readonly state: unknown,
    readonly invariant: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${propertyTitle(property, invariant)}: ${detail}`, options);
    this.name = 'PropertyViolation';
  }
}
