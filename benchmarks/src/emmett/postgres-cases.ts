import type { EventInput } from '@strata/core';
import { checkAccount } from '../core/account-check.js';
import { expectedAccount, loyaltyEvent } from '../domain/loyalty-history.js';
import type { RunOutcome, TimedCase } from '../harness/timed-case.js';
import type { Framework, OpenedStore } from './postgres-frameworks.js';

/** A count as case names write it: 1000 as 1k, 200 as 200. */
const counted = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

export const pgVsCase = {
  one: (fw: string) => `${fw}: append 1/call`,
  hundred: (fw: string) => `${fw}: append 100/call`,
  writers: (fw: string, writers: number) => `${fw}: ${writers} writers × 1/call`,
  rehydrate: (fw: string, events: number) => `${fw}: rehydrate 1×${events / 1000}k`,
  rehydrateMany: (fw: string, aggregates: number, perAggregate: number) =>
    `${fw}: rehydrate ${counted(aggregates)}×${perAggregate}`,
  readAll: (fw: string, events: number) => `${fw}: readAll ${events / 1000}k`,
};

function batchesOf(accountId: string, calls: number, perCall: number): EventInput[][] {
  return Array.from({ length: calls }, (_, c) =>
    Array.from({ length: perCall }, (_, i) => loyaltyEvent(accountId, c * perCall + i)),
  );
}

/**
 * `writers` writers (concurrent when more than one), each appending `calls` batches of
 * `perCall` events into its own stream with expected versions, on a store whose database
 * was created for this sample (untimed, like preparing the events; dropped after the check).
 */
function appendCase(
  framework: Framework,
  name: string,
  description: string,
  shape: { writers: number; calls: number; perCall: number },
): TimedCase {
  const { writers, calls, perCall } = shape;
  return {
    name,
    description,
    prepare: async () => {
      const opened = await framework.open();
      const work = Array.from({ length: writers }, (_, k) => {
        const writer = opened.writer(`loyaltyAccount-w-${k}`);
        return { writer, batches: batchesOf(`w-${k}`, calls, perCall).map((batch) => writer.prepare(batch)) };
      });
      return async () => {
        const counts = await Promise.all(
          work.map(async ({ writer, batches }) => {
            let count = 0;
            for (const batch of batches) count = await writer.write(batch);
            return count;
          }),
        );
        return checkedAppend(name, opened, counts, calls * perCall);
      };
    },
  };
}

function checkedAppend(name: string, opened: OpenedStore, counts: number[], perStream: number): RunOutcome {
  const events = counts.length * perStream;
  return {
    events,
    verify: async () => {
      counts.forEach((count, k) => {
        if (count !== perStream)
          throw new Error(`${name}: writer ${k} ended at ${count} events, expected ${perStream}`);
      });
      const stored = await opened.stored();
      if (stored.events !== events || stored.positions !== events || stored.streams !== counts.length)
        throw new Error(
          `${name}: the database holds ${stored.events} events at ${stored.positions} positions in ` +
            `${stored.streams} streams, expected ${events} in ${counts.length}`,
        );
    },
    dispose: () => opened.close(),
  };
}

/** The append cases of one framework: 1/call, 100/call, `writers` concurrent writers × 1/call. */
export function pgVsAppendCases(
  framework: Framework,
  p: { oneCalls: number; hundredCalls: number; writers: number; writerCalls: number },
): TimedCase[] {
  const fw = framework.name;
  return [
    appendCase(
      framework,
      pgVsCase.one(fw),
      `${p.oneCalls} appends of 1 event into one stream that starts empty, each with the expected version (a fresh database per sample).`,
      { writers: 1, calls: p.oneCalls, perCall: 1 },
    ),
    appendCase(
      framework,
      pgVsCase.hundred(fw),
      `${p.hundredCalls} appends of 100 events into one stream that starts empty, each with the expected version (a fresh database per sample).`,
      { writers: 1, calls: p.hundredCalls, perCall: 100 },
    ),
    appendCase(
      framework,
      pgVsCase.writers(fw, p.writers),
      `${p.writers} concurrent writers on a pool of as many connections, each appending ${p.writerCalls} events 1 per call into its own stream, with expected versions (a fresh database per sample).`,
      { writers: p.writers, calls: p.writerCalls, perCall: 1 },
    ),
  ];
}

/**
 * The read cases of one framework, on two databases created for them and filled once,
 * untimed (100 events per append): a load of one account of `rehydrateEvents` events, and
 * reading all `readAllStreams` × `rehydrateEvents` events from the start, summing the points.
 */
export async function pgVsReadCases(
  framework: Framework,
  p: {
    rehydrateEvents: number;
    rehydrateRepeat: number;
    readAllStreams: number;
    smallAggregates: number;
    smallEvents: number;
  },
): Promise<{ cases: TimedCase[]; dispose: () => Promise<void> }> {
  const fw = framework.name;
  const count = p.rehydrateEvents;
  const total = count * p.readAllStreams;
  const smallAccounts = Array.from({ length: p.smallAggregates }, (_, k) => `small-${k}`);
  const forLoad = await framework.open();
  let forScan: OpenedStore | undefined;
  try {
    forScan = await framework.open();
    await forLoad.fill(['r-1'], count);
    await forLoad.fill(smallAccounts, p.smallEvents);
    await forScan.fill(
      Array.from({ length: p.readAllStreams }, (_, k) => `s-${k}`),
      count,
    );
  } catch (error) {
    await forLoad.close();
    await forScan?.close();
    throw error;
  }
  const scan = forScan;
  const perAccount = expectedAccount(count);
  const rehydrateName = pgVsCase.rehydrate(fw, count);
  const readAllName = pgVsCase.readAll(fw, total);
  const manyName = pgVsCase.rehydrateMany(fw, p.smallAggregates, p.smallEvents);
  const perSmall = expectedAccount(p.smallEvents);
  return {
    cases: [
      {
        name: rehydrateName,
        description:
          fw === 'Strata'
            ? `Repository.load of one LoyaltyAccount whose stream holds ${count} events (no snapshot; pages growing from 500 rows): read, decode, replay, freeze. Run ${p.rehydrateRepeat}× per sample.`
            : `Emmett's aggregateStream of the same ${count} events with the decider's evolve (what its CommandHandler runs before decide). Run ${p.rehydrateRepeat}× per sample.`,
        prepare: async () => async () => {
          let loaded = await forLoad.load('r-1');
          for (let n = 1; n < p.rehydrateRepeat; n++) loaded = await forLoad.load('r-1');
          return {
            events: count * p.rehydrateRepeat,
            verify: () => {
              checkAccount(rehydrateName, loaded.state, count);
              if (loaded.events !== count)
                throw new Error(`${rehydrateName}: built from ${loaded.events} events`);
            },
          };
        },
      },
      {
        name: manyName,
        description:
          fw === 'Strata'
            ? `Repository.load of ${p.smallAggregates} LoyaltyAccounts of ${p.smallEvents} events each, one after the other (one query each, a prepared statement).`
            : `aggregateStream with the decider's evolve of the same ${p.smallAggregates} accounts of ${p.smallEvents} events, one after the other.`,
        prepare: async () => async () => {
          let balance = 0;
          let events = 0;
          for (const account of smallAccounts) {
            const loaded = await forLoad.load(account);
            balance += loaded.state.balance;
            events += loaded.events;
          }
          return {
            events,
            verify: () => {
              const expected = perSmall.balance * p.smallAggregates;
              if (events !== p.smallAggregates * p.smallEvents || balance !== expected)
                throw new Error(
                  `${manyName}: ${events} events (expected ${p.smallAggregates * p.smallEvents}), ` +
                    `balance ${balance} (expected ${expected})`,
                );
            },
          };
        },
      },
      {
        name: readAllName,
        description:
          fw === 'Strata'
            ? `readAll from the start over ${p.readAllStreams} streams of ${count} events (${total} events, pages growing from 500 rows, the next read ahead), summing every event's points.`
            : `readMessagesBatch (the batch read Emmett's consumers pull with) from the start in batches of 500 until none are left, over the same ${total} events, summing every event's points.`,
        prepare: async () => async () => {
          let events = 0;
          let balance = 0;
          let previous = -1n;
          let ordered = true;
          await scan.readAll((type, data, position) => {
            events++;
            if (position <= previous) ordered = false;
            previous = position;
            const points = (data as { points?: number }).points ?? 0;
            balance += type === 'loyalty.points.redeemed' ? -points : points;
          });
          return {
            events,
            verify: () => {
              const expected = perAccount.balance * p.readAllStreams;
              if (events !== total || balance !== expected || !ordered)
                throw new Error(
                  `${readAllName}: ${events} events (expected ${total}), balance ${balance} ` +
                    `(expected ${expected}), in position order: ${String(ordered)}`,
                );
            },
          };
        },
      },
    ],
    dispose: async () => {
      await forLoad.close();
      await scan.close();
    },
  };
}
