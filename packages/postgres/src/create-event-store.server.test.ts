import { createEventStore, registeredEventStoreSchemes } from '@strata/core';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore, PostgresStoreError, UnsupportedValueError } from './index.js';
import { dropSchema, SERVER_URL, serverPool, uniqueSchema } from './test-support/databases.js';

const admin = serverPool(1);
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(admin, schema);
  await admin.end();
});

describe('createEventStore with @strata/postgres imported', () => {
  it('registers postgres:, postgresql: and pglite:', () => {
    expect(registeredEventStoreSchemes()).toEqual(
      expect.arrayContaining(['postgres:', 'postgresql:', 'pglite:']),
    );
  });

  for (const url of [SERVER_URL, SERVER_URL.replace(/^postgres:/, 'postgresql:')]) {
    it(`${url.slice(0, url.indexOf(':'))}:// makes a pooled store in the given schema, connecting on first use`, async () => {
      const schema = uniqueSchema('url');
      schemas.push(schema);
      const store = createEventStore(url, { schema, poolSize: 2 });
      expect(store).toBeInstanceOf(PostgresEventStore);
      const { rows: before } = await admin.query('select 1 from pg_namespace where nspname = $1', [schema]);
      expect(before).toEqual([]);
      await store.append('url-1', [{ type: 'made', data: {} }]);
      const { rows } = await admin.query(`select stream_id from "${schema}".events`);
      expect(rows).toEqual([{ stream_id: 'url-1' }]);
      await store.close();
    });
  }

  it('an option of the wrong type is a typed error at once', () => {
    expect(() => createEventStore(SERVER_URL, { poolSize: 'ten' })).toThrow(UnsupportedValueError);
    expect(() => createEventStore(SERVER_URL, { schema: '' })).toThrow(UnsupportedValueError);
  });

  it('an unreachable server fails the first call with a PostgresStoreError carrying the cause', async () => {
    const store = createEventStore('postgres://postgres@127.0.0.1:1/none', { poolSize: 1 });
    const error = await store.append('x-1', [{ type: 't', data: {} }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error).toMatchObject({ code: 'POSTGRES_STORE' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    await store.close();
  });
});
