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

describe('readAll in a transaction', () => {
  it('reads the log with its own appends, page by page, and another transaction does not see them', async () => {
    const paged = new PostgresEventStore({ pool, schema, pageSize: 2 });
    const stream = `tx-read-${Date.now()}`;
    const before = await store.append('other-1', [{ type: 'earned', data: { points: 1 } }]);
    let outside: RecordedEvent[] = [];
    const inside = await paged.transaction(async (tx) => {
      await tx.append(
        stream,
        Array.from({ length: 7 }, (_, i) => ({ type: 'earned', data: { points: i } })),
      );
      const read: RecordedEvent[] = [];
      for await (const event of tx.readAll({ from: before.position })) {
        read.push(event);
        // A statement of the transaction's own between events: pages are not read ahead here.
        await tx.query('select 1');
      }
      outside = await all(store.readAll({ from: before.position }));
      return read;
    });
    expect(inside.map((event) => [event.streamId, event.revision])).toEqual([
      ['other-1', 0n],
      ...Array.from({ length: 7 }, (_, i) => [stream, BigInt(i)]),
    ]);
    expect(inside.every((event) => Object.isFrozen(event.data))).toBe(true);
    expect(outside.map((event) => event.streamId)).toEqual(['other-1']);
    expect(await all(store.readAll({ from: before.position }))).toEqual(inside);
    await paged.close();
  });

  it('takes the filter and maxCount of store.readAll', async () => {
    const stream = `tx-filter-${Date.now()}`;
    const read = await store.transaction(async (tx) => {
      await tx.append(stream, [
        { type: 'earned', data: { points: 1 } },
        { type: 'redeemed', data: { points: 1 } },
        { type: 'earned', data: { points: 2 } },
      ]);
      return all(tx.readAll({ filter: { streamPrefix: stream, eventTypes: ['earned'] }, maxCount: 1 }));
    });
    expect(read.map((event) => [event.type, event.revision])).toEqual([['earned', 0n]]);
  });
});

async function all(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}
