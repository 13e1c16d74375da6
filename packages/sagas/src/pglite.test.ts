import { PGlite } from '@electric-sql/pglite';
import { PostgresEventStore } from '@strata/postgres';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { describeSagaScenarios } from './test-support/scenarios.js';

// One PGlite for the file (it takes seconds to start); each test gets its own schema.
const pglite = new PGlite();
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await pglite.close();
});

describeSagaScenarios('PGlite', (clock) => {
  const schema = `strata_test_sagas_${randomBytes(4).toString('hex')}`;
  const store = new PostgresEventStore({ pglite, schema, clock, pollIntervalMs: 50 });
  stores.push(store);
  return { store, checkpoints: store.checkpoints };
});
