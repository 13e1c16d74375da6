import { once, quoteIdent, type SqlClient } from '../sql/sql-client.js';
import type { Lease } from './lease.js';

/**
 * Leases as rows of `<schema>.strata_leases`, timed by the database's clock, so instances
 * on different machines agree on expiry whatever their own clocks say.
 */
export class PostgresLease implements Lease {
  readonly #sql: SqlClient;
  readonly #table: string;
  readonly #ready: () => Promise<void>;

  constructor(sql: SqlClient, options: { readonly schema?: string } = {}) {
    this.#sql = sql;
    const schema = quoteIdent(options.schema ?? 'strata');
    this.#table = `${schema}.strata_leases`;
    this.#ready = once(async () => {
      await sql.query(`create schema if not exists ${schema}`);
      await sql.query(
        `create table if not exists ${this.#table} (name text primary key, owner text not null, expires_at timestamptz not null)`,
      );
    });
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    await this.#ready();
    const { rows } = await this.#sql.query(
      `insert into ${this.#table} as l (name, owner, expires_at)
       values ($1, $2, now() + $3 * interval '1 millisecond')
       on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
       where l.owner = excluded.owner or l.expires_at < now()
       returning owner`,
      [name, owner, ttlMs],
    );
    return rows.length === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.#ready();
    await this.#sql.query(`delete from ${this.#table} where name = $1 and owner = $2`, [name, owner]);
  }
}
