// Type-level proofs (checked by `tsc -p docs` and vitest's expectTypeOf) that the shapes the
// guide prints are core's types, member for member.
import type { z } from 'zod';
import type * as core from '@strata/core';
import type { AccountEvents, LoyaltyAccount } from '../getting-started/loyalty-account.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { Identical } from './identical.js';
import type * as shown from './shapes.js';

type Account = { balance: number };

describe('core: the shapes in core.md are the real types', () => {
  it('events and metadata', () => {
    expectTypeOf<shown.NewEvent<'a', Account>>().toEqualTypeOf<core.NewEvent<'a', Account>>();
    expectTypeOf<
      Identical<shown.NewEvent<'a', Account>, core.NewEvent<'a', Account>>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.NewEvent>().toEqualTypeOf<core.NewEvent>();
    expectTypeOf<Identical<shown.NewEvent, core.NewEvent>>().toEqualTypeOf<true>();
    expectTypeOf<shown.EventInput>().toEqualTypeOf<core.EventInput>();
    expectTypeOf<Identical<shown.EventInput, core.EventInput>>().toEqualTypeOf<true>();
    expectTypeOf<shown.RecordedEvent<'a', Account>>().toEqualTypeOf<core.RecordedEvent<'a', Account>>();
    expectTypeOf<
      Identical<shown.RecordedEvent<'a', Account>, core.RecordedEvent<'a', Account>>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.RecordedEvent>().toEqualTypeOf<core.RecordedEvent>();
    expectTypeOf<Identical<shown.RecordedEvent, core.RecordedEvent>>().toEqualTypeOf<true>();
  });

  it('the EventStore port', () => {
    expectTypeOf<shown.EventStore>().toEqualTypeOf<core.EventStore>();
    expectTypeOf<Identical<shown.EventStore, core.EventStore>>().toEqualTypeOf<true>();
    expectTypeOf<shown.AppendOptions>().toEqualTypeOf<core.AppendOptions>();
    expectTypeOf<Identical<shown.AppendOptions, core.AppendOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.AppendResult>().toEqualTypeOf<core.AppendResult>();
    expectTypeOf<Identical<shown.AppendResult, core.AppendResult>>().toEqualTypeOf<true>();
    expectTypeOf<shown.ReadStreamOptions>().toEqualTypeOf<core.ReadStreamOptions>();
    expectTypeOf<Identical<shown.ReadStreamOptions, core.ReadStreamOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.ReadAllOptions>().toEqualTypeOf<core.ReadAllOptions>();
    expectTypeOf<Identical<shown.ReadAllOptions, core.ReadAllOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.SubscribeOptions>().toEqualTypeOf<core.SubscribeOptions>();
    expectTypeOf<Identical<shown.SubscribeOptions, core.SubscribeOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.Subscription>().toEqualTypeOf<core.Subscription>();
    expectTypeOf<Identical<shown.Subscription, core.Subscription>>().toEqualTypeOf<true>();
    expectTypeOf<shown.EventFilter>().toEqualTypeOf<core.EventFilter>();
    expectTypeOf<Identical<shown.EventFilter, core.EventFilter>>().toEqualTypeOf<true>();
  });

  it('stores, providers, repository and adapter types', () => {
    expectTypeOf<shown.Snapshot<Account>>().toEqualTypeOf<core.Snapshot<Account>>();
    expectTypeOf<Identical<shown.Snapshot<Account>, core.Snapshot<Account>>>().toEqualTypeOf<true>();
    expectTypeOf<shown.SnapshotStore>().toEqualTypeOf<core.SnapshotStore>();
    expectTypeOf<Identical<shown.SnapshotStore, core.SnapshotStore>>().toEqualTypeOf<true>();
    expectTypeOf<shown.CheckpointStore>().toEqualTypeOf<core.CheckpointStore>();
    expectTypeOf<Identical<shown.CheckpointStore, core.CheckpointStore>>().toEqualTypeOf<true>();
    expectTypeOf<shown.Clock>().toEqualTypeOf<core.Clock>();
    expectTypeOf<Identical<shown.Clock, core.Clock>>().toEqualTypeOf<true>();
    expectTypeOf<shown.IdGenerator>().toEqualTypeOf<core.IdGenerator>();
    expectTypeOf<Identical<shown.IdGenerator, core.IdGenerator>>().toEqualTypeOf<true>();
    expectTypeOf<shown.Random>().toEqualTypeOf<core.Random>();
    expectTypeOf<Identical<shown.Random, core.Random>>().toEqualTypeOf<true>();
    expectTypeOf<shown.Providers>().toEqualTypeOf<core.Providers>();
    expectTypeOf<Identical<shown.Providers, core.Providers>>().toEqualTypeOf<true>();
    expectTypeOf<shown.RepositoryOptions>().toEqualTypeOf<core.RepositoryOptions>();
    expectTypeOf<Identical<shown.RepositoryOptions, core.RepositoryOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.DecodeOptions>().toEqualTypeOf<core.DecodeOptions>();
    expectTypeOf<Identical<shown.DecodeOptions, core.DecodeOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.SaveOptions>().toEqualTypeOf<core.SaveOptions>();
    expectTypeOf<Identical<shown.SaveOptions, core.SaveOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.SaveResult>().toEqualTypeOf<core.SaveResult>();
    expectTypeOf<Identical<shown.SaveResult, core.SaveResult>>().toEqualTypeOf<true>();
    expectTypeOf<shown.UpdateOptions>().toEqualTypeOf<core.UpdateOptions>();
    expectTypeOf<Identical<shown.UpdateOptions, core.UpdateOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.UpdateResult<Account, number>>().toEqualTypeOf<core.UpdateResult<Account, number>>();
    expectTypeOf<
      Identical<shown.UpdateResult<Account, number>, core.UpdateResult<Account, number>>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.CreateEventStoreOptions>().toEqualTypeOf<core.CreateEventStoreOptions>();
    expectTypeOf<
      Identical<shown.CreateEventStoreOptions, core.CreateEventStoreOptions>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.EventStoreFactory>().toEqualTypeOf<core.EventStoreFactory>();
    expectTypeOf<Identical<shown.EventStoreFactory, core.EventStoreFactory>>().toEqualTypeOf<true>();
    expectTypeOf<shown.PrepareOptions>().toEqualTypeOf<core.PrepareOptions>();
    expectTypeOf<Identical<shown.PrepareOptions, core.PrepareOptions>>().toEqualTypeOf<true>();
    expectTypeOf<shown.PreparedEvent>().toEqualTypeOf<core.PreparedEvent>();
    expectTypeOf<Identical<shown.PreparedEvent, core.PreparedEvent>>().toEqualTypeOf<true>();
  });

  it('definitions, sets and the aggregate class', () => {
    type S = z.ZodObject<{ n: z.ZodNumber }>;
    expectTypeOf<shown.EventDefinition<'x', S>>().toEqualTypeOf<core.EventDefinition<'x', S>>();
    expectTypeOf<
      Identical<shown.EventDefinition<'x', S>, core.EventDefinition<'x', S>>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.EventDefinition>().toEqualTypeOf<core.EventDefinition>();
    expectTypeOf<Identical<shown.EventDefinition, core.EventDefinition>>().toEqualTypeOf<true>();
    expectTypeOf<shown.DefineEventOptions<3, S>>().toEqualTypeOf<core.DefineEventOptions<3, S>>();
    expectTypeOf<
      Identical<shown.DefineEventOptions<3, S>, core.DefineEventOptions<3, S>>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.RawEvent>().toEqualTypeOf<core.RawEvent>();
    expectTypeOf<Identical<shown.RawEvent, core.RawEvent>>().toEqualTypeOf<true>();
    expectTypeOf<shown.EventSet>().toEqualTypeOf<core.EventSet>();
    expectTypeOf<Identical<shown.EventSet, core.EventSet>>().toEqualTypeOf<true>();
    expectTypeOf<shown.EventSet<typeof AccountEvents.definitions>>().toEqualTypeOf<typeof AccountEvents>();
    expectTypeOf<
      Identical<shown.EventSet<typeof AccountEvents.definitions>, typeof AccountEvents>
    >().toEqualTypeOf<true>();
    expectTypeOf<shown.AggregateClass>().toEqualTypeOf<core.AggregateClass>();
    expectTypeOf<Identical<shown.AggregateClass, core.AggregateClass>>().toEqualTypeOf<true>();
    expectTypeOf<shown.AggregateClass<LoyaltyAccount>>().toEqualTypeOf<core.AggregateClass<LoyaltyAccount>>();
    expectTypeOf<
      Identical<shown.AggregateClass<LoyaltyAccount>, core.AggregateClass<LoyaltyAccount>>
    >().toEqualTypeOf<true>();
  });

  it('function signatures', () => {
    expectTypeOf<typeof shown.createEventStore>().toEqualTypeOf<typeof core.createEventStore>();
    expectTypeOf<
      Identical<typeof shown.createEventStore, typeof core.createEventStore>
    >().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.registerEventStore>().toEqualTypeOf<typeof core.registerEventStore>();
    expectTypeOf<
      Identical<typeof shown.registerEventStore, typeof core.registerEventStore>
    >().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.registeredEventStoreSchemes>().toEqualTypeOf<
      typeof core.registeredEventStoreSchemes
    >();
    expectTypeOf<
      Identical<typeof shown.registeredEventStoreSchemes, typeof core.registeredEventStoreSchemes>
    >().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.schemeOf>().toEqualTypeOf<typeof core.schemeOf>();
    expectTypeOf<Identical<typeof shown.schemeOf, typeof core.schemeOf>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.forTenant>().toEqualTypeOf<typeof core.forTenant>();
    expectTypeOf<Identical<typeof shown.forTenant, typeof core.forTenant>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.causedBy>().toEqualTypeOf<typeof core.causedBy>();
    expectTypeOf<Identical<typeof shown.causedBy, typeof core.causedBy>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.mergeMetadata>().toEqualTypeOf<typeof core.mergeMetadata>();
    expectTypeOf<Identical<typeof shown.mergeMetadata, typeof core.mergeMetadata>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.prepareEvents>().toEqualTypeOf<typeof core.prepareEvents>();
    expectTypeOf<Identical<typeof shown.prepareEvents, typeof core.prepareEvents>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.checkExpectedRevision>().toEqualTypeOf<typeof core.checkExpectedRevision>();
    expectTypeOf<
      Identical<typeof shown.checkExpectedRevision, typeof core.checkExpectedRevision>
    >().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.findIdempotentWrite>().toEqualTypeOf<typeof core.findIdempotentWrite>();
    expectTypeOf<
      Identical<typeof shown.findIdempotentWrite, typeof core.findIdempotentWrite>
    >().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.toRegistry>().toEqualTypeOf<typeof core.toRegistry>();
    expectTypeOf<Identical<typeof shown.toRegistry, typeof core.toRegistry>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.asyncFromSync>().toEqualTypeOf<typeof core.asyncFromSync>();
    expectTypeOf<Identical<typeof shown.asyncFromSync, typeof core.asyncFromSync>>().toEqualTypeOf<true>();
    expectTypeOf<typeof shown.toArray>().toEqualTypeOf<typeof core.toArray>();
    expectTypeOf<Identical<typeof shown.toArray, typeof core.toArray>>().toEqualTypeOf<true>();
  });

  it('retries and leases', () => {
    expectTypeOf<Identical<shown.RetryPolicy, core.RetryPolicy>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<shown.RetryOptions, core.RetryOptions>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<shown.Sleep, core.Sleep>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<shown.Lease, core.Lease>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<typeof shown.backoffDelay, typeof core.backoffDelay>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<typeof shown.retry, typeof core.retry>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<typeof shown.isRetryable, typeof core.isRetryable>>().toEqualTypeOf<true>();
    expectTypeOf<
      Identical<typeof shown.retryPolicyProblem, typeof core.retryPolicyProblem>
    >().toEqualTypeOf<true>();
  });
});
