// A small domain for the tests: accounts that enrol and earn points (PointsEarned has an upcaster).
import {
  defineEvent,
  defineEvents,
  MemoryCheckpointStore,
  MemoryEventStore,
  type EventStore,
} from '@strata/core';
import { z } from 'zod';
import { defineProjection } from '../definition/define-projection.js';

export const Enrolled = defineEvent(
  'loyalty.customer.enrolled',
  z.object({ accountId: z.string(), programId: z.string() }),
);
export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
  {
    version: 2,
    upcast: { 1: (old: { accountId: string; points: number }) => ({ ...old, reason: 'unknown' }) },
  },
);
export const Noted = defineEvent('support.note.added', z.object({ text: z.string() }));
export const AccountEvents = defineEvents(Enrolled, PointsEarned);

export type Account = { balance: number; earned: number; reasons: string[] };

/** The sample projection (plus a count of earn events, to catch double application). */
export function balances(version = 1, extra: { onError?: 'dead-letter' | 'stop' } = {}) {
  return defineProjection({
    name: 'account-balances',
    version,
    ...extra,
    retry: { maxAttempts: 2, initialDelayMs: 1 },
    events: AccountEvents,
    handlers: {
      'loyalty.customer.enrolled': (event, { documents }) =>
        documents<Account>('accounts').set(event.data.accountId, { balance: 0, earned: 0, reasons: [] }),
      'loyalty.points.earned': (event, { documents }) =>
        documents<Account>('accounts').update(event.data.accountId, (doc) => {
          doc.balance += event.data.points * version;
          doc.earned += 1;
          doc.reasons.push(event.data.reason);
        }),
    },
  });
}

export async function seed(store: EventStore, accounts: number, earnsEach: number): Promise<void> {
  for (let a = 0; a < accounts; a++) {
    const accountId = `a-${a}`;
    await store.append(`loyaltyAccount-${accountId}`, [
      Enrolled.create({ accountId, programId: 'gold' }),
      ...Array.from({ length: earnsEach }, (_, i) =>
        PointsEarned.create({ accountId, points: i + 1, reason: `r${i}` }),
      ),
    ]);
  }
}

export function memory() {
  return { store: new MemoryEventStore(), checkpoints: new MemoryCheckpointStore() };
}

/** Sleeps that return at once and remember what was asked. */
export function instantSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
