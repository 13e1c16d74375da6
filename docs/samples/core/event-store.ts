import { ConcurrencyError, toArray, type EventStore } from '@strata/core';
import { PointsEarned } from '../getting-started/loyalty-account.js';

export async function appends(store: EventStore) {
  const outcomes: string[] = [];
  // #region append
  const earned = (points: number) => PointsEarned.create({ accountId: 'a-1', points, reason: 'visit' });

  // 'no_stream': create the stream; fails if it exists.
  const first = await store.append('loyaltyAccount-a-1', [earned(1), earned(2)], {
    expectedRevision: 'no_stream',
  });
  // first: { nextExpectedRevision: 1n, position: <position of the second event> }

  // A bigint: the stream's last revision must be exactly that.
  const second = await store.append('loyaltyAccount-a-1', [earned(3)], {
    expectedRevision: first.nextExpectedRevision,
  });

  // 'stream_exists': any revision, as long as the stream is there.
  await store.append('loyaltyAccount-a-1', [earned(4)], { expectedRevision: 'stream_exists' });

  // 'any' (the default): never conflicts.
  await store.append('loyaltyAccount-a-1', [earned(5)]);

  try {
    await store.append('loyaltyAccount-a-1', [earned(6)], { expectedRevision: second.nextExpectedRevision });
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    // Stream 'loyaltyAccount-a-1' is at revision 4, but the append expected 2
    outcomes.push(error.message);
  }
  // #endregion
  return { first, second, outcomes };
}

export async function idempotentAppend(store: EventStore) {
  // #region idempotent
  const event = {
    ...PointsEarned.create({ accountId: 'a-2', points: 5, reason: 'visit' }),
    eventId: 'evt-0001',
  };
  const once = await store.append('loyaltyAccount-a-2', [event], { expectedRevision: 'no_stream' });
  // The reply was lost, so the writer retries the same ids with the same expectation:
  const again = await store.append('loyaltyAccount-a-2', [event], { expectedRevision: 'no_stream' });
  // again equals once, and the stream still holds one event
  // #endregion
  return { once, again, events: await toArray(store.readStream('loyaltyAccount-a-2')) };
}

export async function reads(store: EventStore) {
  // #region read-stream
  const lastTwo = await toArray(
    store.readStream('loyaltyAccount-a-1', { direction: 'backwards', maxCount: 2 }),
  );
  const fromThird = await toArray(store.readStream('loyaltyAccount-a-1', { from: 2n })); // from is inclusive
  const none = await toArray(store.readStream('loyaltyAccount-nobody')); // a missing stream reads as empty
  // #endregion

  // #region read-all
  const accountEvents = store.readAll({ filter: { category: 'loyaltyAccount' } });
  const earnings = store.readAll({ filter: { eventTypes: ['loyalty.points.earned'] }, maxCount: 100 });
  const a1 = store.readAll({ filter: { streamPrefix: 'loyaltyAccount-a-1' }, from: 3n });
  for await (const event of accountEvents) {
    console.log(event.position, event.streamId, event.revision, event.type);
  }
  // #endregion
  return { lastTwo, fromThird, none, earnings: await toArray(earnings), a1: await toArray(a1) };
}

export async function live(store: EventStore) {
  const seen: string[] = [];
  // #region subscribe
  const subscription = store.subscribe({
    from: 0n, // inclusive; resume from a checkpoint with `checkpoint + 1n`
    filter: { category: 'loyaltyAccount' },
    onCaughtUp: () => seen.push('caught up'),
  });
  for await (const event of subscription) {
    seen.push(`${event.streamId}@${event.revision}`);
    if (event.streamId === 'loyaltyAccount-late') await subscription.stop(); // ends the loop
  }
  // #endregion
  return seen;
}

export async function closing(store: EventStore): Promise<unknown> {
  // #region close
  await store.close(); // stops every subscription
  let refused: unknown;
  try {
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 1, reason: 'x' }),
    ]);
  } catch (error) {
    refused = error; // StoreClosedError, code 'STORE_CLOSED': Cannot append: the event store is closed
  }
  // #endregion
  return refused;
}
