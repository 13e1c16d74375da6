import { StrataError } from '@strata/core';

/** Undefined schema, table or function: usually a store with `autoMigrate: false` not migrated yet. */
const MISSING_OBJECT = new Set(['3F000', '42P01', '42883']);
const NOT_MIGRATED_HINT = '. Is the schema migrated? Call migrate() or leave autoMigrate on';

/**
 * A PostgreSQL (or PGlite) failure under a store operation: the driver's error is the
 * `cause`, its SQLSTATE is `sqlState`, and nothing the operation meant to write was kept.
 */
export class PostgresStoreError extends StrataError {
  /** What the store was doing: `'append'`, `'read all'`, `'migrate'`, … */
  readonly operation: string;
  /** The server's SQLSTATE (`'57P01'`, `'08006'`, …) when the driver gave one. */
  readonly sqlState: string | undefined;

  constructor(operation: string, cause: unknown, code = 'POSTGRES_STORE') {
    const sqlState = sqlStateOf(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint = sqlState !== undefined && MISSING_OBJECT.has(sqlState) ? NOT_MIGRATED_HINT : '';
    super(
      code,
      `PostgreSQL store could not ${operation}: ${reason}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}${hint}`,
      {
        cause,
      },
    );
    this.operation = operation;
    this.sqlState = sqlState;
  }
}

/** The SQLSTATE of a `pg` or PGlite error, if it has one. */
export function sqlStateOf(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  // Node's socket errors also have a `code` (EPIPE): SQLSTATEs are five characters, not errnos.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^E[A-Z]+$/.test(code) ? code : undefined;
}
