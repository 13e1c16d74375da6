import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PostgresEventStore } from '@strata/postgres';
import pg from 'pg';

/** The machine's server; `STRATA_POSTGRES_URL` overrides it. */
export const SERVER_URL = process.env.STRATA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Connections of the server pool: one per concurrent writer of the 16-writer case. */
export const POOL_SIZE = 16;

/**
 * Where a case's store lives: the machine's PostgreSQL server (one `pg` pool for the suite)
 * or PGlite in memory (one instance for the suite, as PGlite takes seconds to start). Every
 * store gets a fresh schema, dropped when the case is done with it.
 */
export interface Backend {
  readonly name: 'server' | 'PGlite';
  /** A store on a new, migrated schema. */
  open(): Promise<{ store: PostgresEventStore; dispose: () => Promise<void> }>;
  /** One query outside any store: for checks of what landed. */
  query<R extends object>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

function freshSchema(): string {
  return `strata_bench_${randomBytes(4).toString('hex')}`;
}

function make(
  name: Backend['name'],
  storeOn: (schema: string) => PostgresEventStore,
  query: Backend['query'],
  close: () => Promise<void>,
): Backend {
  return {
    name,
    query,
    close,
    async open() {
      const schema = freshSchema();
      const store = storeOn(schema);
      await store.migrate();
      return {
        store,
        dispose: async () => {
          await store.close();
          await query(`drop schema if exists "${schema}" cascade`);
        },
      };
    },
  };
}

export async function serverBackend(): Promise<Backend> {
  const pool = new pg.Pool({ connectionString: SERVER_URL, max: POOL_SIZE });
  // Warm every connection up, untimed, so no sample pays for connecting.
  const clients = await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.connect()));
  for (const client of clients) client.release();
  return make(
    'server',
    (schema) => new PostgresEventStore({ pool, schema }),
    async <R extends object>(text: string, params?: unknown[]) => (await pool.query<R>(text, params)).rows,
    () => pool.end(),
  );
}

export async function pgliteBackend(): Promise<Backend> {
  const pglite = await PGlite.create();
  return make(
    'PGlite',
    (schema) => new PostgresEventStore({ pglite, schema }),
    async <R extends object>(text: string, params?: unknown[]) => (await pglite.query<R>(text, params)).rows,
    () => pglite.close(),
  );
}

/** Rows, distinct positions and streams a store's schema holds: what every append case checks. */
export async function countStored(
  backend: Backend,
  schema: string,
): Promise<{ events: number; positions: number; streams: number }> {
  const [row] = await backend.query<{ events: number; positions: number; streams: number }>(
    `select count(*)::int as events, count(distinct position)::int as positions,
            count(distinct stream_id)::int as streams from "${schema}".events`,
  );
  if (!row) throw new Error(`no count from ${schema}`);
  return row;
}
