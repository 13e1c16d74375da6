import { createHash } from 'node:crypto';
import { UnsupportedValueError } from '../errors/unsupported-value-error.js';

/** Quotes an SQL identifier, so any schema name is safe to put into DDL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal (standard_conforming_strings, the default since 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A 64-bit advisory lock key for one purpose in one schema (advisory keys are per database). */
export function lockKey(schema: string, purpose: 'append' | 'migrate'): bigint {
  const digest = createHash('sha256').update(`strata:${purpose}:${schema}`).digest();
  return digest.readBigInt64BE(0);
}

/** The NOTIFY channel of a schema: an identifier under PostgreSQL's 63-byte limit. */
export function channelOf(schema: string): string {
  return `strata_${createHash('sha256').update(schema).digest('hex').slice(0, 24)}`;
}

/** The names one schema's SQL is written with. */
export interface SchemaNames {
  readonly schema: string;
  /** `"schema".` ready to prefix a table name. */
  readonly q: string;
  readonly channel: string;
  /** The position sequence's name as a string literal, for `nextval`. */
  readonly sequence: string;
  readonly appendLock: bigint;
  readonly migrateLock: bigint;
}

export function schemaNames(schema: string): SchemaNames {
  // `$fn$` quotes the append function's body, so the name may not contain it.
  if (
    schema.length === 0 ||
    schema.includes('\u0000') ||
    schema.includes('$fn$') ||
    Buffer.byteLength(schema) > 63
  ) {
    throw new UnsupportedValueError(
      'schema name',
      schema,
      'a schema name is 1 to 63 bytes, without NUL or "$fn$"',
    );
  }
  return {
    schema,
    q: `${quoteIdent(schema)}.`,
    channel: channelOf(schema),
    sequence: quoteLiteral(`${quoteIdent(schema)}.events_position_seq`),
    appendLock: lockKey(schema, 'append'),
    migrateLock: lockKey(schema, 'migrate'),
  };
}
