import * as grpc from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb.js';
import type { Expected, LogRecord } from './log.js';
import { sharedPb, streamsPb } from './protocol.js';

/** Conversions between the test server's log and the client's protobuf messages. */

export function streamNameOf(identifier: { getStreamName_asU8(): Uint8Array } | undefined): string {
  return identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
}

export function streamIdentifier(name: string) {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return identifier;
}

export function uuidString(uuid: UUID | undefined): string {
  if (!uuid) return '';
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
}

export function toUuid(id: string): UUID {
  const uuid = new sharedPb.UUID();
  uuid.setString(id);
  return uuid;
}

function toRecordedEvent(record: LogRecord): ReadResp.ReadEvent.RecordedEvent {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(toUuid(record.eventId));
  recorded.setStreamIdentifier(streamIdentifier(record.streamName));
  recorded.setStreamRevision(record.revision.toString());
  // `ResolvedEvent.CalculatePosition`: a self-committed event's position is its log position.
  recorded.setCommitPosition(record.position.toString());
  recorded.setPreparePosition(record.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.metadata);
  return recorded;
}

/**
 * A `ReadResp` carrying one event, as KurrentDB `Streams.Read.ConvertToReadEvent` builds it:
 * `event` (absent for a link whose event is gone), `link` when read through one, and the
 * original's commit position (every record here is self-committed, so it is always known).
 */
export function eventResponse(event: LogRecord | undefined, link: LogRecord | undefined): ReadResp {
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  if (event) readEvent.setEvent(toRecordedEvent(event));
  if (link) readEvent.setLink(toRecordedEvent(link));
  readEvent.setCommitPosition((link ?? event)!.position.toString());
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response;
}

/** Expected revision from the oneof every write request carries (revision/no_stream/any/exists). */
export function expectedOf(
  options: {
    hasAny(): boolean;
    hasNoStream(): boolean;
    hasStreamExists(): boolean;
  },
  revision: () => string,
): Expected {
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'revision', revision: BigInt(revision()) };
}

/** A compiled server-side filter: stream name or event type, by prefixes (any) or a regex. */
export function compileServerFilter(options: ReadReq.Options): ((record: LogRecord) => boolean) | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return undefined;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const subject = onStream ? record.streamName : record.type;
    if (prefixes.length > 0) return prefixes.some((prefix) => subject.startsWith(prefix));
    return regex ? regex.test(subject) : true;
  };
}

/** A gRPC error as the real server sends it: a status code and `exception` metadata. */
export function serverError(
  code: grpc.status,
  details: string,
  metadata: Record<string, string> = {},
): grpc.ServiceError {
  const grpcMetadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) grpcMetadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: grpcMetadata });
}
