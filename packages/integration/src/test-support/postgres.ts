import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The CI server (`.ci/services.sh` starts it). Tests that need it fail when it is missing. */
export const SERVER_URL = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema no other test file or run uses. */
export function uniqueSchema(label: string): string {
  return `strata_it_${label}_${randomBytes(4).toString('hex')}`;
}

export function serverPool(max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: SERVER_URL, max });
  pool.on('error', () => undefined);
  return pool;
}

export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`drop schema if exists "${schema.replaceAll('"', '""')}" cascade`);
}
