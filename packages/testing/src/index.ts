// @strata/testing: the public API. Each part adds its exports below.
// Arbitraries from zod schemas and event definitions.
export { arbitraryOf, type ArbitraryOfOptions } from './arbitraries/arbitrary-of.js';
export { eventArbitrary, type EventArbitraryOptions } from './arbitraries/event-arbitrary.js';
export { UnsupportedSchemaError } from './arbitraries/unsupported-schema-error.js';
export { UnsatisfiableSchemaError } from './arbitraries/unsatisfiable-schema-error.js';
export { formatPath, type PathSegment } from './arbitraries/schema-path.js';

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

// Contract suites every store adapter must pass.
export {
  describeEventStoreContract,
  type EventStoreContractOptions,
  type MakeEventStore,
} from './contracts/event-store-contract.js';
export {
  describeCheckpointStoreContract,
  type MakeCheckpointStore,
  type StoreContractOptions,
} from './contracts/checkpoint-store-contract.js';
export {
  describeLeaseContract,
  type LeaseContractOptions,
  type MakeLease,
} from './contracts/lease-contract.js';
export {
  describeSnapshotStoreContract,
  type MakeSnapshotStore,
} from './contracts/snapshot-store-contract.js';
