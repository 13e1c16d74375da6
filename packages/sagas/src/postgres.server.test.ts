import { PostgresEventStore } from '@strata/postgres';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { sagaInvariants } from './test-support/invariants.js';
import type { MakeBackend } from './test-support/harness.js';
import { describeSagaScenarios } from './test-support/scenarios.js';

// The CI server (`.ci/services.sh` starts it). The file fails, never skips, when it is missing.
const SERVER_URL = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pool = new pg.Pool({ connectionString: SERVER_URL, max: 10 });
pool.on('error', () => undefined);
const schemas: string[] = [];
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const schema of schemas) await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.end();
});

const backend: MakeBackend = (clock) => {
  const schema = `strata_test_sagas_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  const store = new PostgresEventStore({ pool, schema, clock, pollIntervalMs: 50 });
  stores.push(store);
  return { store, checkpoints: store.checkpoints };
};

describeSagaScenarios('the PostgreSQL server', backend);

describe('saga invariants under random failures and crashes (PostgreSQL server)', () => {
  it('hold on the server too', async () => {
    await fc.assert(sagaInvariants(backend), { numRuns: 15 });
  });
});
