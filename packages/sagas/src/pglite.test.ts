import { PGlite } from '@electric-sql/pglite';
import { PostgresEventStore, PostgresLease } from '@strata/postgres';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sagaInvariants } from './test-support/invariants.js';
import type { MakeBackend } from './test-support/harness.js';
import { describeSagaScenarios } from './test-support/scenarios.js';
import { describeSagaTakeover } from './test-support/takeover-scenarios.js';

// One PGlite for the file (it takes seconds to start); each test gets its own schema.
const pglite = new PGlite();
// Starting PGlite takes seconds (far more on a loaded machine): not inside the first test's timeout.
beforeAll(() => pglite.waitReady, 120_000);
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await pglite.close();
});

const backend: MakeBackend = (clock) => {
  const schema = `strata_test_sagas_${randomBytes(4).toString('hex')}`;
  const store = new PostgresEventStore({ pglite, schema, clock, pollIntervalMs: 50 });
  stores.push(store);
  return { store, checkpoints: store.checkpoints };
};

describeSagaScenarios('PGlite', backend);
describeSagaTakeover(
  'PGlite with a PostgresLease',
  backend,
  () => new PostgresLease(pglite, { schema: `strata_test_leases_${randomBytes(4).toString('hex')}` }),
  { ttlMs: 2_000, renewMs: 100, slackMs: 2_000 },
);

describe('saga invariants under random failures and crashes (PGlite)', () => {
  it('hold on PGlite too', async () => {
    await fc.assert(sagaInvariants(backend), { numRuns: 15 });
  });
});
