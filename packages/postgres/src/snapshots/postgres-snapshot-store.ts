import { deepFreeze, InvalidStreamIdError, type Snapshot, type SnapshotStore } from '@strata/core';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { toBigInt } from '../store/event-row.js';
import { fromJsonb, textProblem, toJsonbText } from '../store/json-column.js';
import type { SqlRunner } from '../store/sql-runner.js';

interface SnapshotRow {
  readonly version: unknown;
  readonly schema_version: unknown;
  readonly state: unknown;
  readonly nul_escaped: unknown;
  readonly taken_at: unknown;
}

function checkStreamId(streamId: string): void {
  const problem = typeof streamId === 'string' ? textProblem(streamId) : 'a stream id is a string';
  if (problem) throw new InvalidStreamIdError(String(streamId), problem);
}

/** Snapshots in the store's schema; an older snapshot never replaces a newer one. */
export class PostgresSnapshotStore implements SnapshotStore {
  constructor(private readonly sql: SqlRunner) {}

  async load(streamId: string): Promise<Snapshot | undefined> {
    checkStreamId(streamId);
    const { q } = this.sql.names;
    const rows = await this.sql.run('load a snapshot', (db) =>
      db.query<SnapshotRow>(
        `select version, schema_version, state, nul_escaped, taken_at from ${q}snapshots where stream_id = $1`,
        [streamId],
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    const corrupt = (reason: string) => new CorruptRowError('snapshot', streamId, reason);
    const version = toBigInt(row.version);
    if (version === undefined) throw corrupt('the version is not an integer');
    const schemaVersion = Number(row.schema_version);
    if (!Number.isInteger(schemaVersion)) throw corrupt('the schema version is not an integer');
    if (!(row.taken_at instanceof Date)) throw corrupt('taken_at is not a timestamp');
    return {
      streamId,
      version,
      schemaVersion,
      state: deepFreeze(fromJsonb(row.state, row.nul_escaped, 'snapshot', streamId, 'state')),
      takenAt: row.taken_at,
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    checkStreamId(snapshot.streamId);
    const json = toJsonbText(JSON.stringify(snapshot.state));
    const { q } = this.sql.names;
    await this.sql.run('save a snapshot', (db) =>
      db.query(
        `insert into ${q}snapshots as s (stream_id, version, schema_version, state, nul_escaped, taken_at)
         values ($1, $2, $3, $4::jsonb, $5, $6)
         on conflict (stream_id) do update
           set version = excluded.version, schema_version = excluded.schema_version, state = excluded.state,
               nul_escaped = excluded.nul_escaped, taken_at = excluded.taken_at
         where s.version <= excluded.version`,
        [
          snapshot.streamId,
          snapshot.version.toString(),
          snapshot.schemaVersion,
          json.text,
          json.escaped,
          snapshot.takenAt.toISOString(),
        ],
      ),
    );
  }

  async delete(streamId: string): Promise<void> {
    checkStreamId(streamId);
    const { q } = this.sql.names;
    await this.sql.run('delete a snapshot', (db) =>
      db.query(`delete from ${q}snapshots where stream_id = $1`, [streamId]),
    );
  }
}
