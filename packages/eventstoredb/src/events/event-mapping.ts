import { jsonEvent, type EventData, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import { deepFreeze, type PreparedEvent, type RecordedEvent } from '@strata/core';
import { toEventStoreDBId } from './event-id.js';
import { decodeMetadata, encodeMetadata } from './metadata-layout.js';
import { toStrataPosition } from '../store/positions.js';

/** A prepared Strata event as the client's JSON event, ids and metadata laid out for Strata. */
export function toEventData(event: PreparedEvent): EventData {
  const id = toEventStoreDBId(event.eventId);
  return jsonEvent({
    id,
    type: event.type,
    data: event.data as JSONType,
    metadata: encodeMetadata(event.metadata, {
      schemaVersion: event.schemaVersion,
      ...(id !== event.eventId ? { eventId: event.eventId } : {}),
    }),
  });
}

/** Whether an event is EventStoreDB's own (a `$` type or a `$` stream), never the user's. */
export function isSystemEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * A read event as a Strata recorded event; undefined for a link whose event is gone.
 * Through a link (`$ce-` streams), the event is the original, in its own stream.
 */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const decoded = decodeMetadata(event.metadata);
  return {
    eventId: decoded.eventId ?? event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: toStrataPosition(event.position?.commit ?? resolved.commitPosition),
    recordedAt: event.created,
    schemaVersion: decoded.schemaVersion,
    type: event.type,
    data: deepFreeze(event.data as unknown),
    metadata: deepFreeze(decoded.metadata),
  };
}
