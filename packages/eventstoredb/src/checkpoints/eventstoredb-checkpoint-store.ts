import { jsonEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { CheckpointStore } from '@strata/core';
import { mapClientError } from '../errors/map-client-error.js';
import { deleteStreamIfPresent, MaxCountOne, readLastEvent } from '../store/stream-helpers.js';

export interface EventStoreDBCheckpointStoreOptions {
  /** Stream of a processor's checkpoint: `<prefix><name>`. Default `'strata.checkpoint-'`. */
  readonly streamPrefix?: string;
}

/** The checkpoint event's type: `$`-types are system events, left out of Strata's `$all` reads. */
export const CHECKPOINT_EVENT_TYPE = '$strata.checkpoint';

/**
 * Checkpoints as events: one stream per processor whose metadata has `$maxCount: 1`, so the
 * server keeps only the latest. The position is a decimal string (JSON has no bigint).
 */
export class EventStoreDBCheckpointStore implements CheckpointStore {
  readonly #client: EventStoreDBClient;
  readonly #prefix: string;
  readonly #maxCount = new MaxCountOne();

  constructor(
    client: EventStoreDBClient | { readonly client: EventStoreDBClient },
    options: EventStoreDBCheckpointStoreOptions = {},
  ) {
    this.#client = 'client' in client ? client.client : client;
    this.#prefix = options.streamPrefix ?? 'strata.checkpoint-';
  }

  streamOf(name: string): string {
    return `${this.#prefix}${name}`;
  }

  async load(name: string): Promise<bigint | undefined> {
    const event = await readLastEvent(this.#client, this.streamOf(name), 'load the checkpoint of');
    const position = (event?.data as { position?: unknown } | undefined)?.position;
    return typeof position === 'string' ? BigInt(position) : undefined;
  }

  async save(name: string, position: bigint): Promise<void> {
    const streamId = this.streamOf(name);
    await this.#maxCount.ensure(this.#client, streamId, 'save the checkpoint of');
    try {
      await this.#client.appendToStream(
        streamId,
        jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: position.toString() } }),
      );
    } catch (error) {
      throw mapClientError(error, { operation: 'save the checkpoint of', streamId });
    }
  }

  async delete(name: string): Promise<void> {
    // A soft delete replaces the stream's metadata: `$maxCount` must be set again.
    this.#maxCount.forget(this.streamOf(name));
    await deleteStreamIfPresent(this.#client, this.streamOf(name), 'delete the checkpoint of');
  }
}
