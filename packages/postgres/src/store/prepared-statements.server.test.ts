import type { RecordedEvent } from '@strata/core';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

const pools: pg.Pool[] = [];
const schemas: string[] = [];

afterAll(async () => {
  const admin = serverPool(1);
  for (const schema of schemas) await dropSchema(admin, schema);
  await admin.end();
  await Promise.all(pools.map((pool) => pool.end()));
});

/** A store on a pool of one connection, so what it prepared is that connection's. */
async function storeOnOneConnection(preparedStatements?: boolean) {
  const pool = serverPool(1);
  pools.push(pool);
  const schema = uniqueSchema('prepared');
  schemas.push(schema);
  const store = new PostgresEventStore({
    pool,
    schema,
    ...(preparedStatements === undefined ? {} : { preparedStatements }),
  });
  await store.migrate();
  return { store, pool };
}

async function all(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function prepared(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select name from pg_prepared_statements where name like 'strata\\_%' order by name`,
  );
  return rows.map((row) => row.name);
}

describe('prepared statements', () => {
  it('event reads and appends are prepared once per connection, and run again by name', async () => {
    const { store, pool } = await storeOnOneConnection();
    await store.append('order-1', [{ type: 'placed', data: { n: 1 } }]);
    expect(await all(store.readStream('order-1'))).toHaveLength(1);
    const afterFirst = await prepared(pool);
    // One for the append, one for the stream page.
    expect(afterFirst).toHaveLength(2);
    for (let i = 2; i <= 5; i++) await store.append('order-1', [{ type: 'placed', data: { n: i } }]);
    expect((await all(store.readStream('order-1'))).map((event) => event.data)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ n })),
    );
    expect(await prepared(pool)).toEqual(afterFirst);
    expect(await all(store.readAll())).toHaveLength(5);
    expect((await prepared(pool)).length).toBeGreaterThan(afterFirst.length);
    await store.close();
  });

  it('two stores on one connection, in two schemas, each read their own events', async () => {
    const { store: first, pool } = await storeOnOneConnection();
    const schema = uniqueSchema('prepared');
    schemas.push(schema);
    const second = new PostgresEventStore({ pool, schema });
    await second.migrate();
    await first.append('order-1', [{ type: 'first', data: {} }]);
    await second.append('order-1', [
      { type: 'second', data: {} },
      { type: 'second', data: {} },
    ]);
    expect((await all(first.readStream('order-1'))).map((event) => event.type)).toEqual(['first']);
    expect((await all(second.readStream('order-1'))).map((event) => event.type)).toEqual([
      'second',
      'second',
    ]);
    await Promise.all([first.close(), second.close()]);
  });

  it('preparedStatements: false sends every statement unnamed', async () => {
    const { store, pool } = await storeOnOneConnection(false);
    await store.append('order-1', [{ type: 'placed', data: {} }]);
    expect(await all(store.readStream('order-1'))).toHaveLength(1);
    expect(await all(store.readAll())).toHaveLength(1);
    expect(await prepared(pool)).toEqual([]);
    await store.close();
  });
});
