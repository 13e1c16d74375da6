import { deepFreeze, type Metadata, type RecordedEvent } from '@strata/core';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { fromJsonText, JsonColumnProblem } from './json-column.js';

/**
 * The columns every event read selects. The int8, jsonb and timestamptz columns come as text
 * (the timestamp as whole epoch milliseconds, what a `Date` holds), so both drivers return
 * them alike, whatever type parsers a user's pool carries, and the cost of reading them is
 * ours: one `JSON.parse` of each JSON column and no timestamp parsing (pg's date parser was
 * a fifth of a 10k-event stream read).
 */
export const EVENT_COLUMNS =
  'e.position::text as position, e.stream_id, e.revision::text as revision, e.event_id, e.type, ' +
  'e.schema_version, e.data::text as data, e.metadata::text as metadata, e.nul_escaped, ' +
  'floor(extract(epoch from e.recorded_at) * 1000)::text as recorded_at';

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

const INTEGER = /^-?\d+$/;
const NO_METADATA: Metadata = Object.freeze({});

/** `pg` gives int8 as a string, PGlite as a bigint. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && INTEGER.test(value))
    // Through a number when exact: several times cheaper than BigInt of a string.
    return value.length < 16 ? BigInt(Number(value)) : BigInt(value);
  return undefined;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Built only when a row is corrupt, so the happy path allocates no key or closure. */
function corrupt(row: EventRow, reason: string, cause?: unknown): CorruptRowError {
  const position = toBigInt(row.position);
  const key = position === undefined ? String(row.position) : `at position ${position.toString()}`;
  return new CorruptRowError('event', key, reason, cause);
}

/** Epoch milliseconds as text (see `EVENT_COLUMNS`), or a `Date` from a row selected another way. */
function toDate(value: unknown): Date | undefined {
  const date =
    value instanceof Date ? value : typeof value === 'string' ? new Date(Number(value)) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

function json(row: EventRow, column: 'data' | 'metadata'): unknown {
  try {
    return fromJsonText(row[column], row.nul_escaped);
  } catch (error) {
    if (error instanceof JsonColumnProblem) throw corrupt(row, `${column} ${error.message}`, error.cause);
    throw error;
  }
}

/** A stored row as a recorded event, or a `CorruptRowError` that says what is wrong with it. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = toBigInt(row.position);
  if (position === undefined) throw corrupt(row, 'the position is not an integer');
  const revision = toBigInt(row.revision);
  if (revision === undefined || revision < 0n) throw corrupt(row, 'the revision is not an integer >= 0');
  if (!nonEmptyString(row.stream_id)) throw corrupt(row, 'the stream id is not a non-empty string');
  if (!nonEmptyString(row.event_id)) throw corrupt(row, 'the event id is not a non-empty string');
  if (!nonEmptyString(row.type)) throw corrupt(row, 'the type is not a non-empty string');
  const schemaVersion = Number(row.schema_version);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw corrupt(row, 'the schema version is not an integer >= 1');
  const recordedAt = toDate(row.recorded_at);
  if (recordedAt === undefined) throw corrupt(row, 'recorded_at is not a timestamp');
  const data = json(row, 'data');
  // Most events carry no metadata: one shared frozen object, no parse or freeze.
  const metadata = row.metadata === '{}' ? NO_METADATA : json(row, 'metadata');
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    throw corrupt(row, 'the metadata is not a JSON object');
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision,
    position,
    recordedAt,
    schemaVersion,
    type: row.type,
    data: deepFreeze(data),
    metadata: deepFreeze(metadata as Metadata),
  };
}
