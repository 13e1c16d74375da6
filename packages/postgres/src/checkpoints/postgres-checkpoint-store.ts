import type { CheckpointStore } from '@strata/core';
import { CorruptRowError } from '../errors/corrupt-row-error.js';
import { UnsupportedValueError } from '../errors/unsupported-value-error.js';
import { toBigInt } from '../store/event-row.js';
import { textProblem } from '../store/json-column.js';
import type { SqlRunner } from '../store/sql-runner.js';

function checkName(name: string): void {
  const problem = typeof name === 'string' ? textProblem(name) : 'a checkpoint name is a string';
  if (problem) throw new UnsupportedValueError('checkpoint name', String(name), problem);
}

/** Checkpoints in the store's schema: in a unit of work they commit with the read model. */
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(private readonly sql: SqlRunner) {}

  async load(name: string): Promise<bigint | undefined> {
    checkName(name);
    const { q } = this.sql.names;
    const rows = await this.sql.run('load a checkpoint', (db) =>
      db.query<{ position: unknown }>(`select position from ${q}checkpoints where name = $1`, [name]),
    );
    const row = rows[0];
    if (!row) return undefined;
    const position = toBigInt(row.position);
    if (position === undefined)
      throw new CorruptRowError('checkpoint', name, 'the position is not an integer');
    return position;
  }

  async save(name: string, position: bigint): Promise<void> {
    checkName(name);
    const { q } = this.sql.names;
    await this.sql.run('save a checkpoint', (db) =>
      db.query(
        `insert into ${q}checkpoints (name, position, updated_at) values ($1, $2, now())
         on conflict (name) do update set position = excluded.position, updated_at = excluded.updated_at`,
        [name, position.toString()],
      ),
    );
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    const { q } = this.sql.names;
    await this.sql.run('delete a checkpoint', (db) =>
      db.query(`delete from ${q}checkpoints where name = $1`, [name]),
    );
  }
}
