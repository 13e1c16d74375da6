import { randomUUID } from 'node:crypto';
import { prepareEvents, randomIds, type RecordedEvent } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from '../driver/driver.js';
import { PgDriver } from '../driver/pg-driver.js';
import { ConnectionLostError, PostgresEventStore, PostgresStoreError } from '../index.js';
import { lockKey, schemaNames } from '../schema/schema-names.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { settleLostAppend } from './lost-connection.js';

const pool = serverPool(6);
const schema = uniqueSchema('lost');
const store = new PostgresEventStore({ pool, schema });

beforeAll(() => store.migrate());
afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

async function read(streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

/** The backend running this schema's append, once it waits for the append lock. */
async function blockedAppendPid(): Promise<number> {
  for (;;) {
    const { rows } = await pool.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where wait_event_type = 'Lock' and position($1 in query) > 0 and query like '%append_events%'`,
      [schema],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('connection loss during an append', () => {
  it('a backend killed mid-append: not landed, nothing written, a retry with the same ids writes once', async () => {
    const events = [
      { eventId: randomUUID(), type: 'lost.first', data: { n: 1 } },
      { eventId: randomUUID(), type: 'lost.second', data: { n: 2 } },
    ];
    // Hold the append lock so the append is provably in flight when its backend dies.
    const blocker = await pool.connect();
    await blocker.query('begin');
    await blocker.query('select pg_advisory_xact_lock($1)', [lockKey(schema, 'append').toString()]);
    const attempt = store
      .append('lost-1', events, { expectedRevision: 'no_stream' })
      .catch((error: unknown) => error);
    const pid = await blockedAppendPid();
    await pool.query('select pg_terminate_backend($1)', [pid]);
    await blocker.query('commit');
    blocker.release();

    const error = await attempt;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error).toMatchObject({
      code: 'POSTGRES_CONNECTION_LOST',
      landed: false,
      streamId: 'lost-1',
      eventIds: events.map((event) => event.eventId),
      sqlState: '57P01',
    });
    expect((error as Error).cause).toBeDefined();
    expect(await read('lost-1')).toEqual([]);

    const retried = await store.append('lost-1', events, { expectedRevision: 'no_stream' });
    expect(retried.nextExpectedRevision).toBe(1n);
    // The caller who never heard back retries again: idempotent, same answer, no duplicates.
    expect(await store.append('lost-1', events, { expectedRevision: 'no_stream' })).toEqual(retried);
    expect((await read('lost-1')).map((event) => event.eventId)).toEqual(
      events.map((event) => event.eventId),
    );
  });

  it('when the batch did land before the connection died, the settled append returns its result', async () => {
    const events = [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'landed', data: { n } }));
    await store.append('landed-1', [{ type: 'before', data: {} }]);
    const result = await store.append('landed-1', events);
    const prepared = prepareEvents('landed-1', events, { ids: randomIds });
    const driver = new PgDriver(pool, false);
    const settled = await settleLostAppend(driver, schemaNames(schema), 'landed-1', prepared, {
      pid: undefined,
      cause: new Error('Connection terminated unexpectedly'),
    });
    expect(settled).toEqual(result);
    expect(settled.nextExpectedRevision).toBe(3n);
  });

  it('when the store cannot check, the outcome is unknown and the ids to retry with are given', async () => {
    const events = [{ eventId: randomUUID(), type: 'unknown', data: {} }];
    const prepared = prepareEvents('unknown-1', events, { ids: randomIds });
    const down = { query: () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as Driver;
    const error = await settleLostAppend(down, schemaNames(schema), 'unknown-1', prepared, {
      pid: 4242,
      cause: new Error('Connection terminated unexpectedly'),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toMatchObject({ landed: 'unknown', eventIds: [events[0]!.eventId] });
  });
});
