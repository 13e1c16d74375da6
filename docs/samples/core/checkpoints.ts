import { PointsEarned } from '../getting-started/loyalty-account.js';
// #region checkpoints
import { MemoryCheckpointStore, type CheckpointStore, type EventStore } from '@strata/core';

/** A hand-made processor: totals points, and resumes after the last position it finished. */
export async function totalPoints(
  store: EventStore,
  checkpoints: CheckpointStore,
  totals: Map<string, number>,
) {
  const last = await checkpoints.load('points-total'); // undefined the first time
  const subscription = store.subscribe({
    from: last === undefined ? 0n : last + 1n,
    filter: { eventTypes: [PointsEarned.type] },
    onCaughtUp: () => void subscription.stop(), // this run only catches up
  });
  for await (const event of subscription) {
    const { accountId, points } = PointsEarned.parse(event).data;
    totals.set(accountId, (totals.get(accountId) ?? 0) + points);
    await checkpoints.save('points-total', event.position);
  }
}

export const checkpoints = new MemoryCheckpointStore();
// #endregion
