import { ConcurrencyError, type RecordedEvent } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

const pool = serverPool(4);
const schema = uniqueSchema('uow');
const store = new PostgresEventStore({ pool, schema });

beforeAll(async () => {
  await store.migrate();
  await pool.query(`create table "${schema}".balances (account text primary key, balance integer not null)`);
});
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

const balances = async () =>
  (
    await pool.query<{ account: string; balance: number }>(
      `select * from "${schema}".balances order by account`,
    )
  ).rows;

describe('unit of work', () => {
  it('read model, checkpoint, snapshot and append commit together', async () => {
    const result = await store.transaction(async (tx) => {
      await tx.query(`insert into "${tx.schema}".balances values ($1, $2)`, ['a-1', 10]);
      await tx.checkpoints.save('balances', 41n);
      await tx.snapshots.save({
        streamId: 'a-1',
        version: 0n,
        schemaVersion: 1,
        state: { b: 10 },
        takenAt: new Date(),
      });
      return tx.append('a-1', [{ type: 'earned', data: { points: 10 } }], { expectedRevision: 'no_stream' });
    });
    expect(result.nextExpectedRevision).toBe(0n);
    expect(await balances()).toEqual([{ account: 'a-1', balance: 10 }]);
    expect(await store.checkpoints.load('balances')).toBe(41n);
    expect((await store.snapshots.load('a-1'))?.state).toEqual({ b: 10 });
    expect(await read('a-1')).toHaveLength(1);
  });

  it('a throw rolls everything back and comes out unchanged', async () => {
    const boom = new Error('handler failed');
    const error = await store
      .transaction(async (tx) => {
        await tx.query(`insert into "${tx.schema}".balances values ($1, $2)`, ['b-1', 5]);
        await tx.checkpoints.save('balances', 99n);
        await tx.append('b-1', [{ type: 'earned', data: { points: 5 } }]);
        throw boom;
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(boom);
    expect((await balances()).map((row) => row.account)).toEqual(['a-1']);
    expect(await store.checkpoints.load('balances')).toBe(41n);
    expect(await read('b-1')).toEqual([]);
  });

  it('a conflicting append inside it is a ConcurrencyError and nothing of it commits', async () => {
    const error = await store
      .transaction(async (tx) => {
        await tx.checkpoints.save('conflicted', 1n);
        await tx.append('a-1', [{ type: 'earned', data: { points: 1 } }], { expectedRevision: 'no_stream' });
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'a-1', actualRevision: 0n });
    expect(await store.checkpoints.load('conflicted')).toBeUndefined();
  });
});
