import { PGlite } from '@electric-sql/pglite';
import { describeLeaseContract } from '@strata/testing';
import { afterAll, beforeAll } from 'vitest';
import { uniqueSchema } from '../test-support/databases.js';
import { PostgresLease } from './postgres-lease.js';

const pglite = new PGlite();
// Starting PGlite takes seconds (far more on a loaded machine): not inside the first test's timeout.
beforeAll(() => pglite.waitReady, 120_000);
afterAll(() => pglite.close());

describeLeaseContract(
  'PostgresLease (PGlite)',
  () => new PostgresLease(pglite, { schema: uniqueSchema('lease') }),
);
