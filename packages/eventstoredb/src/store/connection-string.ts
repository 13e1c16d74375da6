/**
 * The connection string the client understands. `@eventstore/db-client` 6 accepts `esdb://`
 * and `esdb+discover://` only; KurrentDB's `kurrentdb://` forms mean the same, so they are
 * rewritten to them.
 */
export function toClientConnectionString(url: string): string {
  return url.replace(/^kurrentdb(\+discover)?:\/\//i, (_match, discover: string | undefined) =>
    discover ? 'esdb+discover://' : 'esdb://',
  );
}

/** The schemes this package registers with `createEventStore`. */
export const EVENTSTOREDB_SCHEMES = ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:'] as const;
