export type { Draft, Immutable } from 'immer';

export { StrataError } from './errors/strata-error.js';
export { ConcurrencyError } from './errors/concurrency-error.js';
export {
  EventValidationError,
  type EventLocation,
  type ValidationIssue,
} from './errors/event-validation-error.js';
export { UnknownEventTypeError } from './errors/unknown-event-type-error.js';
export { AggregateNotFoundError } from './errors/aggregate-not-found-error.js';
export { DomainError } from './errors/domain-error.js';
export { EventTooLargeError } from './errors/event-too-large-error.js';
export { MalformedEventError } from './errors/malformed-event-error.js';
export { EventDefinitionError } from './errors/event-definition-error.js';
export {
  UnknownStoreSchemeError,
  StoreClosedError,
  InvalidStreamIdError,
  InvalidOptionError,
} from './errors/store-errors.js';

export type { NewEvent, EventInput, RecordedEvent, Recorded } from './events/event.js';
export { causedBy, mergeMetadata, type Metadata } from './events/metadata.js';
export {
  defineEvent,
  type EventDefinition,
  type DefineEventOptions,
  type Upcaster,
  type UpcasterChain,
  type RawEvent,
  type Parsed,
} from './events/define-event.js';
export { defineEvents, type EventSet, type EventOf, type DecodeOptions } from './events/define-events.js';

export { AggregateRoot, type AggregateClass, type AnyEvent } from './aggregate/aggregate-root.js';
export {
  Repository,
  type RepositoryOptions,
  type SaveOptions,
  type SaveResult,
  type UpdateOptions,
  type UpdateResult,
} from './repository/repository.js';

export type {
  EventStore,
  AppendOptions,
  AppendResult,
  ReadStreamOptions,
  ReadAllOptions,
  SubscribeOptions,
  Subscription,
} from './store/event-store.js';
export { checkExpectedRevision, type ExpectedRevision } from './store/expected-revision.js';
export { findIdempotentWrite } from './store/idempotency.js';
export { categoryOf, compileFilter, type EventFilter } from './store/event-filter.js';
export { toRegistry, type EventRegistry } from './store/event-registry.js';
export {
  prepareEvents,
  MAX_EVENT_BYTES,
  type PreparedEvent,
  type PrepareOptions,
} from './store/prepare-events.js';
export { asyncFromSync, toArray } from './store/async-iterables.js';
export { MemoryEventStore, type MemoryEventStoreOptions } from './store/memory-event-store.js';
export {
  createEventStore,
  registerEventStore,
  registeredEventStoreSchemes,
  schemeOf,
  type CreateEventStoreOptions,
  type EventStoreFactory,
} from './store/create-event-store.js';

export type { CheckpointStore } from './checkpoints/checkpoint-store.js';
export { MemoryCheckpointStore } from './checkpoints/memory-checkpoint-store.js';
export type { Snapshot, SnapshotStore } from './snapshots/snapshot-store.js';
export { MemorySnapshotStore } from './snapshots/memory-snapshot-store.js';

export { forTenant } from './tenancy/for-tenant.js';
export type { TenantScoped } from './tenancy/tenant-scope.js';

export { systemClock, steppingClock, type Clock } from './providers/clock.js';
export { randomIds, sequentialIds, type IdGenerator } from './providers/ids.js';
export { mathRandom, seededRandom, type Random } from './providers/random.js';
export { resolveProviders, type Providers } from './providers/providers.js';
export { deepFreeze } from './events/deep-freeze.js';
export { encodeRecordedEvent, decodeRecordedEvent, type RecordedEventJson } from './events/event-json.js';

export { retryPolicyProblem, type RetryPolicy } from './retry/retry-policy.js';
export { backoffDelay } from './retry/backoff-delay.js';
export { retry, type RetryOptions } from './retry/retry.js';
export { NonRetryableError, isRetryable } from './retry/non-retryable-error.js';
export { timerSleep, type Sleep } from './retry/sleep.js';
export type { Lease } from './lease/lease.js';
export { MemoryLease } from './lease/memory-lease.js';
