import type { Lease } from '@strata/core';

/**
 * The one method `PostgresLease` needs: a `pg.Pool`, a `pg.Client` and a PGlite instance all
 * fit, so leases can live in any database, the event store's or another.
 */
export interface LeaseSqlClient {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

export interface PostgresLeaseOptions {
  /** The schema of the `strata_leases` table, created on first use. Default `strata`. */
  readonly schema?: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Leases as rows of `<schema>.strata_leases`, timed by the database's clock, so instances on
 * different machines agree on expiry whatever their own clocks say.
 */
export class PostgresLease implements Lease {
  readonly #sql: LeaseSqlClient;
  readonly #schema: string;
  readonly #table: string;
  #ready: Promise<void> | undefined;

  constructor(sql: LeaseSqlClient, options: PostgresLeaseOptions = {}) {
    this.#sql = sql;
    this.#schema = quote(options.schema ?? 'strata');
    this.#table = `${this.#schema}.strata_leases`;
  }

  /** Creates the table once per instance, however many callers ask at the same time. */
  #ensureTable(): Promise<void> {
    this.#ready ??= (async () => {
      await this.#sql.query(`create schema if not exists ${this.#schema}`);
      await this.#sql.query(
        `create table if not exists ${this.#table} (name text primary key, owner text not null, expires_at timestamptz not null)`,
      );
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    await this.#ensureTable();
    const { rows } = await this.#sql.query(
      `insert into ${this.#table} as l (name, owner, expires_at)
       values ($1, $2, now() + $3::double precision * interval '1 millisecond')
       on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
       where l.owner = excluded.owner or l.expires_at <= now()
       returning owner`,
      [name, owner, ttlMs],
    );
    return rows.length === 1;
  }

  async renew(name: string, owner: string, ttlMs: number): Promise<boolean> {
    await this.#ensureTable();
    const { rows } = await this.#sql.query(
      `update ${this.#table} set expires_at = now() + $3::double precision * interval '1 millisecond'
       where name = $1 and owner = $2 and expires_at > now()
       returning owner`,
      [name, owner, ttlMs],
    );
    return rows.length === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.#ensureTable();
    await this.#sql.query(`delete from ${this.#table} where name = $1 and owner = $2`, [name, owner]);
  }
}
