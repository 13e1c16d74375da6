import {
  checkExpectedRevision,
  findIdempotentWrite,
  InvalidStreamIdError,
  MalformedEventError,
  type AppendResult,
  type ExpectedRevision,
  type PreparedEvent,
} from '@strata/core';
import { PostgresStoreError } from '../errors/postgres-store-error.js';
import type { SchemaNames } from '../schema/schema-names.js';
import { toBigInt } from './event-row.js';
import { textProblem, toJsonbText } from './json-column.js';

export interface AppendRow {
  readonly written: boolean;
  readonly revision: unknown;
  readonly last_position: unknown;
  readonly found_ids: readonly string[] | null;
  readonly found_revisions: readonly unknown[] | null;
  readonly found_positions: readonly unknown[] | null;
}

/** Throws the typed error for names that PostgreSQL `text` would reject or change. */
export function checkNames(streamId: string, prepared: readonly PreparedEvent[]): void {
  const streamProblem = textProblem(streamId);
  if (streamProblem) throw new InvalidStreamIdError(streamId, streamProblem);
  prepared.forEach((event, index) => {
    const typeProblem = textProblem(event.type);
    if (typeProblem) throw new MalformedEventError(streamId, index, 'type', typeProblem);
    const idProblem = textProblem(event.eventId);
    if (idProblem) throw new MalformedEventError(streamId, index, 'eventId', idProblem);
  });
}

function modeOf(expected: ExpectedRevision): { mode: string; revision: string | null } {
  if (typeof expected === 'bigint') return { mode: 'exact', revision: expected.toString() };
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists')
    return { mode: expected, revision: null };
  // Not an expected revision at all: never satisfied, so core reports the conflict.
  return { mode: 'exact', revision: null };
}

/** The JSON columns of a batch, with the escape flag per row (one flag: both kept as text when either needs it). */
function jsonColumns(
  prepared: readonly PreparedEvent[],
  data: string[],
  metadata: string[],
  escaped: boolean[],
) {
  for (const event of prepared) {
    const escape = toJsonbText(event.dataJson).escaped || toJsonbText(event.metadataJson).escaped;
    data.push(escape ? JSON.stringify(event.dataJson) : event.dataJson);
    metadata.push(escape ? JSON.stringify(event.metadataJson) : event.metadataJson);
    escaped.push(escape);
  }
}

/** The statement and parameters of one batch: a single call of the schema's append function. */
export function appendStatement(
  names: SchemaNames,
  streamId: string,
  prepared: readonly PreparedEvent[],
  expected: ExpectedRevision,
  recordedAt: Date,
): { text: string; params: unknown[] } {
  const { mode, revision } = modeOf(expected);
  const data: string[] = [];
  const metadata: string[] = [];
  const escaped: boolean[] = [];
  jsonColumns(prepared, data, metadata, escaped);
  return {
    text: `select written, revision::text as revision, last_position::text as last_position, found_ids,
                  found_revisions::text[] as found_revisions, found_positions::text[] as found_positions
             from ${names.q}append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    params: [
      streamId,
      mode,
      revision,
      recordedAt.toISOString(),
      prepared.map((e) => e.eventId),
      prepared.map((e) => e.type),
      prepared.map((e) => e.schemaVersion),
      data,
      metadata,
      escaped,
    ],
  };
}

/** One append of a group commit. */
export interface BatchedAppend {
  readonly streamId: string;
  readonly prepared: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/**
 * Several appends as one statement (`append_events_batch`): one row per append comes back, `ord`
 * numbering them from 1 in the order given.
 */
export function appendBatchStatement(
  names: SchemaNames,
  appends: readonly BatchedAppend[],
  recordedAt: Date,
): { text: string; params: unknown[] } {
  const streams: string[] = [];
  const modes: string[] = [];
  const revisions: Array<string | null> = [];
  const counts: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const versions: number[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const escaped: boolean[] = [];
  for (const { streamId, prepared, expected } of appends) {
    const { mode, revision } = modeOf(expected);
    streams.push(streamId);
    modes.push(mode);
    revisions.push(revision);
    counts.push(prepared.length);
    for (const event of prepared) {
      ids.push(event.eventId);
      types.push(event.type);
      versions.push(event.schemaVersion);
    }
    jsonColumns(prepared, data, metadata, escaped);
  }
  return {
    text: `select ord, written, revision::text as revision, last_position::text as last_position, found_ids,
                  found_revisions::text[] as found_revisions, found_positions::text[] as found_positions
             from ${names.q}append_events_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    params: [
      streams,
      modes,
      revisions,
      counts,
      recordedAt.toISOString(),
      ids,
      types,
      versions,
      data,
      metadata,
      escaped,
    ],
  };
}

/**
 * Turns the function's answer into the port's result. When it declined to write, core's
 * rules decide between an idempotent repeat and a `ConcurrencyError`, as in every store.
 */
export function appendOutcome(
  streamId: string,
  prepared: readonly PreparedEvent[],
  expected: ExpectedRevision,
  rows: readonly AppendRow[],
): AppendResult {
  const row = rows[0];
  const current = toBigInt(row?.revision);
  if (!row || current === undefined)
    throw new PostgresStoreError('append', new Error('append_events returned no row'));
  if (row.written) {
    return { nextExpectedRevision: current, position: toBigInt(row.last_position) ?? -1n };
  }
  const found = new Map<string, { revision: bigint; position: bigint }>();
  (row.found_ids ?? []).forEach((id, i) => {
    const revision = toBigInt(row.found_revisions?.[i]) ?? -1n;
    const position = toBigInt(row.found_positions?.[i]) ?? -1n;
    const known = found.get(id);
    // The first occurrence in the stream, as the memory store keeps it.
    if (!known || revision < known.revision) found.set(id, { revision, position });
  });
  const repeated = findIdempotentWrite(
    streamId,
    prepared,
    expected,
    current,
    (id) => found.get(id),
    (stored) => stored.revision,
  );
  if (repeated) {
    const last = found.get(prepared[prepared.length - 1]!.eventId);
    return { nextExpectedRevision: repeated.lastRevision, position: last?.position ?? -1n };
  }
  checkExpectedRevision(streamId, expected, current);
  throw new PostgresStoreError(
    'append',
    new Error(`append_events declined a write that the expected revision allows (stream '${streamId}')`),
  );
}
