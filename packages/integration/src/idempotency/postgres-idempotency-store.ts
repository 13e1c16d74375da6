import { once, quoteIdent, type SqlClient } from '../sql/sql-client.js';
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/**
 * Keys as rows of `<schema>.strata_idempotency_keys`, expiry by the database's clock. A claim
 * is one atomic upsert, so two consumers racing on one key cannot both win.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  readonly #sql: SqlClient;
  readonly #table: string;
  readonly #ready: () => Promise<void>;

  constructor(sql: SqlClient, options: { readonly schema?: string } = {}) {
    this.#sql = sql;
    const schema = quoteIdent(options.schema ?? 'strata');
    this.#table = `${schema}.strata_idempotency_keys`;
    this.#ready = once(async () => {
      await sql.query(`create schema if not exists ${schema}`);
      await sql.query(
        `create table if not exists ${this.#table} (key text primary key, state text not null, expires_at timestamptz not null)`,
      );
    });
  }

  async claim(key: string, lockMs: number): Promise<ClaimResult> {
    await this.#ready();
    const claimed = await this.#sql.query(
      `insert into ${this.#table} as k (key, state, expires_at)
       values ($1, 'processing', now() + $2 * interval '1 millisecond')
       on conflict (key) do update set state = 'processing', expires_at = excluded.expires_at
       where k.expires_at < now()
       returning key`,
      [key, lockMs],
    );
    if (claimed.rows.length === 1) return 'claimed';
    const { rows } = await this.#sql.query(`select state from ${this.#table} where key = $1`, [key]);
    const state = (rows[0] as { state?: string } | undefined)?.state;
    // Gone between the two statements (released or purged): the next attempt claims it.
    return state === 'done' ? 'done' : 'busy';
  }

  async complete(key: string, ttlMs: number): Promise<void> {
    await this.#ready();
    await this.#sql.query(
      `update ${this.#table} set state = 'done', expires_at = now() + $2 * interval '1 millisecond' where key = $1`,
      [key, ttlMs],
    );
  }

  async release(key: string): Promise<void> {
    await this.#ready();
    await this.#sql.query(`delete from ${this.#table} where key = $1 and state = 'processing'`, [key]);
  }

  /** Deletes expired keys; returns how many. Run it now and then (expired keys are reclaimed anyway). */
  async purgeExpired(): Promise<number> {
    await this.#ready();
    const { rows } = await this.#sql.query(
      `delete from ${this.#table} where expires_at < now() returning key`,
    );
    return rows.length;
  }
}
