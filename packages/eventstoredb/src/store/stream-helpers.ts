import {
  BACKWARDS,
  END,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
  type JSONRecordedEvent,
} from '@eventstore/db-client';
import { mapClientError } from '../errors/map-client-error.js';

/** The last JSON event of a stream, or undefined when the stream is missing or deleted. */
export async function readLastEvent(
  client: EventStoreDBClient,
  streamId: string,
  operation: string,
): Promise<JSONRecordedEvent | undefined> {
  try {
    let last: JSONRecordedEvent | undefined;
    // Read to the end (one event) rather than return early: an abandoned read stays open.
    for await (const resolved of client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      if (resolved.event?.isJson) last = resolved.event;
    }
    return last;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw mapClientError(error, { operation, streamId });
  }
}

/**
 * Soft-deletes a stream; a stream that is not there is already deleted. The server answers
 * a delete of a stream that never existed as a wrong expected version, even with `any`.
 */
export async function deleteStreamIfPresent(
  client: EventStoreDBClient,
  streamId: string,
  operation: string,
): Promise<void> {
  try {
    await client.deleteStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError || error instanceof WrongExpectedVersionError) return;
    throw mapClientError(error, { operation, streamId });
  }
}

/** Keeps only the latest event of a stream (`$maxCount: 1`), once per stream and process. */
export class MaxCountOne {
  readonly #done = new Set<string>();

  async ensure(client: EventStoreDBClient, streamId: string, operation: string): Promise<void> {
    if (this.#done.has(streamId)) return;
    try {
      await client.setStreamMetadata(streamId, { maxCount: 1 });
    } catch (error) {
      throw mapClientError(error, { operation, streamId: `$$${streamId}` });
    }
    this.#done.add(streamId);
  }

  forget(streamId: string): void {
    this.#done.delete(streamId);
  }
}
