import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

const pools = [serverPool(2), serverPool(2), serverPool(2), serverPool(2)];
const schemas: string[] = [];
const fresh = () => {
  const schema = uniqueSchema('migrate');
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  for (const schema of schemas) await dropSchema(pools[0]!, schema);
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('migrations', () => {
  it('four processes migrating one new schema at once apply each migration exactly once', async () => {
    const schema = fresh();
    // Separate pools stand for separate processes: no shared client-side state.
    const stores = pools.map((pool) => new PostgresEventStore({ pool, schema }));
    const reports = await Promise.all(stores.map((store) => store.migrate()));
    const applied = reports.flatMap((report) => report.applied).sort();
    expect(applied).toEqual([1, 2, 3]);
    expect(reports.map((report) => report.version)).toEqual([3, 3, 3, 3]);
    const { rows } = await pools[0]!.query<{ version: number }>(
      `select version from "${schema}".migrations order by version`,
    );
    expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
    // And every one of them can use the schema right away.
    await Promise.all(stores.map((store, i) => store.append(`race-${i}`, [{ type: 'raced', data: { i } }])));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('migrating again applies nothing and keeps the data', async () => {
    const schema = fresh();
    const store = new PostgresEventStore({ pool: pools[0]!, schema });
    expect((await store.migrate()).applied).toEqual([1, 2, 3]);
    await store.append('kept-1', [{ type: 'kept', data: { n: 1 } }]);
    expect(await store.migrate()).toEqual({ applied: [], version: 3 });
    const again = new PostgresEventStore({ pool: pools[1]!, schema });
    const events = [];
    for await (const event of again.readStream('kept-1')) events.push(event.data);
    expect(events).toEqual([{ n: 1 }]);
    await Promise.all([store.close(), again.close()]);
  });

  it('with autoMigrate off, nothing is created until migrate() is called', async () => {
    const schema = fresh();
    const store = new PostgresEventStore({ pool: pools[0]!, schema, autoMigrate: false });
    const error = await store.append('s-1', [{ type: 't', data: {} }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'POSTGRES_STORE', sqlState: '3F000' });
    expect((error as Error).message).toContain('Call migrate()');
    const { rows } = await pools[0]!.query('select 1 from pg_namespace where nspname = $1', [schema]);
    expect(rows).toEqual([]);
    await store.migrate();
    await expect(store.append('s-1', [{ type: 't', data: {} }])).resolves.toMatchObject({
      nextExpectedRevision: 0n,
    });
    await store.close();
  });

  it('a schema name that needs quoting works end to end', async () => {
    const schema = `${fresh()} "Odd"; drop table x; --`;
    schemas.push(schema);
    const store = new PostgresEventStore({ pool: pools[0]!, schema });
    await store.append('odd-1', [{ type: 'odd', data: { ok: true } }]);
    await store.checkpoints.save('odd', 0n);
    const all = [];
    for await (const event of store.readAll()) all.push(event.data);
    expect(all).toEqual([{ ok: true }]);
    expect(await store.checkpoints.load('odd')).toBe(0n);
    await store.close();
  });
});
