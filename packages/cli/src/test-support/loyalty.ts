import { createEventStore, defineEvent, defineEvents } from '@strata/core';
import '@strata/postgres';
import { defineProjection } from '@strata/projections';
import { defineSaga } from '@strata/sagas';
import { z } from 'zod';

/** The loyalty example's events, as the CLI tests' config uses them. */
export const Enrolled = defineEvent('loyalty.customer.enrolled', z.object({ accountId: z.string() }));
export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
);
export const AccountEvents = defineEvents(Enrolled, PointsEarned);

export const balances = defineProjection({
  name: 'loyalty-balances',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<{ balance: number }>('accounts').set(event.data.accountId, { balance: 0 }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<{ balance: number }>('accounts').update(event.data.accountId, (doc) => {
        doc.balance += event.data.points;
      }),
  },
});

/** Fails on points earned for the reason `poison`, so that event becomes a dead letter. */
export const audit = defineProjection({
  name: 'loyalty-audit',
  version: 1,
  events: AccountEvents,
  onError: 'dead-letter',
  retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  handlers: {
    'loyalty.points.earned': (event, { documents }) => {
      if (event.data.reason === 'poison') throw new Error('audit rejects poison');
      return documents<{ points: number }>('earned').set(event.eventId, { points: event.data.points });
    },
  },
});

export const projections = [balances, audit];

/** Appends `accounts` accounts, each enrolled and earning `earnings` times; returns the event count. */
export async function seed(
  url: string,
  schema: string,
  accounts: number,
  earnings: number,
  poison = false,
): Promise<number> {
  const store = createEventStore(url, { schema });
  let count = 0;
  try {
    for (let a = 1; a <= accounts; a++) {
      const accountId = `a-${a}`;
      const events = [
        Enrolled.create({ accountId }),
        ...Array.from({ length: earnings }, (_, i) =>
          PointsEarned.create({
            accountId,
            points: 10 + i,
            reason: poison && a === 1 && i === 0 ? 'poison' : 'purchase',
          }),
        ),
      ];
      await store.append(`loyaltyAccount-${accountId}`, events);
      count += events.length;
    }
  } finally {
    await store.close();
  }
  return count;
}

/** Grants a welcome bonus, then fails to notify; undoing the grant fails too (a saga dead letter). */
export const welcome = defineSaga({
  name: 'loyalty-welcome',
  startedBy: Enrolled,
  correlate: (event) => event.data.accountId,
  steps: [
    {
      name: 'grant-bonus',
      run: () => ({ granted: 50 }),
      compensate: () => {
        throw new Error('bonus ledger is read-only');
      },
    },
    {
      name: 'notify',
      run: () => {
        throw new Error('mailer down');
      },
    },
  ],
  retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  timeoutMs: 5_000,
});

export const sagas = [welcome];
