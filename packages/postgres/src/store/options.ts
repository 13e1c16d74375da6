import type { PGlite } from '@electric-sql/pglite';
import type { Clock, EventSet, IdGenerator } from '@strata/core';
import type pg from 'pg';
import { UnsupportedValueError } from '../errors/unsupported-value-error.js';

/** Options of a PostgreSQL or PGlite store. Give one of `url`, `pool` or `pglite`. */
export interface PostgresEventStoreOptions {
  /** `postgres://…`/`postgresql://…` (a new `pg` pool), `pglite:` (in memory) or `pglite:./dir`. */
  readonly url?: string;
  /** An existing `pg` pool: the store uses it and leaves it open on `close()`. */
  readonly pool?: pg.Pool;
  /** An existing PGlite instance: the store uses it and leaves it open on `close()`. */
  readonly pglite?: PGlite;
  /** Connections in the pool the store creates from `url` (pg's default is 10). */
  readonly poolSize?: number;
  /** The PostgreSQL schema holding the store's tables. Default `'strata'`. */
  readonly schema?: string;
  /** Apply missing migrations on first use (default true); otherwise call `migrate()`. */
  readonly autoMigrate?: boolean;
  /** Validate appends against these definitions (unknown types are rejected). */
  readonly events?: EventSet | readonly EventSet[];
  /** Limit on one event's JSON data plus metadata. Default 1 MiB. */
  readonly maxEventBytes?: number;
  /**
   * Rows per query when reading and subscribing. Default 500. A stream read starts with a
   * page of this size and doubles it after each full page, up to 16 times this size.
   */
  readonly pageSize?: number;
  /**
   * How long a live subscription waits for a NOTIFY before it looks anyway, as a safety net
   * (a notification lost with a dropped listener connection). Default 5000 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * Send event reads and appends as named, prepared statements, parsed and planned once per
   * connection (default true; `pg` only, PGlite has one connection and no use for them).
   * Turn off behind a connection pooler that cannot keep them, such as PgBouncer in
   * transaction mode before 1.21 or without `max_prepared_statements`.
   */
  readonly preparedStatements?: boolean;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/** Reads the adapter's keys from `createEventStore`'s loosely typed options. */
export function fromCreateOptions(
  url: string,
  options: Readonly<Record<string, unknown>>,
): PostgresEventStoreOptions {
  const pick = <T>(key: string, check: (value: unknown) => boolean): { [k: string]: T } => {
    const value = options[key];
    if (value === undefined) return {};
    if (!check(value))
      throw new UnsupportedValueError(
        'option',
        key,
        `createEventStore('${url}') got a ${typeof value} of the wrong kind`,
      );
    return { [key]: value as T };
  };
  const isObject = (value: unknown) => value !== null && typeof value === 'object';
  const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
  return {
    url,
    ...pick('pool', isObject),
    ...pick('pglite', isObject),
    ...pick('poolSize', isPositiveInteger),
    ...pick('schema', (value) => typeof value === 'string'),
    ...pick('autoMigrate', (value) => typeof value === 'boolean'),
    ...pick('events', isObject),
    ...pick('maxEventBytes', isPositiveInteger),
    ...pick('pageSize', isPositiveInteger),
    ...pick('pollIntervalMs', isPositiveInteger),
    ...pick('preparedStatements', (value) => typeof value === 'boolean'),
    ...pick('clock', isObject),
    ...pick('ids', isObject),
  };
}
