/** One connection's worth of SQL: what a transaction and the store's statements need. */
export interface Queryable {
  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Rows as arrays of their column values, in the select list's order. Event reads use it:
   * the drivers build no object per row, and the row objects' shapes, which a full garbage
   * collection can discard with the code optimised for them, never exist.
   */
  queryArrays(text: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A live LISTEN; `close` stops it. */
export interface Listener {
  close(): Promise<void>;
}

/**
 * What the store needs from `pg` or PGlite. Errors come out as the driver threw them; the
 * store wraps them, so this layer stays thin.
 */
export interface Driver extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `work` in one transaction on one connection: commit on return, rollback on throw. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs one statement on a connection whose backend pid is known, so that after a lost
   * connection the store can make sure that backend is gone before it looks for the write.
   */
  queryTracked<R extends object>(
    text: string,
    params: readonly unknown[],
  ): Promise<{ rows: R[] } | { lost: true; pid: number | undefined; cause: unknown }>;
  /**
   * LISTENs on `channel`; `onNotify` runs for each notification, and also after the listener
   * reconnected (notifications may have been missed meanwhile).
   */
  listen(channel: string, onNotify: () => void): Promise<Listener>;
  close(): Promise<void>;
}
