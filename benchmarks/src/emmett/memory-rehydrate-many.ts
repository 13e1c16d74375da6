import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { MemoryEventStore, Repository } from '@strata/core';
import { checkAccount } from '../core/account-check.js';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { expectedAccount, loyaltyEvent } from '../domain/loyalty-history.js';
import type { TimedCase } from '../harness/timed-case.js';
import {
  evolve,
  initialState,
  toEmmettEvent,
  type LoyaltyEvent,
  type LoyaltyState,
} from './loyalty-decider.js';

export const manyCase = (framework: 'Strata' | 'Emmett', aggregates: number, perAggregate: number) =>
  `${framework}: rehydrate ${aggregates / 1000}k×${perAggregate}`;

/**
 * `aggregates` accounts of `perAggregate` events each in both memory stores (appended once,
 * untimed, in one call per account); each sample loads every account once, the way command
 * handling loads it: Strata's `Repository.load`, Emmett's `aggregateStream` with the decider.
 * Here the cost per load (lookup, iterator, state, freeze) counts more than the cost per event.
 */
export async function rehydrateManyVsCases(aggregates: number, perAggregate: number): Promise<TimedCase[]> {
  const ids = Array.from({ length: aggregates }, (_, k) => `m-${k}`);
  const strataStore = new MemoryEventStore();
  const emmettStore = getInMemoryEventStore();
  const repository = new Repository(strataStore, LoyaltyAccount);
  for (const id of ids) {
    const events = Array.from({ length: perAggregate }, (_, i) => loyaltyEvent(id, i));
    await strataStore.append(repository.streamIdOf(id), events);
    await emmettStore.appendToStream<LoyaltyEvent>(repository.streamIdOf(id), events.map(toEmmettEvent));
  }
  const events = aggregates * perAggregate;
  const expectedBalances = expectedAccount(perAggregate).balance * aggregates;
  const checkAll = (what: string, wrong: number, balances: number) => {
    if (wrong > 0 || balances !== expectedBalances)
      throw new Error(
        `${what}: ${wrong} accounts at a wrong version, balances ${balances} (expected ${expectedBalances})`,
      );
  };
  const strataName = manyCase('Strata', aggregates, perAggregate);
  const emmettName = manyCase('Emmett', aggregates, perAggregate);
  return [
    {
      name: strataName,
      description: `Repository.load of each of ${aggregates} LoyaltyAccounts of ${perAggregate} events from a MemoryEventStore.`,
      prepare: async () => async () => {
        let wrong = 0;
        let balances = 0;
        let last;
        for (const id of ids) {
          last = await repository.load(id);
          if (last.version !== BigInt(perAggregate - 1)) wrong++;
          balances += last.state.balance;
        }
        const final = last;
        return {
          events,
          verify: () => {
            checkAll(strataName, wrong, balances);
            checkAccount(strataName, final!.state, perAggregate);
          },
        };
      },
    },
    {
      name: emmettName,
      description: `Emmett's aggregateStream of each of the same ${aggregates} accounts from its in-memory store with the decider's evolve.`,
      prepare: async () => async () => {
        let wrong = 0;
        let balances = 0;
        let last: { state: LoyaltyState } | undefined;
        for (const id of ids) {
          const result = await emmettStore.aggregateStream<LoyaltyState, LoyaltyEvent>(
            repository.streamIdOf(id),
            {
              evolve,
              initialState,
            },
          );
          if (result.currentStreamVersion !== BigInt(perAggregate)) wrong++;
          balances += result.state.balance;
          last = result;
        }
        const final = last;
        return {
          events,
          verify: () => {
            checkAll(emmettName, wrong, balances);
            checkAccount(emmettName, final!.state, perAggregate);
          },
        };
      },
    },
  ];
}
