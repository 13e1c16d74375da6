import { PGlite } from '@electric-sql/pglite';
import { PostgresEventStore } from '@strata/postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { uniqueSchema } from '../test-support/databases.js';
import { describeExactlyOnceProperty } from './exactly-once-property.js';
import { describeInlineScenarios } from './inline-scenarios.js';
import { describeTargetScenarios } from './target-scenarios.js';

// One PGlite for the file (it takes seconds to start); each test gets its own schema.
const pglite = new PGlite();
// Starting PGlite takes seconds (far more on a loaded machine): not inside the first test's timeout.
beforeAll(() => pglite.waitReady, 120_000);
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await pglite.close();
});

describe('PostgresReadModelTarget (PGlite)', () => {
  const makeStore = async () => {
    const store = new PostgresEventStore({ pglite, schema: uniqueSchema('proj') });
    stores.push(store);
    return store;
  };
  describeTargetScenarios(makeStore);
  describeInlineScenarios(makeStore);
});

describe('PostgresReadModelTarget (PGlite): property', () => {
  describeExactlyOnceProperty(pglite);
});
