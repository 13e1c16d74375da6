/**
 * The one method the PostgreSQL-backed stores need: a `pg.Pool`, a `pg.Client` and a PGlite
 * instance all fit, so this package does not depend on a driver.
 */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/** A double-quoted identifier (schema or table name). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `create` once per instance, however many callers ask at the same time. */
export function once(create: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= create().catch((error: unknown) => {
      done = undefined;
      throw error;
    });
    return done;
  };
}
