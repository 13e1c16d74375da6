import type { EventSet, EventStore } from '@strata/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeAtomicityContract } from './event-store/atomicity-contract.js';
import { describeCloseContract } from './event-store/close-contract.js';
import { describeConcurrencyContract } from './event-store/concurrency-contract.js';
import {
  newRunId,
  scopeFactory,
  type ContractContext,
  type EventStoreContractOptions,
  type MakeEventStore,
} from './event-store/context.js';
import { describeExpectedRevisionContract } from './event-store/expected-revision-contract.js';
import { describeIdempotencyContract } from './event-store/idempotency-contract.js';
import { describePayloadContract } from './event-store/payload-contract.js';
import { describeReadAllContract } from './event-store/read-all-contract.js';
import { describeReadStreamContract } from './event-store/read-stream-contract.js';
import { describeRevisionModelContract } from './event-store/revision-model-contract.js';
import { describeSubscriptionContract } from './event-store/subscription-contract.js';

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Registers the vitest suite every `EventStore` adapter must pass: expected revisions with
 * EventStoreDB's meaning, atomic batches and typed validation errors, idempotent re-append by
 * event id, readStream, readAll and its filters, subscriptions (catch-up, live, stop), payloads,
 * metadata and hostile stream names, concurrent writers, and close.
 *
 * Stream names and event types are unique to the run (a random prefix), and every readAll or
 * subscription is filtered to them, so the suite can run against a shared server that holds
 * other data. There are no adapter-specific switches: a case an adapter cannot pass is a bug
 * in the adapter or in the port.
 *
 * `makeStore` is called once for the shared store, once for a store that validates with the
 * suite's event definitions (`options.events`), and for each close case; the suite closes every
 * store it made, then passes it to `options.cleanup`.
 *
 * @example
 * describeEventStoreContract('MemoryEventStore', (options) => new MemoryEventStore(options));
 * describeEventStoreContract('PostgresEventStore', (options) => openTestStore(options), {
 *   timeoutMs: 30_000,
 *   cleanup: (store) => dropTestSchema(store),
 * });
 */
export function describeEventStoreContract(
  name: string,
  makeStore: MakeEventStore,
  options: EventStoreContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  describe(`${name}: EventStore contract`, () => {
    const made: EventStore[] = [];
    let shared: EventStore | undefined;
    const make = async (events?: readonly EventSet[]) => {
      const store = await makeStore(events ? { events: [...events] } : {});
      made.push(store);
      return store;
    };
    const ctx: ContractContext = {
      store: () => {
        if (!shared) throw new Error('the store under test was not made (see the beforeAll error)');
        return shared;
      },
      makeStore: make,
      scope: scopeFactory(newRunId()),
      timeoutMs,
      waitMs: Math.max(timeoutMs - 1_000, Math.ceil(timeoutMs * 0.75)),
    };

    beforeAll(async () => {
      shared = await make();
    }, timeoutMs);

    afterAll(async () => {
      // Every store is closed, then cleaned up, even when an earlier one fails to.
      const outcomes = await Promise.allSettled(
        made.map(async (store) => {
          await store.close();
          await options.cleanup?.(store);
        }),
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }, timeoutMs);

    describeExpectedRevisionContract(ctx);
    describeRevisionModelContract(ctx);
    describeAtomicityContract(ctx);
    describeIdempotencyContract(ctx);
    describeReadStreamContract(ctx);
    describeReadAllContract(ctx);
    describeSubscriptionContract(ctx);
    describePayloadContract(ctx);
    describeConcurrencyContract(ctx);
    describeCloseContract(ctx);
  });
}

export type { EventStoreContractOptions, MakeEventStore } from './event-store/context.js';
