import { describeLeaseContract } from '@strata/testing';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { PostgresLease } from './postgres-lease.js';

const pool = serverPool();
const schema = uniqueSchema('lease');

describeLeaseContract('PostgresLease (server)', () => new PostgresLease(pool, { schema }), {
  cleanup: async () => {
    await dropSchema(pool, schema);
    await pool.end();
  },
});
