import { StrataError } from '@strata/core';
import type { Queryable } from '../driver/driver.js';
import { PostgresStoreError } from '../errors/postgres-store-error.js';
import type { SchemaNames } from '../schema/schema-names.js';

/**
 * Where the checkpoint and snapshot stores run their SQL: on the store (ready first, any
 * connection) or inside a unit of work (its transaction). Driver errors come out wrapped.
 */
export interface SqlRunner {
  readonly names: SchemaNames;
  run<T>(operation: string, work: (db: Queryable) => Promise<T>): Promise<T>;
}

/** Lets Strata's own errors through and wraps everything else with the operation's name. */
export function wrapError(operation: string, error: unknown): unknown {
  return error instanceof StrataError ? error : new PostgresStoreError(operation, error);
}
