import type { AppendResult, PreparedEvent } from '@strata/core';
import type { Driver } from '../driver/driver.js';
import { ConnectionLostError } from '../errors/connection-lost-error.js';
import type { SchemaNames } from '../schema/schema-names.js';
import { toBigInt } from './event-row.js';

/**
 * After the connection died under an append: make sure the old backend is gone (so its
 * transaction is settled, committed or rolled back), then look for the batch. Found whole,
 * the append landed and its result is returned; found not at all, it did not land.
 */
export async function settleLostAppend(
  driver: Driver,
  names: SchemaNames,
  streamId: string,
  prepared: readonly PreparedEvent[],
  lost: { pid: number | undefined; cause: unknown },
): Promise<AppendResult> {
  const ids = prepared.map((event) => event.eventId);
  let gone = false;
  let rows: Array<{ event_id: string; revision: unknown; position: unknown }>;
  try {
    if (lost.pid !== undefined) {
      await driver.query('select pg_terminate_backend(pid, 10000) from pg_stat_activity where pid = $1', [
        lost.pid,
      ]);
      const [still] = await driver.query<{ alive: boolean }>(
        'select exists (select 1 from pg_stat_activity where pid = $1) as alive',
        [lost.pid],
      );
      gone = still?.alive === false;
    }
    rows = await driver.query(
      `select event_id, revision, position from ${names.q}events
        where stream_id = $1 and event_id = any($2::text[]) order by revision`,
      [streamId, ids],
    );
  } catch {
    throw new ConnectionLostError(streamId, 'unknown', ids, lost.cause);
  }
  const byId = new Map(rows.map((row) => [row.event_id, row]));
  const first = toBigInt(byId.get(ids[0]!)?.revision);
  const landed =
    first !== undefined && ids.every((id, i) => toBigInt(byId.get(id)?.revision) === first + BigInt(i));
  if (landed) {
    const last = byId.get(ids[ids.length - 1]!)!;
    return { nextExpectedRevision: first + BigInt(ids.length - 1), position: toBigInt(last.position) ?? -1n };
  }
  throw new ConnectionLostError(streamId, rows.length === 0 && gone ? false : 'unknown', ids, lost.cause);
}
