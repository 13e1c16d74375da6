import {
  jsonEvent,
  WrongExpectedVersionError,
  type EventStoreDBClient,
  type JSONType,
} from '@eventstore/db-client';
import type { Snapshot, SnapshotStore } from '@strata/core';
import { mapClientError } from '../errors/map-client-error.js';
import { deepFreeze } from '@strata/core';
import { deleteStreamIfPresent, MaxCountOne, readLastEvent } from '../store/stream-helpers.js';

export interface EventStoreDBSnapshotStoreOptions {
  /** Stream of an aggregate's snapshot: `<prefix><streamId>`. Default `'strata.snapshot-'`. */
  readonly streamPrefix?: string;
}

export const SNAPSHOT_EVENT_TYPE = '$strata.snapshot';

/** The snapshot event's data: JSON, with the bigint version as a decimal string. */
interface SnapshotData {
  readonly version: string;
  readonly schemaVersion: number;
  readonly takenAt: string;
  readonly state: unknown;
}

function isSnapshotData(data: unknown): data is SnapshotData {
  const candidate = data as Partial<SnapshotData> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.version === 'string' &&
    typeof candidate.schemaVersion === 'number' &&
    typeof candidate.takenAt === 'string'
  );
}

/** Attempts of a save that lost a race with another writer before it gives up quietly. */
const SAVE_ATTEMPTS = 5;

/**
 * Snapshots as events: a stream per aggregate with `$maxCount: 1`. A save appends with the
 * revision it read, so of two racing writers the older snapshot never replaces the newer.
 */
export class EventStoreDBSnapshotStore implements SnapshotStore {
  readonly #client: EventStoreDBClient;
  readonly #prefix: string;
  readonly #maxCount = new MaxCountOne();

  constructor(
    client: EventStoreDBClient | { readonly client: EventStoreDBClient },
    options: EventStoreDBSnapshotStoreOptions = {},
  ) {
    this.#client = 'client' in client ? client.client : client;
    this.#prefix = options.streamPrefix ?? 'strata.snapshot-';
  }

  streamOf(streamId: string): string {
    return `${this.#prefix}${streamId}`;
  }

  async load(streamId: string): Promise<Snapshot | undefined> {
    const event = await readLastEvent(this.#client, this.streamOf(streamId), 'load the snapshot of');
    if (!event || !isSnapshotData(event.data)) return undefined;
    const data = event.data;
    return {
      streamId,
      version: BigInt(data.version),
      schemaVersion: data.schemaVersion,
      state: deepFreeze(data.state),
      takenAt: new Date(data.takenAt),
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    const streamId = this.streamOf(snapshot.streamId);
    await this.#maxCount.ensure(this.#client, streamId, 'save the snapshot of');
    const data: SnapshotData = {
      version: snapshot.version.toString(),
      schemaVersion: snapshot.schemaVersion,
      takenAt: snapshot.takenAt.toISOString(),
      state: JSON.parse(JSON.stringify(snapshot.state)) as unknown,
    };
    for (let attempt = 1; ; attempt++) {
      const kept = await readLastEvent(this.#client, streamId, 'save the snapshot of');
      if (kept && isSnapshotData(kept.data) && BigInt(kept.data.version) > snapshot.version) return;
      try {
        await this.#client.appendToStream(
          streamId,
          jsonEvent({ type: SNAPSHOT_EVENT_TYPE, data: data as unknown as JSONType }),
          { expectedRevision: kept ? kept.revision : 'any' },
        );
        return;
      } catch (error) {
        // Another writer saved first: read again and compare versions.
        if (error instanceof WrongExpectedVersionError && attempt < SAVE_ATTEMPTS) continue;
        throw mapClientError(error, { operation: 'save the snapshot of', streamId });
      }
    }
  }

  async delete(streamId: string): Promise<void> {
    // A soft delete replaces the stream's metadata: `$maxCount` must be set again.
    this.#maxCount.forget(this.streamOf(streamId));
    await deleteStreamIfPresent(this.#client, this.streamOf(streamId), 'delete the snapshot of');
  }
}
