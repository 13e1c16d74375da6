import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The same conventions as @strata/postgres's tests: the CI server, a unique schema per file.
export const SERVER_URL = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueSchema(label: string): string {
  return `strata_test_${label}_${randomBytes(4).toString('hex')}`;
}

/** A pool on the test server (tests that need it fail when it is missing). */
export function serverPool(max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: SERVER_URL, max });
  pool.on('error', () => undefined);
  return pool;
}

export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`drop schema if exists "${schema.replaceAll('"', '""')}" cascade`);
}
