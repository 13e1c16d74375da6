// #region events
import { MemoryCheckpointStore, createEventStore, defineEvent } from '@strata/core';
import {
  InProcessBus,
  MemoryIdempotencyStore,
  OutboxRelay,
  defineMapping,
  defineMessage,
  emit,
  idempotent,
} from '@strata/integration';
import { z } from 'zod';

// A domain event: internal, free to change with the model.
export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
);
export const AccountClosed = defineEvent('loyalty.account.closed', z.object({ accountId: z.string() }));

// Integration messages: a published contract, versioned in the type name.
export const PointsAwarded = defineMessage(
  'loyalty.points-awarded.v1',
  z.object({ accountId: z.string(), points: z.number().int() }),
);
export const AccountArchived = defineMessage(
  'loyalty.account-archived.v1',
  z.object({ accountId: z.string() }),
);
// #endregion

// #region mapping
export const loyaltyOut = defineMapping('loyalty')
  .on(
    PointsEarned,
    (event) =>
      // `reason` stays inside: the contract exposes only what partners need.
      emit(
        PointsAwarded,
        { accountId: event.data.accountId, points: event.data.points },
        { key: event.data.accountId },
      ),
    [PointsAwarded],
  )
  .on(
    AccountClosed,
    (event) => [
      emit(
        AccountArchived,
        { accountId: event.data.accountId },
        { idempotencyKey: `archive-${event.data.accountId}` },
      ),
    ],
    [AccountArchived],
  );
// #endregion

export async function relayToBus() {
  // #region relay
  const store = createEventStore('memory:');
  const bus = new InProcessBus({ timeoutMs: 5_000 });
  const awarded: string[] = [];
  const unsubscribe = bus.subscribe(PointsAwarded, (message) => {
    awarded.push(`${message.data.accountId}+${message.data.points} (${message.tenantId ?? 'no tenant'})`);
  });

  const relay = new OutboxRelay({
    name: 'loyalty-out', // names its checkpoint and its lease
    store,
    checkpoints: new MemoryCheckpointStore(), // or the PostgreSQL store's `checkpoints`
    mapping: loyaltyOut,
    publishers: [bus],
  });
  await relay.start(); // catches up from the checkpoint, then follows new events

  await store.append('loyaltyAccount-a-1', [
    PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' }, { tenantId: 'acme' }),
  ]);
  // ... later, on shutdown:
  // #endregion
  while (awarded.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await relay.stop();
  unsubscribe();
  return { awarded, status: relay.status() };
}

export async function busFeatures() {
  // #region bus
  const bus = new InProcessBus({
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2_000 }, // exponential, with jitter
    middleware: [
      async ({ message, subscription, attempt }, next) => {
        const started = Date.now();
        await next(); // the handler, under its timeout
        log.push(`${subscription} ${message.type} #${attempt} in ${Date.now() - started} ms`);
      },
    ],
  });
  const log: string[] = [];
  bus.subscribe('loyalty.>', () => undefined, { name: 'audit' }); // every loyalty message
  bus.subscribe(PointsAwarded, (m) => void perAccount.push(m.data.points), {
    name: 'acme-points',
    tenantId: 'acme', // never sees another tenant's messages
    ordered: true, // one account's messages one after the other
    timeoutMs: 1_000,
  });
  const perAccount: number[] = [];
  // #endregion
  return { bus, log, perAccount };
}

export async function idempotentReceiver() {
  // #region idempotent
  const keys = new MemoryIdempotencyStore(); // or new PostgresIdempotencyStore(pool)
  const credited: string[] = [];
  const credit = idempotent(
    (message: { idempotencyKey: string; data: { accountId: string } }) => {
      credited.push(message.data.accountId);
    },
    { store: keys, scope: 'credit', ttlMs: 7 * 24 * 3600_000 },
  );
  const message = { idempotencyKey: 'archive-a-1', data: { accountId: 'a-1' } };
  await credit(message);
  await credit(message); // a redelivery: skipped
  // credited: ['a-1']
  // #endregion
  return credited;
}
