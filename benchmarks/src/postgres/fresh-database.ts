import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SERVER_URL } from './backend.js';

/** A database created for one case on the machine's server, dropped when the case is done. */
export interface FreshDatabase {
  readonly name: string;
  /** The server's URL with this database in its path. */
  readonly url: string;
  /** Drops the database, ending any connection still on it. */
  drop(): Promise<void>;
}

/**
 * `create database strata_bench_<random>` through a short-lived connection to the server's
 * own database (issue 12: every PostgreSQL case on a freshly created database, so no case
 * reads another's tables, statistics or bloat).
 */
export async function createFreshDatabase(serverUrl: string = SERVER_URL): Promise<FreshDatabase> {
  const name = `strata_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// pg's type parsers are global to the `pg` module, and Emmett's driver (dumbo) replaces them
// for bigint and json/jsonb when it makes its first pool (BigInt and its own JSON reviver).
// Strata's pools keep the parsers it runs with in a process without Emmett, read here before
// any Emmett pool exists, so neither framework measures with the other's parsing.
const PARSED_BY_EMMETT = [20, 114, 3802] as const;
type TextParser = (value: string) => unknown;
const defaultParsers = new Map<number, TextParser>(
  PARSED_BY_EMMETT.map((oid) => [oid, pg.types.getTypeParser(oid, 'text') as TextParser]),
);

/** pg's `types` option that gives a pool pg's default parsers whatever Emmett did globally. */
export const DEFAULT_PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
    const parser = (format ?? 'text') === 'text' ? defaultParsers.get(oid) : undefined;
    return parser ?? (pg.types.getTypeParser(oid, format ?? 'text') as unknown);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool of `size` connections on `url`, every one opened before it is returned (untimed). */
export async function warmPool(url: string, size: number, types?: pg.CustomTypesConfig): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: size, ...(types ? { types } : {}) });
  pool.on('error', () => undefined);
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  for (const client of clients) client.release();
  return pool;
}
