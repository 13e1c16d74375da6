import { PostgresEventStore } from '@strata/postgres';
import { afterAll, describe } from 'vitest';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { describeInlineScenarios } from './inline-scenarios.js';
import { describeTargetScenarios } from './target-scenarios.js';

const pool = serverPool(6);
const schemas: string[] = [];
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  // Drop the schemas even if a store fails to close (a test that failed midway).
  await Promise.allSettled(stores.map((store) => store.close()));
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
});

describe('PostgresReadModelTarget (server)', () => {
  const makeStore = async () => {
    const schema = uniqueSchema('proj');
    schemas.push(schema);
    const store = new PostgresEventStore({ pool, schema });
    stores.push(store);
    return store;
  };
  describeTargetScenarios(makeStore);
  describeInlineScenarios(makeStore);
});
