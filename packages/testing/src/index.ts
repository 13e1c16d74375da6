// @strata/testing: the public API. Each part adds its exports below.
export {};

// given/when/then specs and model-based aggregate properties.
export { given, Given, type GivenOptions, type When } from './specs/given.js';
export { Spec, type ErrorClass, type SpecOutcome } from './specs/spec.js';
export type { HistoryEvent } from './specs/history.js';
export type { ComparedEvent } from './specs/event-diff.js';
export { SpecAssertionError } from './specs/spec-assertion-error.js';
export {
  checkAggregate,
  type AggregateCommand,
  type AggregateCommands,
  type AggregateInvariant,
  type CheckAggregateOptions,
  type CheckAggregateResult,
  type CommandStats,
} from './properties/check-aggregate.js';
export {
  AggregatePropertyError,
  type AggregatePropertyFacts,
  type CommandCall,
} from './properties/aggregate-property-error.js';
export type { AggregateProperty } from './properties/aggregate-property.js';
