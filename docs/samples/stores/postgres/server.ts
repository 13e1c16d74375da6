import { createEventStore, type EventStore, type RecordedEvent } from '@strata/core';
// #region server
import { PostgresEventStore } from '@strata/postgres';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const events = new PostgresEventStore({ pool, schema: process.env.STRATA_SCHEMA ?? 'strata' });
await events.migrate(); // optional: the first call migrates anyway
// #endregion

export { events, pool };

/** Feeds the `balances` read model from its checkpoint to the end of the log. */
export async function projectBalances(): Promise<void> {
  // #region projection
  await events.transaction((tx) =>
    tx.query(
      `create table if not exists "${tx.schema}".balances (account text primary key, points integer not null)`,
    ),
  );
  const from = ((await events.checkpoints.load('balances')) ?? -1n) + 1n;
  for await (const event of events.readAll({ from, filter: { eventTypes: ['loyalty.points.earned'] } })) {
    const { accountId, points } = event.data as { accountId: string; points: number };
    await events.transaction(async (tx) => {
      await tx.query(
        `insert into "${tx.schema}".balances (account, points) values ($1, $2)
         on conflict (account) do update set points = balances.points + excluded.points`,
        [accountId, points],
      );
      await tx.checkpoints.save('balances', event.position);
    });
  }
  // #endregion
}

export async function catchUp(): Promise<RecordedEvent[]> {
  // #region subscription
  const seen: RecordedEvent[] = [];
  const subscription = events.subscribe({
    from: 0n,
    filter: { category: 'loyaltyAccount' },
    // A one-shot catch-up; a service keeps iterating and calls stop() on shutdown.
    onCaughtUp: () => void subscription.stop(),
  });
  for await (const event of subscription) seen.push(event);
  // #endregion
  return seen;
}

/** Appends a transfer and, before committing, reads back what the transaction wrote. */
export async function transferInOneTransaction(): Promise<string[]> {
  // #region tx-read
  const { position } = await events.append('loyaltyAccount-t-1', [
    { type: 'loyalty.points.earned', data: { accountId: 't-1', points: 50, reason: 'bonus' } },
  ]);
  const seenInside = await events.transaction(async (tx) => {
    await tx.append('loyaltyAccount-t-1', [
      { type: 'loyalty.points.redeemed', data: { accountId: 't-1', points: 20 } },
    ]);
    await tx.append('loyaltyAccount-t-2', [
      { type: 'loyalty.points.earned', data: { accountId: 't-2', points: 20, reason: 'transfer' } },
    ]);
    // The transaction's own appends, visible to it alone until it commits.
    const types: string[] = [];
    for await (const event of tx.readAll({ from: position + 1n }))
      types.push(`${event.streamId} ${event.type}`);
    return types;
  });
  // #endregion
  return seenInside;
}

export function byUrl(): EventStore {
  // #region by-url
  const store = createEventStore(process.env.DATABASE_URL ?? 'postgres://localhost/app', {
    schema: process.env.STRATA_SCHEMA ?? 'strata',
    poolSize: 5,
  });
  // #endregion
  return store;
}
