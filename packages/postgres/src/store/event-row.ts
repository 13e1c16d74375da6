import { deepFreeze, type Metadata, type RecordedEvent } from '@strata/core';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { fromJsonb } from './json-column.js';

/** The columns every event read selects, in the shape both drivers return them. */
export const EVENT_COLUMNS =
  'e.position, e.stream_id, e.revision, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.nul_escaped, e.recorded_at';

export interface EventRow {
  readonly position: unknown;
  readonly stream_id: unknown;
  readonly revision: unknown;
  readonly event_id: unknown;
  readonly type: unknown;
  readonly schema_version: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly nul_escaped: unknown;
  readonly recorded_at: unknown;
}

/** `pg` gives int8 as a string, PGlite as a bigint. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return undefined;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** A stored row as a recorded event, or a `CorruptRowError` that says what is wrong with it. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = toBigInt(row.position);
  const key = position === undefined ? String(row.position) : `at position ${position.toString()}`;
  const corrupt = (reason: string) => new CorruptRowError('event', key, reason);
  if (position === undefined) throw corrupt('the position is not an integer');
  const revision = toBigInt(row.revision);
  if (revision === undefined || revision < 0n) throw corrupt('the revision is not an integer >= 0');
  if (!nonEmptyString(row.stream_id)) throw corrupt('the stream id is not a non-empty string');
  if (!nonEmptyString(row.event_id)) throw corrupt('the event id is not a non-empty string');
  if (!nonEmptyString(row.type)) throw corrupt('the type is not a non-empty string');
  const schemaVersion = Number(row.schema_version);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw corrupt('the schema version is not an integer >= 1');
  if (!(row.recorded_at instanceof Date) || Number.isNaN(row.recorded_at.getTime()))
    throw corrupt('recorded_at is not a timestamp');
  const data = fromJsonb(row.data, row.nul_escaped, 'event', key, 'data');
  const metadata = fromJsonb(row.metadata, row.nul_escaped, 'event', key, 'metadata');
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    throw corrupt('the metadata is not a JSON object');
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision,
    position,
    recordedAt: row.recorded_at,
    schemaVersion,
    type: row.type,
    data: deepFreeze(data),
    metadata: deepFreeze(metadata as Metadata),
  };
}
