import type { RecordedEvent } from '@strata/core';
// #region existing-client
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  EventStoreDBCheckpointStore,
  EventStoreDBEventStore,
  EventStoreDBSnapshotStore,
} from '@strata/eventstoredb';

const client = EventStoreDBClient.connectionString(
  process.env.EVENTSTOREDB_URL ?? 'esdb://localhost:2113?tls=false',
);
const events = new EventStoreDBEventStore({ client }); // close() leaves the client open
const checkpoints = new EventStoreDBCheckpointStore(client); // stream strata.checkpoint-<name>
const snapshots = new EventStoreDBSnapshotStore(client); // stream strata.snapshot-<streamId>
// #endregion

export { client, events, checkpoints, snapshots };

/** Projects points from the checkpoint to the end of the log, as a projection runner would. */
export async function projectPoints(): Promise<number> {
  let points = 0;
  // #region checkpoint
  const from = ((await checkpoints.load('points')) ?? -1n) + 1n;
  for await (const event of events.readAll({ from, filter: { eventTypes: ['loyalty.points.earned'] } })) {
    points += (event.data as { points: number }).points;
    await checkpoints.save('points', event.position);
  }
  // #endregion
  return points;
}

export async function liveUntil(count: number): Promise<RecordedEvent[]> {
  // #region subscription
  const seen: RecordedEvent[] = [];
  const subscription = events.subscribe({
    from: ((await checkpoints.load('live')) ?? -1n) + 1n,
    filter: { category: 'loyaltyAccount' },
    onCaughtUp: () => console.log('caught up; now live'),
  });
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) await subscription.stop();
  }
  // #endregion
  return seen;
}
