import { Repository } from '@strata/core';
import type { PostgresEventStore } from '@strata/postgres';
import { checkAccount } from '../core/account-check.js';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { expectedAccount, loyaltyEvent } from '../domain/loyalty-history.js';
import type { TimedCase } from '../harness/timed-case.js';
import type { Backend } from './backend.js';

export const pgReadCase = {
  rehydrate: (backend: string, events: number) =>
    `${backend}: rehydrate 1×${events / 1000}k: repository.load`,
  readAll: (backend: string, events: number) => `${backend}: readAll ${events / 1000}k`,
};

const BATCH = 100;

/** Fills `streams` accounts of `perStream` events each, 100 per append, untimed. */
async function fill(
  store: PostgresEventStore,
  accounts: readonly string[],
  perStream: number,
): Promise<void> {
  for (const account of accounts) {
    for (let start = 0; start < perStream; start += BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(perStream, start + BATCH); i++) batch.push(loyaltyEvent(account, i));
      await store.append(`loyaltyAccount-${account}`, batch);
    }
  }
}

/**
 * Reads of one schema per case, filled once untimed and dropped by `dispose`: a
 * `Repository.load` of one account of `rehydrateEvents` events (no snapshot), and `readAll`
 * from position 0 over `readAllStreams` accounts of `rehydrateEvents` events each.
 */
export async function pgReadCases(
  backend: Backend,
  options: { rehydrateEvents: number; rehydrateRepeat: number; readAllStreams: number },
): Promise<{ cases: TimedCase[]; dispose: () => Promise<void> }> {
  const { rehydrateEvents: count, rehydrateRepeat: repeat, readAllStreams } = options;
  const forLoad = await backend.open();
  const forScan = await backend.open();
  const total = count * readAllStreams;
  try {
    await fill(forLoad.store, ['r-1'], count);
    await fill(
      forScan.store,
      Array.from({ length: readAllStreams }, (_, k) => `s-${k}`),
      count,
    );
  } catch (error) {
    await forLoad.dispose();
    await forScan.dispose();
    throw error;
  }
  const repository = new Repository(forLoad.store, LoyaltyAccount);
  const perAccount = expectedAccount(count);
  const cases: TimedCase[] = [
    {
      name: pgReadCase.rehydrate(backend.name, count),
      description: `Repository.load of one LoyaltyAccount whose stream holds ${count} events (no snapshot; pages growing from 500 rows, the next read ahead): read, decode, replay, freeze. Run ${repeat}× per sample.`,
      prepare: async () => async () => {
        let account = await repository.load('r-1');
        for (let n = 1; n < repeat; n++) account = await repository.load('r-1');
        return {
          events: count * repeat,
          verify: () => {
            checkAccount(pgReadCase.rehydrate(backend.name, count), account.state, count);
            if (account.version !== BigInt(count - 1)) throw new Error(`version ${account.version}`);
          },
        };
      },
    },
    {
      name: pgReadCase.readAll(backend.name, total),
      description: `readAll from position 0 over ${readAllStreams} streams of ${count} events (${total} events, pages growing from 500 rows, the next read ahead), summing the points of every event.`,
      prepare: async () => async () => {
        let events = 0;
        let balance = 0;
        let previous = -1n;
        let ordered = true;
        for await (const event of forScan.store.readAll()) {
          events++;
          if (event.position <= previous) ordered = false;
          previous = event.position;
          const points = (event.data as { points?: number }).points ?? 0;
          balance += event.type === 'loyalty.points.redeemed' ? -points : points;
        }
        return {
          events,
          verify: () => {
            const expected = perAccount.balance * readAllStreams;
            if (events !== total || balance !== expected || !ordered)
              throw new Error(
                `${pgReadCase.readAll(backend.name, total)}: ${events} events (expected ${total}), ` +
                  `balance ${balance} (expected ${expected}), in position order: ${String(ordered)}`,
              );
          },
        };
      },
    },
  ];
  return {
    cases,
    dispose: async () => {
      await forLoad.dispose();
      await forScan.dispose();
    },
  };
}
