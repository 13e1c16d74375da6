// Type-level proofs (checked by `tsc -p docs` and vitest's expectTypeOf) that the shapes the
// guide prints are core's types, member for member.
import type { z } from 'zod';
import type * as core from '@strata/core';
import type { AccountEvents, LoyaltyAccount } from '../getting-started/loyalty-account.js';
import { describe, expectTypeOf, it } from 'vitest';
import type * as shown from './shapes.js';

type Account = { balance: number };

describe('core: the shapes in core.md are the real types', () => {
  it('events and metadata', () => {
    expectTypeOf<shown.NewEvent<'a', Account>>().toEqualTypeOf<core.NewEvent<'a', Account>>();
    expectTypeOf<shown.NewEvent>().toEqualTypeOf<core.NewEvent>();
    expectTypeOf<shown.EventInput>().toEqualTypeOf<core.EventInput>();
    expectTypeOf<shown.RecordedEvent<'a', Account>>().toEqualTypeOf<core.RecordedEvent<'a', Account>>();
    expectTypeOf<shown.RecordedEvent>().toEqualTypeOf<core.RecordedEvent>();
  });

  it('the EventStore port', () => {
    expectTypeOf<shown.EventStore>().toEqualTypeOf<core.EventStore>();
    expectTypeOf<shown.AppendOptions>().toEqualTypeOf<core.AppendOptions>();
    expectTypeOf<shown.AppendResult>().toEqualTypeOf<core.AppendResult>();
    expectTypeOf<shown.ReadStreamOptions>().toEqualTypeOf<core.ReadStreamOptions>();
    expectTypeOf<shown.ReadAllOptions>().toEqualTypeOf<core.ReadAllOptions>();
    expectTypeOf<shown.SubscribeOptions>().toEqualTypeOf<core.SubscribeOptions>();
    expectTypeOf<shown.Subscription>().toEqualTypeOf<core.Subscription>();
    expectTypeOf<shown.EventFilter>().toEqualTypeOf<core.EventFilter>();
  });

  it('stores, providers, repository and adapter types', () => {
    expectTypeOf<shown.Snapshot<Account>>().toEqualTypeOf<core.Snapshot<Account>>();
    expectTypeOf<shown.SnapshotStore>().toEqualTypeOf<core.SnapshotStore>();
    expectTypeOf<shown.CheckpointStore>().toEqualTypeOf<core.CheckpointStore>();
    expectTypeOf<shown.Clock>().toEqualTypeOf<core.Clock>();
    expectTypeOf<shown.IdGenerator>().toEqualTypeOf<core.IdGenerator>();
    expectTypeOf<shown.Random>().toEqualTypeOf<core.Random>();
    expectTypeOf<shown.Providers>().toEqualTypeOf<core.Providers>();
    expectTypeOf<shown.RepositoryOptions>().toEqualTypeOf<core.RepositoryOptions>();
    expectTypeOf<shown.DecodeOptions>().toEqualTypeOf<core.DecodeOptions>();
    expectTypeOf<shown.SaveOptions>().toEqualTypeOf<core.SaveOptions>();
    expectTypeOf<shown.SaveResult>().toEqualTypeOf<core.SaveResult>();
    expectTypeOf<shown.UpdateOptions>().toEqualTypeOf<core.UpdateOptions>();
    expectTypeOf<shown.UpdateResult<Account, number>>().toEqualTypeOf<core.UpdateResult<Account, number>>();
    expectTypeOf<shown.CreateEventStoreOptions>().toEqualTypeOf<core.CreateEventStoreOptions>();
    expectTypeOf<shown.EventStoreFactory>().toEqualTypeOf<core.EventStoreFactory>();
    expectTypeOf<shown.PrepareOptions>().toEqualTypeOf<core.PrepareOptions>();
    expectTypeOf<shown.PreparedEvent>().toEqualTypeOf<core.PreparedEvent>();
  });

  it('definitions, sets and the aggregate class', () => {
    type S = z.ZodObject<{ n: z.ZodNumber }>;
    expectTypeOf<shown.EventDefinition<'x', S>>().toEqualTypeOf<core.EventDefinition<'x', S>>();
    expectTypeOf<shown.EventDefinition>().toEqualTypeOf<core.EventDefinition>();
    expectTypeOf<shown.DefineEventOptions<3, S>>().toEqualTypeOf<core.DefineEventOptions<3, S>>();
    expectTypeOf<shown.RawEvent>().toEqualTypeOf<core.RawEvent>();
    expectTypeOf<shown.EventSet>().toEqualTypeOf<core.EventSet>();
    expectTypeOf<shown.EventSet<typeof AccountEvents.definitions>>().toEqualTypeOf<typeof AccountEvents>();
    expectTypeOf<shown.AggregateClass>().toEqualTypeOf<core.AggregateClass>();
    expectTypeOf<shown.AggregateClass<LoyaltyAccount>>().toEqualTypeOf<core.AggregateClass<LoyaltyAccount>>();
  });

  it('function signatures', () => {
    expectTypeOf<typeof shown.createEventStore>().toEqualTypeOf<typeof core.createEventStore>();
    expectTypeOf<typeof shown.registerEventStore>().toEqualTypeOf<typeof core.registerEventStore>();
    expectTypeOf<typeof shown.registeredEventStoreSchemes>().toEqualTypeOf<
      typeof core.registeredEventStoreSchemes
    >();
    expectTypeOf<typeof shown.schemeOf>().toEqualTypeOf<typeof core.schemeOf>();
    expectTypeOf<typeof shown.forTenant>().toEqualTypeOf<typeof core.forTenant>();
    expectTypeOf<typeof shown.causedBy>().toEqualTypeOf<typeof core.causedBy>();
    expectTypeOf<typeof shown.mergeMetadata>().toEqualTypeOf<typeof core.mergeMetadata>();
    expectTypeOf<typeof shown.prepareEvents>().toEqualTypeOf<typeof core.prepareEvents>();
    expectTypeOf<typeof shown.checkExpectedRevision>().toEqualTypeOf<typeof core.checkExpectedRevision>();
    expectTypeOf<typeof shown.findIdempotentWrite>().toEqualTypeOf<typeof core.findIdempotentWrite>();
    expectTypeOf<typeof shown.toRegistry>().toEqualTypeOf<typeof core.toRegistry>();
    expectTypeOf<typeof shown.asyncFromSync>().toEqualTypeOf<typeof core.asyncFromSync>();
    expectTypeOf<typeof shown.toArray>().toEqualTypeOf<typeof core.toArray>();
  });
});
