// The samples of stores/memory.md; memory.test.ts runs them.
import { Enrolled, PointsEarned } from '../../getting-started/loyalty-account.js';
// #region create
import { MemoryEventStore, createEventStore, toArray } from '@strata/core';

const store = createEventStore('memory:'); // the same as new MemoryEventStore()
const alsoAStore = new MemoryEventStore();
// #endregion create

export { alsoAStore, store };

export async function positionsAndReads() {
  // #region positions
  await store.append('loyaltyAccount-a-1', [Enrolled.create({ accountId: 'a-1', programId: 'gold' })], {
    expectedRevision: 'no_stream',
  });
  const earned = await store.append(
    'loyaltyAccount-a-2',
    [
      Enrolled.create({ accountId: 'a-2', programId: 'gold' }),
      PointsEarned.create({ accountId: 'a-2', points: 5, reason: 'signup' }),
    ],
    { expectedRevision: 'no_stream' },
  );
  // earned: { nextExpectedRevision: 1n, position: 2n } (positions count from 0 across the store)

  const reading = store.readAll(); // sees the events stored now …
  await store.append('loyaltyAccount-a-3', [Enrolled.create({ accountId: 'a-3', programId: 'gold' })]);
  const seen = await toArray(reading); // … so 3 events, not 4
  // #endregion positions
  return { earned, seen: seen.length };
}

export async function live() {
  // #region live
  const received: bigint[] = [];
  let caughtUp!: () => void;
  const ready = new Promise<void>((resolve) => (caughtUp = resolve));
  const subscription = store.subscribe({
    from: 0n,
    filter: { category: 'loyaltyAccount' },
    onCaughtUp: () => {
      received.push(-1n); // between the stored events and the live ones
      caughtUp();
    },
  });
  const done = (async () => {
    for await (const event of subscription) {
      received.push(event.position);
      if (event.position === 4n) await subscription.stop();
    }
  })();
  await ready;
  await store.append('loyaltyAccount-a-4', [Enrolled.create({ accountId: 'a-4', programId: 'gold' })]);
  await done; // received: 0n, 1n, 2n, 3n, -1n (caught up), 4n
  // #endregion live
  return received;
}

export async function closing() {
  // #region close
  await store.close(); // stops every subscription; later calls throw StoreClosedError
  try {
    await store.append('loyaltyAccount-a-5', [Enrolled.create({ accountId: 'a-5', programId: 'gold' })]);
  } catch (error) {
    return error; // StoreClosedError, code 'STORE_CLOSED'
  }
  // #endregion close
  return undefined;
}
