import type { RecordedEvent } from './event.js';
import type { Metadata } from './metadata.js';

/** A recorded event as JSON carries it: revision and position as decimal strings, time as ISO-8601. */
export interface RecordedEventJson {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Metadata;
}

/**
 * JSON has no bigint, and a number loses precision past 2^53, so revisions and positions
 * travel as strings: explicitly, never through a global `BigInt.prototype.toJSON`.
 */
export function encodeRecordedEvent(event: RecordedEvent): RecordedEventJson {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: event.position.toString(),
    recordedAt: event.recordedAt.toISOString(),
    schemaVersion: event.schemaVersion,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

export function decodeRecordedEvent(json: RecordedEventJson): RecordedEvent {
  return {
    eventId: json.eventId,
    streamId: json.streamId,
    revision: BigInt(json.revision),
    position: BigInt(json.position),
    recordedAt: new Date(json.recordedAt),
    schemaVersion: json.schemaVersion,
    type: json.type,
    data: json.data,
    metadata: json.metadata,
  };
}
