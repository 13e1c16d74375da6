import { deepFreeze, type Metadata, type RecordedEvent } from '@strata/core';
import { CorruptRowError } from '../errors/corrupt-row-error.js';

/** A bigint column as a JSON number when a double holds it exactly, else as a JSON string. */
const bigintJson = (column: string) =>
  `case when ${column} between -9007199254740991 and 9007199254740991 then ${column}::text else '"' || ${column} || '"' end`;

/**
 * `recorded_at` in microseconds since 1970, through `date_part`'s double rather than
 * `extract`'s numeric (a third of the server's time per row). The double is the exact
 * microsecond count divided once by 10^6, so multiplying back and rounding gives that count
 * exactly for every timestamp before 2106; the client truncates it to milliseconds.
 */
const RECORDED_AT_MICROS = `(date_part('epoch', e.recorded_at) * 1000000)::bigint`;

/** `EVENT_SELECT`'s array: everything of an event but its names, as one JSON text. */
const EVENT_JSON =
  `'[' || ${bigintJson('e.position')} || ',' || ${bigintJson('e.revision')} || ',' || ` +
  `e.schema_version || ',' || e.data::text || ',' || e.metadata::text || ',' || e.nul_escaped::text || ',' || ` +
  `${RECORDED_AT_MICROS} || ']'`;

/**
 * What a log read selects of each event: the names as text columns, and the rest of the event
 * as one JSON array, `[position, revision, schemaVersion, data, metadata, escaped, recordedAtMicros]`,
 * concatenated from each column's text. The client then decodes four strings and makes one
 * `JSON.parse` per event instead of ten columns and two parses: the driver's per-column
 * decoding was half of a 10k-event stream read. (Escaping the names into the JSON too would
 * cost the server more than it saves the client.) Whatever type parsers a user's pool
 * carries, both drivers return these alike. Rows are read as arrays (`queryArrays`), in this
 * order: stream id, event id, type, event.
 */
export const EVENT_SELECT = `e.stream_id, e.event_id, e.type, ${EVENT_JSON} as event`;

/** What a stream read selects: `EVENT_SELECT` without the stream id, which the read knows. */
export const STREAM_EVENT_SELECT = `e.event_id, e.type, ${EVENT_JSON} as event`;

/** A stream read's row: `STREAM_EVENT_SELECT`'s columns, in order. */
export type StreamRow = readonly unknown[];

const INTEGER = /^-?\d+$/;
const NO_METADATA: Metadata = Object.freeze({});

/** `pg` gives int8 as a string, PGlite as a bigint; `EVENT_SELECT` as a number or a string. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && INTEGER.test(value))
    // Through a number when exact: several times cheaper than BigInt of a string.
    return value.length < 16 ? BigInt(Number(value)) : BigInt(value);
  return undefined;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The position at the head of a row's text, found only when the row is corrupt. */
const LEADING_POSITION = /^\[("?)(-?\d+)\1,/;

/** Built only when a row is corrupt, so the happy path allocates no key or closure. */
function corrupt(position: unknown, reason: string, cause?: unknown): CorruptRowError {
  const exact = toBigInt(position);
  const key = exact === undefined ? String(position) : `at position ${exact.toString()}`;
  return new CorruptRowError('event', key, reason, cause);
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

/** A JSON column as parsed with the row; an escaped one (see `toJsonbText`) is parsed once more. */
function column(value: unknown, escaped: boolean, position: unknown, name: string): unknown {
  if (!escaped) return value;
  if (typeof value !== 'string') throw corrupt(position, `${name} is marked escaped but is not a string`);
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw corrupt(position, `${name} is marked escaped but is not JSON text`, error);
  }
}

function parseRow(text: unknown): unknown[] {
  if (typeof text !== 'string') throw corrupt(undefined, 'the row is not text');
  let tuple: unknown;
  try {
    tuple = JSON.parse(text) as unknown;
  } catch (error) {
    throw corrupt(LEADING_POSITION.exec(text)?.[2], 'the row is not JSON text', error);
  }
  if (!Array.isArray(tuple) || tuple.length !== 7)
    throw corrupt(undefined, 'the row is not an array of the seven event fields');
  return tuple;
}

/**
 * A stored event as a recorded event, or a `CorruptRowError` that says what is wrong with it,
 * from its names as read and `text`, the JSON array `EVENT_SELECT` builds.
 */
export function toRecordedEvent(
  streamId: unknown,
  eventId: unknown,
  type: unknown,
  text: unknown,
): RecordedEvent {
  const tuple = parseRow(text);
  const at = tuple[0];
  const position = toBigInt(at);
  if (position === undefined) throw corrupt(at, 'the position is not an integer');
  const revision = toBigInt(tuple[1]);
  if (revision === undefined || revision < 0n) throw corrupt(at, 'the revision is not an integer >= 0');
  if (!nonEmptyString(streamId)) throw corrupt(at, 'the stream id is not a non-empty string');
  if (!nonEmptyString(eventId)) throw corrupt(at, 'the event id is not a non-empty string');
  if (!nonEmptyString(type)) throw corrupt(at, 'the type is not a non-empty string');
  const schemaVersion = tuple[2];
  if (!Number.isInteger(schemaVersion) || (schemaVersion as number) < 1)
    throw corrupt(at, 'the schema version is not an integer >= 1');
  const escaped = tuple[5] === true;
  const data = column(tuple[3], escaped, at, 'data');
  const metadata = column(tuple[4], escaped, at, 'metadata');
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    throw corrupt(at, 'the metadata is not a JSON object');
  const recordedAt = new Date(typeof tuple[6] === 'number' ? Math.floor(tuple[6] / 1000) : Number.NaN);
  if (Number.isNaN(recordedAt.getTime())) throw corrupt(at, 'recorded_at is not a timestamp');
  return {
    eventId,
    streamId,
    revision,
    position,
    recordedAt,
    schemaVersion: schemaVersion as number,
    type,
    data: deepFreeze(data),
    // Most events carry no metadata: one shared frozen object.
    metadata: isEmpty(metadata) ? NO_METADATA : deepFreeze(metadata as Metadata),
  };
}
